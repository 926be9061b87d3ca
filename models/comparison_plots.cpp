#include "comparison_plots.h"

#include <QCoreApplication>

#include <algorithm>
#include <cmath>

namespace owb::models {
namespace {
// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::models::ComparisonPlots)
};
}  // namespace

const QVector<ComparisonPlotSpec>& comparisonPlots() {
  using A = ComparisonAxis;
  static const QVector<ComparisonPlotSpec> plots = {
      {"perplexity_vs_mean_layer_pct", "01_perplexity_vs_mean_layer_pct.png", A::Perplexity, A::MeanLayerPct},
      {"perplexity_vs_median_layer_pct", "02_perplexity_vs_median_layer_pct.png", A::Perplexity, A::MedianLayerPct},
      {"perplexity_vs_mean_seq_pct", "03_perplexity_vs_mean_seq_pct.png", A::Perplexity, A::MeanSeqPct},
      {"perplexity_vs_median_seq_pct", "04_perplexity_vs_median_seq_pct.png", A::Perplexity, A::MedianSeqPct},
      {"perplexity_vs_num_outliers", "05_perplexity_vs_num_outliers.png", A::Perplexity, A::NumOutliers},
      {"total_params_vs_num_outliers", "06_total_params_vs_num_outliers.png", A::TotalParams, A::NumOutliers, true},
      {"total_params_vs_mean_layer_pct", "07_total_params_vs_mean_layer_pct.png", A::TotalParams, A::MeanLayerPct, true},
      {"active_params_vs_num_outliers", "08_active_params_vs_num_outliers.png", A::ActiveParams, A::NumOutliers, true},
      {"active_params_vs_mean_layer_pct", "09_active_params_vs_mean_layer_pct.png", A::ActiveParams, A::MeanLayerPct, true},
  };
  return plots;
}

const ComparisonPlotSpec* comparisonPlot(const QString& id) {
  for (const ComparisonPlotSpec& spec : comparisonPlots())
    if (spec.id == id) return &spec;
  return nullptr;
}

QString axisTitle(ComparisonAxis axis) {
  switch (axis) {
    case ComparisonAxis::Perplexity: return Text::tr("Perplexity");
    case ComparisonAxis::TotalParams: return Text::tr("Total parameters (B)");
    case ComparisonAxis::ActiveParams: return Text::tr("Active parameters (B)");
    case ComparisonAxis::MeanLayerPct: return Text::tr("Mean % of layers affected");
    case ComparisonAxis::MedianLayerPct: return Text::tr("Median % of layers affected");
    case ComparisonAxis::MeanSeqPct: return Text::tr("Mean % of sequence positions affected");
    case ComparisonAxis::MedianSeqPct: return Text::tr("Median % of sequence positions affected");
    case ComparisonAxis::NumOutliers: return Text::tr("Systematic outliers (batch-summed)");
  }
  return QString();
}

QString plotTitle(const ComparisonPlotSpec& spec) {
  return Text::tr("%1 vs %2").arg(axisTitle(spec.y), axisTitle(spec.x));
}

double axisValue(const ComparisonRow& row, ComparisonAxis axis) {
  switch (axis) {
    case ComparisonAxis::Perplexity: return row.perplexity;
    case ComparisonAxis::TotalParams: return row.total_params_b;
    case ComparisonAxis::ActiveParams: return row.active_params_b;
    case ComparisonAxis::MeanLayerPct: return row.mean_layer_pct;
    case ComparisonAxis::MedianLayerPct: return row.median_layer_pct;
    case ComparisonAxis::MeanSeqPct: return row.mean_seq_pct;
    case ComparisonAxis::MedianSeqPct: return row.median_seq_pct;
    case ComparisonAxis::NumOutliers: return row.num_outliers >= 0 ? double(row.num_outliers) : kNoValue;
  }
  return kNoValue;
}

QVector<PlotPoint> plotPoints(const QVector<ComparisonRow>& rows, const ComparisonPlotSpec& spec,
                              const QVector<bool>& included) {
  QVector<PlotPoint> points;
  for (int i = 0; i < rows.size(); ++i) {
    if (!included.isEmpty() && !included.value(i)) continue;
    const double x = axisValue(rows[i], spec.x);
    const double y = axisValue(rows[i], spec.y);
    if (!std::isfinite(x) || !std::isfinite(y)) continue;
    if (spec.x_log_always && x <= 0) continue;
    points << PlotPoint{x, y, rows[i].label, rows[i].run_path, rows[i].moe, i};
  }
  return points;
}

bool useLogX(const ComparisonPlotSpec& spec, const QVector<PlotPoint>& points) {
  if (spec.x_log_always) return true;
  if (points.isEmpty()) return false;
  const auto [lo, hi] = std::minmax_element(points.begin(), points.end(),
                                            [](const PlotPoint& a, const PlotPoint& b) { return a.x < b.x; });
  return lo->x > 0 && hi->x / lo->x > 10.0;
}

ExponentialFit fitPoints(const QVector<PlotPoint>& points) {
  QVector<QPointF> xy;
  for (const PlotPoint& p : points) xy << QPointF(p.x, p.y);
  return fitExponential(xy);
}

}  // namespace owb::models
