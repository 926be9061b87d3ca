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

// e^x: x = n ln2 + r, |r| <= ln2/2, Cephes' degree-7 polynomial for e^r, and scalef for 2^n
// (which gives 0 below the fp32 range and inf above it instead of wrapping the exponent bits).
// The clamp keeps -inf and NaN inputs from producing NaN.
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

// The value v holds once stored as T and loaded again.
__m512 round_to(const float*, __m512 v) { return v; }
__m512 round_to(const uint16_t*, __m512 v) {
  __m256bh b = _mm512_cvtneps_pbh(v);
  return _mm512_castsi512_ps(_mm512_slli_epi32(_mm512_cvtepu16_epi32(reinterpret_cast<__m256i&>(b)), 16));
}

template <class T>
void zero_range(T* s, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; i += 16) store16(s + i, tail_mask(end - i), _mm512_setzero_ps());
}

// The largest of s[lo, hi): four running maxima, so that consecutive vectors do not wait on
// one another's vmaxps.
template <class T>
float row_max(const T* s, int64_t lo, int64_t hi) {
  __m512 a = _mm512_set1_ps(-INFINITY), b = a, c = a, d = a;
  int64_t i = lo;
  for (; i + 64 <= hi; i += 64) {
    a = _mm512_max_ps(a, load16(s + i, 0xFFFF));
    b = _mm512_max_ps(b, load16(s + i + 16, 0xFFFF));
    c = _mm512_max_ps(c, load16(s + i + 32, 0xFFFF));
    d = _mm512_max_ps(d, load16(s + i + 48, 0xFFFF));
  }
  for (; i < hi; i += 16) {
    Mask k = tail_mask(hi - i);
    a = _mm512_mask_max_ps(a, k, a, load16(s + i, k));
  }
  return _mm512_reduce_max_ps(_mm512_max_ps(_mm512_max_ps(a, b), _mm512_max_ps(c, d)));
}

// A bf16 row held in fp32 storage (cpu_kernels.h's bf16_values): read with each value rounded to
// bf16, written rounded. Rounding is monotonic, so the row's maximum rounds the same way.
struct Bf16InFloat {
  float* p;
};
__m512 load16(const Bf16InFloat& s, Mask k) { return round_to(static_cast<const uint16_t*>(nullptr), load16(s.p, k)); }
void store16(const Bf16InFloat& s, Mask k, __m512 v) { store16(s.p, k, round_to(static_cast<const uint16_t*>(nullptr), v)); }
Bf16InFloat operator+(const Bf16InFloat& s, int64_t i) { return {s.p + i}; }
float row_max(const Bf16InFloat& s, int64_t lo, int64_t hi) {
  return _mm512_cvtss_f32(round_to(static_cast<const uint16_t*>(nullptr), _mm512_set1_ps(row_max(s.p, lo, hi))));
}
void zero_range(const Bf16InFloat& s, int64_t begin, int64_t end) { zero_range(s.p, begin, end); }

// Row s of storage type T (float, uint16_t) or a Bf16InFloat row.
template <class Row>
void causal_softmax_row(Row s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink, float* e) {
  // 1. The largest logit: scale > 0, so it is scale times the largest raw score.
  float top = row_max(s, lo, hi) * scale;
  if (sink) top = std::max(top, *sink);
  // 2. e^(logit - top) into fp32 scratch, and their sum (two running sums, as for the maximum).
  const __m512 scale16 = _mm512_set1_ps(scale), shift16 = _mm512_set1_ps(-top);
  __m512 sum_a = _mm512_setzero_ps(), sum_b = _mm512_setzero_ps();
  int64_t i = lo;
  for (; i + 32 <= hi; i += 32) {
    __m512 va = exp16(_mm512_fmadd_ps(load16(s + i, 0xFFFF), scale16, shift16));
    __m512 vb = exp16(_mm512_fmadd_ps(load16(s + i + 16, 0xFFFF), scale16, shift16));
    sum_a = _mm512_add_ps(sum_a, va);
    sum_b = _mm512_add_ps(sum_b, vb);
    _mm512_storeu_ps(e + i, va);
    _mm512_storeu_ps(e + i + 16, vb);
  }
  for (; i < hi; i += 16) {
    Mask k = tail_mask(hi - i);
    __m512 v = exp16(_mm512_fmadd_ps(load16(s + i, k), scale16, shift16));
    sum_a = _mm512_mask_add_ps(sum_a, k, sum_a, v);
    _mm512_mask_storeu_ps(e + i, k, v);
  }
  float sum = _mm512_reduce_add_ps(_mm512_add_ps(sum_a, sum_b));
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

template <class T>
void rms_norm_row(const T* x, const T* w, T* out, int64_t n, float eps, bool weight_after_cast) {
  __m512 ss = _mm512_setzero_ps();
  for (int64_t i = 0; i < n; i += 16) {
    __m512 v = load16(x + i, tail_mask(n - i));
    ss = _mm512_fmadd_ps(v, v, ss);
  }
  const __m512 r = _mm512_set1_ps(1.0f / std::sqrt(_mm512_reduce_add_ps(ss) / static_cast<float>(n) + eps));
  for (int64_t i = 0; i < n; i += 16) {
    Mask k = tail_mask(n - i);
    __m512 v = _mm512_mul_ps(load16(x + i, k), r);
    if (w) v = _mm512_mul_ps(load16(w + i, k), weight_after_cast ? round_to(x, v) : v);
    store16(out + i, k, v);
  }
}

template <class T>
void rotary_row(const T* x, const T* cos, const T* sin, T* out, int64_t n, int64_t rot) {
  const int64_t half = rot / 2;
  for (int64_t i = 0; i < half; i += 16) {  // x1 cos - x2 sin
    Mask k = tail_mask(half - i);
    __m512 a = _mm512_mul_ps(load16(x + i, k), load16(cos + i, k));
    store16(out + i, k, _mm512_fnmadd_ps(load16(x + half + i, k), load16(sin + i, k), a));
  }
  for (int64_t i = half; i < rot; i += 16) {  // x2 cos + x1 sin
    Mask k = tail_mask(rot - i);
    __m512 a = _mm512_mul_ps(load16(x + i, k), load16(cos + i, k));
    store16(out + i, k, _mm512_fmadd_ps(load16(x + i - half, k), load16(sin + i, k), a));
  }
  for (int64_t i = rot; i < n; i += 16) {  // the part that does not rotate, copied exactly
    Mask k = tail_mask(n - i);
    store16(out + i, k, load16(x + i, k));
  }
}

template <class T>
void silu_mul(const T* gate, const T* up, T* out, int64_t n) {
  const __m512 one = _mm512_set1_ps(1.0f);
  for (int64_t i = 0; i < n; i += 16) {
    Mask k = tail_mask(n - i);
    __m512 g = load16(gate + i, k);
    __m512 silu = _mm512_div_ps(g, _mm512_add_ps(one, exp16(_mm512_sub_ps(_mm512_setzero_ps(), g))));
    store16(out + i, k, _mm512_mul_ps(silu, load16(up + i, k)));
  }
}

template <class T>
void add(const T* a, const T* b, T* out, int64_t n) {
  for (int64_t i = 0; i < n; i += 16) {
    Mask k = tail_mask(n - i);
    store16(out + i, k, _mm512_add_ps(load16(a + i, k), load16(b + i, k)));
  }
}

}  // namespace

