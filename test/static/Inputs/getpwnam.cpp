// Calls an NSS look-up, which static glibc can only do with the shared libraries at run time.
#include <pwd.h>

#include <cstdio>

int main() {
  struct passwd* pw = getpwnam("root");
  printf("root uid=%d\n", pw ? int(pw->pw_uid) : -1);
}
