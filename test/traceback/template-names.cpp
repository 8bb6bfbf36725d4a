// Frame names of deep template instantiations: below GOTRACEBACK=system a traceback prints every
// outermost template argument list as "<...>", as Go prints a generic function as pkg.F[...];
// from system on, names are whole, except an inlined-only function's (no out-of-line copy),
// which the table stores short. gocc tool addr2line -i prints whole names, an inlined-only
// function's from the binary's DWARF, and what the table has when the binary has none.
// Here Registry<Table>::add is out of line; Checker<Table>::check exists only inlined into it;
// fail<Table> is inlined into check and also has an out-of-line copy, called from main.
// RUN: rm -rf %t && mkdir -p %t && cd %t
// RUN: %gocc build -o prog %s
// RUN: bash -c './prog 2>&1; echo status=$?' | FileCheck %s --check-prefix=SHORT
// RUN: bash -c 'env GOTRACEBACK=all ./prog 2>&1; echo status=$?' | FileCheck %s --check-prefix=SHORT
// RUN: bash -c 'env GOTRACEBACK=system ./prog 2>&1; echo status=$?' | FileCheck %s --check-prefix=WHOLE
// RUN: bash -c 'env GOTRACEBACK=crash ./prog 2>&1; echo status=$?' | FileCheck %s --check-prefix=WHOLE
// (crash ends in SIGABRT: status 134)
// The faulting pc of add (with check and fail inlined at it), as level 2 prints it:
// RUN: bash -c 'env GOTRACEBACK=system ./prog fault 2>&1; true' > fault.txt
// RUN: FileCheck %s --check-prefix=FAULT < fault.txt
// RUN: sed -n 's/^.* pc=\(0x[0-9a-f]*\)$/\1/p' fault.txt | head -n 1 > pc.txt
// RUN: %gocc tool addr2line -i prog < pc.txt | FileCheck %s --check-prefix=ADDR2LINE
// RUN: %gocc tool addr2line prog < pc.txt | FileCheck %s --check-prefix=FUNCONLY
// Without DWARF: the table's names.
// RUN: llvm-objcopy --strip-debug prog stripped
// RUN: %gocc tool addr2line -i stripped < pc.txt | FileCheck %s --check-prefix=STRIPPED
// The table holds the inlined-only function's name short, the others' whole.
// RUN: llvm-objcopy --dump-section .gopclntab=table prog
// RUN: tr '\0' '\n' < table | FileCheck %s --check-prefix=TABLE
// RUN: tr '\0' '\n' < table | not grep '^Checker<std'
#include <cstring>
#include <map>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

using Table = std::map<std::string, std::vector<std::pair<int, std::string>>>;

volatile int sink;
int* volatile nowhere = nullptr;
bool fault = false;

// The demangled Table, and a string.
// (std::map<std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>,
//  std::vector<std::pair<int, std::__cxx11::basic_string<...>>, std::allocator<...>>,
//  std::less<...>, std::allocator<...>>)
template <typename Container>
void fail(const Container& c, int v) {
  if (v > 2) {
    if (fault) *nowhere = v;
    throw std::runtime_error("deep template");
  }
  sink = int(c.size());
}
// SHORT: panic: deep template
// SHORT-EMPTY:
// SHORT-NEXT: goroutine 1 [running]:
// SHORT-NEXT: {{^}}void fail<...>(std::map<...> const&, int){{$}}
// SHORT-NEXT: template-names.cpp:[[@LINE-8]]{{$}}
// WHOLE: goroutine 1 [running]:
// WHOLE-NEXT: {{^}}void fail<std::map<std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>, std::vector<std::pair<int, std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>>, {{.*}}>>>(std::map<std::__cxx11::basic_string<char, {{.*}}>>> const&, int){{$}}
// WHOLE-NEXT: template-names.cpp:[[@LINE-11]]{{$}}
// FAULT: [signal SIGSEGV
// FAULT: {{^}}void fail<std::map<std::__cxx11::basic_string<char, {{.*}}> const&, int){{$}}
// FAULT-NEXT: template-names.cpp:[[@LINE-15]]{{$}}
// ADDR2LINE: {{^}}void fail<std::map<std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>, {{.*}}>>>(std::map<{{.*}}> const&, int){{$}}
// ADDR2LINE-NEXT: template-names.cpp:[[@LINE-17]]{{$}}
// STRIPPED: {{^}}void fail<std::map<std::__cxx11::basic_string<char, {{.*}}> const&, int){{$}}
// STRIPPED-NEXT: template-names.cpp:[[@LINE-19]]{{$}}

