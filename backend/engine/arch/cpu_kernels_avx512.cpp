#include "cpu_kernels_avx512.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>

#if defined(__GNUC__) && defined(__x86_64__)
#pragma GCC push_options
#pragma GCC target("avx512f,avx512bw,avx512vl,avx512dq,avx512bf16,fma")
#include <immintrin.h>

namespace owb {

namespace {

using Mask = __mmask16;

Mask tail_mask(int64_t left) { return left >= 16 ? Mask(0xFFFF) : Mask((1u << left) - 1u); }

// Storage <-> 16 fp32 lanes; masked-off lanes read as 0 and are not written.
__m512 load16(const float* p, Mask k) { return _mm512_maskz_loadu_ps(k, p); }
__m512 load16(const uint16_t* p, Mask k) {
  __m256i raw = _mm256_maskz_loadu_epi16(k, p);
  return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(raw), 16));
}
void store16(float* p, Mask k, __m512 v) { _mm512_mask_storeu_ps(p, k, v); }
void store16(uint16_t* p, Mask k, __m512 v) {
  __m256bh b = _mm512_cvtneps_pbh(v);  // round to nearest even; NaN stays NaN
  _mm256_mask_storeu_epi16(p, k, reinterpret_cast<__m256i&>(b));
}

// e^x for x <= 0 (softmax's shifted logits): x = n ln2 + r, |r| <= ln2/2, Cephes' degree-7
// polynomial for e^r, and scalef for 2^n (which flushes to 0 below the fp32 range instead of
// wrapping the exponent bits). The clamp keeps -inf and NaN inputs from producing NaN.
__m512 exp16(__m512 x) {
  x = _mm512_max_ps(x, _mm512_set1_ps(-104.0f));
  __m512 n = _mm512_roundscale_ps(_mm512_mul_ps(x, _mm512_set1_ps(1.44269504088896341f)),
                                  _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m512 r = _mm512_fnmadd_ps(n, _mm512_set1_ps(0.693359375f), x);
  r = _mm512_fnmadd_ps(n, _mm512_set1_ps(-2.12194440e-4f), r);
  __m512 p = _mm512_set1_ps(1.9875691500e-4f);
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.3981999507e-3f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(8.3334519073e-3f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(4.1665795894e-2f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(1.6666665459e-1f));
  p = _mm512_fmadd_ps(p, r, _mm512_set1_ps(5.0000001201e-1f));
  p = _mm512_fmadd_ps(p, _mm512_mul_ps(r, r), _mm512_add_ps(r, _mm512_set1_ps(1.0f)));
  return _mm512_scalef_ps(p, n);
}

template <class T>
void zero_range(T* s, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; i += 16) store16(s + i, tail_mask(end - i), _mm512_setzero_ps());
}

template <class T>
void causal_softmax_row(T* s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink, float* e) {
  // 1. The largest logit: scale > 0, so it is scale times the largest raw score.
  __m512 top16 = _mm512_set1_ps(-INFINITY);
  for (int64_t i = lo; i < hi; i += 16) {
    Mask k = tail_mask(hi - i);
    top16 = _mm512_mask_max_ps(top16, k, top16, load16(s + i, k));
  }
  float top = _mm512_reduce_max_ps(top16) * scale;
  if (sink) top = std::max(top, *sink);
  // 2. e^(logit - top) into fp32 scratch, and their sum.
  const __m512 scale16 = _mm512_set1_ps(scale), shift16 = _mm512_set1_ps(-top);
  __m512 sum16 = _mm512_setzero_ps();
  for (int64_t i = lo; i < hi; i += 16) {
    Mask k = tail_mask(hi - i);
    __m512 v = exp16(_mm512_fmadd_ps(load16(s + i, k), scale16, shift16));
    sum16 = _mm512_mask_add_ps(sum16, k, sum16, v);
    _mm512_mask_storeu_ps(e + i, k, v);
  }
  float sum = _mm512_reduce_add_ps(sum16);
  if (sink) sum += std::exp(*sink - top);
  // 3. Normalise, round once to the storage type; invisible keys get exactly 0.
  const __m512 inv16 = _mm512_set1_ps(1.0f / sum);
  for (int64_t i = lo; i < hi; i += 16) {
    Mask k = tail_mask(hi - i);
    store16(s + i, k, _mm512_mul_ps(_mm512_maskz_loadu_ps(k, e + i), inv16));
  }
  zero_range(s, 0, lo);
  zero_range(s, hi, m);
}

}  // namespace

bool avx512_kernels_available() {
  static const bool cpu_has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                              __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
                              __builtin_cpu_supports("avx512bf16");
  return cpu_has && !std::getenv("OWB_PORTABLE_KERNELS");
}

void causal_softmax_row_avx512(uint16_t* s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink,
                               float* scratch) {
  causal_softmax_row(s, m, lo, hi, scale, sink, scratch);
}
void causal_softmax_row_avx512(float* s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink,
                               float* scratch) {
  causal_softmax_row(s, m, lo, hi, scale, sink, scratch);
}

}  // namespace owb

#pragma GCC pop_options

#else  // not x86-64 with GCC-style intrinsics: the portable loops serve

namespace owb {
bool avx512_kernels_available() { return false; }
void causal_softmax_row_avx512(uint16_t*, int64_t, int64_t, int64_t, float, const float*, float*) {}
void causal_softmax_row_avx512(float*, int64_t, int64_t, int64_t, float, const float*, float*) {}
}  // namespace owb

#endif
