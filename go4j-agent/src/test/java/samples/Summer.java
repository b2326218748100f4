package samples;

/** An interface with an abstract method (no code) and a default method with a loop. */
public interface Summer {
    int size();

    /** 1 back-edge, runs size() times. */
    default int sum() {
        int s = 0;
        for (int i = 0; i < size(); i++) s += i;
        return s;
    }
}
