#pragma once
// The scaling-law report of seed 003's analyze_priority1.py over `owb damage` run folders:
// per model, n / mean / std / SEM / Student-t 95 % CI of rank_reduction, perplexity_increase and
// perplexity_post; optional per-model outlier filtering (IQR or z-score) on one metric, recording
// what was removed; a power law of mean damage against total parameters. docs/damage-experiments.md
// ("Scaling-law report") states the method.
#include "damage_runs.h"
#include "power_law_fit.h"
#include "run_statistics.h"

#include <nlohmann/json.hpp>

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace owb {

enum class DamageMetric { RankReduction, PerplexityIncrease, PerplexityPost };
inline constexpr std::array<DamageMetric, 3> kDamageMetrics = {DamageMetric::RankReduction, DamageMetric::PerplexityIncrease,
                                                              DamageMetric::PerplexityPost};
const char* damage_metric_name(DamageMetric m);  // "rank_reduction", ...
std::optional<DamageMetric> parse_damage_metric(const std::string& name);

enum class OutlierFilter { None, Iqr, ZScore };
const char* outlier_filter_name(OutlierFilter f);  // "none", "iqr", "zscore"

struct ScalingLawOptions {
  std::vector<std::string> models;  // size labels / model names to keep; empty: every model found
  bool use_absolute = true;         // |rank_reduction|: structural damage regardless of sign
  OutlierFilter filter = OutlierFilter::None;
  DamageMetric filter_metric = DamageMetric::RankReduction;
  double iqr_multiplier = 1.5;
  double zscore_threshold = 3.0;
};

// A metric of one group's numbers, |.| on rank_reduction when use_absolute.
double damage_value(const DamageMetrics& m, DamageMetric metric, bool use_absolute);

using MetricSummaries = std::array<SampleSummary, kDamageMetrics.size()>;

// What the filter did to one model's runs.
struct ModelFiltering {
  std::size_t n_original = 0;
  std::vector<std::size_t> removed_indices;  // positions in ModelScaling::runs (by run number), 0-based
  double lower = kNaN, upper = kNaN;         // the fences on the filter metric
  MetricSummaries original;                  // before removing anything
};

struct ModelScaling {
  std::string key;  // size_label, else model_name
  std::string model, model_name, size_label;
  int64_t total_params = 0;
  std::vector<DamageRun> runs;       // by run number
  std::vector<bool> kept;            // per run: survived the filter
  MetricSummaries stats;             // over the kept runs (finite values only)
  std::optional<ModelFiltering> filtering;
  MetricSummaries control;           // control group of the kept runs that have one
  std::size_t control_runs = 0;
};

struct ScalingLawReport {
  ScalingLawOptions options;
  std::string results_dir;
  std::vector<ModelScaling> models;  // by total parameters
  std::array<PowerLawFit, kDamageMetrics.size()> fits;  // mean value against total_params, per metric
  std::vector<std::string> warnings;                    // skipped folders, non-finite values, unknown --models

  const SampleSummary& stat(const ModelScaling& m, DamageMetric metric) const { return m.stats[static_cast<int>(metric)]; }
  const PowerLawFit& fit(DamageMetric metric) const { return fits[static_cast<int>(metric)]; }
};

// Throws InputError when no run matches options.models.
ScalingLawReport build_scaling_law_report(const DamageRunScan& scan, const ScalingLawOptions& options,
                                          const std::string& results_dir = "");

// One row per model: model, params, n, then n/mean/std/sem/ci95_low/ci95_high per metric.
std::string scaling_law_summary_csv(const ScalingLawReport& report);
// The same numbers plus the options, the fits and a "filtering" block (method, metric, parameters,
// per model: removed indices and runs, fences, original vs filtered statistics).
nlohmann::json scaling_law_summary_json(const ScalingLawReport& report);
// One row per run and group (treatment, and control where present): model, run, seed, group,
// the metric's pre/post numbers and value, and whether the filter removed the run.
std::string aggregate_summary_csv(const ScalingLawReport& report, DamageMetric metric);

// A number as CSV/JSON text: shortest form that reads back exactly; "" for NaN.
std::string format_number(double v);

// Writes scaling_law_summary.{csv,json}, scaling_law_curve.{png,svg} and
// aggregate_summary_<metric>.csv into `output_dir` (each atomically); returns their paths.
std::vector<std::string> write_scaling_law_outputs(const ScalingLawReport& report, const std::string& output_dir);

}  // namespace owb
