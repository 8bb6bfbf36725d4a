// What C++ programs rely on works under gocc's runtime: argv, envp and getenv, iostream,
// exceptions thrown and caught (and rethrown) in main, std::thread, thread_local.
// RUN: %gocc build -o %t %s
// RUN: env GOCC_TEST_VAR=hello %t one "two words" | FileCheck %s
#include <cstdlib>
#include <cstring>
#include <iostream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

thread_local int perThread = 1;

int main(int argc, char** argv, char** envp) {
  for (int i = 1; i < argc; i++) std::cout << "arg " << i << ": " << argv[i] << "\n";
  std::cout << "getenv: " << (getenv("GOCC_TEST_VAR") ? getenv("GOCC_TEST_VAR") : "(null)") << "\n";
  bool inEnvp = false;
  for (char** e = envp; *e; e++) inEnvp |= strcmp(*e, "GOCC_TEST_VAR=hello") == 0;
  std::cout << "envp has it: " << inEnvp << "\n";

  try {
    try {
      throw std::runtime_error("boom");
    } catch (...) {
      throw;  // rethrow the exception being handled
    }
  } catch (const std::exception& e) {
    std::cout << "caught: " << e.what() << "\n";
  }
  std::cout << "uncaught_exceptions: " << std::uncaught_exceptions() << "\n";

  std::vector<std::thread> threads;
  std::vector<int> seen(4);
  perThread = 42;
  for (int i = 0; i < 4; i++)
    threads.emplace_back([i, &seen] {
      perThread += i;  // each thread has its own, starting at 1
      try {
        throw i;
      } catch (int v) {
        seen[v] = perThread;
      }
    });
  for (auto& t : threads) t.join();
  std::cout << "threads:";
  for (int v : seen) std::cout << " " << v;
  std::cout << "\nmain's thread_local: " << perThread << std::endl;
}
// CHECK: arg 1: one
// CHECK-NEXT: arg 2: two words
// CHECK-NEXT: getenv: hello
// CHECK-NEXT: envp has it: 1
// CHECK-NEXT: caught: boom
// CHECK-NEXT: uncaught_exceptions: 0
// CHECK-NEXT: threads: 1 2 3 4
// CHECK-NEXT: main's thread_local: 42
