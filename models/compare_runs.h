#pragma once
// Two or more outlier runs side by side: their comparison rows (comparison_rows.h: parameters,
// systematic count, mean/median layer % and seq %, perplexity), their layer_stats.json for
// per-layer profiles of one dimension, and their config.json for a key-by-key diff.
// Pure functions of the folders' bytes, safe on a worker thread (QtConcurrent::run).
#include "comparison_rows.h"
#include "run_folder_reader.h"

#include <QJsonObject>
#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace owb::models {

struct CompareRun {
  QString path;  // absolute run folder
  QString name;  // folder name
  ComparisonRow row;
  std::optional<LayerStats> layer_stats;
  bool has_config = false;
  QJsonObject config;  // config.json (the job as run)
};

struct CompareSet {
  QVector<CompareRun> runs;  // in the order asked for
  QStringList errors;        // one line per unreadable file, naming it
};

// Reads `run_folders`; perplexity is matched as on the Plots tab, also from `perplexity_folders`
// (perplexity-only runs of the workspace).
CompareSet loadCompareRuns(const QStringList& run_folders, const QStringList& perplexity_folders = {});

// config.json flattened to dotted keys ("analysis.magnitude_threshold"); arrays are one value.
QMap<QString, QJsonValue> flattenConfig(const QJsonObject& config);
// The dotted keys whose value is not the same in every config (absent counts as a value), sorted.
QStringList differingConfigKeys(const QVector<QJsonObject>& configs);
// A config value as the table shows it ("—" for absent is the view's business: empty here).
QString configValueText(const QJsonValue& value);

// One dimension's hit share (hits / positions) per layer, read from hook names "layer_<i>_<suffix>".
// `hook_suffix` empty: the largest share over the layer's hooks.
struct LayerProfile {
  QVector<int> layers;
  QVector<double> values;
};
LayerProfile layerHitShareProfile(const LayerStats& stats, int dim, const QString& hook_suffix = QString());
// The hook suffixes present ("ln_attn", "ln_mlp", …), in first-seen order.
QStringList hookSuffixes(const LayerStats& stats);

}  // namespace owb::models
