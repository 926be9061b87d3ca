#include "run_folder_reader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonValue>

#include <cmath>

namespace owb::models {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("owb::models::RunFolderReader", text); }

// Python's json.dump writes bare NaN/Infinity (the seed tooling may), which is not JSON.
// Replace those tokens outside strings by null so such files still open.
QByteArray replaceNonFiniteLiterals(const QByteArray& bytes) {
  QByteArray out;
  out.reserve(bytes.size());
  bool in_string = false;
  for (int i = 0; i < bytes.size(); ++i) {
    const char c = bytes[i];
    if (in_string) {
      out += c;
      if (c == '\\' && i + 1 < bytes.size()) out += bytes[++i];
      else if (c == '"') in_string = false;
      continue;
    }
    if (c == '"') { in_string = true; out += c; continue; }
    const auto matches = [&](const char* word) {
      const int n = int(qstrlen(word));
      return bytes.mid(i, n) == QByteArray(word, n);
    };
    if (matches("-Infinity")) { out += "null"; i += 8; continue; }
    if (matches("Infinity")) { out += "null"; i += 7; continue; }
    if (matches("NaN")) { out += "null"; i += 2; continue; }
    out += c;
  }
  return out;
}

}  // namespace

ReadResult<QJsonObject> readJsonObjectFile(const QString& path) {
  ReadResult<QJsonObject> result;
  QFile file(path);
  if (!file.exists()) {
    result.error = tr("%1: file not found").arg(QDir::toNativeSeparators(path));
    return result;
  }
  if (!file.open(QIODevice::ReadOnly)) {
    result.error = tr("%1: cannot open (%2)").arg(QDir::toNativeSeparators(path), file.errorString());
    return result;
  }
  const QByteArray bytes = file.readAll();
  QJsonParseError parse_error;
  QJsonDocument doc = QJsonDocument::fromJson(bytes, &parse_error);
  if (parse_error.error != QJsonParseError::NoError) {
    QJsonParseError retry_error;
    QJsonDocument retry = QJsonDocument::fromJson(replaceNonFiniteLiterals(bytes), &retry_error);
    if (retry_error.error != QJsonParseError::NoError) {
      result.error = tr("%1: not valid JSON (%2 at byte %3)")
                         .arg(QDir::toNativeSeparators(path), parse_error.errorString())
                         .arg(parse_error.offset);
      return result;
    }
    doc = retry;
  }
  if (!doc.isObject()) {
    result.error = tr("%1: the top level is not a JSON object").arg(QDir::toNativeSeparators(path));
    return result;
  }
  result.value = doc.object();
  return result;
}

namespace {

ReadResult<QJsonObject> readJsonObject(const QString& path) { return readJsonObjectFile(path); }

double number(const QJsonValue& v) {
  return v.isDouble() ? v.toDouble() : std::numeric_limits<double>::quiet_NaN();
}
qint64 integer(const QJsonValue& v, qint64 fallback = -1) {
  return v.isDouble() ? qint64(std::llround(v.toDouble())) : fallback;
}

// Parses one record; false (with `error`) when it has no usable feature_dim.
bool parseRecord(const QJsonValue& value, SystematicRecord& record, QString& error) {
  if (!value.isObject()) {
    error = tr("is not an object");
    return false;
  }
  const QJsonObject o = value.toObject();
  if (!o.value("feature_dim").isDouble() || o.value("feature_dim").toDouble() < 0) {
    error = tr("has no valid feature_dim");
    return false;
  }
  record.feature_dim = int(o.value("feature_dim").toDouble());
  record.max_magnitude = number(o.value("max_magnitude"));
  record.layer_percentage = number(o.value("layer_percentage"));
  record.seq_percentage = number(o.value("seq_percentage"));
  record.total_occurrences = integer(o.value("total_occurrences"));
  record.batches_qualified = integer(o.value("occurrences"));
  record.batch_id = int(integer(o.value("batch_id")));
  for (const QJsonValue& hook : o.value("layers_affected").toArray()) record.layers_affected << hook.toString();
  for (const QJsonValue& x : o.value("example_values").toArray()) record.example_values << number(x);
  return true;
}

// Reads `key` as a list of records; false (with `error`) when a record is unusable.
bool parseRecordList(const QJsonObject& root, const QString& key, const QString& path,
                     QVector<SystematicRecord>& records, QString& error) {
  const QJsonValue list = root.value(key);
  if (!list.isArray()) {
    error = tr("%1: '%2' is not a list").arg(QDir::toNativeSeparators(path), key);
    return false;
  }
  const QJsonArray array = list.toArray();
  records.reserve(array.size());
  for (int i = 0; i < array.size(); ++i) {
    SystematicRecord record;
    QString why;
    if (!parseRecord(array[i], record, why)) {
      error = tr("%1: %2[%3] %4").arg(QDir::toNativeSeparators(path), key).arg(i).arg(why);
      return false;
    }
    records << record;
  }
  return true;
}

// Reads `key` as hooks x hidden numbers into `out`; false with `error` on a shape mismatch.
bool parseMatrix(const QJsonObject& root, const char* key, int rows, int cols, const QString& path,
                 QVector<double>& out, QString& error) {
  const QJsonArray matrix = root.value(key).toArray();
  if (!root.value(key).isArray() || matrix.size() != rows) {
    error = tr("%1: '%2' has %3 rows, expected %4 (one per hook)")
                .arg(QDir::toNativeSeparators(path), key)
                .arg(root.value(key).isArray() ? matrix.size() : 0)
                .arg(rows);
    return false;
  }
  out.resize(qsizetype(rows) * cols);
  for (int r = 0; r < rows; ++r) {
    const QJsonArray row = matrix[r].toArray();
    if (row.size() != cols) {
      error = tr("%1: '%2' row %3 has %4 values, expected %5 (hidden_size)")
                  .arg(QDir::toNativeSeparators(path), key)
                  .arg(r)
                  .arg(row.size())
                  .arg(cols);
      return false;
    }
    for (int c = 0; c < cols; ++c) out[qsizetype(r) * cols + c] = number(row[c]);
  }
  return true;
}

}  // namespace

