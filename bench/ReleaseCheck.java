import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Checks what a release install put into a local repository against what a Maven Central upload
 * requires: for each published jar module the jar, -sources.jar and -javadoc.jar; for every
 * published POM (with what it inherits) name, description, url, a license, a developer and scm;
 * no SNAPSHOT plugin; and the agent's POM not asking for the ASM it shades.
 * Run by bench/release-check: {@code java bench/ReleaseCheck.java <local repo> <version>}.
 */
public class ReleaseCheck {
    static int passed, failed;

    static void check(String what, boolean ok) {
        if (ok) passed++;
        else failed++;
        System.out.println((ok ? "ok   " : "FAIL ") + what);
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(args[0]).resolve("io/go4j");
        String version = args[1];
        for (String jarModule : List.of("go4j-core", "go4j-junit", "go4j-agent")) {
            Path dir = repo.resolve(jarModule).resolve(version);
            for (String classifier : List.of("", "-sources", "-javadoc")) {
                Path jar = dir.resolve(jarModule + "-" + version + classifier + ".jar");
                check(jar.getFileName() + " exists", Files.size(jar) > 0);
            }
            try (ZipFile javadoc = new ZipFile(dir.resolve(jarModule + "-" + version + "-javadoc.jar").toFile())) {
                check(jarModule + " javadoc has index.html", javadoc.getEntry("index.html") != null);
            }
        }
        for (String module : List.of("go4j-parent", "go4j-bom", "go4j-core", "go4j-junit", "go4j-agent")) {
            List<Document> chain = pomChain(repo, module, version);
            for (String field : List.of("name", "description", "url")) {
                check(module + " has <" + field + ">", !first(chain, field).isBlank());
            }
            check(module + " has a license", !first(chain, "licenses/license/name").isBlank()
                    && !first(chain, "licenses/license/url").isBlank());
            check(module + " has a developer", !first(chain, "developers/developer/name").isBlank());
            check(module + " has scm", !first(chain, "scm/url").isBlank() && !first(chain, "scm/connection").isBlank());
            List<String> snapshots = new ArrayList<>();
            for (Document d : chain) {
                var plugins = d.getElementsByTagName("plugin");
                for (int i = 0; i < plugins.getLength(); i++) {
                    String v = text((Element) plugins.item(i), "version");
                    if (v.contains("SNAPSHOT")) snapshots.add(text((Element) plugins.item(i), "artifactId") + ":" + v);
                }
            }
            check(module + " uses no SNAPSHOT plugin " + snapshots, snapshots.isEmpty());
        }
        Path agentSource = Path.of(args.length > 2 ? args[2] : "go4j-agent/pom.xml");
        check("(the check itself sees ASM in " + agentSource + ")", asksForAsm(parse(agentSource)));
        check("go4j-agent's installed POM does not ask for the ASM it shades", !asksForAsm(pom(repo, "go4j-agent", version)));
        System.out.println("release-check: " + passed + " passed, " + failed + " failed");
        System.exit(failed == 0 ? 0 : 1);
    }

    /** True when the project's own dependencies include org.ow2.asm:asm in compile or runtime scope. */
    static boolean asksForAsm(Document pom) {
        Element deps = child(pom.getDocumentElement(), "dependencies");
        if (deps == null) return false;
        for (Node n = deps.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (!(n instanceof Element dep)) continue;
            String scope = text(dep, "scope");
            if (text(dep, "groupId").equals("org.ow2.asm") && text(dep, "artifactId").equals("asm")
                    && (scope.isEmpty() || scope.equals("compile") || scope.equals("runtime"))) return true;
        }
        return false;
    }

    /** The module's installed POM, then its parents' (as far as they are go4j's). */
    static List<Document> pomChain(Path repo, String module, String version) throws Exception {
        List<Document> chain = new ArrayList<>();
        Document d = pom(repo, module, version);
        chain.add(d);
        while (true) {
            Element parent = child(d.getDocumentElement(), "parent");
            if (parent == null || !text(parent, "groupId").equals("io.go4j")) return chain;
            d = pom(repo, text(parent, "artifactId"), text(parent, "version"));
            chain.add(d);
        }
    }

    static Document pom(Path repo, String module, String version) throws Exception {
        Path file = repo.resolve(module).resolve(version).resolve(module + "-" + version + ".pom");
        if (!Files.exists(file)) throw new IOException("not installed: " + file);
        return parse(file);
    }

    static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    /** The first non-blank value of a slash path under the project element along the chain (inheritance). */
    static String first(List<Document> chain, String path) {
        for (Document d : chain) {
            Element e = d.getDocumentElement();
            for (String step : path.split("/")) {
                e = e == null ? null : child(e, step);
            }
            if (e != null && !e.getTextContent().isBlank()) return e.getTextContent().trim();
        }
        return "";
    }

    static Element child(Element parent, String name) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) return e;
        }
        return null;
    }

    static String text(Element parent, String name) {
        Element e = child(parent, name);
        return e == null ? "" : e.getTextContent().trim();
    }
}
