// An export whose signature C cannot express: a std::string return.
#include <gocc/export.h>

#include <string>

GOCC_EXPORT(int Fine(int x)) { return x; }
GOCC_EXPORT(std::string Name(void)) { return "lib"; }
