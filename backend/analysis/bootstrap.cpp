#include "bootstrap.h"

#include "errors.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <string>

namespace owb {

uint64_t SeededRng::next() {
  uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

uint64_t SeededRng::below(uint64_t n) {
  if (n == 0) throw std::logic_error("SeededRng::below(0)");
  // Accept only draws from the largest multiple of n that fits, so every residue is equally likely.
  const uint64_t limit = std::numeric_limits<uint64_t>::max() - std::numeric_limits<uint64_t>::max() % n;
  for (;;) {
    uint64_t x = next();
    if (x < limit) return x % n;
  }
}

double percentile(std::vector<double> values, double q) {
  if (values.empty()) throw std::logic_error("percentile of no values");
  std::sort(values.begin(), values.end());
  double pos = q * static_cast<double>(values.size() - 1);
  size_t lo = static_cast<size_t>(std::floor(pos));
  size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (pos - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

BootstrapInterval bootstrap_weighted_mean(const std::vector<double>& numerators, const std::vector<double>& weights,
                                          int resamples, uint64_t seed) {
  if (numerators.empty() || numerators.size() != weights.size())
    throw InputError("bootstrap: need one weight per value and at least one value");
  if (resamples < 1) throw InputError("bootstrap: resamples must be at least 1, got " + std::to_string(resamples));
  auto ratio = [](double num, double den) { return den != 0 ? num / den : 0.0; };
  BootstrapInterval b;
  b.resamples = resamples;
  b.mean = ratio(std::accumulate(numerators.begin(), numerators.end(), 0.0),
                 std::accumulate(weights.begin(), weights.end(), 0.0));
  SeededRng rng(seed);
  const uint64_t n = numerators.size();
  std::vector<double> estimates(static_cast<size_t>(resamples));
  for (double& e : estimates) {
    double num = 0, den = 0;
    for (uint64_t i = 0; i < n; ++i) {
      uint64_t w = rng.below(n);
      num += numerators[w];
      den += weights[w];
    }
    e = ratio(num, den);
  }
  b.ci_low = percentile(estimates, 0.025);
  b.ci_high = percentile(estimates, 0.975);
  return b;
}

}  // namespace owb
