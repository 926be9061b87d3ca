#include "workspace_scanner.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>

#include <algorithm>

namespace owb::models {
namespace {

void collectRunFolders(const QDir& dir, int depth_left, QStringList& out) {
  if (isRunFolder(dir.absolutePath())) out << dir.absolutePath();
  if (depth_left <= 0) return;
  const QFileInfoList children =
      dir.entryInfoList(QDir::Dirs | QDir::NoDotAndDotDot | QDir::NoSymLinks, QDir::Name);
  for (const QFileInfo& child : children) collectRunFolders(QDir(child.absoluteFilePath()), depth_left - 1, out);
}

QString experimentOf(const QString& run_path, const QString& root) {
  const QString parent = QFileInfo(run_path).absolutePath();
  QString relative = QDir(root).relativeFilePath(parent);
  if (relative == QLatin1String(".")) return QFileInfo(root).fileName();
  if (relative == QLatin1String("runs")) return relative;
  if (relative.startsWith(QLatin1String("runs/"))) relative.remove(0, 5);
  return relative;
}

}  // namespace

QStringList findRunFolders(const QString& root, int max_depth) {
  QStringList out;
  const QDir dir(root);
  if (dir.exists()) collectRunFolders(dir, max_depth, out);
  return out;
}

RunSummary summarizeRun(const RunData& run, const QString& workspace_root) {
  RunSummary s;
  s.path = run.path;
  s.name = QFileInfo(run.path).fileName();
  s.experiment = experimentOf(run.path, workspace_root);
  s.model = run.model();
  s.has_outliers = run.has_final_analysis || run.has_layer_stats;
  s.has_perplexity = run.has_perplexity;
  s.has_layer_stats = run.has_layer_stats;
  s.has_super_weights = run.has_super_weights;
  s.has_vocab = run.has_vocab;
  if (run.info) {
    s.status = run.info->status;
    s.mode = run.info->mode;
    s.error = run.info->error;
    s.elapsed_s = run.info->elapsed_s;
  }
  if (run.outliers) {
    s.systematic_source = run.outliers->source;
    s.systematic_count = run.outliers->systematic.size();
  }
  if (run.perplexity) s.perplexity = run.perplexity->perplexity;
  s.errors = run.errors;
  return s;
}

WorkspaceScan scanWorkspace(const QString& root) {
  WorkspaceScan scan;
  scan.root = QFileInfo(root).absoluteFilePath();
  if (!QFileInfo(root).isDir()) {
    scan.errors << QCoreApplication::translate("owb::models::WorkspaceScanner", "%1: not a folder")
                       .arg(QDir::toNativeSeparators(root));
    return scan;
  }
  for (const QString& folder : findRunFolders(scan.root))
    scan.runs << summarizeRun(readRunFolder(folder, ReadDepth::Summary), scan.root);
  std::stable_sort(scan.runs.begin(), scan.runs.end(), [](const RunSummary& a, const RunSummary& b) {
    return a.experiment != b.experiment ? a.experiment < b.experiment : a.name < b.name;
  });
  return scan;
}

}  // namespace owb::models
