package go4jbench

// The Go twins of go4j's channel and select benchmarks (go4j-bench/src/main/java/go4j/bench/Chan*Bench,
// Select*Bench, PingPongHogBench, ChanPingPongBench): the workloads of Go's own
// src/runtime/chan_test.go and proc_test.go benchmarks, written again here under the same names
// so bench/compare can pair each with its JMH port. Units are Go's: per b.N iteration.

import (
	"runtime"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const callsPerSched = 1000

// BenchmarkChanSync: two goroutines trading on one unbuffered channel; per call (a receive and a
// send by one side). Batches of 1000 calls come from a shared counter; an even batch receives
// first, an odd one sends first.
func BenchmarkChanSync(b *testing.B) {
	batches := int32(b.N / callsPerSched / 2 * 2)
	myc := make(chan int)
	var wg sync.WaitGroup
	for p := 0; p < 2; p++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := atomic.AddInt32(&batches, -1)
				if i < 0 {
					return
				}
				for g := 0; g < callsPerSched; g++ {
					if i%2 == 0 {
						<-myc
						myc <- 0
					} else {
						myc <- 0
						<-myc
					}
				}
			}
		}()
	}
	wg.Wait()
}

// prodCons: GOMAXPROCS producers and as many consumers on a channel of capacity size; per value.
// Producers take batches of 1000 sends and end with a 0; a consumer stops at the first 0.
func prodCons(b *testing.B, size int) {
	procs := runtime.GOMAXPROCS(0)
	batches := int32(b.N / callsPerSched)
	myc := make(chan int, size)
	var wg sync.WaitGroup
	wg.Add(2 * procs)
	for p := 0; p < procs; p++ {
		go func() {
			defer wg.Done()
			for atomic.AddInt32(&batches, -1) >= 0 {
				for g := 0; g < callsPerSched; g++ {
					myc <- 1
				}
			}
			myc <- 0
		}()
		go func() {
			defer wg.Done()
			for <-myc != 0 {
			}
		}()
	}
	wg.Wait()
}

func BenchmarkChanProdCons0(b *testing.B)   { prodCons(b, 0) }
func BenchmarkChanProdCons10(b *testing.B)  { prodCons(b, 10) }
func BenchmarkChanProdCons100(b *testing.B) { prodCons(b, 100) }

// fillAndDrain sends 100 values into myc and receives them back, once per iteration.
func fillAndDrain(pb *testing.PB, myc chan int) {
	for pb.Next() {
		for i := 0; i < 100; i++ {
			myc <- 0
		}
		for i := 0; i < 100; i++ {
			<-myc
		}
	}
}

// BenchmarkChanUncontended: each worker fills and drains its own channel of capacity 100.
func BenchmarkChanUncontended(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) { fillAndDrain(pb, make(chan int, 100)) })
}

// BenchmarkChanContended: every worker fills and drains one shared channel of capacity 100 x GOMAXPROCS.
func BenchmarkChanContended(b *testing.B) {
	myc := make(chan int, 100*runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) { fillAndDrain(pb, myc) })
}

// BenchmarkSelectUncontended: each worker moves a token between its own two channels of capacity 1.
func BenchmarkSelectUncontended(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		myc1, myc2 := make(chan int, 1), make(chan int, 1)
		myc1 <- 0
		for pb.Next() {
			select {
			case <-myc1:
				myc2 <- 0
			case <-myc2:
				myc1 <- 0
			}
		}
	})
}

// BenchmarkSelectSyncContended: each worker has a partner offering sends on three shared
// unbuffered channels; workers receive with a three-case select.
func BenchmarkSelectSyncContended(b *testing.B) {
	myc1, myc2, myc3 := make(chan int), make(chan int), make(chan int)
	done := make(chan struct{})
	b.RunParallel(func(pb *testing.PB) {
		go func() {
			for {
				select {
				case myc1 <- 0:
				case myc2 <- 0:
				case myc3 <- 0:
				case <-done:
					return
				}
			}
		}()
		for pb.Next() {
			select {
			case <-myc1:
			case <-myc2:
			case <-myc3:
			}
		}
	})
	close(done)
}

