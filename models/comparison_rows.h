#pragma once
// The rows behind the comparison plots and table: one per outlier run of a workspace, as the
// seeds' generate_comparison_plots.py / generate_perplexity_plots.py build them (and as
// `owb report` does, backend/results/comparison_report.cpp), read with Qt, torch-free.
// Pure functions of the folders' bytes, safe on a worker thread (QtConcurrent::run).
#include "model_catalog.h"

#include <QString>
#include <QStringList>
#include <QVector>

#include <limits>

namespace owb::models {

inline constexpr double kNoValue = std::numeric_limits<double>::quiet_NaN();

enum class ParamsSource { None, RunModelInfo, Catalog };

struct ComparisonRow {
  QString run_path;  // absolute run folder (of the perplexity run for perplexity-only rows)
  QString run_name;  // folder name
  QString model;     // as the run names it (hub id or local path)
  QString label;     // short model name for plots (after the last '/')
  double total_params_b = kNoValue;
  double active_params_b = kNoValue;
  ParamsSource params_source = ParamsSource::None;
  int moe = -1;  // 1 MoE, 0 dense, -1 unknown
  // The seed's calculate_metrics over all_systematic_outliers (batch-concatenated), percent.
  qint64 num_outliers = -1;  // -1: no outlier results
  double mean_layer_pct = kNoValue, median_layer_pct = kNoValue;
  double mean_seq_pct = kNoValue, median_seq_pct = kNoValue;
  qint64 unique_systematic = -1;  // ours: length of systematic_outliers (absent in seed files)
  double perplexity = kNoValue;
  QString perplexity_run;  // folder the perplexity came from

  bool hasOutliers() const { return num_outliers >= 0; }
};

// What one run folder contributes, before perplexity is matched across runs.
struct ComparisonInput {
  QString run_path;
  QString model;
  bool has_outliers = false;
  QVector<double> layer_fractions, seq_fractions;  // all_systematic_outliers, as listed
  qint64 unique_systematic = -1;
  double total_params = kNoValue, active_params = kNoValue;  // model_info, raw counts
  QString model_type;                                          // model_info.model_type
  bool has_perplexity = false;
  double perplexity = kNoValue;
  QStringList errors;
};

ComparisonInput readComparisonInput(const QString& run_folder);

// numpy.mean / numpy.median over the values, times 100; NaN for none. (The seed's lists are
// never empty when it plots; an outlier run with no systematic dims gets num_outliers 0 and
// NaN percentages, which the plots leave out.)
double meanPercent(const QVector<double>& fractions);
double medianPercent(QVector<double> fractions);

// Perplexity is matched by model name: the run's own perplexity_results.json first, else the
// last perplexity run (by path) of the same model. Perplexity runs whose model has no outlier
// run get a row of their own. Parameters: the run's model_info, else the catalog.
QVector<ComparisonRow> buildComparisonRows(const QVector<ComparisonInput>& inputs, const ModelCatalog& catalog);

// readComparisonInput of each folder + buildComparisonRows; read errors collected in `errors`.
QVector<ComparisonRow> collectComparisonRows(const QStringList& run_folders, const ModelCatalog& catalog,
                                             QStringList* errors = nullptr);

// Stable column keys of comparison.csv / comparison.json (owb report's, plus ours at the end).
QStringList comparisonKeys();
// Numbers written exactly (shortest round-trip form); missing values empty (CSV) or null (JSON).
QByteArray comparisonCsv(const QVector<ComparisonRow>& rows);
QByteArray comparisonJson(const QVector<ComparisonRow>& rows);

}  // namespace owb::models
