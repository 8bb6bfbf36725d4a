// print.cpp — see print.h.
#include "print.h"

#include <cstring>

#include "os_linux.h"

namespace runtime {

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
  writeErr(buf, n);
  n = 0;
}

}  // namespace runtime

void runtime_abort() { __builtin_trap(); }