template <typename Container>
struct Checker {
  __attribute__((always_inline)) static void check(const Container& c, int v) {
    [[clang::always_inline]] fail(c, v);
    sink = v;
  }
};
// SHORT-NEXT: {{^}}Checker<...>::check(std::map<...> const&, int){{$}}
// SHORT-NEXT: template-names.cpp:[[@LINE-5]]{{$}}
// (stored short: no out-of-line copy)
// WHOLE-NEXT: {{^}}Checker<...>::check(std::map<...> const&, int){{$}}
// WHOLE-NEXT: template-names.cpp:[[@LINE-8]]{{$}}
// FAULT-NEXT: {{^}}Checker<...>::check(std::map<...> const&, int){{$}}
// FAULT-NEXT: template-names.cpp:[[@LINE-10]]{{$}}
// ADDR2LINE-NEXT: {{^}}Checker<std::map<std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>, {{.*}}>>>::check(std::map<std::__cxx11::basic_string<char, {{.*}}> const&, int){{$}}
// ADDR2LINE-NEXT: template-names.cpp:[[@LINE-12]]{{$}}
// STRIPPED-NEXT: {{^}}Checker<...>::check(std::map<...> const&, int){{$}}
// STRIPPED-NEXT: template-names.cpp:[[@LINE-14]]{{$}}

template <typename Container>
struct Registry {
  Container entries;
  __attribute__((noinline)) void add(const std::string& key, int v) {
    entries[key].push_back({v, key});
    Checker<Container>::check(entries, v);
    sink = v;
  }
};
// SHORT-NEXT: {{^}}Registry<...>::add(std::__cxx11::basic_string<...> const&, int){{$}}
// SHORT-NEXT: template-names.cpp:[[@LINE-5]] +0x{{[0-9a-f]+$}}
// WHOLE-NEXT: {{^}}Registry<std::map<std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>, {{.*}}>>>::add(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>> const&, int){{$}}
// WHOLE-NEXT: template-names.cpp:[[@LINE-7]] +0x{{[0-9a-f]+}} fp=
// FAULT-NEXT: {{^}}Registry<std::map<std::__cxx11::basic_string<char, {{.*}}>>>::add(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>> const&, int){{$}}
// FAULT-NEXT: template-names.cpp:[[@LINE-9]] +0x{{[0-9a-f]+}} fp=
// ADDR2LINE-NEXT: {{^}}Registry<std::map<std::__cxx11::basic_string<char, {{.*}}>>>::add(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>> const&, int){{$}}
// ADDR2LINE-NEXT: template-names.cpp:[[@LINE-11]]{{$}}
// ADDR2LINE-EMPTY:
// (without -i: the function holding the pc, at the innermost line, as Go's addr2line)
// FUNCONLY: {{^}}Registry<std::map<std::__cxx11::basic_string<char, {{.*}}>>>::add(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>> const&, int){{$}}
// FUNCONLY-NEXT: template-names.cpp:[[@LINE-60]]{{$}}
// STRIPPED-NEXT: {{^}}Registry<std::map<std::__cxx11::basic_string<char, {{.*}}>>>::add(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>> const&, int){{$}}
// STRIPPED-NEXT: template-names.cpp:[[@LINE-17]]{{$}}

// TABLE-DAG: {{^}}Checker<...>::check(std::map<...> const&, int){{$}}
// TABLE-DAG: {{^}}void fail<std::map<std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>, {{.*}} const&, int){{$}}
// TABLE-DAG: {{^}}Registry<std::map<std::__cxx11::basic_string<char, {{.*}}>>>::add(std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>> const&, int){{$}}

int main(int argc, char** argv) {
  fault = argc > 1 && strcmp(argv[1], "fault") == 0;
  Registry<Table> registry;
  [[clang::noinline]] fail(registry.entries, 0);  // fail's out-of-line copy
  registry.add("first", 1);
  registry.add("second", 3);
  // SHORT-NEXT: {{^}}main{{$}}
  // SHORT-NEXT: template-names.cpp:[[@LINE-2]] +0x
  // SHORT-NEXT: status=2
  // WHOLE-NEXT: {{^}}main{{$}}
  // WHOLE-NEXT: template-names.cpp:[[@LINE-5]] +0x
  // WHOLE: status={{2|134}}
}
