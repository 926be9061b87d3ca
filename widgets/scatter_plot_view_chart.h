#pragma once
// Builds the QChart of one comparison plot: a scatter series per architecture (MoE, dense,
// unknown), the model name beside each point, log x where the spec asks for it, and the
// exponential fit (least squares on ln y) as a dashed line whose legend entry gives the
// equation and R^2. Used by ScatterPlotView on screen and by the exporters offscreen.
#include "comparison_plots.h"

class QChart;

namespace owb::widgets {

struct ScatterChartOptions {
  bool fit = true;
  bool point_labels = true;
};

// A new chart; the caller owns it (hand it to a QChartView or delete it).
// Each scatter series carries the names of its points in the property kPointLabelsProperty
// (QStringList, in point order) for hover labels.
QChart* buildScatterChart(const owb::models::ComparisonPlotSpec& spec, const QVector<owb::models::PlotPoint>& points,
                          const ScatterChartOptions& options, owb::models::ExponentialFit* fit_out = nullptr);

inline constexpr const char* kPointLabelsProperty = "owbPointLabels";

// "Fit: y = 1.2·e^(0.05·x), R² = 0.93 (least squares on ln y)"
QString fitLegendText(const owb::models::ExponentialFit& fit);

}  // namespace owb::widgets
