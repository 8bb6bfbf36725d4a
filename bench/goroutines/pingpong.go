// pingpong.go: what handing a value from one goroutine to another over an unbuffered channel
// costs in Go. The main goroutine sends i on ping and waits for it back on pong; an echo
// goroutine does the reverse. Each repetition makes N round trips; the figure is the time per
// one-way hand-off (the repetition's time / 2N), each of which blocks one side and wakes the
// other.
//
//	pingpong N [reps]   GOMAXPROCS comes from the environment
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"time"
)

func main() {
	n, reps := argInt(1, 1000000), argInt(2, 5)
	perHandoff := make([]float64, reps)
	for r := range perHandoff {
		ping, pong := make(chan int), make(chan int)
		go func() {
			for v := range ping {
				pong <- v
			}
		}()
		start := time.Now()
		for i := 0; i < n; i++ {
			ping <- i
			<-pong
		}
		perHandoff[r] = float64(time.Since(start).Nanoseconds()) / float64(2*n)
		close(ping)
	}
	first := perHandoff[0]
	sort.Float64s(perHandoff)
	fmt.Printf("RESULT bench=pingpong impl=go-chan N=%d procs=%d reps=%d unit=handoff first_ns=%.1f best_ns=%.1f median_ns=%.1f best_rt_per_s=%.0f\n",
		n, runtime.GOMAXPROCS(0), reps, first, perHandoff[0], perHandoff[reps/2], 1e9/(2*perHandoff[0]))
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