QString systematicSourceLabel(SystematicSource source) {
  switch (source) {
    case SystematicSource::Exact: return tr("exact whole-run list (systematic_outliers)");
    case SystematicSource::SeedTopFeatures: return tr("seed top_features (per-batch criteria, deduplicated)");
    case SystematicSource::SeedAllBatches: return tr("seed all_systematic_outliers (batch-concatenated)");
    case SystematicSource::None: break;
  }
  return tr("no systematic-outlier list");
}

ReadResult<OutlierResults> readFinalAnalysis(const QString& path) {
  ReadResult<OutlierResults> result;
  const ReadResult<QJsonObject> json = readJsonObject(path);
  if (!json.ok()) {
    result.error = json.error;
    return result;
  }
  const QJsonObject& root = *json.value;
  const QJsonObject run_config = root.value("run_config").toObject();
  const QJsonObject summary = root.value("analysis_summary").toObject();
  OutlierResults out;
  out.model = root.value("model").toString(run_config.value("model").toString());
  out.threshold = number(root.value("thresholds").toObject().value("magnitude_threshold"));
  if (std::isnan(out.threshold)) out.threshold = number(run_config.value("threshold"));
  out.seed_total_systematic = integer(summary.value("total_systematic_outliers"));
  out.total_batches = int(integer(summary.value("total_batches")));
  out.total_sequences = int(integer(summary.value("total_sequences")));
  out.sequence_length = int(integer(run_config.value("sequence_length")));

  // The exact list when present, else the seed's deduplicated list, else its concatenation.
  const std::pair<const char*, SystematicSource> candidates[] = {
      {"systematic_outliers", SystematicSource::Exact},
      {"top_features", SystematicSource::SeedTopFeatures},
      {"all_systematic_outliers", SystematicSource::SeedAllBatches},
  };
  for (const auto& [key, source] : candidates) {
    if (!root.contains(key)) continue;
    if (!parseRecordList(root, key, path, out.systematic, result.error)) return result;
    out.source = source;
    break;
  }
  if (out.source == SystematicSource::None) {
    result.error = tr("%1: none of systematic_outliers, top_features, all_systematic_outliers")
                       .arg(QDir::toNativeSeparators(path));
    return result;
  }
  result.value = std::move(out);
  return result;
}

ReadResult<LayerStats> readLayerStats(const QString& path) {
  ReadResult<LayerStats> result;
  const ReadResult<QJsonObject> json = readJsonObject(path);
  if (!json.ok()) {
    result.error = json.error;
    return result;
  }
  const QJsonObject& root = *json.value;
  const QString where = QDir::toNativeSeparators(path);
  if (root.contains("format") && root.value("format").toString() != "owb.layer_stats") {
    result.error = tr("%1: format is '%2', expected 'owb.layer_stats'").arg(where, root.value("format").toString());
    return result;
  }
  LayerStats stats;
  stats.model = root.value("model").toString();
  stats.threshold = number(root.value("threshold"));
  stats.sequences = integer(root.value("sequences"), 0);
  stats.sequence_length = integer(root.value("sequence_length"), 0);
  stats.positions = integer(root.value("positions"), stats.sequences * stats.sequence_length);
  if (!root.value("hooks").isArray()) {
    result.error = tr("%1: 'hooks' is missing or not a list").arg(where);
    return result;
  }
  for (const QJsonValue& hook : root.value("hooks").toArray()) {
    if (!hook.isString()) {
      result.error = tr("%1: 'hooks' holds a value that is not a name").arg(where);
      return result;
    }
    stats.hooks << hook.toString();
  }
  const QJsonArray max_abs_rows = root.value("max_abs").toArray();
  const int first_row_size = max_abs_rows.isEmpty() ? 0 : int(max_abs_rows.first().toArray().size());
  stats.hidden_size = int(integer(root.value("hidden_size"), first_row_size));
  if (stats.hidden_size <= 0) {
    result.error = tr("%1: hidden_size is missing or not positive").arg(where);
    return result;
  }
  if (!parseMatrix(root, "max_abs", stats.rows(), stats.hidden_size, path, stats.max_abs, result.error) ||
      !parseMatrix(root, "hits", stats.rows(), stats.hidden_size, path, stats.hits, result.error))
    return result;
  result.value = std::move(stats);
  return result;
}

