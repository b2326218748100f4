/** JMH benchmarks: go4j against JDK default virtual threads and platform threads. */
package go4j.bench;
