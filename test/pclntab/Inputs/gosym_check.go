// gosym_check BINARY: reads BINARY's .gopclntab with Go's debug/gosym (as go tool objdump and
// pprof do) and checks its reverse lookups: for the entry of every function with a line
// (at most 200, evenly spread), LineToPC(file, line) must find a pc whose PCToLine gives
// that file and line back. Also prints the table's counts as gosym sees them.
package main

import (
	"debug/elf"
	"debug/gosym"
	"fmt"
	"os"
)

func main() {
	f, err := elf.Open(os.Args[1])
	if err != nil {
		fmt.Println("FAIL", err)
		os.Exit(1)
	}
	data, err := f.Section(".gopclntab").Data()
	if err != nil {
		fmt.Println("FAIL", err)
		os.Exit(1)
	}
	tab, err := gosym.NewTable(nil, gosym.NewLineTable(data, f.Section(".text").Addr))
	if err != nil {
		fmt.Println("FAIL", err)
		os.Exit(1)
	}
	fmt.Printf("funcs %d files %d\n", len(tab.Funcs), len(tab.Files))
	type fileLine struct {
		file string
		line int
	}
	var want []fileLine
	for _, fn := range tab.Funcs {
		if file, line, _ := tab.PCToLine(fn.Entry); line > 0 && file != "" {
			want = append(want, fileLine{file, line})
		}
	}
	step := 1
	if len(want) > 200 {
		step = len(want) / 200
	}
	ok, n := 0, 0
	for i := 0; i < len(want); i += step {
		n++
		w := want[i]
		pc, _, err := tab.LineToPC(w.file, w.line)
		if err != nil {
			fmt.Printf("MISMATCH LineToPC(%s, %d): %v\n", w.file, w.line, err)
			continue
		}
		if file, line, _ := tab.PCToLine(pc); file != w.file || line != w.line {
			fmt.Printf("MISMATCH LineToPC(%s, %d) = %#x, which is %s:%d\n", w.file, w.line, pc, file, line)
			continue
		}
		ok++
	}
	fmt.Printf("LineToPC %d/%d\n", ok, n)
	if ok != n || n == 0 {
		fmt.Println("FAIL")
		os.Exit(1)
	}
	fmt.Println("OK")
}
