// The scaling-law report's files: summary CSV/JSON, per-run aggregate CSVs, the curve (PNG, SVG).
#include "scaling_law_figure.h"
#include "scaling_law_report.h"

#include "json_file.h"
#include "line_plot_image.h"

#include <cmath>
#include <filesystem>

namespace owb {

using nlohmann::json;

namespace {

json json_number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json summary_json(const SampleSummary& s) {
  return {{"n", s.n},
          {"mean", json_number(s.mean)},
          {"std", json_number(s.std)},
          {"sem", json_number(s.sem)},
          {"ci95_low", json_number(s.ci95_low)},
          {"ci95_high", json_number(s.ci95_high)}};
}

json metrics_json(const MetricSummaries& summaries) {
  json j = json::object();
  for (DamageMetric m : kDamageMetrics) j[damage_metric_name(m)] = summary_json(summaries[static_cast<int>(m)]);
  return j;
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string quoted = "\"";
  for (char c : s) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string join_csv(const std::vector<std::string>& fields) {
  std::string line;
  for (size_t i = 0; i < fields.size(); ++i) line += (i ? "," : "") + csv_field(fields[i]);
  return line + "\n";
}

std::vector<int> removed_runs(const ModelScaling& m) {
  std::vector<int> runs;
  for (size_t i = 0; i < m.runs.size(); ++i)
    if (!m.kept[i]) runs.push_back(m.runs[i].run);
  return runs;
}

json filtering_json(const ScalingLawReport& report) {
  const ScalingLawOptions& o = report.options;
  if (o.filter == OutlierFilter::None) return {{"applied", false}, {"method", "none"}};
  json per_model = json::object();
  size_t total_removed = 0;
  for (const auto& m : report.models) {
    const ModelFiltering& f = *m.filtering;
    std::vector<std::string> dirs;
    for (size_t i : f.removed_indices) dirs.push_back(m.runs[i].run_dir);
    total_removed += f.removed_indices.size();
    per_model[m.key] = {{"n_original", f.n_original},
                        {"n_filtered", f.n_original - f.removed_indices.size()},
                        {"n_removed", f.removed_indices.size()},
                        {"removed_indices", f.removed_indices},
                        {"removed_runs", removed_runs(m)},
                        {"removed_run_dirs", dirs},
                        {"lower_bound", json_number(f.lower)},
                        {"upper_bound", json_number(f.upper)},
                        {"original", metrics_json(f.original)},
                        {"filtered", metrics_json(m.stats)}};
  }
  json parameters = o.filter == OutlierFilter::Iqr ? json{{"iqr_multiplier", o.iqr_multiplier}}
                                                   : json{{"zscore_threshold", o.zscore_threshold}};
  return {{"applied", true},
          {"method", outlier_filter_name(o.filter)},
          {"metric", damage_metric_name(o.filter_metric)},
          {"parameters", parameters},
          {"total_removed", total_removed},
          {"models", per_model}};
}

json fit_json(const ScalingLawReport& report, DamageMetric metric) {
  const PowerLawFit& fit = report.fit(metric);
  std::vector<std::string> skipped;
  for (size_t i : fit.skipped) skipped.push_back(report.models[i].key);
  return {{"valid", fit.valid},        {"a", json_number(fit.a)},         {"b", json_number(fit.b)},
          {"r2", json_number(fit.r2)}, {"points", fit.points_used},       {"skipped_models", skipped},
          {"equation", fit.equation()}, {"note", fit.note}};
}

}  // namespace

std::string scaling_law_summary_csv(const ScalingLawReport& report) {
  std::vector<std::string> header = {"model", "model_name", "size_label", "total_params", "n_runs", "n_removed"};
  for (DamageMetric m : kDamageMetrics)
    for (const char* stat : {"n", "mean", "std", "sem", "ci95_low", "ci95_high"})
      header.push_back(std::string(damage_metric_name(m)) + "_" + stat);
  std::string csv = join_csv(header);
  for (const auto& m : report.models) {
    std::vector<std::string> row = {m.model, m.model_name, m.size_label, std::to_string(m.total_params),
                                    std::to_string(m.runs.size()), std::to_string(removed_runs(m).size())};
    for (DamageMetric metric : kDamageMetrics) {
      const SampleSummary& s = report.stat(m, metric);
      row.push_back(std::to_string(s.n));
      for (double v : {s.mean, s.std, s.sem, s.ci95_low, s.ci95_high}) row.push_back(format_number(v));
    }
    csv += join_csv(row);
  }
  return csv;
}

json scaling_law_summary_json(const ScalingLawReport& report) {
  json models = json::array();
  for (const auto& m : report.models) {
    std::vector<int> runs;
    std::vector<std::string> dirs;
    for (const auto& r : m.runs) {
      runs.push_back(r.run);
      dirs.push_back(r.run_dir);
    }
    json entry = {{"model", m.model},   {"model_name", m.model_name}, {"size_label", m.size_label}, {"key", m.key},
                  {"total_params", m.total_params}, {"n_runs", m.runs.size()}, {"n_removed", removed_runs(m).size()},
                  {"runs", runs},       {"run_dirs", dirs}};
    entry.update(metrics_json(m.stats));
    if (m.control_runs > 0) {
      json control = {{"n_runs", m.control_runs}};
      control.update(metrics_json(m.control));
      entry["control"] = control;
    }
    models.push_back(entry);
  }
  json fits = json::object();
  json metrics = json::array();
  for (DamageMetric metric : kDamageMetrics) {
    fits[damage_metric_name(metric)] = fit_json(report, metric);
    metrics.push_back(damage_metric_name(metric));
  }
  return {{"schema", "owb.scaling_law_summary/1"},
          {"results_dir", report.results_dir},
          {"models_requested", report.options.models},
          {"use_absolute", report.options.use_absolute},
          {"metrics", metrics},
          {"models", models},
          {"fits", fits},
          {"filtering", filtering_json(report)},
          {"warnings", report.warnings}};
}

std::string aggregate_summary_csv(const ScalingLawReport& report, DamageMetric metric) {
  const bool rank = metric == DamageMetric::RankReduction;
  std::vector<std::string> header = {"model", "model_name", "size_label", "total_params", "run", "seed", "group", "precision"};
  if (rank) header.insert(header.end(), {"rank_pre", "rank_post", "rank_reduction"});
  if (!rank) header.insert(header.end(), {"perplexity_pre", "perplexity_post"});
  if (metric == DamageMetric::PerplexityIncrease) header.push_back("perplexity_increase");
  header.insert(header.end(), {"value", "removed_by_filter", "run_dir"});
  std::string csv = join_csv(header);
  for (const auto& m : report.models)
    for (size_t i = 0; i < m.runs.size(); ++i) {
      const DamageRun& r = m.runs[i];
      auto row_of = [&](const DamageMetrics& g, const std::string& group, const std::string& removed) {
        std::vector<std::string> row = {m.model, m.model_name, m.size_label, std::to_string(m.total_params), std::to_string(r.run),
                                        r.seed ? std::to_string(*r.seed) : "", group, r.precision};
        if (rank) row.insert(row.end(), {format_number(g.rank_pre), format_number(g.rank_post), format_number(g.rank_reduction)});
        if (!rank) row.insert(row.end(), {format_number(g.perplexity_pre), format_number(g.perplexity_post)});
        if (metric == DamageMetric::PerplexityIncrease) row.push_back(format_number(g.perplexity_increase));
        row.insert(row.end(), {format_number(damage_value(g, metric, report.options.use_absolute)), removed, r.run_dir});
        csv += join_csv(row);
      };
      const bool filtered = report.options.filter != OutlierFilter::None;
      row_of(r.treatment, r.group, filtered ? (m.kept[i] ? "0" : "1") : "");
      if (r.control) row_of(*r.control, "control", filtered ? (m.kept[i] ? "0" : "1") : "");
    }
  return csv;
}

std::vector<std::string> write_scaling_law_outputs(const ScalingLawReport& report, const std::string& output_dir) {
  namespace fs = std::filesystem;
  std::vector<std::string> written;
  auto path = [&](const std::string& name) { return (fs::path(output_dir) / name).string(); };
  auto write = [&](const std::string& name, const std::string& bytes) {
    write_file_atomically(path(name), bytes);
    written.push_back(path(name));
  };
  write("scaling_law_summary.csv", scaling_law_summary_csv(report));
  write("scaling_law_summary.json", scaling_law_summary_json(report).dump(2) + "\n");
  const plot::Figure figure = scaling_law_figure(report);
  write("scaling_law_curve.png", plot::figure_png(figure));
  write("scaling_law_curve.svg", plot::figure_svg(figure));
  for (DamageMetric metric : kDamageMetrics)
    write(std::string("aggregate_summary_") + damage_metric_name(metric) + ".csv", aggregate_summary_csv(report, metric));
  return written;
}

}  // namespace owb
