#include "cpu_kernels_avx2.h"

#include <algorithm>
#include <cmath>
#include <cstring>

#if defined(__GNUC__) && defined(__x86_64__)
#pragma GCC push_options
#pragma GCC target("avx2,fma,f16c")
#include <immintrin.h>

namespace owb {

namespace {

// --- eight lanes of storage <-> fp32 --------------------------------------------------------------

__m256 load8(const float* p) { return _mm256_loadu_ps(p); }
__m256 load8(const uint16_t* p) {
  __m128i raw = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
  return _mm256_castsi256_ps(_mm256_slli_epi32(_mm256_cvtepu16_epi32(raw), 16));
}

// fp32 -> bf16 bits in the low half of each 32-bit lane: round to nearest even; a NaN keeps its
// upper bits with the quiet bit set (it must not round into the sign bit).
__m256i bf16_bits(__m256 v) {
  const __m256i u = _mm256_castps_si256(v);
  const __m256i lsb = _mm256_and_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(1));
  const __m256i rounded = _mm256_srli_epi32(_mm256_add_epi32(u, _mm256_add_epi32(lsb, _mm256_set1_epi32(0x7FFF))), 16);
  const __m256i nan = _mm256_cmpgt_epi32(_mm256_and_si256(u, _mm256_set1_epi32(0x7FFFFFFF)), _mm256_set1_epi32(0x7F800000));
  const __m256i quiet = _mm256_or_si256(_mm256_srli_epi32(u, 16), _mm256_set1_epi32(0x40));
  return _mm256_blendv_epi8(rounded, quiet, nan);
}

void store8(float* p, __m256 v) { _mm256_storeu_ps(p, v); }
void store8(uint16_t* p, __m256 v) {
  // packus works within 128-bit halves: lanes 0-3 and 4-7 land in 64-bit blocks 0 and 2.
  __m256i packed = _mm256_permute4x64_epi64(_mm256_packus_epi32(bf16_bits(v), bf16_bits(v)), 0xD8);
  _mm_storeu_si128(reinterpret_cast<__m128i*>(p), _mm256_castsi256_si128(packed));
}

// The value v holds once stored as bf16 and loaded again.
__m256 round_to_bf16(__m256 v) { return _mm256_castsi256_ps(_mm256_slli_epi32(bf16_bits(v), 16)); }
__m256 round_to(const float*, __m256 v) { return v; }
__m256 round_to(const uint16_t*, __m256 v) { return round_to_bf16(v); }

// The first `left` (< 8) lanes through a zeroed buffer.
template <class T>
__m256 load_part(const T* p, int64_t left) {
  T buf[8] = {};
  std::memcpy(buf, p, left * sizeof(T));
  return load8(buf);
}
template <class T>
void store_part(T* p, int64_t left, __m256 v) {
  T buf[8];
  store8(buf, v);
  std::memcpy(p, buf, left * sizeof(T));
}
template <class T>
__m256 load(const T* p, int64_t left) { return left >= 8 ? load8(p) : load_part(p, left); }
template <class T>
void store(T* p, int64_t left, __m256 v) {
  if (left >= 8) store8(p, v);
  else store_part(p, left, v);
}

// A bf16 row held in fp32 storage (cpu_kernels.h's bf16_values): values are rounded to bf16 as
// they are read and written.
struct Bf16InFloat {
  float* p;
};
Bf16InFloat operator+(const Bf16InFloat& s, int64_t i) { return {s.p + i}; }
__m256 load(const Bf16InFloat& s, int64_t left) { return round_to_bf16(load(s.p, left)); }
void store(const Bf16InFloat& s, int64_t left, __m256 v) { store(s.p, left, round_to_bf16(v)); }

float horizontal_max(__m256 v) {
  __m128 m = _mm_max_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  m = _mm_max_ps(m, _mm_movehl_ps(m, m));
  m = _mm_max_ss(m, _mm_shuffle_ps(m, m, 1));
  return _mm_cvtss_f32(m);
}
float horizontal_sum(__m256 v) {
  __m128 s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps(v, 1));
  s = _mm_add_ps(s, _mm_movehl_ps(s, s));
  s = _mm_add_ss(s, _mm_shuffle_ps(s, s, 1));
  return _mm_cvtss_f32(s);
}

