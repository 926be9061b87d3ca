#pragma once
// Hand-vectorised AVX2 + FMA versions of the fused loops (cpu_kernels.cpp), for CPUs without
// AVX-512 (AMD Zen 1-3, Intel client cores): the same rows as cpu_kernels_avx512.h in 256-bit
// registers. GCC left the portable softmax's exp loop scalar even in its AVX2 clone; this runs
// every loop eight lanes wide, tails through a small buffer, and rounds bf16 to nearest even as
// c10 does.
#include <cstdint>

namespace owb {

// The CPU has AVX2, FMA and F16C (the x86-64-v3 level).
bool cpu_has_avx2_kernels();

void causal_softmax_row_avx2(uint16_t* bf16_scores, int64_t m, int64_t lo, int64_t hi, float scale,
                             const float* sink, float* scratch, bool bf16_values = false);
void causal_softmax_row_avx2(float* scores, int64_t m, int64_t lo, int64_t hi, float scale, const float* sink,
                             float* scratch, bool bf16_values = false);
void rms_norm_row_avx2(const uint16_t* x, const uint16_t* w, uint16_t* out, int64_t n, float eps, bool weight_after_cast);
void rms_norm_row_avx2(const float* x, const float* w, float* out, int64_t n, float eps, bool weight_after_cast);
void rotary_row_avx2(const uint16_t* x, const uint16_t* cos, const uint16_t* sin, uint16_t* out, int64_t n, int64_t rot);
void rotary_row_avx2(const float* x, const float* cos, const float* sin, float* out, int64_t n, int64_t rot);
void silu_mul_avx2(const uint16_t* gate, const uint16_t* up, uint16_t* out, int64_t n);
void silu_mul_avx2(const float* gate, const float* up, float* out, int64_t n);
void add_avx2(const uint16_t* a, const uint16_t* b, uint16_t* out, int64_t n);
void add_avx2(const float* a, const float* b, float* out, int64_t n);

}  // namespace owb
