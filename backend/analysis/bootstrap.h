#pragma once
// Percentile bootstrap (Efron & Tibshirani 1993, ch. 13) over per-window values, and the seeded
// generator every random choice of the vocabulary analyses draws from, so a run is reproducible:
// SplitMix64 (Steele et al. 2014) is fully specified, unlike std:: distributions, whose output
// differs between standard libraries.
#include <cstdint>
#include <vector>

namespace owb {

class SeededRng {
 public:
  explicit SeededRng(uint64_t seed) : state_(seed) {}
  uint64_t next();
  // Uniform in [0, n), without modulo bias (rejection sampling). n >= 1.
  uint64_t below(uint64_t n);

 private:
  uint64_t state_;
};

struct BootstrapInterval {
  double mean = 0;     // the point estimate on the full sample
  double ci_low = 0;   // 2.5th percentile of the resampled estimates
  double ci_high = 0;  // 97.5th percentile
  int resamples = 0;
};

// The estimate is a weighted mean over windows: sum(numerators) / sum(weights), e.g. the
// per-window sums of a per-token delta over the per-window token counts. Each resample draws
// as many windows as there are, with replacement; percentiles interpolate linearly between
// order statistics (numpy's default). Throws on empty input or resamples < 1.
BootstrapInterval bootstrap_weighted_mean(const std::vector<double>& numerators, const std::vector<double>& weights,
                                          int resamples, uint64_t seed);

// The q-quantile (0..1) of `values` by linear interpolation; sorts a copy.
double percentile(std::vector<double> values, double q);

}  // namespace owb
