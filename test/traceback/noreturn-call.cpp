// A frame whose return address is the next function's first byte: the call before it
// (to a function that never returns) was its function's last instruction. The frame is
// still its own function's, as the runtime looks return addresses up at pc-1 (Clang, unlike
// Go's compiler, puts nothing after such a call). c<k> has k NOPs, so that for some k the
// call ends exactly where after<k> begins; every k must name c<k>.
// RUN: %gocc build -o %t %s
// RUN: bash -c 'for k in $(seq 0 15); do %t $k 2>&1 | grep -m1 -E "^(c|after)[0-9]+\\(" ; done' | FileCheck %s
// CHECK: c0()
// CHECK-NEXT: c1()
// CHECK-NEXT: c2()
// CHECK-NEXT: c3()
// CHECK-NEXT: c4()
// CHECK-NEXT: c5()
// CHECK-NEXT: c6()
// CHECK-NEXT: c7()
// CHECK-NEXT: c8()
// CHECK-NEXT: c9()
// CHECK-NEXT: c10()
// CHECK-NEXT: c11()
// CHECK-NEXT: c12()
// CHECK-NEXT: c13()
// CHECK-NEXT: c14()
// CHECK-NEXT: c15()
#include <cstdlib>
#define NOPS(k) asm volatile(".rept " #k "\n nop\n .endr")
__attribute__((noinline)) void c0() {
  NOPS(0);
  throw 0;
}
__attribute__((noinline)) int after0(int x) { return x * 7 + 0; }
__attribute__((noinline)) void c1() {
  NOPS(1);
  throw 1;
}
__attribute__((noinline)) int after1(int x) { return x * 7 + 1; }
__attribute__((noinline)) void c2() {
  NOPS(2);
  throw 2;
}
__attribute__((noinline)) int after2(int x) { return x * 7 + 2; }
__attribute__((noinline)) void c3() {
  NOPS(3);
  throw 3;
}
__attribute__((noinline)) int after3(int x) { return x * 7 + 3; }
__attribute__((noinline)) void c4() {
  NOPS(4);
  throw 4;
}
__attribute__((noinline)) int after4(int x) { return x * 7 + 4; }
__attribute__((noinline)) void c5() {
  NOPS(5);
  throw 5;
}
__attribute__((noinline)) int after5(int x) { return x * 7 + 5; }
__attribute__((noinline)) void c6() {
  NOPS(6);
  throw 6;
}
__attribute__((noinline)) int after6(int x) { return x * 7 + 6; }
__attribute__((noinline)) void c7() {
  NOPS(7);
  throw 7;
}
__attribute__((noinline)) int after7(int x) { return x * 7 + 7; }
__attribute__((noinline)) void c8() {
  NOPS(8);
  throw 8;
}
__attribute__((noinline)) int after8(int x) { return x * 7 + 8; }
__attribute__((noinline)) void c9() {
  NOPS(9);
  throw 9;
}
__attribute__((noinline)) int after9(int x) { return x * 7 + 9; }
__attribute__((noinline)) void c10() {
  NOPS(10);
  throw 10;
}
__attribute__((noinline)) int after10(int x) { return x * 7 + 10; }
__attribute__((noinline)) void c11() {
  NOPS(11);
  throw 11;
}
__attribute__((noinline)) int after11(int x) { return x * 7 + 11; }
__attribute__((noinline)) void c12() {
  NOPS(12);
  throw 12;
}
__attribute__((noinline)) int after12(int x) { return x * 7 + 12; }
__attribute__((noinline)) void c13() {
  NOPS(13);
  throw 13;
}
__attribute__((noinline)) int after13(int x) { return x * 7 + 13; }
__attribute__((noinline)) void c14() {
  NOPS(14);
  throw 14;
}
__attribute__((noinline)) int after14(int x) { return x * 7 + 14; }
__attribute__((noinline)) void c15() {
  NOPS(15);
  throw 15;
}
__attribute__((noinline)) int after15(int x) { return x * 7 + 15; }
int main(int argc, char** argv) {
  switch (atoi(argv[1])) {
    case 0:
      c0();
      break;
    case 1:
      c1();
      break;
    case 2:
      c2();
      break;
    case 3:
      c3();
      break;
    case 4:
      c4();
      break;
    case 5:
      c5();
      break;
    case 6:
      c6();
      break;
    case 7:
      c7();
      break;
    case 8:
      c8();
      break;
    case 9:
      c9();
      break;
    case 10:
      c10();
      break;
    case 11:
      c11();
      break;
    case 12:
      c12();
      break;
    case 13:
      c13();
      break;
    case 14:
      c14();
      break;
    case 15:
      c15();
      break;
  }
  return after0(argc) + after15(argc);
}
