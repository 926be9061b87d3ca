#pragma once
// Super-weight result files as plain structs: `owb superweights` (data/analysis_<ts>.json: detection
// passes, super_weights[], perplexity and accuracy with each weight zeroed) and `owb vocab`
// (metrics/super_weights/super_weights.jsonl and metrics/neurons/neurons.jsonl, seed 004 cards).
// One card per super weight, merged across files by (model, layer, row, col).
// Pure functions of the files' bytes: no QObject, safe on a worker thread (QtConcurrent::run).
#include "run_folder_reader.h"

#include <QMap>
#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>

namespace owb::models {

inline constexpr double kNoSuperWeightValue = std::numeric_limits<double>::quiet_NaN();

struct TokenEffect {
  QString token;  // decoded string (`str`), else the vocabulary entry (`tok`)
  double effect = kNoSuperWeightValue;
};

struct AccuracyChange {
  QString task;
  double baseline_acc = kNoSuperWeightValue;
  double delta_acc = kNoSuperWeightValue;
  double delta_acc_norm = kNoSuperWeightValue;
};

struct BootstrapInterval {
  double mean = kNoSuperWeightValue;
  double low = kNoSuperWeightValue;   // ci_2.5
  double high = kNoSuperWeightValue;  // ci_97.5
};

// Everything known about one super weight: down_proj[row, col] of `layer` (Yu et al. 2024).
struct SuperWeightCard {
  QString model;
  QString tensor;
  int layer = -1;
  int row = -1;
  int col = -1;
  int expert = -1;  // MoE: the routed expert whose down_proj holds it (-1: a dense layer's)
  double value = kNoSuperWeightValue;
  double input_activation = kNoSuperWeightValue;   // |down_proj input| spike (channel col)
  double output_activation = kNoSuperWeightValue;  // |down_proj output| spike (channel row)
  int iteration = -1;                              // detection pass that found it
  // owb superweights: perplexity with this weight alone zeroed, and task accuracy deltas.
  QString analysis_file;
  double baseline_perplexity = kNoSuperWeightValue;
  double zeroed_perplexity = kNoSuperWeightValue;
  double delta_perplexity = kNoSuperWeightValue;
  double perplexity_ratio = kNoSuperWeightValue;
  QVector<AccuracyChange> accuracy;
  // owb vocab: interventional deltas (loss, entropy, topk_margin, stopword_mass) and controls.
  QString vocab_file;
  QMap<QString, double> baselines;
  QMap<QString, double> deltas;
  QMap<QString, double> random_coord_delta;
  QMap<QString, double> neuron_zero_delta;
  QMap<QString, BootstrapInterval> bootstrap;
  QVector<int> cascade_layers;
  QVector<double> cascade_delta_entropy;
  QVector<double> cascade_delta_margin;
  // The neuron's vocabulary effect (neurons.jsonl), else the probability changes when zeroed.
  QVector<TokenEffect> tokens_up;
  QVector<TokenEffect> tokens_down;
  bool tokens_from_neuron = false;

  bool hasAnalysis() const { return !analysis_file.isEmpty(); }
  bool hasVocab() const { return !vocab_file.isEmpty(); }
  QString key() const;  // model|layer|expert|row|col
};

struct DetectionLayer {
  int layer = -1;
  int input_channel = -1;
  double input_value = kNoSuperWeightValue;
  int output_channel = -1;
  double output_value = kNoSuperWeightValue;
};

struct DetectionPass {
  int iteration = 0;
  QVector<DetectionLayer> layers;
  QVector<int> found_layers;  // layers of the super weights this pass found
};

// One analysis_<ts>.json.
struct SuperWeightAnalysis {
  QString path;
  QString model;
  double spike_threshold = kNoSuperWeightValue;
  QVector<DetectionPass> passes;
  double baseline_perplexity = kNoSuperWeightValue;
  double combined_perplexity = kNoSuperWeightValue;  // all zeroed
  double restored_perplexity = kNoSuperWeightValue;  // all zeroed, super activations restored
  QVector<SuperWeightCard> cards;
};

ReadResult<SuperWeightAnalysis> readSuperWeightAnalysis(const QString& path);
// super_weights.jsonl (+ neurons.jsonl for the neurons' top tokens when `neurons_path` exists).
ReadResult<QVector<SuperWeightCard>> readVocabSuperWeights(const QString& path, const QString& neurons_path);

// Fills what `into` lacks from `from` (same key): analysis numbers, vocab numbers.
void mergeCard(SuperWeightCard& into, const SuperWeightCard& from);

// The cards of several run folders (super-weight and vocab runs), merged by key, in file order.
struct SuperWeightSet {
  QVector<SuperWeightCard> cards;
  QVector<SuperWeightAnalysis> analyses;
  QStringList errors;  // one line per unreadable file, naming it
};
SuperWeightSet loadSuperWeightFolders(const QStringList& run_folders);

}  // namespace owb::models
