/**
 * Go's {@code sync} toolbox for goroutines: {@link go4j.sync.WaitGroup}, {@link go4j.sync.Mutex},
 * {@link go4j.sync.RWMutex}, {@link go4j.sync.Once}, {@link go4j.sync.Cond}, and from
 * golang.org/x/sync the weighted {@link go4j.sync.Semaphore} and {@link go4j.sync.ErrGroup}.
 *
 * <h2>Parking</h2>
 * Every blocking wait parks with {@link java.util.concurrent.locks.LockSupport#park(Object)}: a
 * goroutine (a virtual thread) unmounts and frees its carrier; a platform thread blocks. Nothing
 * spins except Mutex's short bounded spin before parking, as in Go.
 *
 * <h2>Wait reasons</h2>
 * The blocker object a waiting thread parks with is a small waiter record whose
 * {@code toString()} is Go's wait reason: "sync.Mutex.Lock", "sync.RWMutex.RLock",
 * "sync.RWMutex.Lock", "sync.WaitGroup.Wait", "sync.Cond.Wait", "semacquire". Goroutine dumps read
 * it with {@code String.valueOf(LockSupport.getBlocker(thread))}. The waiter does not reference
 * the primitive: the primitive's queue references the waiter.
 *
 * <h2>Interrupts</h2>
 * No method throws {@link InterruptedException}. An interrupt does not end a wait: the goroutine
 * keeps waiting and its interrupt status is set when the wait returns.
 *
 * <h2>Panics</h2>
 * Go's panics for misuse are {@link java.lang.IllegalStateException}s with Go's messages
 * ("sync: unlock of unlocked mutex", "sync: negative WaitGroup counter", ...). Unlike Go, where
 * some are fatal, the primitive is left usable where that is cheap.
 */
package go4j.sync;
