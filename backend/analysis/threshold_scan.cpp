#include "threshold_scan.h"

#include "cpu_parallel.h"

#include <c10/util/BFloat16.h>

#include <algorithm>
#include <cmath>
#include <type_traits>

namespace owb {

namespace {

// Rows [begin, end) of a contiguous [rows, dims] tensor.
template <typename T>
ThresholdScan scan_rows(const T* data, int64_t begin, int64_t end, int64_t dims, float threshold) {
  ThresholdScan s;
  s.peak.assign(dims, 0.f);
  s.count.assign(dims, 0);
  for (int64_t r = begin; r < end; ++r) {
    const T* row = data + r * dims;
    for (int64_t d = 0; d < dims; ++d) {
      float v = static_cast<float>(row[d]);
      float a = std::fabs(v);
      if (!(a <= 3.4e38f)) s.finite = false;  // NaN or Inf
      if (a > s.peak[d]) s.peak[d] = a;
      if (a >= threshold) {
        ++s.count[d];
        s.hits.push_back({r, d, v});
      }
    }
  }
  return s;
}

// Blocks of rows scanned on all threads (bf16; fp32 on this one, see cpu_parallel.h), merged in
// row order so that the hit list stays row-major (once the forward pass got fast, the
// single-threaded scan was 8 % of an outlier run).
template <typename T>
ThresholdScan scan_contiguous(const T* data, int64_t rows, int64_t dims, float threshold) {
  const int64_t blocks = std::max<int64_t>(1, std::min<int64_t>(rows, 4 * at::get_num_threads()));
  std::vector<ThresholdScan> parts(blocks);
  parallel_over(std::is_same_v<T, float> ? at::kFloat : at::kBFloat16, 0, blocks, 1, [&](int64_t begin, int64_t end) {
    for (int64_t b = begin; b < end; ++b) parts[b] = scan_rows(data, rows * b / blocks, rows * (b + 1) / blocks, dims, threshold);
  });
  ThresholdScan s = std::move(parts[0]);
  for (int64_t b = 1; b < blocks; ++b) {
    for (int64_t d = 0; d < dims; ++d) {
      s.peak[d] = std::max(s.peak[d], parts[b].peak[d]);
      s.count[d] += parts[b].count[d];
    }
    s.finite = s.finite && parts[b].finite;
    s.hits.insert(s.hits.end(), parts[b].hits.begin(), parts[b].hits.end());
  }
  return s;
}

ThresholdScan scan_with_aten(const at::Tensor& x2d, float threshold) {
  ThresholdScan s;
  at::Tensor abs_x = x2d.abs();
  at::Tensor mask = abs_x >= threshold;
  at::Tensor peak = abs_x.amax({0}).to(at::kCPU, at::kFloat).contiguous();
  at::Tensor count = mask.sum(at::IntArrayRef{0}).to(at::kCPU, at::kLong).contiguous();
  s.peak.assign(peak.data_ptr<float>(), peak.data_ptr<float>() + peak.numel());
  s.count.assign(count.data_ptr<int64_t>(), count.data_ptr<int64_t>() + count.numel());
  s.finite = at::isfinite(x2d).all().item<bool>();
  at::Tensor where = at::nonzero(mask).to(at::kCPU).contiguous();             // [K, 2], row-major order
  at::Tensor values = x2d.masked_select(mask).to(at::kCPU, at::kFloat).contiguous();
  const int64_t* idx = where.data_ptr<int64_t>();
  const float* val = values.data_ptr<float>();
  for (int64_t k = 0; k < where.size(0); ++k) s.hits.push_back({idx[2 * k], idx[2 * k + 1], val[k]});
  return s;
}

}  // namespace

ThresholdScan scan_threshold(const at::Tensor& x, double threshold) {
  const int64_t dims = x.size(-1);
  at::Tensor x2d = x.reshape({-1, dims});
  const float t = static_cast<float>(threshold);
  if (x2d.device().is_cpu() && x2d.is_contiguous()) {
    if (x2d.scalar_type() == at::kFloat) return scan_contiguous(x2d.data_ptr<float>(), x2d.size(0), dims, t);
    if (x2d.scalar_type() == at::kBFloat16)
      return scan_contiguous(x2d.data_ptr<c10::BFloat16>(), x2d.size(0), dims, t);
  }
  return scan_with_aten(x2d, t);
}

}  // namespace owb
