// Package go4jbench holds the Go twins of go4j's JMH benchmarks (go4j-bench/src/main/java/go4j/bench).
// Each Benchmark<X> here measures what <X>Bench.go4j measures there, per the same unit:
//
//	BenchmarkSpawn    spawn-and-finish, ns per goroutine         (SpawnBench)
//	BenchmarkYield    runtime.Gosched with nothing else to run   (YieldBench)
//	BenchmarkPingPong unbuffered channel round trip              (PingPongBench)
//	BenchmarkSkynet   1,111,111 goroutines in a 10-ary tree      (SkynetBench), ns per tree
//
// The channel and select twins are in chan_test.go; the programs parkedmem (memory per goroutine
// parked in a receive) and blocking (ticker gap during a blocking syscall and CPU loops) are in
// their own directories.
//
// Run: go test -run '^$' -bench . -benchtime 1s
package go4jbench

import (
	"runtime"
	"sync"
	"testing"
)

// BenchmarkSpawn starts b.N goroutines that only signal they ran, and waits for all of them.
func BenchmarkSpawn(b *testing.B) {
	var wg sync.WaitGroup
	wg.Add(b.N)
	for i := 0; i < b.N; i++ {
		go wg.Done()
	}
	wg.Wait()
}

// BenchmarkYield yields b.N times with no other goroutine runnable.
func BenchmarkYield(b *testing.B) {
	for i := 0; i < b.N; i++ {
		runtime.Gosched()
	}
}

// BenchmarkPingPong sends a value to a partner goroutine and receives it back, b.N times,
// over unbuffered channels.
func BenchmarkPingPong(b *testing.B) {
	pingPong(b)
}

// pingPong: b.N round trips to a partner goroutine over two unbuffered channels.
func pingPong(b *testing.B) {
	there, back := make(chan int), make(chan int)
	go func() {
		for v := range there {
			back <- v
		}
	}()
	for i := 0; i < b.N; i++ {
		there <- i
		<-back
	}
	close(there)
}

const skynetLeaves = 1_000_000

// BenchmarkSkynet builds the whole tree b.N times; each leaf returns its number, each inner node
// the sum of its ten children.
func BenchmarkSkynet(b *testing.B) {
	const want = skynetLeaves * (skynetLeaves - 1) / 2
	for i := 0; i < b.N; i++ {
		c := make(chan int, 1)
		go skynet(c, 0, skynetLeaves)
		if got := <-c; got != want {
			b.Fatalf("skynet sum %d, want %d", got, want)
		}
	}
}

func skynet(c chan<- int, num, size int) {
	if size == 1 {
		c <- num
		return
	}
	child := size / 10
	rc := make(chan int, 10)
	for i := 0; i < 10; i++ {
		go skynet(rc, num+i*child, child)
	}
	sum := 0
	for i := 0; i < 10; i++ {
		sum += <-rc
	}
	c <- sum
}
