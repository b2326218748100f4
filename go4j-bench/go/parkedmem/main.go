// Command parkedmem parks N goroutines (default 1,000,000) in a receive on one unbuffered channel
// and prints what each costs: heap and goroutine stacks in use after a GC, before and after, over
// N (a goroutine's stack is not in Go's heap, so both count). Twin of go4j's
// go4j.bench.ParkedRecvMemory. Run: go run ./parkedmem [-n N]
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sync"
	"time"
)

func main() {
	n := flag.Int("n", 1_000_000, "goroutines to park")
	flag.Parse()
	var before, after runtime.MemStats
	ch := make(chan int)
	var arrived, ended sync.WaitGroup
	arrived.Add(*n)
	ended.Add(*n)
	runtime.GC()
	runtime.ReadMemStats(&before)
	for i := 0; i < *n; i++ {
		go func() {
			arrived.Done()
			<-ch
			ended.Done()
		}()
	}
	arrived.Wait()
	// Counted in is not yet parked: give the last ones time to reach the receive.
	time.Sleep(200 * time.Millisecond)
	runtime.GC()
	runtime.ReadMemStats(&after)
	heap := float64(after.HeapInuse) - float64(before.HeapInuse)
	stack := float64(after.StackInuse) - float64(before.StackInuse)
	fmt.Printf("parkedRecvBytesPerGoroutine %.0f\n", (heap+stack)/float64(*n))
	fmt.Printf("(%d goroutines parked in <-ch, GOMAXPROCS %d: heap %.0f + stack %.0f bytes each)\n",
		*n, runtime.GOMAXPROCS(0), heap/float64(*n), stack/float64(*n))
	close(ch)
	ended.Wait()
}
