/**
 * Go's {@code testing/synctest} for go4j: {@link go4j.synctest.Synctest#run} runs code in a
 * bubble with a fake clock that jumps to the next timer whenever every goroutine of the bubble is
 * durably blocked, and {@link go4j.synctest.Synctest#await} waits until they are. See
 * {@code docs/testing.md}.
 */
package go4j.synctest;
