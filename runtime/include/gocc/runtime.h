// gocc/runtime.h — the public interface to gocc's runtime, for programs built with gocc
// (the counterpart of Go's package runtime).
#pragma once

namespace gocc::runtime {

// GOMAXPROCS sets the maximum number of threads that can run goroutines at once (the
// number of Ps) and returns the previous setting. n < 1 leaves it unchanged. The initial
// value is the GOMAXPROCS environment variable if it is a positive integer, else NumCPU().
// Changing it stops the world: it waits for running goroutines to block or finish.
int GOMAXPROCS(int n);

// NumCPU returns the number of logical CPUs the process may use (its affinity mask at
// start-up).
int NumCPU();

// NumGoroutine returns the number of goroutines that currently exist, the main one
// included and the runtime's own excluded.
int NumGoroutine();

// Version returns the gocc toolchain version the program was built with, e.g. "gocc0.1.0".
const char* Version();

}  // namespace gocc::runtime
