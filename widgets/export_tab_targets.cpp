#include "export_tab_targets.h"

#include "table_file.h"
#include "compare_view.h"
#include "comparison_rows.h"
#include "export_table.h"
#include "model_catalog.h"
#include "super_weight_detection_plot.h"
#include "super_weight_export.h"
#include "super_weight_grid.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>

namespace owb::widgets {

namespace {

// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::widgets::TabExport)
};

// The card the detail view shows, when it came from an `owb superweights` analysis.
const owb::models::SuperWeightCard* selectedAnalysedCard(const SuperWeightGrid* grid) {
  const owb::models::SuperWeightCardsModel* model = grid->model();
  for (int r = 0; model && r < model->rowCount(); ++r) {
    const owb::models::SuperWeightCard* card = model->cardAt(r);
    if (card->key() == grid->selectedKey()) return model->analysisOf(*card) ? card : nullptr;
  }
  return nullptr;
}

QString fileSafe(QString name) {
  static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
  return name.replace(unsafe, QStringLiteral("_"));
}

}  // namespace

QVector<ExportTarget> superWeightExportTargets(SuperWeightGrid* grid) {
  QVector<ExportTarget> targets;
  owb::models::SuperWeightCardsModel* model = grid->model();
  targets << ExportTarget{Text::tr("Super-weight cards (CSV, JSON)"), false, QStringLiteral("super_weights.csv"),
                          model && model->rowCount() > 0,
                          [grid](const QString& path, const ImageExportOptions&, QString* error) {
                            return owb::models::saveSuperWeightCards(grid->model()->cards(), path, error);
                          }};
  const owb::models::SuperWeightCard* card = selectedAnalysedCard(grid);
  const QString name = card ? QStringLiteral("%1_layer%2_detection_iterations.png").arg(fileSafe(owb::models::modelShortName(card->model))).arg(card->layer)
                            : QStringLiteral("detection_iterations.png");
  targets << ExportTarget{Text::tr("Super-weight detection plot (PNG, SVG)"), true, name, card != nullptr,
                          [grid](const QString& path, const ImageExportOptions& options, QString* error) {
                            return saveCustomPlotImage(grid->detectionPlot()->plot(), path, options, error);
                          }};
  return targets;
}

bool saveCompareTable(const CompareView* view, const QString& path, QString* error) {
  QVector<owb::models::ComparisonRow> rows;
  for (const owb::models::CompareRun& run : view->tableModel()->runs()) rows << run.row;
  return owb::models::saveCsvOrJson(path, [&] { return owb::models::comparisonCsv(rows); },
                                    [&] { return owb::models::comparisonJson(rows); }, error);
}

QVector<ExportTarget> compareExportTargets(CompareView* view) {
  QVector<ExportTarget> targets;
  const bool comparing = view->tableModel()->runs().size() >= 2;
  targets << ExportTarget{Text::tr("Compare table (CSV, JSON)"), false, QStringLiteral("compare.csv"), comparing,
                          [view](const QString& path, const ImageExportOptions&, QString* error) {
                            return saveCompareTable(view, path, error);
                          }};
  targets << ExportTarget{Text::tr("Compare config differences (CSV, JSON)"), false, QStringLiteral("compare_config_diff.csv"),
                          comparing, [view](const QString& path, const ImageExportOptions&, QString* error) {
                            return saveTable(view->diffModel(), path, error);
                          }};
  targets << ExportTarget{Text::tr("Compare profile of dim %1 (PNG, SVG)").arg(view->dim()), true,
                          QStringLiteral("compare_dim%1_hit_share.png").arg(view->dim()), comparing,
                          [view](const QString& path, const ImageExportOptions& options, QString* error) {
                            return saveCustomPlotImage(view->profilePlot(), path, options, error);
                          }};
  return targets;
}

}  // namespace owb::widgets
