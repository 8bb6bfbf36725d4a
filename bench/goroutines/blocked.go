// blocked.go: the memory a goroutine holds while it is blocked, in Go. N goroutines each
// block receiving from one shared unbuffered channel; once every one has started (and a short
// pause lets the last ones reach the receive), the growth of the process's resident and
// virtual size (/proc/self/status) is divided by N. The Go runtime's own count of stack
// bytes in use is reported beside it. Then the channel is closed and all of them end. One
// goroutine goes through the same steps before the first reading (see below).
//
//	blocked N           GOMAXPROCS comes from the environment
package main

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
)

// statusKB returns the number of kB on the "key:" line of /proc/self/status, or -1.
func statusKB(key string) int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return -1
	}
	defer f.Close()
	lines := bufio.NewScanner(f)
	for lines.Scan() {
		if line := lines.Text(); strings.HasPrefix(line, key+":") {
			if words := strings.Fields(line[len(key)+1:]); len(words) > 0 {
				v, _ := strconv.ParseInt(words[0], 10, 64)
				return v
			}
		}
	}
	return -1
}

func main() {
	n := argInt(1, 100000)
	ch := make(chan int)
	var started, ended sync.WaitGroup

	// One goroutine through the same steps first (start, block, wake, end), as in
	// blocked.cpp, so that what a first goroutine costs once is not counted against all N.
	var warm sync.WaitGroup
	warm.Add(1)
	go func() {
		<-ch
		warm.Done()
	}()
	ch <- 0
	warm.Wait()

	runtime.GC()
	debug.FreeOSMemory()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rss0, vsz0 := statusKB("VmRSS"), statusKB("VmSize")

	started.Add(n)
	ended.Add(n)
	for i := 0; i < n; i++ {
		go func() {
			started.Done()
			<-ch
			ended.Done()
		}()
	}
	started.Wait()
	time.Sleep(50 * time.Millisecond)

	rss1, vsz1 := statusKB("VmRSS"), statusKB("VmSize")
	runtime.ReadMemStats(&after)
	fmt.Printf("RESULT bench=blocked impl=go N=%d procs=%d unit=goroutine rss_bytes_per=%.0f vsz_bytes_per=%.0f stackinuse_bytes_per=%.0f rss_before_kb=%d rss_after_kb=%d\n",
		n, runtime.GOMAXPROCS(0), float64(rss1-rss0)*1024/float64(n), float64(vsz1-vsz0)*1024/float64(n),
		float64(after.StackInuse-before.StackInuse)/float64(n), rss0, rss1)

	close(ch)
	ended.Wait()
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
