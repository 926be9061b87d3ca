#pragma once
// The super-weight part of the headless export (outlier-workbench --export): when the input has
// `owb superweights` / `owb vocab` runs, OUT/super_weights.csv and .json (every card, as the Super
// weights tab exports them) and, per analysis, OUT/super_weights/<model>_detection_iterations.png
// (the detection passes, as the tab's detail view draws them).
#include "export_workspace.h"

namespace owb::widgets {

void exportSuperWeights(const QStringList& run_folders, const QString& out_dir, const ImageExportOptions& options,
                        WorkspaceExport& result);

}  // namespace owb::widgets
