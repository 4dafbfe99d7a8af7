// Deterministic elementary functions: e^x and ln x computed only with IEEE-754 basic
// operations (+ - * /, comparisons) and exact bit manipulation, so that they return the
// same bits on every machine, compiler and C library. The C library's exp and log are
// not required to be correctly rounded and their last bit has changed between glibc
// versions; anything whose output must be reproducible from a seed (the simulator, via
// Rng's distributions) uses these instead.
//
// The algorithms are fdlibm's (e_exp.c, e_log.c): error below 1 ulp over the whole
// domain. Determinism assumes double evaluation in SSE2-style registers
// (FLT_EVAL_METHOD == 0, checked at compile time) and no FMA contraction; det_math.cc is
// compiled with -ffp-contract=off for that reason. Both functions are pure and thread
// safe.
#pragma once

namespace wuzha {

// e^x, error < 1 ulp.
// Special values: NaN -> NaN; +inf and x > 709.782712893384 -> +inf;
// -inf and x < -745.133219101941 -> +0; results below 2^-1022 are rounded once to the
// subnormal grid; DetExp(+-0) == 1.
double DetExp(double x);

// ln x, error < 1 ulp.
// Special values: NaN -> NaN; x < 0 (including -inf) -> NaN; +-0 -> -inf;
// +inf -> +inf; DetLog(1) == +0. Subnormal inputs are handled exactly.
double DetLog(double x);

}  // namespace wuzha
