package go4j.runtime;

import java.util.HashMap;
import java.util.Map;

/**
 * Why a goroutine waits, in Go's words ({@code runtime2.go}'s waitReason strings): what a dump
 * prints between the brackets ({@code goroutine 7 [chan receive, 3 minutes]}), and the noun a
 * leak report uses for what it waited on ("on a channel made at ...").
 */
public enum WaitReason {
    CHAN_RECEIVE("chan receive", "a channel", true),
    CHAN_SEND("chan send", "a channel", true),
    CHAN_RECEIVE_NIL("chan receive (nil chan)", null),
    CHAN_SEND_NIL("chan send (nil chan)", null),
    SELECT("select", "channels", true),
    SELECT_NO_CASES("select (no cases)", null),
    MUTEX_LOCK("sync.Mutex.Lock", "a Mutex"),
    RWMUTEX_RLOCK("sync.RWMutex.RLock", "an RWMutex"),
    RWMUTEX_LOCK("sync.RWMutex.Lock", "an RWMutex"),
    WAITGROUP_WAIT("sync.WaitGroup.Wait", "a WaitGroup", true),
    COND_WAIT("sync.Cond.Wait", "a Cond"),
    SEMACQUIRE("semacquire", "a Semaphore"),
    SLEEP("sleep", null),
    /** A platform thread (main) waiting in {@code Go.run}: not Go's, but what its deadlock check needs to know. */
    GO_RUN("Go.run", null),
    SYNCTEST_RUN("synctest.Run", null),
    SYNCTEST_WAIT("synctest.Wait", null);

    /** Go's words for the wait. */
    public final String words;
    /** The same wait when durable in a synctest bubble: Go appends " (durable)" to the channel and WaitGroup waits. */
    public final String durableWords;
    /** What the goroutine waits on, for leak reports ("a channel"); null when it waits on no primitive. */
    public final String noun;

    WaitReason(String words, String noun) {
        this(words, noun, false);
    }

    /** {@code marked}: Go prints the wait with " (durable)" when it is durable in a bubble. */
    WaitReason(String words, String noun, boolean marked) {
        this.words = words;
        // Not +: Go.run's wait loads this class right after the first go statement, where + would
        // bootstrap StringConcatFactory (~5 ms of a fresh JVM's CPU).
        this.durableWords = marked ? words.concat(" (durable)") : words;
        this.noun = noun;
    }

    /** The words for this wait, durable or not. */
    public String words(boolean durable) {
        return durable ? durableWords : words;
    }

    private static final Map<String, WaitReason> BY_WORDS = new HashMap<>();
    static {
        for (WaitReason r : values()) {
            BY_WORDS.put(r.words, r);
            BY_WORDS.put(r.durableWords, r);
        }
    }

    /** The reason printed as {@code words} (plain or durable), or null for words of no go4j wait. */
    public static WaitReason ofWords(String words) {
        return words == null ? null : BY_WORDS.get(words);
    }

    @Override
    public String toString() {
        return words;
    }
}
