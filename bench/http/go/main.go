// Command main is the Go twin of examples/src/main/java/examples/HttpHello.java: net/http with
// the same two routes, for bench/http/run.
//
//	GET /           -> "hello\n"
//	GET /work?ms=N  -> waits N ms (like a handler waiting on a database), then "worked\n"
//
// Flags: -host (default 127.0.0.1), -port (default 8080), -duration seconds (0 = until killed).
package main

import (
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"runtime"
	"strconv"
	"time"
)

func main() {
	host := flag.String("host", "127.0.0.1", "address to listen on")
	port := flag.Int("port", 8080, "port to listen on")
	duration := flag.Int("duration", 0, "stop by itself after this many seconds (0: run until killed)")
	flag.Parse()

	mux := http.NewServeMux()
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/" {
			http.NotFound(w, r)
			return
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("hello\n"))
	})
	mux.HandleFunc("/work", func(w http.ResponseWriter, r *http.Request) {
		ms, err := strconv.Atoi(r.URL.Query().Get("ms"))
		if err == nil && ms > 0 {
			time.Sleep(time.Duration(ms) * time.Millisecond)
		}
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte("worked\n"))
	})

	ln, err := net.Listen("tcp", net.JoinHostPort(*host, strconv.Itoa(*port)))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	fmt.Printf("listening on %s (Go %s, GOMAXPROCS=%d)\n", ln.Addr(), runtime.Version(), runtime.GOMAXPROCS(0))
	if *duration > 0 {
		time.AfterFunc(time.Duration(*duration)*time.Second, func() {
			fmt.Printf("stopped after %d s\n", *duration)
			os.Exit(0)
		})
	}
	if err := http.Serve(ln, mux); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}
