#pragma once
// Statistics over a handful of repeated runs (seed 003's analyze_priority1.py): mean, sample
// standard deviation, standard error, a Student-t 95 % confidence interval, and the two outlier
// filters the seed offers (IQR fences and z-scores). Plain std::vector<double>, no torch.
#include <cstddef>
#include <limits>
#include <vector>

namespace owb {

inline constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// n, mean, std (n - 1), sem = std / sqrt(n), and mean -/+ t_{0.975, n-1} * sem.
// n = 0: everything NaN; n = 1: mean only (std, sem and the interval are NaN).
struct SampleSummary {
  std::size_t n = 0;
  double mean = kNaN;
  double std = kNaN;
  double sem = kNaN;
  double ci95_low = kNaN;
  double ci95_high = kNaN;
};

double sample_mean(const std::vector<double>& values);
// Bessel-corrected (divides by n - 1); NaN for n < 2.
double sample_std(const std::vector<double>& values);
SampleSummary summarize(const std::vector<double>& values);

// Student's t distribution with `dof` degrees of freedom (dof > 0, not necessarily integer).
double student_t_cdf(double t, double dof);
// The t with cdf(t) = p, 0 < p < 1: t_{0.975, 1} = 12.706, t_{0.975, 4} = 2.776.
double student_t_quantile(double p, double dof);

// Regularized incomplete beta I_x(a, b), the building block of the t distribution.
double regularized_incomplete_beta(double x, double a, double b);

// The q-th percentile (0..100) with linear interpolation between order statistics, as
// numpy.percentile's default: position (n - 1) * q / 100 in the sorted values.
double percentile_linear(std::vector<double> values, double q);

// What a filter kept and removed: positions into the input, ascending; the fences it used.
struct FilterOutcome {
  std::vector<std::size_t> kept;
  std::vector<std::size_t> removed;
  double lower = kNaN;  // values below are removed (NaN: the filter removed nothing by rule)
  double upper = kNaN;
};

// Keeps values in [Q1 - k IQR, Q3 + k IQR] (Tukey's fences; k = 1.5 in the seed).
FilterOutcome iqr_filter(const std::vector<double>& values, double k);
// Keeps |x - mean| / std <= threshold with the sample std (n - 1). n < 3 or std = 0 removes
// nothing: a z-score of two points or of identical points says nothing about outliers.
FilterOutcome zscore_filter(const std::vector<double>& values, double threshold);

}  // namespace owb
