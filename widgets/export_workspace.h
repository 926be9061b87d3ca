#pragma once
// Headless export (outlier-workbench --export DIR --out OUT): everything the seed scripts
// wrote, from a workspace or a single run folder, without a window:
//   OUT/01_perplexity_vs_mean_layer_pct.png … 05_perplexity_vs_num_outliers.png (runs with
//   perplexity), 06…09 (parameters vs outlier count / mean layer %), comparison.csv/.json,
//   OUT/runs/<run folder relative to DIR>/heatmap.png (runs with layer_stats.json) and
//   systematic_outliers.csv (runs with outlier results), and super_weights.csv/.json with
//   super_weights/<model>_detection_iterations.png (super-weight runs; export_super_weights.h).
// Needs a QApplication (QT_QPA_PLATFORM=offscreen is enough); runs on the calling thread.
#include "export_image.h"

#include <QStringList>

namespace owb::widgets {

struct WorkspaceExport {
  QStringList written;  // absolute paths
  QStringList skipped;  // what was not written and why
  QStringList errors;
  bool ok() const { return errors.isEmpty(); }
};

WorkspaceExport exportWorkspace(const QString& input_dir, const QString& out_dir, const ImageExportOptions& options);

// The systematic-outlier records of a run as CSV (stable keys; the list the run's reader chose:
// exact when present, else the seed's top_features / all_systematic_outliers, named in `source`).
QByteArray systematicOutliersCsv(const QString& run_folder, QString* error);

}  // namespace owb::widgets
