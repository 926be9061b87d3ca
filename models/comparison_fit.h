#pragma once
// Exponential fit y = a * exp(b * x), as Dettmers et al. (2022, Fig. 3b) describe outlier
// emergence against perplexity: ordinary least squares of ln y on x (so each point weighs by
// its relative, not absolute, error). Points with y <= 0 or non-finite values are left out.
// R^2 is that of the linear fit in log space. A few points: trivially cheap on any thread.
#include <QPointF>
#include <QString>
#include <QVector>

#include <limits>

namespace owb::models {

struct ExponentialFit {
  bool valid = false;  // needs 2+ usable points with distinct x
  double a = std::numeric_limits<double>::quiet_NaN();
  double b = std::numeric_limits<double>::quiet_NaN();
  double r2 = std::numeric_limits<double>::quiet_NaN();  // of ln y on x
  int points = 0;                                         // used in the fit

  double at(double x) const;
  // "y = 1.23·e^(0.0456·x)", 3 significant digits.
  QString equation() const;
};

ExponentialFit fitExponential(const QVector<QPointF>& points);

}  // namespace owb::models
