#include "export_super_weights.h"

#include "model_catalog.h"
#include "super_weight_detection_plot.h"
#include "super_weight_export.h"
#include "super_weight_results.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSaveFile>

namespace owb::widgets {

namespace {

// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::widgets::WorkspaceExport)
};

void writeFile(const QString& path, const QByteArray& bytes, WorkspaceExport& result) {
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    result.errors << Text::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return;
  }
  result.written << QFileInfo(path).absoluteFilePath();
}

QString fileName(const owb::models::SuperWeightAnalysis& analysis) {
  static const QRegularExpression unsafe(QStringLiteral("[^A-Za-z0-9._-]+"));
  QString model = owb::models::modelShortName(analysis.model);
  if (model.isEmpty()) model = QFileInfo(analysis.path).completeBaseName();
  return model.replace(unsafe, QStringLiteral("_")) + QStringLiteral("_detection_iterations.png");
}

}  // namespace

void exportSuperWeights(const QStringList& run_folders, const QString& out_dir, const ImageExportOptions& options,
                        WorkspaceExport& result) {
  const owb::models::SuperWeightSet set = owb::models::loadSuperWeightFolders(run_folders);
  result.errors << set.errors;
  if (set.cards.isEmpty() && set.analyses.isEmpty()) return;
  const QDir out(out_dir);
  writeFile(out.filePath(QStringLiteral("super_weights.csv")), owb::models::superWeightCardsCsv(set.cards), result);
  writeFile(out.filePath(QStringLiteral("super_weights.json")), owb::models::superWeightCardsJson(set.cards), result);
  QDir().mkpath(out.filePath(QStringLiteral("super_weights")));
  QStringList names;
  for (const owb::models::SuperWeightAnalysis& analysis : set.analyses) {
    QString name = fileName(analysis);
    for (int n = 2; names.contains(name); ++n) name = QFileInfo(fileName(analysis)).completeBaseName() + QStringLiteral("_%1.png").arg(n);
    names << name;
    SuperWeightDetectionPlot plot;
    plot.resize(options.logicalSize());
    plot.setAnalysis(&analysis);
    const QString path = out.filePath(QStringLiteral("super_weights/") + name);
    QString error;
    if (saveCustomPlotImage(plot.plot(), path, options, &error)) result.written << QFileInfo(path).absoluteFilePath();
    else result.errors << error;
  }
}

}  // namespace owb::widgets
