#pragma once
// File > Export… targets of the Super weights and Compare tabs (the other tabs' targets are built
// in MainWindow::exportDialog):
//  - Super weights: every card (CSV / JSON, models/super_weight_export.h) and the detection plot
//    of the selected card (PNG / SVG).
//  - Compare: the side-by-side table (CSV / JSON, comparison.csv's keys, one row per run), the
//    config.json differences (CSV / JSON) and the overlaid per-layer profile plot (PNG / SVG).
#include "export_dialog.h"

namespace owb::widgets {

class CompareView;
class SuperWeightGrid;

QVector<ExportTarget> superWeightExportTargets(SuperWeightGrid* grid);
QVector<ExportTarget> compareExportTargets(CompareView* view);

// The compare table as comparison.csv / comparison.json rows (one per run, exact numbers), by suffix.
bool saveCompareTable(const CompareView* view, const QString& path, QString* error);

}  // namespace owb::widgets
