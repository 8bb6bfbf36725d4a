// Misused channels panic with Go's texts: send on a closed channel (also for a sender blocked
// when the channel closes, and for a select's send case), close of a closed channel, close of
// the nil channel. A panic is a gocc::runtime::Error (a std::runtime_error) that the program
// may catch, as Go's recover; uncaught, it is Go's report: the panic line, the goroutine and
// its frames from the line that misused the channel, then exit status 2.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'env GOMAXPROCS=1 %t recover 2>&1; echo status=$?' | FileCheck %s --check-prefix=RECOVER
// RUN: bash -c '%t send 2>&1; echo status=$?' | FileCheck %s --check-prefix=SEND
// RUN: bash -c '%t closeclosed 2>&1; echo status=$?' | FileCheck %s --check-prefix=CLOSED
// RUN: bash -c '%t closenil 2>&1; echo status=$?' | FileCheck %s --check-prefix=NIL
// RUN: bash -c 'env GOMAXPROCS=1 %t blockedsend 2>&1; echo status=$?' | FileCheck %s --check-prefix=BLOCKED
// RUN: bash -c '%t selectsend 2>&1; echo status=$?' | FileCheck %s --check-prefix=SELECT
#include <gocc/chan.h>
#include <gocc/go.h>
#include <gocc/select.h>

#include <cstdio>
#include <cstring>
#include <functional>
#include <stdexcept>

__attribute__((noinline)) void sendOnClosed() {
  gocc::chan<int> c(1);
  c.close();
  c.send(1);
  // SEND: panic: send on closed channel
  // SEND-EMPTY:
  // SEND-NEXT: goroutine 1 [running]:
  // SEND-NEXT: sendOnClosed()
  // SEND-NEXT: panic.cpp:[[@LINE-5]] +0x
  // SEND-NEXT: {{^}}main{{$}}
  // SEND: status=2
}

__attribute__((noinline)) void closeClosed() {
  gocc::chan<int> c(0);
  c.close();
  c.close();
  // CLOSED: panic: close of closed channel
  // CLOSED-EMPTY:
  // CLOSED-NEXT: goroutine 1 [running]:
  // CLOSED-NEXT: closeClosed()
  // CLOSED-NEXT: panic.cpp:[[@LINE-5]] +0x
  // CLOSED: status=2
}

__attribute__((noinline)) void closeNil() {
  gocc::chan<int> c;
  c.close();
  // NIL: panic: close of nil channel
  // NIL-EMPTY:
  // NIL-NEXT: goroutine 1 [running]:
  // NIL-NEXT: closeNil()
  // NIL-NEXT: panic.cpp:[[@LINE-5]] +0x
  // NIL: status=2
}

// Blocks in send on a full channel; main closes it meanwhile.
__attribute__((noinline)) void blockedSender(gocc::chan<int> c, gocc::chan<int> started) {
  c.send(1);
  started.send(1);
  c.send(2);
  // BLOCKED: panic: send on closed channel
  // BLOCKED-EMPTY:
  // BLOCKED-NEXT: goroutine {{[0-9]+}} [running]:
  // BLOCKED-NEXT: blockedSender(gocc::chan<...>, gocc::chan<...>)
  // BLOCKED-NEXT: panic.cpp:[[@LINE-5]] +0x
  // BLOCKED-NEXT: created by main in goroutine 1
}

__attribute__((noinline)) void selectSendOnClosed() {
  gocc::chan<int> open(0), closed(1);
  closed.close();
  gocc::select(gocc::recv(open), gocc::send(closed, 5));
  // SELECT: panic: send on closed channel
  // SELECT-EMPTY:
  // SELECT-NEXT: goroutine 1 [running]:
  // SELECT-NEXT: selectSendOnClosed()
  // SELECT-NEXT: panic.cpp:[[@LINE-5]] +0x
  // SELECT: status=2
}

void recovered(const char* what, const std::function<void()>& f) {
  try {
    f();
    printf("%s: no panic\n", what);
  } catch (const gocc::runtime::Error& e) {
    printf("%s: recovered: %s\n", what, e.what());
  }
}

int main(int argc, char** argv) {
  const char* mode = argv[1];
  if (strcmp(mode, "send") == 0) sendOnClosed();
  if (strcmp(mode, "closeclosed") == 0) closeClosed();
  if (strcmp(mode, "closenil") == 0) closeNil();
  if (strcmp(mode, "selectsend") == 0) selectSendOnClosed();
  if (strcmp(mode, "blockedsend") == 0) {
    gocc::chan<int> c(1), started(0);
    gocc::go(blockedSender, c, started);
    // BLOCKED-NEXT: panic.cpp:[[@LINE-1]] +0x
    // BLOCKED-NEXT: status=2
    started.recv();
    // With one P, the sender runs on only when main blocks: it is parked in its second send.
    c.close();
    gocc::chan<int>().recv();  // the panic ends the program
  }
  if (strcmp(mode, "recover") == 0) {
    recovered("send", sendOnClosed);
    // RECOVER: send: recovered: send on closed channel
    recovered("close", closeClosed);
    // RECOVER-NEXT: close: recovered: close of closed channel
    recovered("close nil", closeNil);
    // RECOVER-NEXT: close nil: recovered: close of nil channel
    recovered("select", selectSendOnClosed);
    // RECOVER-NEXT: select: recovered: send on closed channel
    // With one P, the sender is parked in c.send when main closes c.
    gocc::chan<int> c(0), started(0);
    gocc::chan<const char*> result(1);
    gocc::go([c, started, result] {
      try {
        started.send(1);
        c.send(1);
        result.send("sent");
      } catch (const std::runtime_error& e) {  // a runtime::Error is a std::runtime_error
        result.send(e.what());
      }
    });
    started.recv();
    c.close();
    printf("blocked sender: recovered: %s\n", result.recv());
    // RECOVER-NEXT: blocked sender: recovered: send on closed channel
    // RECOVER-NEXT: status=0
  }
}
