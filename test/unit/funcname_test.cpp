// The short form of demangled names (formats/funcname.h): each input is what LLVM 19's
// demangler prints for a real symbol (llvm-cxxfilt-19), the expected output what a traceback
// prints below GOTRACEBACK=system.
#include "formats/funcname.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace {

std::string shortName(const char* name) {
  std::string out;
  funcname::forEachShortPiece(name, [&](const char* p, size_t n) { out.append(p, n); });
  return out;
}

struct Case {
  const char* full;
  const char* shortForm;
};

const Case cases[] = {
    // Names without templates are unchanged.
    {"main", "main"},
    {"runtime.main", "runtime.main"},
    {"geo::Shape::area(int) const", "geo::Shape::area(int) const"},
    {"", ""},
    // Qualifiers, the function's own list, parameter types: each outermost list elided.
    {"std::vector<int, std::allocator<int>>::push_back(int const&)",
     "std::vector<...>::push_back(int const&)"},
    {"void std::vector<std::pair<int, std::__cxx11::basic_string<char, std::char_traits<char>, "
     "std::allocator<char>>>, std::allocator<std::pair<int, std::__cxx11::basic_string<char, "
     "std::char_traits<char>, std::allocator<char>>>>>::_M_realloc_insert<int&, char "
     "const*&>(__gnu_cxx::__normal_iterator<std::pair<int, std::__cxx11::basic_string<char, "
     "std::char_traits<char>, std::allocator<char>>>*, std::vector<std::pair<int, "
     "std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>>, "
     "std::allocator<std::pair<int, std::__cxx11::basic_string<char, std::char_traits<char>, "
     "std::allocator<char>>>>>>, int&, char const*&)",
     "void std::vector<...>::_M_realloc_insert<...>(__gnu_cxx::__normal_iterator<...>, int&, "
     "char const*&)"},
    // A template's return type comes first, and is elided too.
    {"std::pair<int, int> std::make_pair<int, int>(int&&, int&&)",
     "std::pair<...> std::make_pair<...>(int&&, int&&)"},
    {"int (anonymous namespace)::anon<int>(int)", "int (anonymous namespace)::anon<...>(int)"},
    // Lambdas: the demangler's 'lambda'(params), and a generic lambda's operator().
    {"main::'lambda'()::operator()() const", "main::'lambda'()::operator()() const"},
    {"auto int (anonymous namespace)::anon<int>(int)::'lambda'(auto)::operator()<int>(auto) const",
     "auto int (anonymous namespace)::anon<...>(int)::'lambda'(auto)::operator()<...>(auto) "
     "const"},
    {"use()::$_0 const& std::_Any_data::_M_access<use()::$_0>() const",
     "use()::$_0 const& std::_Any_data::_M_access<...>() const"},
    // Function types inside a list go with it.
    {"std::function<void (int)>::operator()(int) const",
     "std::function<...>::operator()(int) const"},
    {"void f(std::function<void (std::vector<int, std::allocator<int>>)> const&)",
     "void f(std::function<...> const&)"},
    // ABI tags stay.
    {"std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char>>::_M_create["
     "abi:cxx11](unsigned long&, unsigned long)",
     "std::__cxx11::basic_string<...>::_M_create[abi:cxx11](unsigned long&, unsigned long)"},
    // Operators whose names hold '<' or '>' are kept whole.
    {"S<int>::operator<<(int)", "S<...>::operator<<(int)"},
    {"S<int>::operator->()", "S<...>::operator->()"},
    {"S<int>::operator->*(int)", "S<...>::operator->*(int)"},
    {"S<int>::operator<=>(S<int> const&) const", "S<...>::operator<=>(S<...> const&) const"},
    {"S<int>::operator>>=(int)", "S<...>::operator>>=(int)"},
    {"S<int>::operator<<=(int)", "S<...>::operator<<=(int)"},
    {"bool operator><int>(int, int)", "bool operator><...>(int, int)"},
    {"bool S<int>::operator<=<double>(double) const", "bool S<...>::operator<=<...>(double) const"},
    // The demangler writes operator< of <int> as "operator<<int>", operator<< of <int> as
    // "operator<<<int>".
    {"bool operator<<int>(std::vector<int, std::allocator<int>> const&, int)",
     "bool operator<<...>(std::vector<...> const&, int)"},
    {"void operator<<<int>(int)", "void operator<<<...>(int)"},
    {"bool operator>><int>(int)", "bool operator>><...>(int)"},
    {"bool operator<(A const&, A const&)", "bool operator<(A const&, A const&)"},
    // A conversion operator's type is a type like another.
    {"S<int>::operator std::vector<int, std::allocator<int>>() const",
     "S<...>::operator std::vector<...>() const"},
    // "operator" inside a longer word is no keyword.
    {"my_operator<int>(int)", "my_operator<...>(int)"},
    {"operators<int>::f()", "operators<...>::f()"},
    // Comparisons and shifts in expressions: between spaces, or in parentheses.
    {"void cmp2<5>(Num<5 < 3>*)", "void cmp2<...>(Num<...>*)"},
    {"void cmp<5>(Num<(5 > 3)>*)", "void cmp<...>(Num<...>*)"},
    {"void cmp3<5>(Num<(5 >> 1)>*)", "void cmp3<...>(Num<...>*)"},
    {"decltype(fp < fp) ret<int>(int)", "decltype(fp < fp) ret<...>(int)"},
    {"decltype(fp > fp) ret<int>(int)", "decltype(fp > fp) ret<...>(int)"},
    {"void g<decltype(fp->x)>(int)", "void g<...>(int)"},
    {"void h<&S::operator<>(int)", "void h<...>(int)"},
    {"decltype(::new((void*)(0)) std::pair<int const, int>(std::declval<std::pair<int const, int> "
     "const&>())) std::construct_at<std::pair<int const, int>, std::pair<int const, int> "
     "const&>(std::pair<int const, int>*, std::pair<int const, int> const&)",
     "decltype(::new((void*)(0)) std::pair<...>(std::declval<...>())) std::construct_at<...>(std::"
     "pair<...>*, std::pair<...> const&)"},
    // An already short name stays as it is.
    {"std::vector<...>::push_back(int const&)", "std::vector<...>::push_back(int const&)"},
    // A list left open (a truncated name) ends the short form.
    {"std::vector<int, std::alloc", "std::vector<...>"},
    // An unbalanced '>' outside any list is copied.
    {"a>b", "a>b"},
};

TEST(FuncName, ShortForm) {
  for (const Case& c : cases) EXPECT_EQ(shortName(c.full), c.shortForm) << c.full;
}

TEST(FuncName, Idempotent) {
  for (const Case& c : cases) EXPECT_EQ(shortName(c.shortForm), c.shortForm) << c.shortForm;
}

// Deeper nesting than the parenthesis check tracks still pairs the brackets.
TEST(FuncName, DeepNesting) {
  std::string name = "f", close;
  for (int i = 0; i < 200; i++) {
    name += "<A";
    close += ">";
  }
  name += close + "(int)";
  EXPECT_EQ(shortName(name.c_str()), "f<...>(int)");
}

// Any bytes: the scan stays inside the string, and the short form is never longer than the
// name plus one "<...>" per bracket it opened.
TEST(FuncName, ArbitraryInput) {
  std::mt19937 rng(1);
  const char alphabet[] = "<>()- =o_peratr:a";
  for (int i = 0; i < 20000; i++) {
    std::string s(rng() % 40, ' ');
    for (char& c : s) c = alphabet[rng() % (sizeof alphabet - 1)];
    std::string out = shortName(s.c_str());
    EXPECT_LE(out.size(), s.size() * 5 + 5) << s;
  }
}

}  // namespace
