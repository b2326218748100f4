package samples;

/**
 * The program the agent-launch test runs in a child JVM with the agent: it runs instrumented
 * loops and an excluded one, and reports whether the agent opened java.lang to the class path.
 */
public class ChildMain {
    public static void main(String[] args) {
        long spin = 0;
        for (int i = 0; i < 100_000; i++) spin += i & 7;
        System.out.println("forLoop " + Loops.forLoop(1000));
        System.out.println("excluded " + ExcludedSpin.spin(1000));
        System.out.println("spin " + spin);
        System.out.println("java.lang open to the class path: "
                + Object.class.getModule().isOpen("java.lang", ChildMain.class.getModule()));
    }
}
