#pragma once
// Hand-written run folders in the documented format (docs/result-files.md), for the GUI tests.
#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

namespace owb::gui_test {

// A small layer_stats.json: 2 layers (4 hooks) x 8 dims, every cell a distinct value.
struct LayerStatsFixture {
  QStringList hooks{"layer_0_ln_attn", "layer_0_ln_mlp", "layer_1_ln_attn", "layer_1_ln_mlp"};
  int hidden_size = 8;
  qint64 sequences = 2;
  qint64 sequence_length = 16;
  qint64 positions = 32;
  double threshold = 6.0;
  QVector<QVector<double>> max_abs;
  QVector<QVector<double>> hits;
};
LayerStatsFixture smallLayerStats();
QJsonObject layerStatsJson(const LayerStatsFixture& stats);

// The exact whole-run list of the fixture: dims 3 and 5, by max_magnitude descending.
QJsonArray exactSystematicList();
// Seed-only lists: top_features (dims 5, 3, 1) and all_systematic_outliers (per batch).
QJsonArray seedTopFeatures();
QJsonArray seedAllSystematicOutliers();

void writeJson(const QString& path, const QJsonObject& object);
void writeBytes(const QString& path, const QByteArray& bytes);

// <parent>/<name>/ with run.json, final_analysis_results.json (seed keys + exact list) and
// layer_stats.json. Returns the run folder.
QString writeOutlierRun(const QString& parent, const QString& name);
// <parent>/<name>/ as the seed tooling writes it: final_analysis_results.json with seed keys
// only, no run.json, no layer_stats.json.
QString writeSeedRun(const QString& parent, const QString& name);
// <parent>/<name>/ with run.json and perplexity_results.json.
QString writePerplexityRun(const QString& parent, const QString& name, double perplexity);

}  // namespace owb::gui_test
