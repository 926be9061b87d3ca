#include "matmul.h"

#include "cpu_parallel.h"

#include <ATen/core/grad_mode.h>

#include <dlfcn.h>

#include <cstdlib>
#include <cstring>
#include <mutex>
#include <vector>

namespace owb {

namespace {

// libtorch 1.13's test for its oneDNN bf16 GEMM (mkldnn_bf16_device_check in ATen's
// native/mkldnn/Utils.h); without it CPUBlas's bf16 gemm is the scalar fallback.
bool cpu_has_onednn_bf16_gemm() {
#if defined(__GNUC__) && defined(__x86_64__)
  return __builtin_cpu_supports("avx512bw") && __builtin_cpu_supports("avx512vl") &&
         __builtin_cpu_supports("avx512dq");
#else
  return true;  // elsewhere (arm64 with bf16, ...) trust libtorch's own kernel
#endif
}

at::Tensor widened(const at::Tensor& t) { return t.to(at::kFloat); }

struct OpenBlasThreads {
  int (*get)() = nullptr;
  void (*set)(int) = nullptr;
};

// OpenBLAS's thread-count calls, looked up in the process (libtorch links whichever BLAS the
// system's libblas.so.3 points at).
const OpenBlasThreads& openblas_threads() {
  static const OpenBlasThreads calls = [] {
    OpenBlasThreads c;
    c.get = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
    c.set = reinterpret_cast<void (*)(int)>(dlsym(RTLD_DEFAULT, "openblas_set_num_threads"));
    if (!c.get || !c.set) c = {};
    return c;
  }();
  return calls;
}

}  // namespace

bool cpu_bf16_matmul_widens() {
  if (const char* choice = std::getenv("OWB_BF16_MATMUL")) {
    if (std::strcmp(choice, "fp32") == 0) return true;
    if (std::strcmp(choice, "native") == 0) return false;
  }
  static const bool slow_native_kernel = !cpu_has_onednn_bf16_gemm();
  return slow_native_kernel;
}

bool matmul_widens(const at::Tensor& t) {
  return t.scalar_type() == at::kBFloat16 && t.device().is_cpu() && cpu_bf16_matmul_widens();
}

namespace {

c10::optional<at::Tensor> optional(const at::Tensor& t) { return t.defined() ? c10::optional<at::Tensor>(t) : c10::nullopt; }

// x @ w^T + bias in fp32 with x's rows split among the cores, each block's SGEMM on its own core
// with the BLAS's own pool switched off: otherwise libgomp's threads (the fused kernels') and
// OpenBLAS's pool take turns spinning on the same cores. Each block is widened, multiplied and
// rounded to x's dtype by the thread that owns it.
at::Tensor widened_linear_in_row_blocks(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  constexpr int64_t kRowsPerTask = 64;  // enough rows to keep SGEMM efficient
  const int64_t K = x.size(-1), M = x.numel() / std::max<int64_t>(1, K), N = weight.size(0);
  const at::Tensor rows = x.reshape({M, K}), w = widened(weight), b = bias.defined() ? widened(bias) : at::Tensor();
  at::Tensor out = at::empty({M, N}, x.options());
  BlasOnCallingThread one_blas_thread;
  parallel_over(x.scalar_type(), 0, M, kRowsPerTask, [&](int64_t r0, int64_t r1) {
    out.narrow(0, r0, r1 - r0).copy_(at::linear(widened(rows.narrow(0, r0, r1 - r0)), w, optional(b)));
  });
  std::vector<int64_t> sizes = x.sizes().vec();
  sizes.back() = N;
  return out.view(sizes);
}

bool autograd_records(const at::Tensor& a, const at::Tensor& b) {
  return at::GradMode::is_enabled() && (a.requires_grad() || b.requires_grad());
}

}  // namespace

at::Tensor linear(const at::Tensor& x, const at::Tensor& weight, const at::Tensor& bias) {
  if (!matmul_widens(x)) return at::linear(x, weight, optional(bias));
  if (!autograd_records(x, weight) && x.numel() > 0) return widened_linear_in_row_blocks(x, weight, bias);
  const at::Tensor b = bias.defined() ? widened(bias) : at::Tensor();
  return at::linear(widened(x), widened(weight), optional(b)).to(x.scalar_type());
}

at::Tensor matmul(const at::Tensor& a, const at::Tensor& b) {
  if (!matmul_widens(a)) return at::matmul(a, b);
  if (a.dim() == 2 && b.dim() == 2 && !autograd_records(a, b) && a.numel() > 0)
    return widened_linear_in_row_blocks(a, b.t(), at::Tensor());
  return at::matmul(widened(a), widened(b)).to(a.scalar_type());
}

at::Tensor bmm(const at::Tensor& a, const at::Tensor& b) {
  if (!matmul_widens(a)) return at::bmm(a, b);
  return at::bmm(widened(a), widened(b)).to(a.scalar_type());
}

at::Tensor addmm(const at::Tensor& bias, const at::Tensor& a, const at::Tensor& b) {
  if (!matmul_widens(a)) return at::addmm(bias, a, b);
  return at::addmm(widened(bias), widened(a), widened(b)).to(a.scalar_type());
}

// Nested and concurrent guards (MoE expert tasks each running a widened linear) share one
// count: the first switches the pool off, the last one out restores it.
namespace {
std::mutex blas_threads_mutex;
int blas_guards = 0;
int blas_threads_before = 0;
}  // namespace

BlasOnCallingThread::BlasOnCallingThread() {
  if (!openblas_threads().get) return;
  std::lock_guard<std::mutex> lock(blas_threads_mutex);
  if (blas_guards++ == 0) {
    blas_threads_before = openblas_threads().get();
    openblas_threads().set(1);
  }
}

BlasOnCallingThread::~BlasOnCallingThread() {
  if (!openblas_threads().get) return;
  std::lock_guard<std::mutex> lock(blas_threads_mutex);
  if (--blas_guards == 0 && blas_threads_before > 1) openblas_threads().set(blas_threads_before);
}

}  // namespace owb
