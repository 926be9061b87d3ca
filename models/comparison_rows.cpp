#include "comparison_rows.h"

#include "run_folder_reader.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QMap>
#include <QSet>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace owb::models {
namespace {

// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::models::ComparisonRows)
};

// Python's json.dump may write bare NaN / Infinity; map them to null like run_folder_reader.
QJsonObject readObject(const QString& path, QStringList& errors) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    errors << Text::tr("%1: cannot open (%2)").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
  }
  QByteArray bytes = file.readAll();
  QJsonParseError error;
  QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
  if (error.error != QJsonParseError::NoError) {
    bytes.replace("-Infinity", "null").replace("Infinity", "null").replace("NaN", "null");
    doc = QJsonDocument::fromJson(bytes, &error);
  }
  if (error.error != QJsonParseError::NoError || !doc.isObject()) {
    errors << Text::tr("%1: not a JSON object (%2)").arg(QDir::toNativeSeparators(path), error.errorString());
    return {};
  }
  return doc.object();
}

QString configModel(const QString& folder) {
  QStringList ignored;
  const QString path = QDir(folder).filePath("config.json");
  if (!QFileInfo::exists(path)) return {};
  return readObject(path, ignored).value("model").toObject().value("name").toString();
}

double toNumber(const QJsonValue& v) { return v.isDouble() ? v.toDouble() : kNoValue; }

bool moeType(const QString& model_type) {
  static const QStringList moe = {"olmoe", "mixtral", "qwen2_moe", "qwen3_moe", "qwen3_next",
                                  "gpt_oss", "glm4_moe", "deepseek_v2", "deepseek_v3"};
  return moe.contains(model_type) || model_type.contains(QLatin1String("moe"));
}

}  // namespace

double meanPercent(const QVector<double>& v) {
  if (v.isEmpty()) return kNoValue;
  return 100.0 * std::accumulate(v.begin(), v.end(), 0.0) / double(v.size());
}

double medianPercent(QVector<double> v) {
  if (v.isEmpty()) return kNoValue;
  std::sort(v.begin(), v.end());
  const qsizetype n = v.size();
  return 100.0 * (n % 2 ? v[n / 2] : 0.5 * (v[n / 2 - 1] + v[n / 2]));
}

ComparisonInput readComparisonInput(const QString& run_folder) {
  ComparisonInput in;
  in.run_path = QFileInfo(run_folder).absoluteFilePath();
  const QDir dir(run_folder);
  if (dir.exists(kFinalAnalysisFile)) {
    const QString path = dir.filePath(kFinalAnalysisFile);
    const qsizetype errors_before = in.errors.size();
    const QJsonObject root = readObject(path, in.errors);
    if (in.errors.size() == errors_before) {
      in.model = root.value("model").toString(root.value("run_config").toObject().value("model").toString());
      const QJsonValue list = root.value("all_systematic_outliers");
      if (!list.isArray()) {
        in.errors << Text::tr("%1: no all_systematic_outliers list").arg(QDir::toNativeSeparators(path));
      } else {
        in.has_outliers = true;
        for (const QJsonValue& r : list.toArray()) {
          const QJsonObject o = r.toObject();
          in.layer_fractions << toNumber(o.value("layer_percentage"));
          in.seq_fractions << toNumber(o.value("seq_percentage"));
        }
      }
      if (root.value("systematic_outliers").isArray())
        in.unique_systematic = root.value("systematic_outliers").toArray().size();
      const QJsonObject info = root.value("model_info").toObject();
      in.total_params = toNumber(info.value("total_params"));
      in.active_params = toNumber(info.value("active_params"));
      in.model_type = info.value("model_type").toString();
    }
  }
  if (dir.exists(kPerplexityFile)) {
    const QString path = dir.filePath(kPerplexityFile);
    const qsizetype errors_before = in.errors.size();
    const QJsonObject root = readObject(path, in.errors);
    if (in.errors.size() == errors_before) {
      in.has_perplexity = root.value("perplexity").isDouble();
      in.perplexity = toNumber(root.value("perplexity"));
      if (in.model.isEmpty()) in.model = root.value("model").toString();
    }
  }
  if (in.model.isEmpty()) in.model = configModel(run_folder);
  return in;
}

namespace {

void fillParams(ComparisonRow& row, const ComparisonInput* in, const ModelCatalog& catalog) {
  const std::optional<CatalogModel> known = catalog.find(row.model);
  if (in && std::isfinite(in->total_params)) {
    row.total_params_b = in->total_params / 1e9;
    row.active_params_b = (std::isfinite(in->active_params) ? in->active_params : in->total_params) / 1e9;
    row.params_source = ParamsSource::RunModelInfo;
  } else if (known) {
    row.total_params_b = known->total_params_b;
    row.active_params_b = known->active_params_b;
    row.params_source = ParamsSource::Catalog;
  }
  if (known) row.moe = known->moe ? 1 : 0;
  else if (in && !in->model_type.isEmpty()) row.moe = moeType(in->model_type) ? 1 : 0;
  else if (std::isfinite(row.total_params_b) && std::isfinite(row.active_params_b))
    row.moe = row.active_params_b < row.total_params_b ? 1 : 0;
}

ComparisonRow baseRow(const QString& run_path, const QString& model) {
  ComparisonRow row;
  row.run_path = run_path;
  row.run_name = QFileInfo(run_path).fileName();
  row.model = model;
  row.label = modelShortName(model);
  if (row.label.isEmpty()) row.label = row.run_name;
  return row;
}

}  // namespace

