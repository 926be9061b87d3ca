#pragma once
// Fused CPU loops for the element-wise steps of a decoder block. With libtorch 1.13 on the CPU
// these steps cost more than the matmuls around them: every eager op is a pass over memory, exp
// runs at ~1 G/s per core, bf16 is converted per element, and masked_fill with a broadcast mask
// is slower still (bench/README.md has the numbers). Each kernel here makes one pass, computes in
// fp32 and rounds once to the tensor's dtype; the loops are plain C++ that the compiler
// vectorises, built for AVX-512 and AVX2 besides the baseline and chosen at run time, with
// hand-written AVX-512 and AVX2 rows where the CPU has them (cpu_kernels_avx512.h,
// cpu_kernels_avx2.h). bf16 work is spread over the cores; fp32 work stays on the calling thread
// (cpu_parallel.h).
//
// They take f32 or bf16 CPU tensors whose last dim is contiguous (any strides elsewhere);
// `fused_cpu_kernels_apply` says whether a tensor qualifies, otherwise callers use ATen ops.
#include <ATen/ATen.h>

namespace owb {

bool fused_cpu_kernels_apply(const at::Tensor& x);

// Which versions of the loops run: the widest the CPU has (AVX-512 rows, AVX2 rows, or the
// portable loops), capped by OWB_KERNELS=portable|avx2|avx512 or OWB_PORTABLE_KERNELS=1 (read at
// each call: tests run every version on one machine).
enum class KernelIsa { portable, avx2, avx512 };
KernelIsa kernel_isa();
const char* kernel_isa_name(KernelIsa isa);

// RMSNorm over the last dim, statistics in fp32. weight_after_cast: Llama (x * r is rounded to
// the dtype, then multiplied by w); otherwise OLMo2 (w * x * r in fp32, rounded once).
// weight may be undefined (no scaling).
at::Tensor fused_rms_norm(const at::Tensor& x, const at::Tensor& weight, double eps, bool weight_after_cast);

// a + b of the same shape and dtype (the residual stream), one pass.
at::Tensor fused_add(const at::Tensor& a, const at::Tensor& b);

// silu(gate) * up, both [..., I] of the same shape.
at::Tensor fused_silu_mul(const at::Tensor& gate, const at::Tensor& up);

// Rotate-half rotary embedding of the first rot_dim dims of x [B, H, T, E] with cos/sin [>= T, rot_dim];
// the result is contiguous whatever x's layout (attention reads it head by head).
at::Tensor fused_rotary(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin, int64_t rot_dim);

// In place on contiguous scores [G*n, m]: the raw q.k products of G heads' queries
// q0..q0+n-1 (head i in rows i*n .. i*n+n-1) with keys k0..k0+m-1. Each row becomes
// softmax(scale * s) over the keys its query sees (causal, within window when window > 0), and
// 0 elsewhere. With sinks (gpt-oss: the G heads' learned logits, else null) a head's sink joins
// its rows' softmax denominators only. Inside a parallel region (cpu_attention.cpp's tasks) it runs
// on the calling thread, elsewhere across the threads; scale must be positive.
// bf16_values: fp32 scores standing in for a bf16 tensor (bf16 attention whose products run in
// fp32, matmul.h): each score is rounded to bf16 as it is read and each probability as it is
// written, so the rows hold what the bf16 kernel's would.
void causal_softmax_matrix_(at::Tensor& scores, int64_t queries_per_head, float scale, int64_t q0, int64_t k0,
                            int64_t window, const float* sinks, bool bf16_values = false);

}  // namespace owb