// e^x as cpu_kernels.cpp's fast_exp: x = n ln2 + r, Cephes' degree-7 polynomial for e^r, 2^n
// built in the exponent bits; x is clamped to where 2^n stays a normal fp32.
__m256 exp8(__m256 x) {
  x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(-87.3f)), _mm256_set1_ps(88.3f));
  __m256 n = _mm256_round_ps(_mm256_mul_ps(x, _mm256_set1_ps(1.44269504088896341f)),
                             _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
  __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(0.693359375f), x);
  r = _mm256_fnmadd_ps(n, _mm256_set1_ps(-2.12194440e-4f), r);
  __m256 p = _mm256_set1_ps(1.9875691500e-4f);
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.3981999507e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(8.3334519073e-3f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(4.1665795894e-2f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(1.6666665459e-1f));
  p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(5.0000001201e-1f));
  p = _mm256_fmadd_ps(p, _mm256_mul_ps(r, r), _mm256_add_ps(r, _mm256_set1_ps(1.0f)));
  __m256i two_n = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
  return _mm256_mul_ps(p, _mm256_castsi256_ps(two_n));
}

// --- the rows ------------------------------------------------------------------------------------

template <class Row>
void zero_range(Row s, int64_t begin, int64_t end) {
  for (int64_t i = begin; i < end; i += 8) store(s + i, end - i, _mm256_setzero_ps());
}

// The largest of s[lo, hi), two running maxima so consecutive vectors do not wait on each other.
template <class Row>
float row_max(Row s, int64_t lo, int64_t hi) {
  __m256 a = _mm256_set1_ps(-INFINITY), b = a;
  int64_t i = lo;
  for (; i + 16 <= hi; i += 16) {
    a = _mm256_max_ps(a, load(s + i, 8));
    b = _mm256_max_ps(b, load(s + i + 8, 8));
  }
  for (; i < hi; i += 8) {
    __m256 v = load(s + i, hi - i);
    if (hi - i < 8) {  // the zero-filled lanes must not win
      const __m256 lane = _mm256_setr_ps(0, 1, 2, 3, 4, 5, 6, 7);
      v = _mm256_blendv_ps(_mm256_set1_ps(-INFINITY), v, _mm256_cmp_ps(lane, _mm256_set1_ps(float(hi - i)), _CMP_LT_OQ));
    }
    a = _mm256_max_ps(a, v);
  }
  return horizontal_max(_mm256_max_ps(a, b));
}

template <class Row>
void causal_softmax_row(Row s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink, float* e) {
  // 1. The largest logit: scale > 0, so it is scale times the largest raw score.
  float top = row_max(s, lo, hi) * scale;
  if (sink) top = std::max(top, *sink);
  // 2. e^(logit - top) into fp32 scratch, and their sum.
  const __m256 scale8 = _mm256_set1_ps(scale), shift8 = _mm256_set1_ps(-top);
  __m256 sum_a = _mm256_setzero_ps(), sum_b = _mm256_setzero_ps();
  int64_t i = lo;
  for (; i + 16 <= hi; i += 16) {
    __m256 va = exp8(_mm256_fmadd_ps(load(s + i, 8), scale8, shift8));
    __m256 vb = exp8(_mm256_fmadd_ps(load(s + i + 8, 8), scale8, shift8));
    sum_a = _mm256_add_ps(sum_a, va);
    sum_b = _mm256_add_ps(sum_b, vb);
    _mm256_storeu_ps(e + i, va);
    _mm256_storeu_ps(e + i + 8, vb);
  }
  float sum = horizontal_sum(_mm256_add_ps(sum_a, sum_b));
  for (; i < hi; ++i) {  // the last few one at a time: a partial vector would add e^(0 - top)
    float v = std::exp(scale * _mm256_cvtss_f32(load(s + i, 1)) - top);
    e[i] = v;
    sum += v;
  }
  if (sink) sum += std::exp(*sink - top);
  // 3. Normalise, round once to the storage type; invisible keys get exactly 0.
  const __m256 inv8 = _mm256_set1_ps(1.0f / sum);
  for (int64_t j = lo; j < hi; j += 8) store(s + j, hi - j, _mm256_mul_ps(load(e + j, hi - j), inv8));
  zero_range(s, 0, lo);
  zero_range(s, hi, m);
}

template <class T>
void rms_norm_row(const T* x, const T* w, T* out, int64_t n, float eps, bool weight_after_cast) {
  __m256 ss = _mm256_setzero_ps();
  for (int64_t i = 0; i < n; i += 8) {
    __m256 v = load(x + i, n - i);
    ss = _mm256_fmadd_ps(v, v, ss);
  }
  const __m256 r = _mm256_set1_ps(1.0f / std::sqrt(horizontal_sum(ss) / static_cast<float>(n) + eps));
  for (int64_t i = 0; i < n; i += 8) {
    __m256 v = _mm256_mul_ps(load(x + i, n - i), r);
    if (w) v = _mm256_mul_ps(load(w + i, n - i), weight_after_cast ? round_to(x, v) : v);
    store(out + i, n - i, v);
  }
}

