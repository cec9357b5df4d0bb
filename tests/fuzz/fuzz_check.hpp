// Invariant checks for the libFuzzer targets: a failed check prints what failed and aborts,
// which libFuzzer reports as a crash with the input that caused it.
#pragma once

#include <cstdio>
#include <cstdlib>

namespace fp_fuzz {
inline void Check(bool ok, const char* target, const char* what, int line) {
  if (ok) return;
  std::fprintf(stderr, "%s: invariant failed at line %d: %s\n", target, line, what);
  std::abort();
}
}  // namespace fp_fuzz

#define FP_REQUIRE(cond) ::fp_fuzz::Check((cond), __FILE__, #cond, __LINE__)
