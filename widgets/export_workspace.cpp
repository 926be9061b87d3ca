#include "export_workspace.h"

#include "comparison_rows.h"
#include "comparison_plots.h"
#include "export_heatmap.h"
#include "export_super_weights.h"
#include "run_folder_reader.h"
#include "scatter_plot_view_chart.h"
#include "workspace_scanner.h"

#include <QChart>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSaveFile>

#include <memory>

namespace owb::widgets {
namespace {

// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::widgets::WorkspaceExport)
};

bool writeFile(const QString& path, const QByteArray& bytes, WorkspaceExport& result) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    result.errors << Text::tr("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return false;
  }
  result.written << QFileInfo(path).absoluteFilePath();
  return true;
}

QString number(double v) { return QString::number(v, 'g', QLocale::FloatingPointShortest); }

QString sourceKey(owb::models::SystematicSource source) {
  switch (source) {
    case owb::models::SystematicSource::Exact: return QStringLiteral("systematic_outliers");
    case owb::models::SystematicSource::SeedTopFeatures: return QStringLiteral("top_features");
    case owb::models::SystematicSource::SeedAllBatches: return QStringLiteral("all_systematic_outliers");
    case owb::models::SystematicSource::None: break;
  }
  return QString();
}

void exportPlots(const QVector<owb::models::ComparisonRow>& rows, const QString& out_dir,
                 const ImageExportOptions& options, WorkspaceExport& result) {
  for (const owb::models::ComparisonPlotSpec& spec : owb::models::comparisonPlots()) {
    const QVector<owb::models::PlotPoint> points = owb::models::plotPoints(rows, spec);
    const QString path = QDir(out_dir).filePath(spec.file_name);
    if (points.isEmpty()) {
      result.skipped << Text::tr("%1: no run has both %2 and %3")
                            .arg(spec.file_name, owb::models::axisTitle(spec.x), owb::models::axisTitle(spec.y));
      continue;
    }
    std::unique_ptr<QChart> chart(buildScatterChart(spec, points, ScatterChartOptions()));
    QString error;
    if (saveChartImage(chart.get(), path, options, &error)) result.written << QFileInfo(path).absoluteFilePath();
    else result.errors << error;
  }
}

void exportRun(const QString& run_folder, const QString& input_dir, const QString& out_dir,
               const ImageExportOptions& options, WorkspaceExport& result) {
  QString relative = QDir(input_dir).relativeFilePath(run_folder);
  if (relative == QLatin1String(".")) relative = QFileInfo(run_folder).fileName();
  if (relative.startsWith(QLatin1String("runs/"))) relative = relative.mid(5);  // the run store's own folder
  const QDir target(QDir(out_dir).filePath(QStringLiteral("runs/") + relative));
  const owb::models::RunData run = owb::models::readRunFolder(run_folder, owb::models::ReadDepth::Full);
  result.errors << run.errors;
  if (run.layer_stats) {
    const QString title = Text::tr("%1: max |x| per hook point and feature dimension").arg(owb::models::modelShortName(run.model()));
    QString error;
    QDir().mkpath(target.absolutePath());
    const QString path = target.filePath(QStringLiteral("heatmap.png"));
    if (saveHeatmapImage(*run.layer_stats, title, path, options, &error)) result.written << QFileInfo(path).absoluteFilePath();
    else result.errors << error;
  } else if (run.has_final_analysis) {
    result.skipped << Text::tr("%1: no layer_stats.json, no heatmap").arg(relative);
  }
  if (run.outliers) {
    QString error;
    const QByteArray csv = systematicOutliersCsv(run_folder, &error);
    if (error.isEmpty()) writeFile(target.filePath(QStringLiteral("systematic_outliers.csv")), csv, result);
    else result.errors << error;
  }
}

}  // namespace

QByteArray systematicOutliersCsv(const QString& run_folder, QString* error) {
  const auto read = owb::models::readFinalAnalysis(QDir(run_folder).filePath(owb::models::kFinalAnalysisFile));
  if (!read.ok()) {
    if (error) *error = read.error;
    return {};
  }
  QString out = QStringLiteral(
      "feature_dim,max_magnitude,layer_percentage,seq_percentage,total_occurrences,batches_qualified,batch_id,"
      "layers_affected,source\n");
  const QString source = sourceKey(read.value->source);
  for (const owb::models::SystematicRecord& r : read.value->systematic) {
    const auto optional = [](qint64 v) { return v >= 0 ? QString::number(v) : QString(); };
    const auto fraction = [](double v) { return std::isfinite(v) ? number(v) : QString(); };
    out += QStringList{QString::number(r.feature_dim), fraction(r.max_magnitude), fraction(r.layer_percentage),
                       fraction(r.seq_percentage), optional(r.total_occurrences), optional(r.batches_qualified),
                       optional(r.batch_id), r.layers_affected.join(QLatin1Char(' ')), source}
               .join(QLatin1Char(',')) +
           QLatin1Char('\n');
  }
  return out.toUtf8();
}

WorkspaceExport exportWorkspace(const QString& input_dir, const QString& out_dir, const ImageExportOptions& options) {
  WorkspaceExport result;
  const QString input = QFileInfo(input_dir).absoluteFilePath();
  if (!QFileInfo(input).isDir()) {
    result.errors << Text::tr("%1: not a folder").arg(QDir::toNativeSeparators(input_dir));
    return result;
  }
  if (!QDir().mkpath(out_dir)) {
    result.errors << Text::tr("%1: cannot create the folder").arg(QDir::toNativeSeparators(out_dir));
    return result;
  }
  const QStringList runs = owb::models::findRunFolders(input);
  if (runs.isEmpty()) {
    result.errors << Text::tr("%1: no run folders").arg(QDir::toNativeSeparators(input));
    return result;
  }
  QStringList read_errors;
  const QVector<owb::models::ComparisonRow> rows =
      owb::models::collectComparisonRows(runs, owb::models::ModelCatalog::builtIn(), &read_errors);
  result.errors << read_errors;
  writeFile(QDir(out_dir).filePath(QStringLiteral("comparison.csv")), owb::models::comparisonCsv(rows), result);
  writeFile(QDir(out_dir).filePath(QStringLiteral("comparison.json")), owb::models::comparisonJson(rows), result);
  exportPlots(rows, out_dir, options, result);
  exportSuperWeights(runs, out_dir, options, result);
  for (const QString& run : runs) exportRun(run, input, out_dir, options, result);
  result.errors.removeDuplicates();
  return result;
}

}  // namespace owb::widgets
