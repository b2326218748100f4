/**
 * Go's {@code time} toolbox for goroutines: {@link go4j.time.Time#sleep}, timers and tickers
 * whose channels follow Go 1.23 (no stale value after stop or reset), and
 * {@link go4j.time.Time#afterFunc}. Every pending timer lives in one 4-ary heap driven by the
 * daemon platform thread "go4j-timers", which parks until the next deadline.
 */
package go4j.time;
