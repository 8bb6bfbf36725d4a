// print.cpp — see print.h.
#include "print.h"

#include <cstring>

#include "os_linux.h"

namespace runtime {

namespace {
struct printTarget {
  char* buf;
  size_t size;
  size_t n;
};
__thread printTarget* printCapture __attribute__((tls_model("initial-exec")));
__thread printTarget printCaptureSlot __attribute__((tls_model("initial-exec")));
}  // namespace

void printToBuffer(char* buf, size_t size) {
  printCaptureSlot = printTarget{buf, size, 0};
  printCapture = &printCaptureSlot;
}

size_t printToStderr() {
  size_t n = printCapture ? printCapture->n : 0;
  printCapture = nullptr;
  return n;
}

void printbuf::put(const char* s, size_t len) {
  while (len > 0) {
    if (n == sizeof buf) flush();
    size_t k = len < sizeof buf - n ? len : sizeof buf - n;
    memcpy(buf + n, s, k);
    n += k;
    s += k;
    len -= k;
  }
}

void printbuf::putUint(uint64 v) {
  char tmp[24];
  int i = sizeof tmp;
  do {
    tmp[--i] = char('0' + v % 10);
    v /= 10;
  } while (v);
  put(tmp + i, sizeof tmp - i);
}

void printbuf::putInt(int64 v) {
  if (v < 0) {
    put("-", 1);
    putUint(uint64(0) - uint64(v));
  } else {
    putUint(uint64(v));
  }
}

void printbuf::putHex(uint64 v) {
  static const char digits[] = "0123456789abcdef";
  char tmp[18];
  int i = sizeof tmp;
  do {
    tmp[--i] = digits[v & 15];
    v >>= 4;
  } while (v);
  tmp[--i] = 'x';
  tmp[--i] = '0';
  put(tmp + i, sizeof tmp - i);
}

void printbuf::flush() {
  if (printTarget* t = printCapture) {
    size_t k = n < t->size - t->n ? n : t->size - t->n;
    memcpy(t->buf + t->n, buf, k);
    t->n += k;
  } else {
    writeErr(buf, n);
  }
  n = 0;
}

}  // namespace runtime

void runtime_abort() { __builtin_trap(); }
