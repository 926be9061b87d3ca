#include "scaling_law_report.h"

#include "errors.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <map>

namespace owb {

const char* damage_metric_name(DamageMetric m) {
  switch (m) {
    case DamageMetric::RankReduction: return "rank_reduction";
    case DamageMetric::PerplexityIncrease: return "perplexity_increase";
    case DamageMetric::PerplexityPost: return "perplexity_post";
  }
  return "?";
}

std::optional<DamageMetric> parse_damage_metric(const std::string& name) {
  for (DamageMetric m : kDamageMetrics)
    if (name == damage_metric_name(m)) return m;
  return std::nullopt;
}

const char* outlier_filter_name(OutlierFilter f) {
  switch (f) {
    case OutlierFilter::None: return "none";
    case OutlierFilter::Iqr: return "iqr";
    case OutlierFilter::ZScore: return "zscore";
  }
  return "?";
}

double damage_value(const DamageMetrics& m, DamageMetric metric, bool use_absolute) {
  switch (metric) {
    case DamageMetric::RankReduction: return use_absolute ? std::fabs(m.rank_reduction) : m.rank_reduction;
    case DamageMetric::PerplexityIncrease: return m.perplexity_increase;
    case DamageMetric::PerplexityPost: return m.perplexity_post;
  }
  return kNaN;
}

std::string format_number(double v) {
  if (std::isnan(v)) return "";
  if (std::isinf(v)) return v > 0 ? "inf" : "-inf";
  char buffer[40];
  for (int digits = 15; digits <= 17; ++digits) {
    std::snprintf(buffer, sizeof buffer, "%.*g", digits, v);
    if (std::strtod(buffer, nullptr) == v) break;
  }
  return buffer;
}

namespace {

// Statistics of each metric over the chosen runs (kept[i]), one group; non-finite values left out.
MetricSummaries summarize_runs(const std::vector<DamageRun>& runs, const std::vector<bool>& kept, bool use_absolute,
                               bool control) {
  MetricSummaries out;
  for (DamageMetric metric : kDamageMetrics) {
    std::vector<double> values;
    for (size_t i = 0; i < runs.size(); ++i) {
      if (!kept[i] || (control && !runs[i].control)) continue;
      const double v = damage_value(control ? *runs[i].control : runs[i].treatment, metric, use_absolute);
      if (std::isfinite(v)) values.push_back(v);
    }
    out[static_cast<int>(metric)] = summarize(values);
  }
  return out;
}

void apply_filter(ModelScaling& m, const ScalingLawOptions& options) {
  // Runs whose filter metric is not finite cannot be judged: they stay (and count nowhere).
  std::vector<double> values;
  std::vector<size_t> positions;
  for (size_t i = 0; i < m.runs.size(); ++i) {
    const double v = damage_value(m.runs[i].treatment, options.filter_metric, options.use_absolute);
    if (!std::isfinite(v)) continue;
    values.push_back(v);
    positions.push_back(i);
  }
  const FilterOutcome outcome = options.filter == OutlierFilter::Iqr ? iqr_filter(values, options.iqr_multiplier)
                                                                     : zscore_filter(values, options.zscore_threshold);
  ModelFiltering f;
  f.n_original = m.runs.size();
  f.lower = outcome.lower;
  f.upper = outcome.upper;
  f.original = summarize_runs(m.runs, m.kept, options.use_absolute, false);
  for (size_t removed : outcome.removed) {
    f.removed_indices.push_back(positions[removed]);
    m.kept[positions[removed]] = false;
  }
  m.filtering = f;
}

std::vector<DamageRun> select_runs(const DamageRunScan& scan, const ScalingLawOptions& options, const std::string& results_dir,
                                   std::vector<std::string>& warnings) {
  if (scan.runs.empty()) throw input_error(results_dir, "no run folders with a results.json");
  if (options.models.empty()) return scan.runs;
  std::vector<DamageRun> selected;
  for (const auto& name : options.models)
    if (std::none_of(scan.runs.begin(), scan.runs.end(), [&](const DamageRun& r) { return r.matches(name); }))
      warnings.push_back("--models " + name + ": no run folder with a results.json");
  for (const auto& r : scan.runs)
    if (std::any_of(options.models.begin(), options.models.end(), [&](const std::string& n) { return r.matches(n); }))
      selected.push_back(r);
  if (selected.empty()) throw input_error(results_dir, "no runs of the models given with --models");
  return selected;
}

void warn_non_finite(const ModelScaling& m, std::vector<std::string>& warnings) {
  for (const auto& r : m.runs)
    for (DamageMetric metric : kDamageMetrics)
      if (!std::isfinite(damage_value(r.treatment, metric, false)))
        warnings.push_back(r.results_file + ": " + damage_metric_name(metric) + " is not a finite number, left out of its statistics");
}

}  // namespace

ScalingLawReport build_scaling_law_report(const DamageRunScan& scan, const ScalingLawOptions& options, const std::string& results_dir) {
  ScalingLawReport report;
  report.options = options;
  report.results_dir = results_dir;
  report.warnings = scan.warnings;
  std::map<std::string, ModelScaling> by_key;
  for (const auto& run : select_runs(scan, options, results_dir, report.warnings)) {
    ModelScaling& m = by_key[run.model_key()];
    if (m.runs.empty()) {
      m.key = run.model_key();
      m.model = run.model;
      m.model_name = run.model_name;
      m.size_label = run.size_label;
      m.total_params = run.total_params;
    } else if (run.total_params != m.total_params) {
      report.warnings.push_back(run.results_file + ": total_params " + std::to_string(run.total_params) + " differs from " +
                                std::to_string(m.total_params) + " of the model's first run; the first is used");
    }
    m.runs.push_back(run);
  }
  for (auto& [key, m] : by_key) {
    std::stable_sort(m.runs.begin(), m.runs.end(), [](const DamageRun& a, const DamageRun& b) { return a.run < b.run; });
    m.kept.assign(m.runs.size(), true);
    warn_non_finite(m, report.warnings);
    if (options.filter != OutlierFilter::None) apply_filter(m, options);
    m.stats = summarize_runs(m.runs, m.kept, options.use_absolute, false);
    m.control = summarize_runs(m.runs, m.kept, options.use_absolute, true);
    for (size_t i = 0; i < m.runs.size(); ++i) m.control_runs += (m.kept[i] && m.runs[i].control) ? 1 : 0;
    report.models.push_back(std::move(m));
  }
  std::stable_sort(report.models.begin(), report.models.end(),
                   [](const ModelScaling& a, const ModelScaling& b) { return a.total_params < b.total_params; });

  for (DamageMetric metric : kDamageMetrics) {
    std::vector<double> x, y;
    for (const auto& m : report.models) {
      x.push_back(static_cast<double>(m.total_params));
      y.push_back(report.stat(m, metric).mean);
    }
    report.fits[static_cast<int>(metric)] = fit_power_law(x, y);
  }
  return report;
}

}  // namespace owb
