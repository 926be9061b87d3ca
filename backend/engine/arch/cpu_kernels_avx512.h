#pragma once
// Hand-vectorised AVX-512 versions of the hottest fused loops (cpu_kernels.cpp), for CPUs with
// AVX-512 F/BW/VL and the BF16 conversions (Cooper Lake, Sapphire Rapids, Zen 4 and later).
// GCC vectorises the portable loops only partly (the max reduction stays scalar, bf16 is rounded
// with integer tricks on 256-bit registers); these run the whole row in 512-bit registers with
// masked tails and the hardware's round-to-nearest-even bf16 conversion.
#include <cstdint>

namespace owb {

// The CPU has what the functions below need.
bool cpu_has_avx512_kernels();

// One row of causal_softmax (see cpu_kernels.h): s[lo, hi) <- softmax(scale * s) with an optional
// sink logit in the denominator, the rest of the m entries <- 0. scratch: at least m floats.
// bf16_values (fp32 rows only): the row stands in for a bf16 one (cpu_kernels.h).
void causal_softmax_row_avx512(uint16_t* bf16_scores, int64_t m, int64_t lo, int64_t hi, float scale,
                               const float* sink, float* scratch, bool bf16_values = false);
void causal_softmax_row_avx512(float* scores, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink,
                               float* scratch, bool bf16_values = false);

// One row of rms_norm (cpu_kernels.h): n values, weight w or null.
void rms_norm_row_avx512(const uint16_t* x, const uint16_t* w, uint16_t* out, int64_t n, float eps, bool weight_after_cast);
void rms_norm_row_avx512(const float* x, const float* w, float* out, int64_t n, float eps, bool weight_after_cast);

// One head's row of the rotate-half rotary embedding: the first rot of n dims rotate by the
// position's cos/sin, the rest are copied.
void rotary_row_avx512(const uint16_t* x, const uint16_t* cos, const uint16_t* sin, uint16_t* out, int64_t n, int64_t rot);
void rotary_row_avx512(const float* x, const float* cos, const float* sin, float* out, int64_t n, int64_t rot);

// out = silu(gate) * up over n contiguous values.
void silu_mul_avx512(const uint16_t* gate, const uint16_t* up, uint16_t* out, int64_t n);
void silu_mul_avx512(const float* gate, const float* up, float* out, int64_t n);

// out = a + b over n contiguous values (summed in fp32, rounded once).
void add_avx512(const uint16_t* a, const uint16_t* b, uint16_t* out, int64_t n);
void add_avx512(const float* a, const float* b, float* out, int64_t n);

}  // namespace owb
