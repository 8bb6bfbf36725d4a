// spawn.go: what starting a goroutine costs in Go. Each repetition starts N goroutines whose
// whole body is wg.Done(), and the main goroutine waits for the WaitGroup; the figure is the
// time of one repetition divided by N (start + run + exit, per goroutine).
//
//	spawn N [reps]      GOMAXPROCS comes from the environment
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"sync"
	"time"
)

func main() {
	n, reps := argInt(1, 100000), argInt(2, 5)
	perGoroutine := make([]float64, reps)
	for r := range perGoroutine {
		var wg sync.WaitGroup
		start := time.Now()
		wg.Add(n)
		for i := 0; i < n; i++ {
			go func() { wg.Done() }()
		}
		wg.Wait()
		perGoroutine[r] = float64(time.Since(start).Nanoseconds()) / float64(n)
	}
	first := perGoroutine[0]
	sort.Float64s(perGoroutine)
	fmt.Printf("RESULT bench=spawn impl=go N=%d procs=%d reps=%d unit=goroutine first_ns=%.1f best_ns=%.1f median_ns=%.1f\n",
		n, runtime.GOMAXPROCS(0), reps, first, perGoroutine[0], perGoroutine[reps/2])
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
