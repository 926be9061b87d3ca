#include "compare_runs.h"

#include "model_catalog.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>
#include <cmath>

namespace owb::models {
namespace {

void flattenInto(const QJsonObject& object, const QString& prefix, QMap<QString, QJsonValue>& out) {
  for (auto it = object.begin(); it != object.end(); ++it) {
    const QString key = prefix.isEmpty() ? it.key() : prefix + QLatin1Char('.') + it.key();
    if (it.value().isObject() && !it.value().toObject().isEmpty()) flattenInto(it.value().toObject(), key, out);
    else out.insert(key, it.value());
  }
}

// "layer_12_ln_mlp" -> (12, "ln_mlp"); layer -1 when the name has no layer.
std::pair<int, QString> splitHook(const QString& hook) {
  static const QRegularExpression pattern(QStringLiteral("^layer_(\\d+)_(.+)$"));
  const QRegularExpressionMatch m = pattern.match(hook);
  if (!m.hasMatch()) return {-1, hook};
  return {m.captured(1).toInt(), m.captured(2)};
}

}  // namespace

CompareSet loadCompareRuns(const QStringList& run_folders, const QStringList& perplexity_folders) {
  CompareSet set;
  QVector<ComparisonInput> inputs;
  QSet<QString> seen;
  for (const QString& folder : run_folders + perplexity_folders) {
    const QString absolute = QFileInfo(folder).absoluteFilePath();
    if (seen.contains(absolute)) continue;
    seen.insert(absolute);
    inputs << readComparisonInput(absolute);
    set.errors << inputs.last().errors;
  }
  const QVector<ComparisonRow> rows = buildComparisonRows(inputs, ModelCatalog::builtIn());
  for (const QString& folder : run_folders) {
    CompareRun run;
    run.path = QFileInfo(folder).absoluteFilePath();
    run.name = QFileInfo(folder).fileName();
    const auto row = std::find_if(rows.begin(), rows.end(), [&run](const ComparisonRow& r) { return r.run_path == run.path; });
    if (row != rows.end()) {
      run.row = *row;
    } else {  // not an outlier run: name and model only
      run.row.run_path = run.path;
      run.row.run_name = run.name;
      run.row.model = readRunFolder(run.path, ReadDepth::Summary).model();
    }
    const QDir dir(run.path);
    if (dir.exists(kLayerStatsFile)) {
      ReadResult<LayerStats> stats = readLayerStats(dir.filePath(kLayerStatsFile));
      if (stats.ok()) run.layer_stats = std::move(*stats.value);
      else set.errors << stats.error;
    }
    if (dir.exists(QStringLiteral("config.json"))) {
      const ReadResult<QJsonObject> config = readJsonObjectFile(dir.filePath(QStringLiteral("config.json")));
      if (config.ok()) run.config = *config.value, run.has_config = true;
      else set.errors << config.error;
    }
    set.runs << run;
  }
  return set;
}

QMap<QString, QJsonValue> flattenConfig(const QJsonObject& config) {
  QMap<QString, QJsonValue> out;
  flattenInto(config, QString(), out);
  return out;
}

QStringList differingConfigKeys(const QVector<QJsonObject>& configs) {
  QVector<QMap<QString, QJsonValue>> flat;
  QSet<QString> all;
  for (const QJsonObject& c : configs) {
    flat << flattenConfig(c);
    for (auto it = flat.last().cbegin(); it != flat.last().cend(); ++it) all.insert(it.key());
  }
  QStringList keys;
  for (const QString& key : all) {
    for (int i = 1; i < flat.size(); ++i) {
      if (flat[i].contains(key) != flat[0].contains(key) || flat[i].value(key) != flat[0].value(key)) {
        keys << key;
        break;
      }
    }
  }
  keys.sort();
  return keys;
}

QString configValueText(const QJsonValue& value) {
  switch (value.type()) {
    case QJsonValue::Null: return QStringLiteral("null");
    case QJsonValue::Bool: return value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
    case QJsonValue::Double: return QString::number(value.toDouble(), 'g', 17);
    case QJsonValue::String: return value.toString();
    case QJsonValue::Array: return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    case QJsonValue::Object: return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    case QJsonValue::Undefined: break;
  }
  return QString();
}

LayerProfile layerHitShareProfile(const LayerStats& stats, int dim, const QString& hook_suffix) {
  LayerProfile profile;
  if (dim < 0 || dim >= stats.hidden_size || stats.positions <= 0) return profile;
  QMap<int, double> by_layer;
  for (int h = 0; h < stats.rows(); ++h) {
    const auto [layer, suffix] = splitHook(stats.hooks[h]);
    if (layer < 0 || (!hook_suffix.isEmpty() && suffix != hook_suffix)) continue;
    const double share = stats.hitCount(h, dim) / double(stats.positions);
    const auto it = by_layer.find(layer);
    if (it == by_layer.end()) by_layer.insert(layer, share);
    else *it = std::max(*it, share);
  }
  for (auto it = by_layer.cbegin(); it != by_layer.cend(); ++it) {
    profile.layers << it.key();
    profile.values << it.value();
  }
  return profile;
}

QStringList hookSuffixes(const LayerStats& stats) {
  QStringList out;
  for (const QString& hook : stats.hooks) {
    const QString suffix = splitHook(hook).second;
    if (splitHook(hook).first >= 0 && !out.contains(suffix)) out << suffix;
  }
  return out;
}

}  // namespace owb::models
