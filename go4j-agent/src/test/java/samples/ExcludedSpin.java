package samples;

/** A loop the agent-launch test excludes by pattern. */
public class ExcludedSpin {
    public static long spin(int n) {
        long s = 0;
        for (int i = 0; i < n; i++) s += i;
        return s;
    }
}
