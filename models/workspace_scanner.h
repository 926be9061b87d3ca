#pragma once
// Finds run folders under a workspace and summarizes each for the run tree.
// Pure functions, safe on a worker thread (QtConcurrent::run).
#include "run_folder_reader.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>

namespace owb::models {

// One row of the run tree.
struct RunSummary {
  QString path;        // absolute run folder
  QString name;        // folder name
  QString experiment;  // parent folder relative to the workspace (leading "runs/" dropped)
  QString model;
  QString status;      // run.json status; empty for seed folders
  QString mode;        // run.json mode (outliers, perplexity, ...)
  QString error;       // run.json error of a failed run
  bool has_outliers = false;
  bool has_perplexity = false;
  bool has_layer_stats = false;
  bool has_super_weights = false;  // data/analysis_*.json (owb superweights, seed layout)
  bool has_vocab = false;          // metrics/super_weights/super_weights.jsonl (owb vocab)
  int systematic_count = -1;  // length of the list SystematicSource names; -1: none
  SystematicSource systematic_source = SystematicSource::None;
  double perplexity = std::numeric_limits<double>::quiet_NaN();
  double elapsed_s = std::numeric_limits<double>::quiet_NaN();
  QStringList errors;
};

struct WorkspaceScan {
  QString root;  // absolute
  QVector<RunSummary> runs;  // sorted by experiment, then name
  QStringList errors;
};

// Run folders under `root` (itself included), depth-first, no symlink following.
QStringList findRunFolders(const QString& root, int max_depth = 8);
RunSummary summarizeRun(const RunData& run, const QString& workspace_root);
// findRunFolders + a summary read of each.
WorkspaceScan scanWorkspace(const QString& root);

}  // namespace owb::models
