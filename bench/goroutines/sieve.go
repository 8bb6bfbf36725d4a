// sieve.go: Go's concurrent prime sieve. A generator goroutine sends 2, 3, 4, ... down an
// unbuffered channel; each prime found adds a filter goroutine to the end of the chain, which
// passes on only the numbers its prime does not divide. Finding the first N primes starts
// N+1 goroutines and makes on the order of N²/(2 ln N) channel hand-offs. When the Nth prime
// is found, closing quit ends the whole chain (every goroutine waits in a select on it).
// The figure is the wall time of one whole run.
//
//	sieve N [reps]      GOMAXPROCS comes from the environment
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"time"
)

// generate sends 2, 3, 4, ... on out until quit is closed.
func generate(out chan<- int, quit <-chan struct{}) {
	for i := 2; ; i++ {
		select {
		case out <- i:
		case <-quit:
			return
		}
	}
}

// filter passes on from in to out the numbers prime does not divide, until quit is closed.
func filter(in <-chan int, out chan<- int, prime int, quit <-chan struct{}) {
	for {
		var i int
		select {
		case i = <-in:
		case <-quit:
			return
		}
		if i%prime == 0 {
			continue
		}
		select {
		case out <- i:
		case <-quit:
			return
		}
	}
}

// nthPrime returns the nth prime, found by a chain of n filters.
func nthPrime(n int) int {
	quit := make(chan struct{})
	defer close(quit)
	ch := make(chan int)
	go generate(ch, quit)
	prime := 0
	for i := 0; i < n; i++ {
		prime = <-ch
		next := make(chan int)
		go filter(ch, next, prime, quit)
		ch = next
	}
	return prime
}

func main() {
	n, reps := argInt(1, 2000), argInt(2, 3)
	perRun := make([]float64, reps)
	last := 0
	for r := range perRun {
		start := time.Now()
		last = nthPrime(n)
		perRun[r] = float64(time.Since(start).Nanoseconds()) / 1e6
	}
	first := perRun[0]
	sort.Float64s(perRun)
	fmt.Printf("RESULT bench=sieve impl=go N=%d procs=%d reps=%d unit=run last_prime=%d first_ms=%.2f best_ms=%.2f median_ms=%.2f\n",
		n, runtime.GOMAXPROCS(0), reps, last, first, perRun[0], perRun[reps/2])
}

// argInt returns os.Args[i] as an int, or def when it is absent.
func argInt(i, def int) int {
	if len(os.Args) > i {
		if v, err := strconv.Atoi(os.Args[i]); err == nil {
			return v
		}
	}
	return def
}
