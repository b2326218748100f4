// Command blocking is the Go twin of the "Blocking I/O" and "Blocking CPU" rows of `./go4j table`:
// with GOMAXPROCS 1, a ticker goroutine sleeps 10 ms in a loop and records the largest gap
// between its wake-ups while (io) another goroutine sits in a 500 ms blocking syscall
// (nanosleep), or (cpu) two goroutines run CPU-bound loops for 500 ms. Go hands the P of a
// goroutine in a syscall to another thread, and preempts a long-running goroutine after 10 ms,
// so the gap stays near the tick. Prints one line per case: `blockingIoGapMs <ms>`,
// `blockingCpuGapMs <ms>` (the median of -rounds rounds). Run: go run ./blocking
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sort"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

const tick = 10 * time.Millisecond

var sink uint64

func main() {
	blockMs := flag.Int("ms", 500, "how long the blocking call or CPU loop lasts")
	rounds := flag.Int("rounds", 3, "rounds; the median is printed")
	flag.Parse()
	runtime.GOMAXPROCS(1)
	block := time.Duration(*blockMs) * time.Millisecond

	io := func() {
		ts := syscall.NsecToTimespec(block.Nanoseconds())
		for syscall.Nanosleep(&ts, &ts) == syscall.EINTR {
		}
	}
	cpu := func() {
		x := uint64(0x9E3779B97F4A7C15)
		end := time.Now().Add(block)
		for time.Now().Before(end) {
			for i := 0; i < 10_000; i++ {
				x ^= x << 13
				x ^= x >> 7
				x ^= x << 17
			}
		}
		atomic.AddUint64(&sink, x)
	}
	fmt.Printf("blockingIoGapMs %.1f\n", median(*rounds, func() float64 { return largestGap(io) }))
	fmt.Printf("blockingCpuGapMs %.1f\n", median(*rounds, func() float64 { return largestGap(cpu, cpu) }))
	fmt.Printf("(GOMAXPROCS %d, %s, ticker every %v, block %v)\n", runtime.GOMAXPROCS(0), runtime.Version(), tick, block)
}

// largestGap runs the ticker alone for a few ticks, then beside the blockers until they end, and
// returns the largest interval in ms between two of its wake-ups.
func largestGap(blockers ...func()) float64 {
	var stop atomic.Bool
	var largest time.Duration
	tickerDone := make(chan struct{})
	started := make(chan struct{})
	go func() {
		last := time.Now()
		for i := 0; !stop.Load(); i++ {
			time.Sleep(tick)
			now := time.Now()
			if gap := now.Sub(last); gap > largest {
				largest = gap
			}
			last = now
			if i == 3 {
				close(started)
			}
		}
		close(tickerDone)
	}()
	<-started
	var wg sync.WaitGroup
	for _, b := range blockers {
		wg.Add(1)
		go func(b func()) {
			defer wg.Done()
			b()
		}(b)
	}
	wg.Wait()
	stop.Store(true)
	<-tickerDone
	return float64(largest) / float64(time.Millisecond)
}

func median(rounds int, f func() float64) float64 {
	xs := make([]float64, rounds)
	for i := range xs {
		xs[i] = f()
	}
	sort.Float64s(xs)
	if rounds%2 == 1 {
		return xs[rounds/2]
	}
	return (xs[rounds/2-1] + xs[rounds/2]) / 2
}
