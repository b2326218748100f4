package go4j.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where go4j's own jars are, for the JVMs the CLI starts: found from where this code was loaded. */
final class Locations {
    private Locations() {}

    /** The class path entry of go4j-core (its jar next to the CLI's, or its classes in a build). */
    static String coreClassPath() {
        return of(go4j.Go.class).toString();
    }

    /**
     * The preemption agent's jar: {@code -Dgo4j.agent} if set, else {@code go4j-agent/target/go4j-agent.jar}
     * of the checkout this CLI was built in; null when there is none (the program runs without it).
     */
    static Path agentJar() {
        String set = System.getProperty("go4j.agent");
        if (set != null) return Path.of(set);
        Path cli = of(Locations.class); // .../go4j-cli/target/go4j-cli.jar or .../go4j-cli/target/classes
        Path root = cli.getParent() == null ? null : cli.getParent().getParent();
        if (root == null || root.getParent() == null) return null;
        Path agent = root.getParent().resolve("go4j-agent/target/go4j-agent.jar");
        return Files.isRegularFile(agent) ? agent : null;
    }

    private static Path of(Class<?> c) {
        try {
            return Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
