#pragma once
// Power law y = a * x^b, fitted by ordinary least squares of log10 y on log10 x (a straight line
// on log-log axes, each point weighted by its relative error). Points with x <= 0, y <= 0 or
// non-finite values cannot be logged: they are left out and listed in `skipped`. R^2 is that of
// the straight-line fit on the log scale.
#include "run_statistics.h"

#include <cstddef>
#include <string>
#include <vector>

namespace owb {

struct PowerLawFit {
  bool valid = false;  // 2+ usable points with distinct x
  double a = kNaN;
  double b = kNaN;
  double r2 = kNaN;                  // of log10 y on log10 x
  std::size_t points_used = 0;
  std::vector<std::size_t> skipped;  // input positions left out (x or y not positive / finite)
  std::string note;                  // why the fit is invalid, or what was skipped; empty if nothing

  double at(double x) const;
  // "y = 1.23e+03 * x^0.456" (3 significant digits).
  std::string equation() const;
};

PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y);

// 3 significant digits, plain for 0.01 <= |v| < 10000 ("0.456", "123"), else "1.23e+06".
std::string format_significant(double v, int digits = 3);

}  // namespace owb
