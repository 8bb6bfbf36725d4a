// funcname.h — the short form of a demangled C++ function name: every outermost template
// argument list becomes "<...>", as Go prints an instance of a generic function as pkg.F[...].
// Tracebacks print the short form below GOTRACEBACK=system, and the pclntab stores the names
// of functions that exist only inlined in it (docs/traceback.md, docs/pclntab.md).
//
//   std::vector<int, std::allocator<int>>::push_back(int const&)
//     → std::vector<...>::push_back(int const&)
//   std::pair<int, int> std::make_pair<int, int>(int&&, int&&)
//     → std::pair<...> std::make_pair<...>(int&&, int&&)
//
// A list's nested lists go with it. Everything outside the lists is kept: qualifiers, the
// return type a template's name starts with, the parameter types (each with its own lists
// elided), cv-qualifiers, `(anonymous namespace)`, `'lambda'(int)`, `[abi:cxx11]`.
//
// The input is what LLVM's Itanium demangler prints, where '<' and '>' are not always
// brackets:
//  - Operator names are copied whole: `operator` (a whole word) followed by the longest of
//    <<= <=> >>= ->* << <= >> >= -> < > () [] that fits. The demangler writes a template's
//    list right after the operator (`operator<<int>` is operator< of <int>, `operator<=<double>`
//    operator<= of <double>), so a `<<` or `>>` followed by neither '(' nor '<' nor the end
//    is the one-character operator and a bracket.
//  - In an expression (decltype(a < b), a non-type argument such as Num<5 < 3>) the demangler
//    writes a binary operator between spaces: a '<' or '>' after a space starts an operator,
//    which runs over the '<', '>' and '=' that follow.
//  - It puts a '>' comparison inside template arguments in parentheses (Num<(5 > 3)>), so a
//    '>' closes a list only at the parenthesis depth the list was opened at; and a '>' after
//    '-' is the `->` of a member access.
// A list left open at the end (a truncated name) ends the short form at its "<...>".
// Applying it twice gives what applying it once gives. Nesting deeper than 64 lists is
// followed without the parenthesis check beyond the 64th.
//
// The scan allocates nothing and needs no libc, for the runtime, which runs it while printing
// a traceback (in a signal handler, too).
#pragma once
#include <stddef.h>
#include <stdint.h>

namespace funcname {

namespace detail {

inline bool isIdentChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '$';
}

// The length of the operator token at p, just after the keyword `operator`; 0 if there is
// none (a conversion operator's type, `operator new`, `operator""_x`).
inline size_t operatorTokenLength(const char* p) {
  static const char* const tokens[] = {"<<=", "<=>", ">>=", "->*", "<<", "<=", ">>",
                                       ">=",  "->",  "<",   ">",   "()", "[]"};
  for (const char* t : tokens) {
    size_t n = 0;
    while (t[n] && p[n] == t[n]) n++;
    if (t[n] != 0) continue;
    // `operator<<int>`: operator< and its template arguments.
    char next = p[n];
    if (n == 2 && t[0] == t[1] && (t[0] == '<' || t[0] == '>') && next != '(' && next != '<' &&
        next != 0)
      return 1;
    return n;
  }
  return 0;
}

inline bool isOperatorKeyword(const char* start, const char* p) {
  const char* word = "operator";
  size_t n = 0;
  while (word[n] && p[n] == word[n]) n++;
  return word[n] == 0 && !isIdentChar(p[n]) && (p == start || !isIdentChar(p[-1]));
}

}  // namespace detail

// Calls emit(const char* piece, size_t length) for each piece of name's short form, in
// order; the pieces put together are the short form. name is NUL-terminated.
template <typename Emit>
void forEachShortPiece(const char* name, Emit emit) {
  constexpr uint32_t kMaxTracked = 64;
  uint32_t parensAtOpen[kMaxTracked];  // the parenthesis depth each open list started at
  uint32_t depth = 0;                  // template argument lists open
  uint32_t parens = 0;                 // parentheses open
  const char* copyFrom = name;         // where the piece being copied starts (depth 0)
  const char* p = name;
  while (*p) {
    char c = *p;
    if (c == 'o' && detail::isOperatorKeyword(name, p)) {
      p += 8;
      p += detail::operatorTokenLength(p);
      continue;
    }
    if (c == '(') {
      parens++;
    } else if (c == ')') {
      if (parens > 0) parens--;
    } else if ((c == '<' || c == '>') && p > name && p[-1] == ' ') {
      while (*p == '<' || *p == '>' || *p == '=') p++;  // an operator in an expression
      continue;
    } else if (c == '<') {
      if (depth == 0) {
        emit(copyFrom, size_t(p - copyFrom));
        emit("<...>", size_t(5));
      }
      if (depth < kMaxTracked) parensAtOpen[depth] = parens;
      depth++;
    } else if (c == '>' && depth > 0 && !(p > name && p[-1] == '-') &&
               (depth > kMaxTracked || parens == parensAtOpen[depth - 1])) {
      depth--;
      if (depth == 0) copyFrom = p + 1;
    }
    p++;
  }
  if (depth == 0) emit(copyFrom, size_t(p - copyFrom));
}

}  // namespace funcname
