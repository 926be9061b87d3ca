#include "gui_fixtures.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>

#include <stdexcept>

namespace owb::gui_test {

LayerStatsFixture smallLayerStats() {
  LayerStatsFixture s;
  for (int h = 0; h < s.hooks.size(); ++h) {
    QVector<double> max_abs, hits;
    for (int d = 0; d < s.hidden_size; ++d) {
      // Background below threshold; dims 3 and 5 are large in most hooks.
      double m = 0.5 + 0.25 * h + 0.01 * d;
      double k = 0;
      if (d == 3) { m = 20.0 + h; k = 32 - h; }
      if (d == 5 && h != 1) { m = 9.5 + 0.5 * h; k = 4 + h; }
      max_abs << m;
      hits << k;
    }
    s.max_abs << max_abs;
    s.hits << hits;
  }
  return s;
}

QJsonObject layerStatsJson(const LayerStatsFixture& s) {
  QJsonArray max_abs, hits;
  for (const QVector<double>& row : s.max_abs) {
    QJsonArray r;
    for (double v : row) r << v;
    max_abs << r;
  }
  for (const QVector<double>& row : s.hits) {
    QJsonArray r;
    for (double v : row) r << v;
    hits << r;
  }
  return QJsonObject{{"format", "owb.layer_stats"}, {"v", 1}, {"model", "tiny-qwen"},
                     {"threshold", s.threshold}, {"hidden_size", s.hidden_size},
                     {"sequences", s.sequences}, {"sequence_length", s.sequence_length},
                     {"positions", s.positions}, {"hooks", QJsonArray::fromStringList(s.hooks)},
                     {"max_abs", max_abs}, {"hits", hits}};
}

namespace {
QJsonObject record(int dim, double magnitude, double layer_pct, double seq_pct, int occurrences,
                   const QStringList& hooks, const QJsonArray& examples) {
  return QJsonObject{{"feature_dim", dim}, {"max_magnitude", magnitude}, {"layer_percentage", layer_pct},
                     {"seq_percentage", seq_pct}, {"total_occurrences", occurrences},
                     {"layers_affected", QJsonArray::fromStringList(hooks)}, {"example_values", examples}};
}

QJsonObject seedKeys(const QString& model) {
  return QJsonObject{
      {"analysis_summary", QJsonObject{{"total_batches", 2}, {"total_sequences", 2}, {"total_systematic_outliers", 5},
                                       {"completion_time", "2025-01-01T12:00:00"}}},
      {"run_config", QJsonObject{{"model", model}, {"dataset", "fineweb-edu"}, {"num_sequences", 2},
                                 {"sequence_length", 16}, {"batch_size", 1}, {"threshold", 6.0},
                                 {"layers", "all"}, {"experiment_name", "tiny"}}},
      {"top_features", seedTopFeatures()},
      {"all_systematic_outliers", seedAllSystematicOutliers()},
      {"batch_results", QJsonArray{}}};
}

void writeRunInfo(const QString& dir, const QString& mode) {
  writeJson(dir + "/run.json", QJsonObject{{"status", "ok"}, {"mode", mode}, {"started", "2025-01-01T12:00:00"},
                                           {"finished", "2025-01-01T12:00:05"}, {"elapsed_s", 5.0},
                                           {"host", "localhost"}, {"error", ""}});
}
}  // namespace

QJsonArray exactSystematicList() {
  return QJsonArray{
      record(3, 23.0, 1.0, 1.0, 122, {"layer_0_ln_attn", "layer_0_ln_mlp", "layer_1_ln_attn", "layer_1_ln_mlp"},
             QJsonArray{23.0, -22.0, 21.5, 20.0, 19.5}),
      record(5, 11.0, 0.75, 0.5, 21, {"layer_0_ln_attn", "layer_1_ln_attn", "layer_1_ln_mlp"},
             QJsonArray{11.0, -10.5, 9.5}),
  };
}

QJsonArray seedTopFeatures() {
  return QJsonArray{QJsonObject{{"feature_dim", 5}, {"max_magnitude", 30.5}, {"occurrences", 2}},
                    QJsonObject{{"feature_dim", 3}, {"max_magnitude", 12.25}, {"occurrences", 2}},
                    QJsonObject{{"feature_dim", 1}, {"max_magnitude", 7.0}, {"occurrences", 1}}};
}

QJsonArray seedAllSystematicOutliers() {
  QJsonArray list;
  for (int batch = 1; batch <= 2; ++batch) {
    QJsonObject a = record(5, 30.5 - batch, 0.5, 0.25, 10, {"layer_0_ln_mlp", "layer_1_ln_mlp"}, QJsonArray{30.5});
    a["batch_id"] = batch;
    QJsonObject b = record(3, 12.25 - batch, 0.25, 0.125, 4, {"layer_1_ln_mlp"}, QJsonArray{12.25});
    b["batch_id"] = batch;
    list << a << b;
  }
  QJsonObject c = record(1, 7.0, 0.25, 0.0625, 1, {"layer_0_ln_attn"}, QJsonArray{7.0});
  c["batch_id"] = 2;
  list << c;
  return list;
}

void writeBytes(const QString& path, const QByteArray& bytes) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size())
    throw std::runtime_error("cannot write " + path.toStdString());
}

void writeJson(const QString& path, const QJsonObject& object) { writeBytes(path, QJsonDocument(object).toJson()); }

QString writeOutlierRun(const QString& parent, const QString& name) {
  const QString dir = parent + "/" + name;
  writeRunInfo(dir, "outliers");
  QJsonObject final_results = seedKeys("tiny-qwen");
  final_results["model"] = "tiny-qwen";
  final_results["thresholds"] =
      QJsonObject{{"magnitude_threshold", 6.0}, {"min_layer_percentage", 0.25}, {"min_seq_percentage", 0.06}};
  final_results["systematic_outliers"] = exactSystematicList();
  final_results["summary"] = QJsonObject{{"num_systematic", 2}};
  writeJson(dir + "/final_analysis_results.json", final_results);
  writeJson(dir + "/layer_stats.json", layerStatsJson(smallLayerStats()));
  return QFileInfo(dir).absoluteFilePath();
}

QString writeSeedRun(const QString& parent, const QString& name) {
  const QString dir = parent + "/" + name;
  writeJson(dir + "/final_analysis_results.json", seedKeys("allenai/OLMoE-1B-7B-0924"));
  writeBytes(dir + "/outlier_analysis.log", "seed log\n");
  return QFileInfo(dir).absoluteFilePath();
}

QString writePerplexityRun(const QString& parent, const QString& name, double perplexity) {
  const QString dir = parent + "/" + name;
  writeRunInfo(dir, "perplexity");
  writeJson(dir + "/perplexity_results.json",
            QJsonObject{{"perplexity", perplexity}, {"avg_loss", 2.5}, {"total_tokens", 30}, {"num_sequences", 2},
                        {"model", "tiny-qwen"}, {"dataset", "fineweb-edu"}, {"sequence_length", 16},
                        {"timestamp", "2025-01-01T12:00:00"}, {"batch_results", QJsonArray{}}, {"method", "fixed"}});
  return QFileInfo(dir).absoluteFilePath();
}

}  // namespace owb::gui_test
