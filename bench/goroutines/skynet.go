// skynet.go: a tree of goroutines in Go. The root goroutine starts 10 children, each of which
// starts 10 more, down to N leaves; a leaf sends its own number up its parent's channel, and
// every inner goroutine sends up the sum of what its children sent. Each repetition builds and
// sums one whole tree (N leaves, N/9 more inner goroutines); the figure is its wall time.
//
//	skynet N [reps]     N a power of 10; GOMAXPROCS comes from the environment
package main

import (
	"fmt"
	"os"
	"runtime"
	"sort"
	"strconv"
	"time"
)

const fanout = 10

// skynet sends on up the sum of the leaf numbers first .. first+size-1.
func skynet(up chan<- int, first, size int) {
	if size == 1 {
		up <- first
		return
	}
	children := make(chan int, fanout)
	step := size / fanout
	for i := 0; i < fanout; i++ {
		go skynet(children, first+i*step, step)
	}
	sum := 0
	for i := 0; i < fanout; i++ {
		sum += <-children
	}
	up <- sum
}

func main() {
	n, reps := argInt(1, 1000000), argInt(2, 3)
	want := n * (n - 1) / 2
	perTree := make([]float64, reps)
	for r := range perTree {
		root := make(chan int)
		start := time.Now()
		go skynet(root, 0, n)
		sum := <-root
		perTree[r] = float64(time.Since(start).Nanoseconds()) / 1e6
		if sum != want {
			fmt.Fprintf(os.Stderr, "skynet: the tree summed to %d, not %d\n", sum, want)
			os.Exit(1)
		}
	}
	first := perTree[0]
	sort.Float64s(perTree)
	fmt.Printf("RESULT bench=skynet impl=go N=%d procs=%d reps=%d unit=tree first_ms=%.2f best_ms=%.2f median_ms=%.2f\n",
		n, runtime.GOMAXPROCS(0), reps, first, perTree[0], perTree[reps/2])
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
