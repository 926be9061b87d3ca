#include "run_statistics.h"

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace owb {

double sample_mean(const std::vector<double>& values) {
  if (values.empty()) return kNaN;
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double sample_std(const std::vector<double>& values) {
  if (values.size() < 2) return kNaN;
  const double mean = sample_mean(values);
  double squares = 0.0;
  for (double v : values) squares += (v - mean) * (v - mean);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

SampleSummary summarize(const std::vector<double>& values) {
  SampleSummary s;
  s.n = values.size();
  s.mean = sample_mean(values);
  if (s.n < 2) return s;
  s.std = sample_std(values);
  s.sem = s.std / std::sqrt(static_cast<double>(s.n));
  const double t = student_t_quantile(0.975, static_cast<double>(s.n - 1));
  s.ci95_low = s.mean - t * s.sem;
  s.ci95_high = s.mean + t * s.sem;
  return s;
}

namespace {

// The continued fraction of I_x(a, b) (Abramowitz & Stegun 26.5.8), evaluated with Lentz's
// method; converges quickly for x < (a + 1) / (a + b + 2).
double incomplete_beta_fraction(double x, double a, double b) {
  constexpr double kTiny = 1e-300;
  constexpr double kEps = 1e-15;
  double f = 1.0, c = 1.0, d = 0.0;
  for (int j = 1; j <= 400; ++j) {
    const int m = j / 2;
    const double coefficient = (j % 2 == 1) ? -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1))
                                            : m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1.0 + coefficient * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + coefficient / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = c * d;
    f *= delta;
    if (std::fabs(delta - 1.0) < kEps) break;
  }
  return f;
}

}  // namespace

double regularized_incomplete_beta(double x, double a, double b) {
  if (!(a > 0.0) || !(b > 0.0)) throw std::invalid_argument("regularized_incomplete_beta: a and b must be > 0");
  if (x <= 0.0) return 0.0;
  if (x >= 1.0) return 1.0;
  if (x > (a + 1.0) / (a + b + 2.0)) return 1.0 - regularized_incomplete_beta(1.0 - x, b, a);
  const double log_front = a * std::log(x) + b * std::log1p(-x) - std::log(a) -
                           (std::lgamma(a) + std::lgamma(b) - std::lgamma(a + b));
  return std::exp(log_front) / incomplete_beta_fraction(x, a, b);
}

double student_t_cdf(double t, double dof) {
  if (!(dof > 0.0)) throw std::invalid_argument("student_t_cdf: degrees of freedom must be > 0");
  if (std::isnan(t)) return kNaN;
  // P(|T| > |t|) = I_{dof / (dof + t^2)}(dof / 2, 1 / 2).
  const double tail = 0.5 * regularized_incomplete_beta(dof / (dof + t * t), 0.5 * dof, 0.5);
  return t >= 0.0 ? 1.0 - tail : tail;
}

double student_t_quantile(double p, double dof) {
  if (!(p > 0.0 && p < 1.0)) throw std::invalid_argument("student_t_quantile: p must be in (0, 1)");
  if (!(dof > 0.0)) throw std::invalid_argument("student_t_quantile: degrees of freedom must be > 0");
  if (p == 0.5) return 0.0;
  if (p < 0.5) return -student_t_quantile(1.0 - p, dof);
  // The cdf is increasing: bracket the root, then bisect to the last representable digit.
  double lo = 0.0, hi = 1.0;
  while (student_t_cdf(hi, dof) < p) {
    lo = hi;
    hi *= 2.0;
    if (hi > 1e300) return hi;
  }
  for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; ++i) {
    const double mid = 0.5 * (lo + hi);
    (student_t_cdf(mid, dof) < p ? lo : hi) = mid;
  }
  return 0.5 * (lo + hi);
}

double percentile_linear(std::vector<double> values, double q) {
  if (values.empty()) return kNaN;
  std::sort(values.begin(), values.end());
  const double position = (static_cast<double>(values.size()) - 1.0) * q / 100.0;
  const auto below = static_cast<std::size_t>(std::floor(position));
  const std::size_t above = std::min(below + 1, values.size() - 1);
  return values[below] + (values[above] - values[below]) * (position - static_cast<double>(below));
}

namespace {

FilterOutcome keep_within(const std::vector<double>& values, double lower, double upper) {
  FilterOutcome out;
  out.lower = lower;
  out.upper = upper;
  for (std::size_t i = 0; i < values.size(); ++i)
    (values[i] >= lower && values[i] <= upper ? out.kept : out.removed).push_back(i);
  return out;
}

FilterOutcome keep_all(const std::vector<double>& values) {
  FilterOutcome out;
  for (std::size_t i = 0; i < values.size(); ++i) out.kept.push_back(i);
  return out;
}

}  // namespace

FilterOutcome iqr_filter(const std::vector<double>& values, double k) {
  if (values.empty()) return {};
  const double q1 = percentile_linear(values, 25.0);
  const double q3 = percentile_linear(values, 75.0);
  const double iqr = q3 - q1;
  return keep_within(values, q1 - k * iqr, q3 + k * iqr);
}

FilterOutcome zscore_filter(const std::vector<double>& values, double threshold) {
  if (values.size() < 3) return keep_all(values);
  const double sd = sample_std(values);
  if (!(sd > 0.0)) return keep_all(values);
  const double mean = sample_mean(values);
  FilterOutcome out;
  out.lower = mean - threshold * sd;
  out.upper = mean + threshold * sd;
  for (std::size_t i = 0; i < values.size(); ++i)
    (std::fabs(values[i] - mean) / sd <= threshold ? out.kept : out.removed).push_back(i);
  return out;
}

}  // namespace owb