bool cpu_has_avx512_kernels() {
  static const bool cpu_has = __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
                              __builtin_cpu_supports("avx512vl") && __builtin_cpu_supports("avx512dq") &&
                              __builtin_cpu_supports("avx512bf16");
  return cpu_has;
}

void causal_softmax_row_avx512(uint16_t* s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink,
                               float* scratch, bool) {
  causal_softmax_row(s, m, lo, hi, scale, sink, scratch);
}
void causal_softmax_row_avx512(float* s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink,
                               float* scratch, bool bf16_values) {
  if (bf16_values) causal_softmax_row(Bf16InFloat{s}, m, lo, hi, scale, sink, scratch);
  else causal_softmax_row(s, m, lo, hi, scale, sink, scratch);
}

void rms_norm_row_avx512(const uint16_t* x, const uint16_t* w, uint16_t* out, int64_t n, float eps, bool after_cast) {
  rms_norm_row(x, w, out, n, eps, after_cast);
}
void rms_norm_row_avx512(const float* x, const float* w, float* out, int64_t n, float eps, bool after_cast) {
  rms_norm_row(x, w, out, n, eps, after_cast);
}
void rotary_row_avx512(const uint16_t* x, const uint16_t* cos, const uint16_t* sin, uint16_t* out, int64_t n, int64_t rot) {
  rotary_row(x, cos, sin, out, n, rot);
}
void rotary_row_avx512(const float* x, const float* cos, const float* sin, float* out, int64_t n, int64_t rot) {
  rotary_row(x, cos, sin, out, n, rot);
}
void silu_mul_avx512(const uint16_t* gate, const uint16_t* up, uint16_t* out, int64_t n) { silu_mul(gate, up, out, n); }
void silu_mul_avx512(const float* gate, const float* up, float* out, int64_t n) { silu_mul(gate, up, out, n); }

void add_avx512(const uint16_t* a, const uint16_t* b, uint16_t* out, int64_t n) { add(a, b, out, n); }
void add_avx512(const float* a, const float* b, float* out, int64_t n) { add(a, b, out, n); }

}  // namespace owb

#pragma GCC pop_options

#else  // not x86-64 with GCC-style intrinsics: the portable loops serve

namespace owb {
bool cpu_has_avx512_kernels() { return false; }
void causal_softmax_row_avx512(uint16_t*, int64_t, int64_t, int64_t, float, const float*, float*, bool) {}
void causal_softmax_row_avx512(float*, int64_t, int64_t, int64_t, float, const float*, float*, bool) {}
void rms_norm_row_avx512(const uint16_t*, const uint16_t*, uint16_t*, int64_t, float, bool) {}
void rms_norm_row_avx512(const float*, const float*, float*, int64_t, float, bool) {}
void rotary_row_avx512(const uint16_t*, const uint16_t*, const uint16_t*, uint16_t*, int64_t, int64_t) {}
void rotary_row_avx512(const float*, const float*, const float*, float*, int64_t, int64_t) {}
void silu_mul_avx512(const uint16_t*, const uint16_t*, uint16_t*, int64_t) {}
void silu_mul_avx512(const float*, const float*, float*, int64_t) {}
void add_avx512(const uint16_t*, const uint16_t*, uint16_t*, int64_t) {}
void add_avx512(const float*, const float*, float*, int64_t) {}
}  // namespace owb

#endif