QVector<ComparisonRow> buildComparisonRows(const QVector<ComparisonInput>& unsorted, const ModelCatalog& catalog) {
  QVector<ComparisonInput> inputs = unsorted;
  std::sort(inputs.begin(), inputs.end(),
            [](const ComparisonInput& a, const ComparisonInput& b) { return a.run_path < b.run_path; });
  QMap<QString, const ComparisonInput*> perplexity_by_model;  // the last run (by path) wins
  for (const ComparisonInput& in : inputs)
    if (in.has_perplexity) perplexity_by_model[in.model] = &in;
  QVector<ComparisonRow> rows;
  QSet<QString> models_with_outliers;
  for (const ComparisonInput& in : inputs) {
    if (!in.has_outliers) continue;
    ComparisonRow row = baseRow(in.run_path, in.model);
    row.num_outliers = in.layer_fractions.size();
    row.mean_layer_pct = meanPercent(in.layer_fractions);
    row.median_layer_pct = medianPercent(in.layer_fractions);
    row.mean_seq_pct = meanPercent(in.seq_fractions);
    row.median_seq_pct = medianPercent(in.seq_fractions);
    row.unique_systematic = in.unique_systematic;
    const ComparisonInput* p = in.has_perplexity ? &in : perplexity_by_model.value(in.model, nullptr);
    if (p) row.perplexity = p->perplexity, row.perplexity_run = p->run_path;
    fillParams(row, &in, catalog);
    models_with_outliers.insert(in.model);
    rows << row;
  }
  for (auto it = perplexity_by_model.cbegin(); it != perplexity_by_model.cend(); ++it) {
    if (models_with_outliers.contains(it.key())) continue;
    ComparisonRow row = baseRow(it.value()->run_path, it.key());
    row.perplexity = it.value()->perplexity;
    row.perplexity_run = it.value()->run_path;
    fillParams(row, nullptr, catalog);
    rows << row;
  }
  return rows;
}

QVector<ComparisonRow> collectComparisonRows(const QStringList& run_folders, const ModelCatalog& catalog,
                                             QStringList* errors) {
  QVector<ComparisonInput> inputs;
  for (const QString& folder : run_folders) {
    inputs << readComparisonInput(folder);
    if (errors) *errors << inputs.last().errors;
  }
  return buildComparisonRows(inputs, catalog);
}

QStringList comparisonKeys() {
  return {"model", "total_params_b", "active_params_b", "num_outliers", "mean_layer_pct", "median_layer_pct",
          "mean_seq_pct", "median_seq_pct", "unique_systematic", "perplexity", "run_dir", "moe", "params_source"};
}

namespace {

QString paramsSourceKey(ParamsSource s) {
  switch (s) {
    case ParamsSource::RunModelInfo: return QStringLiteral("model_info");
    case ParamsSource::Catalog: return QStringLiteral("catalog");
    case ParamsSource::None: break;
  }
  return QString();
}

QJsonValue jsonNumber(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }
QJsonValue jsonCount(qint64 v) { return v >= 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }

// One row as JSON values in comparisonKeys() order.
QVector<QJsonValue> rowValues(const ComparisonRow& r) {
  return {r.model, jsonNumber(r.total_params_b), jsonNumber(r.active_params_b), jsonCount(r.num_outliers),
          jsonNumber(r.mean_layer_pct), jsonNumber(r.median_layer_pct), jsonNumber(r.mean_seq_pct),
          jsonNumber(r.median_seq_pct), jsonCount(r.unique_systematic), jsonNumber(r.perplexity),
          r.run_path, r.moe < 0 ? QJsonValue(QJsonValue::Null) : QJsonValue(r.moe == 1),
          r.params_source == ParamsSource::None ? QJsonValue(QJsonValue::Null) : QJsonValue(paramsSourceKey(r.params_source))};
}

QString csvField(const QJsonValue& v) {
  QString s;
  if (v.isDouble()) s = QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
  else if (v.isBool()) s = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
  else s = v.toString();
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
  return QLatin1Char('"') + QString(s).replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

}  // namespace

QByteArray comparisonCsv(const QVector<ComparisonRow>& rows) {
  QString out = comparisonKeys().join(QLatin1Char(',')) + QLatin1Char('\n');
  for (const ComparisonRow& r : rows) {
    QStringList cells;
    for (const QJsonValue& v : rowValues(r)) cells << csvField(v);
    out += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return out.toUtf8();
}

QByteArray comparisonJson(const QVector<ComparisonRow>& rows) {
  const QStringList keys = comparisonKeys();
  QJsonArray array;
  for (const ComparisonRow& r : rows) {
    const QVector<QJsonValue> values = rowValues(r);
    QJsonObject o;
    for (int i = 0; i < keys.size(); ++i) o.insert(keys[i], values[i]);
    array << o;
  }
  return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

}  // namespace owb::models
