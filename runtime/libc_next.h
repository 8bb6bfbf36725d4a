// libc_next.h — the definition of a libc function that comes after the runtime's, for the
// functions the runtime interposes (syscall_linux.cpp, proc.cpp, malloc.cpp).
#pragma once

namespace runtime {

// One entry of a static program's table of glibc's own definitions (libc_static_linux.cpp).
struct LibcFunction {
  const char* name;
  void* code;
};

// The next definition of the libc function name (of the symbol version version, if not null):
// in a dynamic program dlsym/dlvsym(RTLD_NEXT) (libc's, or that of a library preloaded to wrap
// it); in a static one (gocc build -static) glibc's own code from the table goccrt_static.o
// links in. Null if there is none.
void* libcNext(const char* name, const char* version = nullptr);

}  // namespace runtime
