#pragma once
// The engine's matrix products. On the CPU, libtorch 1.13 multiplies bf16 matrices with oneDNN
// only where the CPU has AVX-512 (BW, VL, DQ); everywhere else (AVX2 parts: AMD Zen 1-3, Intel
// client cores) it falls back to a scalar loop that ran at 0.9 GFLOP/s on a Zen 3 VM where fp32
// SGEMM ran at ~100. A product of two bf16 numbers is exact in fp32 (8 x 8 significant bits) and
// both kernels sum in fp32, so widening the operands, multiplying with SGEMM and rounding the
// result once to bf16 computes what the native kernel computes, up to the order of summation.
// These functions do that where the native kernel is the slow one, and call ATen otherwise.
#include <ATen/ATen.h>

namespace owb {

// Whether bf16 products on the CPU are computed in fp32 (see above): where libtorch has no
// oneDNN bf16 kernel for this CPU. OWB_BF16_MATMUL=native or =fp32 overrides the CPU check
// (read at each call: tests run both ways in one process).
bool cpu_bf16_matmul_widens();

// Whether a product with operand `t` takes the widened path.
bool matmul_widens(const at::Tensor& t);

// x @ w^T + bias, as at::linear (autograd records through the widening).
at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias = at::Tensor());

// a @ b with broadcasting batch dims, as at::matmul.
at::Tensor matmul(const at::Tensor& a, const at::Tensor& b);

// a @ b over batches of matrices, as at::bmm.
at::Tensor bmm(const at::Tensor& a, const at::Tensor& b);

// bias + a @ b, as at::addmm.
at::Tensor addmm(const at::Tensor& bias, const at::Tensor& a, const at::Tensor& b);

// While one is alive, fp32 BLAS calls run on their calling thread only (OpenBLAS's own pool is
// set to one thread, and restored when the last guard goes), so that several of the engine's
// tasks can each run their own SGEMM at once. Does nothing where the BLAS is not OpenBLAS.
class BlasOnCallingThread {
 public:
  BlasOnCallingThread();
  ~BlasOnCallingThread();
  BlasOnCallingThread(const BlasOnCallingThread&) = delete;
  BlasOnCallingThread& operator=(const BlasOnCallingThread&) = delete;
};

}  // namespace owb
