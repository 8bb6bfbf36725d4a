#pragma once

#ifdef __cplusplus
#include <string>

namespace shapes {
double area(const std::string& shape, double size);
}
extern "C" {
#endif

// A C function, compiled by the C compiler (CC).
unsigned checksum(const char* s);

#ifdef __cplusplus
}
#endif
