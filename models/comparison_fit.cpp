#include "comparison_fit.h"

#include <QLocale>

#include <cmath>

namespace owb::models {

double ExponentialFit::at(double x) const { return valid ? a * std::exp(b * x) : std::numeric_limits<double>::quiet_NaN(); }

QString ExponentialFit::equation() const {
  if (!valid) return QString();
  const QLocale locale;
  return QStringLiteral("y = %1·e^(%2·x)").arg(locale.toString(a, 'g', 3), locale.toString(b, 'g', 3));
}

ExponentialFit fitExponential(const QVector<QPointF>& points) {
  QVector<double> xs, ys;  // ys = ln y
  for (const QPointF& p : points) {
    if (!std::isfinite(p.x()) || !std::isfinite(p.y()) || p.y() <= 0) continue;
    xs << p.x();
    ys << std::log(p.y());
  }
  ExponentialFit fit;
  fit.points = int(xs.size());
  if (xs.size() < 2) return fit;
  const double n = double(xs.size());
  double mean_x = 0, mean_y = 0;
  for (int i = 0; i < xs.size(); ++i) mean_x += xs[i] / n, mean_y += ys[i] / n;
  double sxx = 0, sxy = 0, syy = 0;
  for (int i = 0; i < xs.size(); ++i) {
    sxx += (xs[i] - mean_x) * (xs[i] - mean_x);
    sxy += (xs[i] - mean_x) * (ys[i] - mean_y);
    syy += (ys[i] - mean_y) * (ys[i] - mean_y);
  }
  if (sxx <= 0) return fit;  // all x equal: no slope
  fit.b = sxy / sxx;
  fit.a = std::exp(mean_y - fit.b * mean_x);
  // All ln y equal: the line fits exactly.
  fit.r2 = syy > 0 ? (sxy * sxy) / (sxx * syy) : 1.0;
  fit.valid = std::isfinite(fit.a) && std::isfinite(fit.b);
  return fit;
}

}  // namespace owb::models