var selectSink bool

// BenchmarkSelectProdCons: producers and consumers on a channel of capacity 128, every
// operation a three-case select (the channel, a timer that does not fire, a close that never
// comes), 100 steps of local work per value.
func BenchmarkSelectProdCons(b *testing.B) {
	procs := runtime.GOMAXPROCS(0)
	batches := int32(b.N / callsPerSched)
	myc := make(chan int, 128)
	myclose := make(chan bool)
	var wg sync.WaitGroup
	wg.Add(2 * procs)
	work := func(foo int) int {
		for i := 0; i < 100; i++ {
			foo *= 2
			foo /= 2
		}
		return foo
	}
	for p := 0; p < procs; p++ {
		go func() {
			defer wg.Done()
			foo := 0
			mytimer := time.After(time.Hour)
			for atomic.AddInt32(&batches, -1) >= 0 {
				for g := 0; g < callsPerSched; g++ {
					foo = work(foo)
					select {
					case myc <- 1:
					case <-mytimer:
					case <-myclose:
					}
				}
			}
			myc <- 0
			selectSink = foo == 42
		}()
		go func() {
			defer wg.Done()
			foo := 0
			mytimer := time.After(time.Hour)
			for {
				v := -1
				select {
				case v = <-myc:
				case <-mytimer:
				case <-myclose:
				}
				if v == 0 {
					break
				}
				foo = work(foo)
			}
			selectSink = foo == 42
		}()
	}
	wg.Wait()
}

// BenchmarkChanSem: a channel of capacity GOMAXPROCS as a semaphore; per acquire and release.
func BenchmarkChanSem(b *testing.B) {
	myc := make(chan struct{}, runtime.GOMAXPROCS(0))
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			myc <- struct{}{}
			<-myc
		}
	})
}

// BenchmarkChanCreation: make a channel of capacity 1, send, receive; per channel.
func BenchmarkChanCreation(b *testing.B) {
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			myc := make(chan int, 1)
			myc <- 0
			<-myc
		}
	})
}

// BenchmarkChanNonblocking: a non-blocking receive on an unbuffered channel nobody sends on.
func BenchmarkChanNonblocking(b *testing.B) {
	myc := make(chan int)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			select {
			case <-myc:
				b.Error("nobody sends")
			default:
			}
		}
	})
}

// BenchmarkChanPopular: 1000 goroutines select on a shared channel and their own; the driver
// sends on each one's channel in turn; per round of 1000 sends.
func BenchmarkChanPopular(b *testing.B) {
	const n = 1000
	c := make(chan bool)
	var a []chan bool
	var wg sync.WaitGroup
	wg.Add(n)
	for j := 0; j < n; j++ {
		d := make(chan bool)
		a = append(a, d)
		go func() {
			for i := 0; i < b.N; i++ {
				select {
				case <-c:
				case <-d:
				}
			}
			wg.Done()
		}()
	}
	for i := 0; i < b.N; i++ {
		for _, d := range a {
			d <- true
		}
	}
	wg.Wait()
}

// BenchmarkPingPongHog: with GOMAXPROCS 1, an unbuffered ping-pong next to a CPU hog; per exchange.
func BenchmarkPingPongHog(b *testing.B) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	stop, done := make(chan bool), make(chan bool)
	go func() {
		for {
			select {
			case <-stop:
				done <- true
				return
			default:
			}
		}
	}()
	ping, pong := make(chan bool), make(chan bool)
	go func() {
		for j := 0; j < b.N; j++ {
			pong <- <-ping
		}
		close(stop)
		done <- true
	}()
	go func() {
		for i := 0; i < b.N; i++ {
			ping <- <-pong
		}
		done <- true
	}()
	b.ResetTimer()
	ping <- true
	<-stop
	b.StopTimer()
	<-ping
	<-done
	<-done
	<-done
}

// BenchmarkChanPingPong: an unbuffered round trip (a send and a receive each way); the same
// workload as BenchmarkPingPong, under the name of go4j's channel twin.
func BenchmarkChanPingPong(b *testing.B) {
	pingPong(b)
}
