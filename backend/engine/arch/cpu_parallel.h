#pragma once
// How the CPU engine's own loops (fused kernels, attention and expert tasks, the outlier scan)
// share the cores. Callers compile with OpenMP (at::parallel_for is a header template: without
// -fopenmp in the caller's translation unit it runs everything on one thread).
#include <ATen/Parallel.h>
#include <c10/core/InferenceMode.h>

namespace owb {

// bf16 work is spread over the cores. fp32 work stays on the calling thread: fp32 matmuls go to
// OpenBLAS's own pthreads, whose pool must not be entered from two OpenMP threads at once, and
// libgomp's workers keep spinning for a while after each parallel region, taking a core from
// OpenBLAS (an fp32 fine-tuning step ran 25 % slower while the fused loops were parallel).
inline bool spread_over_cores(at::ScalarType dtype) { return dtype != at::kFloat; }

// at::parallel_for over [begin, end) for work of `dtype`: across the cores when
// spread_over_cores(dtype), else f(begin, end) on the calling thread; inline inside a parallel
// region. The pool's threads take the caller's InferenceMode (it is per thread), or writing into
// the caller's inference tensors would be refused.
template <class F>
void parallel_over(at::ScalarType dtype, int64_t begin, int64_t end, int64_t grain_size, const F& f) {
  if (!spread_over_cores(dtype)) {
    f(begin, end);
    return;
  }
  const bool inference = c10::InferenceMode::is_enabled();
  at::parallel_for(begin, end, grain_size, [&](int64_t b, int64_t e) {
    c10::InferenceMode same_mode_as_caller(inference);
    f(b, e);
  });
}

}  // namespace owb