template <class T>
void rotary_row(const T* x, const T* cos, const T* sin, T* out, int64_t n, int64_t rot) {
  const int64_t half = rot / 2;
  for (int64_t i = 0; i < half; i += 8) {  // x1 cos - x2 sin
    const int64_t left = half - i;
    __m256 a = _mm256_mul_ps(load(x + i, left), load(cos + i, left));
    store(out + i, left, _mm256_fnmadd_ps(load(x + half + i, left), load(sin + i, left), a));
  }
  for (int64_t i = half; i < rot; i += 8) {  // x2 cos + x1 sin
    const int64_t left = rot - i;
    __m256 a = _mm256_mul_ps(load(x + i, left), load(cos + i, left));
    store(out + i, left, _mm256_fmadd_ps(load(x + i - half, left), load(sin + i, left), a));
  }
  for (int64_t i = rot; i < n; i += 8) store(out + i, n - i, load(x + i, n - i));  // copied exactly
}

template <class T>
void silu_mul(const T* gate, const T* up, T* out, int64_t n) {
  const __m256 one = _mm256_set1_ps(1.0f);
  for (int64_t i = 0; i < n; i += 8) {
    __m256 g = load(gate + i, n - i);
    __m256 silu = _mm256_div_ps(g, _mm256_add_ps(one, exp8(_mm256_sub_ps(_mm256_setzero_ps(), g))));
    store(out + i, n - i, _mm256_mul_ps(silu, load(up + i, n - i)));
  }
}

template <class T>
void add(const T* a, const T* b, T* out, int64_t n) {
  for (int64_t i = 0; i < n; i += 8) store(out + i, n - i, _mm256_add_ps(load(a + i, n - i), load(b + i, n - i)));
}

}  // namespace

bool cpu_has_avx2_kernels() {
  static const bool has = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma") && __builtin_cpu_supports("f16c");
  return has;
}

void causal_softmax_row_avx2(uint16_t* s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink,
                             float* scratch, bool) {
  causal_softmax_row(s, m, lo, hi, scale, sink, scratch);
}
void causal_softmax_row_avx2(float* s, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink,
                             float* scratch, bool bf16_values) {
  if (bf16_values) causal_softmax_row(Bf16InFloat{s}, m, lo, hi, scale, sink, scratch);
  else causal_softmax_row(s, m, lo, hi, scale, sink, scratch);
}
void rms_norm_row_avx2(const uint16_t* x, const uint16_t* w, uint16_t* out, int64_t n, float eps, bool after_cast) {
  rms_norm_row(x, w, out, n, eps, after_cast);
}
void rms_norm_row_avx2(const float* x, const float* w, float* out, int64_t n, float eps, bool after_cast) {
  rms_norm_row(x, w, out, n, eps, after_cast);
}
void rotary_row_avx2(const uint16_t* x, const uint16_t* cos, const uint16_t* sin, uint16_t* out, int64_t n, int64_t rot) {
  rotary_row(x, cos, sin, out, n, rot);
}
void rotary_row_avx2(const float* x, const float* cos, const float* sin, float* out, int64_t n, int64_t rot) {
  rotary_row(x, cos, sin, out, n, rot);
}
void silu_mul_avx2(const uint16_t* gate, const uint16_t* up, uint16_t* out, int64_t n) { silu_mul(gate, up, out, n); }
void silu_mul_avx2(const float* gate, const float* up, float* out, int64_t n) { silu_mul(gate, up, out, n); }
void add_avx2(const uint16_t* a, const uint16_t* b, uint16_t* out, int64_t n) { add(a, b, out, n); }
void add_avx2(const float* a, const float* b, float* out, int64_t n) { add(a, b, out, n); }

}  // namespace owb

#pragma GCC pop_options

#else  // not x86-64 with GCC-style intrinsics: the portable loops serve

namespace owb {
bool cpu_has_avx2_kernels() { return false; }
void causal_softmax_row_avx2(uint16_t*, int64_t, int64_t, int64_t, float, const float*, float*, bool) {}
void causal_softmax_row_avx2(float*, int64_t, int64_t, int64_t, float, const float*, float*, bool) {}
void rms_norm_row_avx2(const uint16_t*, const uint16_t*, uint16_t*, int64_t, float, bool) {}
void rms_norm_row_avx2(const float*, const float*, float*, int64_t, float, bool) {}
void rotary_row_avx2(const uint16_t*, const uint16_t*, const uint16_t*, uint16_t*, int64_t, int64_t) {}
void rotary_row_avx2(const float*, const float*, const float*, float*, int64_t, int64_t) {}
void silu_mul_avx2(const uint16_t*, const uint16_t*, uint16_t*, int64_t) {}
void silu_mul_avx2(const float*, const float*, float*, int64_t) {}
void add_avx2(const uint16_t*, const uint16_t*, uint16_t*, int64_t) {}
void add_avx2(const float*, const float*, float*, int64_t) {}
}  // namespace owb

#endif
