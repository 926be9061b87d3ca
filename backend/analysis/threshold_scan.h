#pragma once
// One pass over a hook tensor that yields everything the outlier analysis needs from it:
// per-dimension max |x|, per-dimension count of |x| >= threshold, and every such element with its
// row (batch row x position, flattened) and value, in row-major order (the seed's order).
#include <ATen/ATen.h>

#include <cstdint>
#include <vector>

namespace owb {

struct ThresholdHit {
  int64_t row;  // b * T + t
  int64_t dim;
  float value;
};

struct ThresholdScan {
  std::vector<float> peak;     // [D] max |x|
  std::vector<int64_t> count;  // [D] elements with |x| >= threshold
  std::vector<ThresholdHit> hits;
  bool finite = true;          // false when some element is NaN or +-Inf
};

// x: [..., D]. CPU float32 / bfloat16 tensors take a fused single-pass loop (libtorch 1.13's
// separate abs / compare / amax / sum / nonzero passes cost ~5x more on bf16); anything else
// (CUDA, float16) goes through ATen ops with the same result.
ThresholdScan scan_threshold(const at::Tensor& x, double threshold);

}  // namespace owb
