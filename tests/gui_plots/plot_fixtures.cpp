#include "plot_fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <stdexcept>

namespace owb::plots_test {
namespace {

void writeJson(const QString& path, const QJsonObject& o) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) throw std::runtime_error("cannot write " + path.toStdString());
  f.write(QJsonDocument(o).toJson());
}

// A per-batch systematic record list (fractions), as all_systematic_outliers holds it.
QJsonArray records(const QVector<double>& layer, const QVector<double>& seq) {
  QJsonArray list;
  for (int i = 0; i < layer.size(); ++i)
    list << QJsonObject{{"feature_dim", 10 + i}, {"max_magnitude", 20.0 - i}, {"layer_percentage", layer[i]},
                        {"seq_percentage", seq[i]}, {"total_occurrences", 5}, {"batch_id", 1 + i % 2},
                        {"layers_affected", QJsonArray{"layer_0_ln_attn"}}, {"example_values", QJsonArray{20.0}}};
  return list;
}

QJsonObject seedFinal(const QString& model, const QJsonArray& all) {
  return QJsonObject{{"analysis_summary", QJsonObject{{"total_batches", 2}, {"total_sequences", 2},
                                                      {"total_systematic_outliers", all.size()}}},
                     {"run_config", QJsonObject{{"model", model}, {"sequence_length", 16}, {"threshold", 6.0}}},
                     {"top_features", QJsonArray{}},
                     {"all_systematic_outliers", all},
                     {"batch_results", QJsonArray{}}};
}

QJsonObject perplexity(const QString& model, double ppl) {
  return QJsonObject{{"perplexity", ppl}, {"avg_loss", 2.0}, {"total_tokens", 100}, {"num_sequences", 2},
                     {"model", model}, {"dataset", "fixture"}, {"sequence_length", 16}, {"batch_results", QJsonArray{}}};
}

void writeOurs(const QString& dir, const QString& model, const QVector<double>& layer, const QVector<double>& seq,
               double params, double ppl) {
  QJsonObject final_results = seedFinal(model, records(layer, seq));
  final_results["model"] = model;
  final_results["systematic_outliers"] = records(layer.mid(0, 1), seq.mid(0, 1));
  final_results["model_info"] = QJsonObject{{"model_type", "qwen3"}, {"layers", 2}, {"hidden_size", 64},
                                            {"total_params", params}, {"active_params", params}};
  writeJson(dir + "/final_analysis_results.json", final_results);
  writeJson(dir + "/perplexity_results.json", perplexity(model, ppl));
  writeJson(dir + "/run.json", QJsonObject{{"status", "ok"}, {"mode", "both"}});
}

}  // namespace

QVector<ExpectedRun> writePlotWorkspace(const QString& root) {
  writeOurs(root + "/runs/demo/a_20250101_000001", "/models/tiny-a", {0.5, 0.25, 0.75}, {0.1, 0.2, 0.3}, 1e9, 20.0);
  writeOurs(root + "/runs/demo/b_20250101_000002", "/models/tiny-b", {1.0, 0.5}, {0.5, 0.25}, 2e9, 12.0);
  const QString seed_model = "allenai/OLMoE-1B-7B-0924";
  writeJson(root + "/remote_results/outlier_analysis_olmoe/final_analysis_results.json",
            seedFinal(seed_model, records({0.25, 0.5, 0.5, 1.0}, {0.0625, 0.125, 0.125, 0.5})));
  writeJson(root + "/remote_results/perplexity_olmoe/perplexity_results.json", perplexity(seed_model, 30.0));
  // Row order: outlier runs by path.
  return {
      {"remote_results/outlier_analysis_olmoe", seed_model, "OLMoE-1B-7B-0924", 30.0, 7.0, 1.3, true, 4,
       100.0 * (0.25 + 0.5 + 0.5 + 1.0) / 4, 50.0, 100.0 * (0.0625 + 0.125 + 0.125 + 0.5) / 4, 12.5},
      {"runs/demo/a_20250101_000001", "/models/tiny-a", "tiny-a", 20.0, 1.0, 1.0, false, 3,
       100.0 * (0.5 + 0.25 + 0.75) / 3, 50.0, 100.0 * (0.1 + 0.2 + 0.3) / 3, 20.0},
      {"runs/demo/b_20250101_000002", "/models/tiny-b", "tiny-b", 12.0, 2.0, 2.0, false, 2,
       75.0, 75.0, 37.5, 37.5},
  };
}

}  // namespace owb::plots_test
