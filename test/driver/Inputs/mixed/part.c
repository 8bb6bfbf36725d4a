/* The C unit of a mixed program: which defines reached it. */
#include <stdio.h>

const char* cDefines(void) {
  static char text[64];
#ifdef CXXONLY
  snprintf(text, sizeof text, "CONLY=%d CXXONLY=%d", CONLY, CXXONLY);
#else
  snprintf(text, sizeof text, "CONLY=%d CXXONLY=undefined", CONLY);
#endif
  return text;
}
