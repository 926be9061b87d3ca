#pragma once
// A hand-written workspace for the comparison plots: two runs of ours (outliers + perplexity in
// one folder, model_info present) and a seed-format run whose perplexity sits in its own folder
// and whose parameters come from the model catalog. Every metric is known in advance.
#include <QString>
#include <QVector>

namespace owb::plots_test {

struct ExpectedRun {
  QString folder;  // relative to the workspace
  QString model;
  QString label;
  double perplexity;
  double total_params_b, active_params_b;
  bool moe;
  int num_outliers;
  double mean_layer_pct, median_layer_pct, mean_seq_pct, median_seq_pct;
};

// Writes the workspace under `root`; returns what the comparison rows must hold, in row order.
QVector<ExpectedRun> writePlotWorkspace(const QString& root);

}  // namespace owb::plots_test
