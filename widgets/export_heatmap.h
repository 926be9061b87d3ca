#pragma once
// A heatmap of a run's layer_stats.json (max |x|, hook points x feature dims) for files: the
// headless export draws this instead of the interactive HeatmapView (no timers, no binning for
// a screen width; QCustomPlot scales the colour map to the requested size).
#include "export_image.h"

#include "run_folder_reader.h"

class QCustomPlot;
class QWidget;

namespace owb::widgets {

// A new, hidden plot (owned by `parent`, or by the caller when parent is null).
QCustomPlot* createHeatmapPlot(const owb::models::LayerStats& stats, const QString& title, QWidget* parent = nullptr);
bool saveHeatmapImage(const owb::models::LayerStats& stats, const QString& title, const QString& path,
                      const ImageExportOptions& options, QString* error);

}  // namespace owb::widgets
