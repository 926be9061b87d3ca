#pragma once
// The comparison plots: the seed's five perplexity plots (generate_perplexity_plots.py, Dettmers
// Fig. 3b) and the parameter plots of generate_comparison_plots.py (Fig. 3a, MoE vs dense).
// Each is a pair of row columns; the plotted points are the included rows that have both.
#include "comparison_fit.h"
#include "comparison_rows.h"

#include <QPointF>
#include <QVector>

namespace owb::models {

enum class ComparisonAxis {
  Perplexity,
  TotalParams,
  ActiveParams,
  MeanLayerPct,
  MedianLayerPct,
  MeanSeqPct,
  MedianSeqPct,
  NumOutliers,
};

struct ComparisonPlotSpec {
  QString id;         // stable: "perplexity_vs_mean_layer_pct"
  QString file_name;  // "01_perplexity_vs_mean_layer_pct.png" (the seed's names)
  ComparisonAxis x;
  ComparisonAxis y;
  bool x_log_always = false;  // parameters always; perplexity when its range exceeds 10x
};

const QVector<ComparisonPlotSpec>& comparisonPlots();
// nullptr for an unknown id.
const ComparisonPlotSpec* comparisonPlot(const QString& id);
QString axisTitle(ComparisonAxis axis);  // translated, with the unit
QString plotTitle(const ComparisonPlotSpec& spec);
double axisValue(const ComparisonRow& row, ComparisonAxis axis);  // NaN when missing

struct PlotPoint {
  double x = 0, y = 0;
  QString label;     // model short name
  QString run_path;
  int moe = -1;
  int row = -1;      // index into the rows
};

// One point per included row with finite x and y (and x > 0 on a log axis).
// `included` may be empty (all rows) or one flag per row.
QVector<PlotPoint> plotPoints(const QVector<ComparisonRow>& rows, const ComparisonPlotSpec& spec,
                              const QVector<bool>& included = {});
bool useLogX(const ComparisonPlotSpec& spec, const QVector<PlotPoint>& points);
ExponentialFit fitPoints(const QVector<PlotPoint>& points);

}  // namespace owb::models
