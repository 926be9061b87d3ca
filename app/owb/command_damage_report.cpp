// owb damage-report: seed 003's analyze_priority1.py over the run folders `owb damage` writes:
// per-model statistics with 95 % CIs, optional outlier filtering, the power-law scaling curve.
#include "args.h"
#include "commands.h"

#include "damage_runs.h"
#include "power_law_fit.h"
#include "scaling_law_report.h"

#include <cstdio>
#include <filesystem>
#include <iostream>

namespace owb::cli {

namespace {

const char* kUsage =
    "usage: owb damage-report [--results-dir DIR] [--models M...] [--output-dir DIR] [--use-absolute | --no-absolute]\n"
    "                         [--filter-method iqr|zscore] [--filter-metric rank_reduction|perplexity_increase|perplexity_post]\n"
    "                         [--filter-iqr-multiplier K] [--filter-zscore-threshold T]\n"
    "The scaling-law analysis of the damage experiments (seed 003's analyze_priority1.py) over the run\n"
    "folders under --results-dir (default ./experiments/results/), each with a results.json from\n"
    "`owb damage`; folders without one (failed runs) are skipped with a warning.\n"
    "  --models M...                  size labels or model names to include (default: every model found)\n"
    "  --output-dir DIR               default <results-dir>/scaling_law_analysis/\n"
    "  --use-absolute / --no-absolute |rank_reduction| as structural damage (default) or its sign\n"
    "  --filter-method iqr|zscore     drop outlier runs per model: IQR keeps [Q1 - k IQR, Q3 + k IQR],\n"
    "                                 z-score keeps |x - mean| / std <= t (sample std)\n"
    "  --filter-metric NAME           the metric filtered on (default rank_reduction)\n"
    "  --filter-iqr-multiplier K      default 1.5\n"
    "  --filter-zscore-threshold T    default 3.0\n"
    "Writes scaling_law_summary.csv / .json (with a \"filtering\" block), scaling_law_curve.png / .svg\n"
    "and aggregate_summary_<metric>.csv (one row per run) into the output folder.";

std::string mean_and_ci(const SampleSummary& s) {
  if (s.n == 0) return "-";
  std::string text = format_significant(s.mean, 4);
  if (s.n >= 2) text += " [" + format_significant(s.ci95_low, 4) + ", " + format_significant(s.ci95_high, 4) + "]";
  return text;
}

std::string padded(const std::string& s, size_t width) { return s.size() >= width ? s + " " : s + std::string(width - s.size(), ' '); }

void print_report(const ScalingLawReport& report) {
  std::cout << padded("model", 14) << padded("params", 14) << padded("runs", 6) << padded("removed", 9);
  for (DamageMetric m : kDamageMetrics) std::cout << padded(std::string(damage_metric_name(m)) + " mean [95% CI]", 36);
  std::cout << "\n";
  for (const auto& m : report.models) {
    size_t removed = 0;
    for (bool kept : m.kept) removed += kept ? 0 : 1;
    std::cout << padded(m.key, 14) << padded(std::to_string(m.total_params), 14) << padded(std::to_string(m.runs.size()), 6)
              << padded(std::to_string(removed), 9);
    for (DamageMetric metric : kDamageMetrics) std::cout << padded(mean_and_ci(report.stat(m, metric)), 36);
    std::cout << "\n";
  }
  for (DamageMetric metric : kDamageMetrics) {
    const PowerLawFit& fit = report.fit(metric);
    std::cout << "power law, " << damage_metric_name(metric) << ": "
              << (fit.valid ? fit.equation() + "  (R^2 = " + format_significant(fit.r2) + ", " + std::to_string(fit.points_used) + " models)"
                            : "none")
              << (fit.note.empty() ? "" : "  [" + fit.note + "]") << "\n";
  }
  const ScalingLawOptions& o = report.options;
  if (o.filter == OutlierFilter::None) return;
  std::cout << "filter: " << outlier_filter_name(o.filter) << " on " << damage_metric_name(o.filter_metric)
            << (o.filter == OutlierFilter::Iqr ? " (k = " + format_significant(o.iqr_multiplier) + ")"
                                               : " (t = " + format_significant(o.zscore_threshold) + ")")
            << "\n";
  for (const auto& m : report.models)
    for (size_t i = 0; i < m.runs.size(); ++i)
      if (!m.kept[i]) std::cout << "  removed " << m.key << " run " << m.runs[i].run << " (" << m.runs[i].run_dir << ")\n";
}

}  // namespace

int run_damage_report(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  ScalingLawOptions options;
  const std::string results_dir = args.value("--results-dir").value_or("./experiments/results/");
  const std::string output_dir =
      args.value("--output-dir").value_or((std::filesystem::path(results_dir) / "scaling_law_analysis").string());
  options.models = args.list("--models");
  const bool absolute = args.flag("--use-absolute"), signed_values = args.flag("--no-absolute");
  if (absolute && signed_values) throw UsageError("give --use-absolute or --no-absolute, not both");
  options.use_absolute = !signed_values;
  if (auto method = args.value("--filter-method")) {
    if (*method == "iqr") options.filter = OutlierFilter::Iqr;
    else if (*method == "zscore") options.filter = OutlierFilter::ZScore;
    else throw UsageError("--filter-method must be iqr or zscore, got \"" + *method + "\"");
  }
  if (auto metric = args.value("--filter-metric")) {
    auto parsed = parse_damage_metric(*metric);
    if (!parsed) throw UsageError("--filter-metric must be rank_reduction, perplexity_increase or perplexity_post, got \"" + *metric + "\"");
    options.filter_metric = *parsed;
  }
  options.iqr_multiplier = args.number("--filter-iqr-multiplier").value_or(1.5);
  options.zscore_threshold = args.number("--filter-zscore-threshold").value_or(3.0);
  args.finish();
  if (!(options.iqr_multiplier >= 0.0)) throw UsageError("--filter-iqr-multiplier must be >= 0");
  if (!(options.zscore_threshold > 0.0)) throw UsageError("--filter-zscore-threshold must be > 0");

  const DamageRunScan scan = read_damage_runs(results_dir, {output_dir});
  const ScalingLawReport report = build_scaling_law_report(scan, options, results_dir);
  for (const auto& w : report.warnings) std::cerr << "warning: " << w << "\n";
  print_report(report);
  for (const auto& path : write_scaling_law_outputs(report, output_dir)) std::cout << "wrote " << path << "\n";
  return 0;
}

}  // namespace owb::cli