ReadResult<PerplexityResults> readPerplexity(const QString& path) {
  ReadResult<PerplexityResults> result;
  const ReadResult<QJsonObject> json = readJsonObject(path);
  if (!json.ok()) {
    result.error = json.error;
    return result;
  }
  const QJsonObject& root = *json.value;
  if (!root.value("perplexity").isDouble() && !root.value("perplexity").isNull()) {
    result.error = tr("%1: 'perplexity' is missing or not a number").arg(QDir::toNativeSeparators(path));
    return result;
  }
  PerplexityResults p;
  p.model = root.value("model").toString();
  p.dataset = root.value("dataset").toString();
  p.perplexity = number(root.value("perplexity"));
  p.avg_loss = number(root.value("avg_loss"));
  p.perplexity_stderr = number(root.value("perplexity_stderr"));
  p.bits_per_byte = number(root.value("bits_per_byte"));
  p.total_tokens = integer(root.value("total_tokens"));
  p.method = root.value("method").toString();
  result.value = p;
  return result;
}

ReadResult<RunInfo> readRunInfo(const QString& path) {
  ReadResult<RunInfo> result;
  const ReadResult<QJsonObject> json = readJsonObject(path);
  if (!json.ok()) {
    result.error = json.error;
    return result;
  }
  const QJsonObject& root = *json.value;
  RunInfo info;
  info.status = root.value("status").toString();
  info.mode = root.value("mode").toString();
  info.started = root.value("started").toString();
  info.finished = root.value("finished").toString();
  info.elapsed_s = number(root.value("elapsed_s"));
  info.error = root.value("error").toString();
  info.host = root.value("host").toString();
  info.model = root.value("model").toString();
  for (const QJsonValue& line : root.value("last_log").toArray()) info.last_log << line.toString();
  result.value = info;
  return result;
}

QString RunData::model() const {
  if (outliers && !outliers->model.isEmpty()) return outliers->model;
  if (perplexity && !perplexity->model.isEmpty()) return perplexity->model;
  if (layer_stats && !layer_stats->model.isEmpty()) return layer_stats->model;
  if (info) return info->model;
  return QString();
}

QString latestSuperWeightAnalysis(const QString& folder_path) {
  const QDir data(QDir(folder_path).filePath("data"));
  const QStringList files = data.entryList({kSuperWeightAnalysisGlob}, QDir::Files, QDir::Name);
  return files.isEmpty() ? QString() : data.filePath(files.last());  // <ts> sorts by time
}

bool isRunFolder(const QString& folder_path) {
  const QDir dir(folder_path);
  return dir.exists(kFinalAnalysisFile) || dir.exists(kPerplexityFile) || dir.exists(kLayerStatsFile) ||
         dir.exists(kRunInfoFile) || dir.exists(kVocabSuperWeightsFile) || !latestSuperWeightAnalysis(folder_path).isEmpty();
}

RunData readRunFolder(const QString& folder_path, ReadDepth depth) {
  RunData run;
  const QDir dir(folder_path);
  run.path = QFileInfo(folder_path).absoluteFilePath();
  if (!dir.exists()) {
    run.errors << tr("%1: folder not found").arg(QDir::toNativeSeparators(folder_path));
    return run;
  }
  run.has_final_analysis = dir.exists(kFinalAnalysisFile);
  run.has_layer_stats = dir.exists(kLayerStatsFile);
  run.has_perplexity = dir.exists(kPerplexityFile);
  run.has_run_info = dir.exists(kRunInfoFile);
  run.has_super_weights = !latestSuperWeightAnalysis(folder_path).isEmpty();
  run.has_vocab = dir.exists(kVocabSuperWeightsFile);
  if (!run.isRunFolder()) {
    run.errors << tr("%1: no %2, %3, %4 or %5: not a run folder")
                      .arg(QDir::toNativeSeparators(folder_path), kFinalAnalysisFile, kPerplexityFile, kLayerStatsFile,
                           kRunInfoFile);
    return run;
  }
  // Read what is there; each failure is one line and the rest still loads.
  const auto take = [&run](auto read_result, auto& slot) {
    if (read_result.ok()) slot = std::move(*read_result.value);
    else run.errors << read_result.error;
  };
  if (run.has_run_info) take(readRunInfo(dir.filePath(kRunInfoFile)), run.info);
  if (run.has_final_analysis) take(readFinalAnalysis(dir.filePath(kFinalAnalysisFile)), run.outliers);
  if (run.has_perplexity) take(readPerplexity(dir.filePath(kPerplexityFile)), run.perplexity);
  if (run.has_layer_stats && depth == ReadDepth::Full) take(readLayerStats(dir.filePath(kLayerStatsFile)), run.layer_stats);
  return run;
}

}  // namespace owb::models
