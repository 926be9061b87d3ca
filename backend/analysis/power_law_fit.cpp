#include "power_law_fit.h"

#include <cmath>
#include <cstdio>
#include <stdexcept>

namespace owb {

double PowerLawFit::at(double x) const { return valid ? a * std::pow(x, b) : kNaN; }

std::string PowerLawFit::equation() const {
  if (!valid) return "no fit";
  return "y = " + format_significant(a) + " * x^" + format_significant(b);
}

std::string format_significant(double v, int digits) {
  if (!std::isfinite(v)) return std::isnan(v) ? "nan" : (v > 0 ? "inf" : "-inf");
  char buffer[64];
  const double magnitude = std::fabs(v);
  if (v == 0.0 || (magnitude >= 0.01 && magnitude < 10000.0))
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
  else
    std::snprintf(buffer, sizeof buffer, "%.*e", digits - 1, v);
  return buffer;
}

PowerLawFit fit_power_law(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() != y.size()) throw std::invalid_argument("fit_power_law: x and y differ in length");
  PowerLawFit fit;
  std::vector<double> lx, ly;
  for (std::size_t i = 0; i < x.size(); ++i) {
    if (std::isfinite(x[i]) && std::isfinite(y[i]) && x[i] > 0.0 && y[i] > 0.0) {
      lx.push_back(std::log10(x[i]));
      ly.push_back(std::log10(y[i]));
    } else {
      fit.skipped.push_back(i);
    }
  }
  fit.points_used = lx.size();
  if (!fit.skipped.empty())
    fit.note = std::to_string(fit.skipped.size()) + " point(s) with x <= 0 or y <= 0 left out (a power law needs logs)";

  const double mx = sample_mean(lx), my = sample_mean(ly);
  double sxx = 0.0, sxy = 0.0, syy = 0.0;
  for (std::size_t i = 0; i < lx.size(); ++i) {
    sxx += (lx[i] - mx) * (lx[i] - mx);
    sxy += (lx[i] - mx) * (ly[i] - my);
    syy += (ly[i] - my) * (ly[i] - my);
  }
  if (lx.size() < 2 || !(sxx > 0.0)) {
    fit.note = "needs 2+ points with positive x and y at distinct x" + (fit.note.empty() ? "" : "; " + fit.note);
    return fit;
  }
  fit.valid = true;
  fit.b = sxy / sxx;
  const double intercept = my - fit.b * mx;
  fit.a = std::pow(10.0, intercept);
  double residual = 0.0;
  for (std::size_t i = 0; i < lx.size(); ++i) {
    const double e = ly[i] - (intercept + fit.b * lx[i]);
    residual += e * e;
  }
  // All log y equal: the line is flat and exact, nothing is left unexplained.
  fit.r2 = syy > 0.0 ? 1.0 - residual / syy : 1.0;
  return fit;
}

}  // namespace owb
