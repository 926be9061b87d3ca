#pragma once
// Reads a run folder's result files (docs/result-files.md) into plain structs.
// Pure functions of the folder's bytes: no QObject, safe on any thread (QtConcurrent::run).
// A missing or malformed file never throws; it becomes an error message naming the file.
#include <QHash>
#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>
#include <optional>

namespace owb::models {

// The files whose presence makes a folder a run folder.
inline constexpr const char* kFinalAnalysisFile = "final_analysis_results.json";
inline constexpr const char* kPerplexityFile = "perplexity_results.json";
inline constexpr const char* kLayerStatsFile = "layer_stats.json";
inline constexpr const char* kRunInfoFile = "run.json";
// Super-weight results: `owb superweights` (data/analysis_<ts>.json, seed 003 layout) and
// `owb vocab` (metrics/super_weights/super_weights.jsonl, seed 004 layout).
inline constexpr const char* kSuperWeightAnalysisGlob = "analysis_*.json";  // under data/
inline constexpr const char* kVocabSuperWeightsFile = "metrics/super_weights/super_weights.jsonl";
inline constexpr const char* kVocabNeuronsFile = "metrics/neurons/neurons.jsonl";

// One systematic-outlier record, as in `systematic_outliers`, `all_systematic_outliers` and
// (fewer keys) `top_features`. Fractions, not percent.
struct SystematicRecord {
  int feature_dim = -1;
  double max_magnitude = 0.0;
  double layer_percentage = std::numeric_limits<double>::quiet_NaN();
  double seq_percentage = std::numeric_limits<double>::quiet_NaN();
  qint64 total_occurrences = -1;   // -1: not in the record (seed top_features)
  qint64 batches_qualified = -1;   // seed top_features `occurrences`
  QStringList layers_affected;     // hook names
  QVector<double> example_values;
  int batch_id = -1;               // per-batch records only
};

// Which list the systematic records came from; the GUI says so, since the numbers differ.
enum class SystematicSource {
  None,
  Exact,             // `systematic_outliers`: whole-run, one record per unique dim
  SeedTopFeatures,   // seed `top_features`: dedup by dim, max magnitude, batches qualified
  SeedAllBatches,    // seed `all_systematic_outliers`: batch-concatenated, dims repeat
};
QString systematicSourceLabel(SystematicSource source);

struct OutlierResults {
  QString model;
  double threshold = std::numeric_limits<double>::quiet_NaN();
  SystematicSource source = SystematicSource::None;
  QVector<SystematicRecord> systematic;  // the list `source` names
  qint64 seed_total_systematic = -1;     // analysis_summary.total_systematic_outliers (batch-summed)
  int total_batches = -1;
  int total_sequences = -1;
  int sequence_length = -1;
};

// layer_stats.json: hooks x dims, row-major flat storage.
struct LayerStats {
  QString model;
  double threshold = std::numeric_limits<double>::quiet_NaN();
  int hidden_size = 0;
  qint64 sequences = 0;
  qint64 sequence_length = 0;
  qint64 positions = 0;
  QStringList hooks;
  QVector<double> max_abs;  // [hooks.size() * hidden_size]
  QVector<double> hits;     // [hooks.size() * hidden_size]

  int rows() const { return hooks.size(); }
  double maxAbs(int hook, int dim) const { return max_abs[hook * hidden_size + dim]; }
  double hitCount(int hook, int dim) const { return hits[hook * hidden_size + dim]; }
};

struct PerplexityResults {
  QString model;
  QString dataset;
  double perplexity = std::numeric_limits<double>::quiet_NaN();
  double avg_loss = std::numeric_limits<double>::quiet_NaN();
  double perplexity_stderr = std::numeric_limits<double>::quiet_NaN();
  double bits_per_byte = std::numeric_limits<double>::quiet_NaN();
  qint64 total_tokens = -1;
  QString method;
};

// run.json (our runs only; seed folders have none).
struct RunInfo {
  QString status;  // running | ok | failed
  QString mode;
  QString started;
  QString finished;
  double elapsed_s = std::numeric_limits<double>::quiet_NaN();
  QString error;
  QString host;
  QString model;  // run.json "model" (super-weight and vocab runs name it there)
  QStringList last_log;  // last log lines, written on failure
};

// A value or the reason there is none ("layer_stats.json: ...").
template <class T>
struct ReadResult {
  std::optional<T> value;
  QString error;
  bool ok() const { return value.has_value(); }
};

ReadResult<OutlierResults> readFinalAnalysis(const QString& file_path);
ReadResult<LayerStats> readLayerStats(const QString& file_path);
ReadResult<PerplexityResults> readPerplexity(const QString& file_path);
ReadResult<RunInfo> readRunInfo(const QString& file_path);
// Any JSON file whose top level is an object (bare NaN/Infinity tolerated), errors naming it.
ReadResult<QJsonObject> readJsonObjectFile(const QString& file_path);
// The newest data/analysis_<ts>.json of a super-weight run folder (by name); empty if none.
QString latestSuperWeightAnalysis(const QString& folder_path);

// Everything the GUI shows about one run folder.
struct RunData {
  QString path;  // absolute folder path
  bool has_final_analysis = false;
  bool has_layer_stats = false;
  bool has_perplexity = false;
  bool has_run_info = false;
  bool has_super_weights = false;  // data/analysis_*.json
  bool has_vocab = false;          // metrics/super_weights/super_weights.jsonl
  std::optional<RunInfo> info;
  std::optional<OutlierResults> outliers;
  std::optional<LayerStats> layer_stats;
  std::optional<PerplexityResults> perplexity;
  QStringList errors;  // one line per unreadable file, each naming it

  // A run.json alone counts: a run that failed before writing results still belongs in the store.
  bool isRunFolder() const {
    return has_final_analysis || has_layer_stats || has_perplexity || has_run_info || has_super_weights || has_vocab;
  }
  QString model() const;  // from whichever file names it
};

enum class ReadDepth {
  Summary,  // skips layer_stats.json (the large matrix); enough for the run tree
  Full,
};

// Reads the folder. Never throws; a folder with none of the result files gets an error.
RunData readRunFolder(const QString& folder_path, ReadDepth depth = ReadDepth::Full);

// True when `folder_path` holds a result file (super-weight ones included) or run.json.
bool isRunFolder(const QString& folder_path);

}  // namespace owb::models
