#include "comparison_report.h"

#include "errors.h"
#include "json_file.h"
#include "outlier_metrics.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <map>
#include <sstream>

namespace owb {

namespace fs = std::filesystem;
using nlohmann::json;

std::optional<std::pair<double, double>> known_model_params_b(const std::string& model) {
  // generate_comparison_plots.py MODEL_METADATA (total B, active B); matched on the name after '/'.
  static const std::map<std::string, std::pair<double, double>> table = {
      {"OLMoE-1B-7B-0125-Instruct", {7.0, 1.3}}, {"OLMoE-1B-7B-0125", {7.0, 1.3}},
      {"gpt-oss-20b", {21.0, 3.6}},             {"Qwen3-30B-A3B", {30.5, 3.3}},
      {"Mixtral-8x7B-v0.1", {47.0, 12.9}},       {"Qwen3-Next-80B-A3B-Instruct", {80.0, 3.0}},
      {"GLM-4.5-Air", {106.0, 12.0}},            {"gpt-oss-120b", {117.0, 5.1}},
      {"Qwen3-0.6B", {0.6, 0.6}},                {"Qwen3-1.7B", {1.7, 1.7}},
      {"Qwen3-4B", {4.0, 4.0}},                  {"Qwen3-8B", {8.0, 8.0}},
      {"Qwen3-14B", {14.0, 14.0}}};
  std::string name = model.substr(model.find_last_of('/') == std::string::npos ? 0 : model.find_last_of('/') + 1);
  auto it = table.find(name);
  if (it == table.end()) return std::nullopt;
  return it->second;
}

namespace {

std::string model_name_of(const json& results, const fs::path& dir) {
  if (results.contains("model") && results["model"].is_string()) return results["model"];
  if (results.contains("run_config") && results["run_config"].contains("model")) return results["run_config"]["model"];
  fs::path config = dir / "config.json";
  if (fs::exists(config)) {
    json c = read_json_file(config.string());
    if (c.contains("model") && c["model"].is_object() && c["model"].contains("name")) return c["model"]["name"];
  }
  return "";
}

ComparisonRow outlier_row(const fs::path& file) {
  json j = read_json_file(file.string());
  ComparisonRow row;
  row.run_dir = file.parent_path().string();
  row.model = model_name_of(j, file.parent_path());
  if (!j.contains("all_systematic_outliers") || !j["all_systematic_outliers"].is_array())
    throw input_error(file.string(), "no all_systematic_outliers list");
  std::vector<double> layer, seq;
  for (const auto& r : j["all_systematic_outliers"]) {
    if (!r.contains("layer_percentage") || !r.contains("seq_percentage"))
      throw input_error(file.string(), "an outlier record lacks layer_percentage / seq_percentage");
    layer.push_back(r["layer_percentage"].get<double>());
    seq.push_back(r["seq_percentage"].get<double>());
  }
  OutlierMetrics m = outlier_metrics(layer, seq);
  row.num_outliers = m.num_outliers;
  row.mean_layer_pct = m.mean_layer_pct, row.median_layer_pct = m.median_layer_pct;
  row.mean_seq_pct = m.mean_seq_pct, row.median_seq_pct = m.median_seq_pct;
  if (j.contains("systematic_outliers")) row.unique_systematic = static_cast<int64_t>(j["systematic_outliers"].size());
  if (j.contains("model_info") && j["model_info"].contains("total_params")) {
    row.total_params_b = j["model_info"]["total_params"].get<double>() / 1e9;
    row.active_params_b = j["model_info"]["active_params"].get<double>() / 1e9;
  } else if (auto known = known_model_params_b(row.model)) {
    row.total_params_b = known->first, row.active_params_b = known->second;
  }
  return row;
}

struct PerplexityRun {
  std::string model, run_dir;
  double perplexity;
};

PerplexityRun perplexity_run(const fs::path& file) {
  json j = read_json_file(file.string());
  if (!j.contains("perplexity") || !j["perplexity"].is_number()) throw input_error(file.string(), "no perplexity value");
  return {model_name_of(j, file.parent_path()), file.parent_path().string(), j["perplexity"].get<double>()};
}

// A result file of the wrong shape (a string where a number belongs) is bad input named by its
// file, not an internal error.
template <typename F>
auto reading(const fs::path& file, F&& read) -> decltype(read()) {
  try {
    return read();
  } catch (const json::exception& e) {
    throw input_error(file.string(), std::string("unexpected content: ") + e.what());
  }
}

}  // namespace

std::vector<ComparisonRow> collect_comparison_rows(const std::vector<std::string>& folders) {
  std::vector<fs::path> outlier_files, perplexity_files;
  for (const auto& folder : folders) {
    if (!fs::is_directory(folder)) throw input_error(folder, "not a folder");
    for (const auto& e : fs::recursive_directory_iterator(folder)) {
      if (!e.is_regular_file()) continue;
      if (e.path().filename() == "final_analysis_results.json") outlier_files.push_back(e.path());
      if (e.path().filename() == "perplexity_results.json") perplexity_files.push_back(e.path());
    }
  }
  std::sort(outlier_files.begin(), outlier_files.end());
  std::sort(perplexity_files.begin(), perplexity_files.end());
  std::map<std::string, PerplexityRun> perplexity_by_model;  // the last run (by path) of each model wins
  for (const auto& f : perplexity_files) {
    PerplexityRun p = reading(f, [&] { return perplexity_run(f); });
    perplexity_by_model[p.model] = p;
  }
  std::vector<ComparisonRow> rows;
  std::map<std::string, bool> model_has_outliers;
  for (const auto& f : outlier_files) {
    ComparisonRow row = reading(f, [&] { return outlier_row(f); });
    auto p = perplexity_by_model.find(row.model);
    if (p != perplexity_by_model.end()) row.perplexity = p->second.perplexity;
    model_has_outliers[row.model] = true;
    rows.push_back(row);
  }
  for (const auto& [model, p] : perplexity_by_model) {
    if (model_has_outliers.count(model)) continue;
    ComparisonRow row;
    row.model = model, row.run_dir = p.run_dir, row.perplexity = p.perplexity;
    if (auto known = known_model_params_b(model)) row.total_params_b = known->first, row.active_params_b = known->second;
    rows.push_back(row);
  }
  return rows;
}

namespace {

const std::vector<std::string> kColumns = {"model", "total_params_b", "active_params_b", "num_outliers",
                                           "mean_layer_pct", "median_layer_pct", "mean_seq_pct", "median_seq_pct",
                                           "unique_systematic", "perplexity", "run_dir"};

std::string number(const std::optional<double>& v, int precision) {
  if (!v) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", precision, *v);
  return buf;
}
// Parameter counts span 1e-4 B (test models) to 1e2 B: four significant digits.
std::string significant(const std::optional<double>& v) {
  if (!v) return "";
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.4g", *v);
  return buf;
}
std::string number(const std::optional<int64_t>& v) { return v ? std::to_string(*v) : ""; }

std::vector<std::string> cells(const ComparisonRow& r) {
  return {r.model,
          significant(r.total_params_b),
          significant(r.active_params_b),
          number(r.num_outliers),
          number(r.mean_layer_pct, 1),
          number(r.median_layer_pct, 1),
          number(r.mean_seq_pct, 1),
          number(r.median_seq_pct, 1),
          number(r.unique_systematic),
          number(r.perplexity, 3),
          r.run_dir};
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

json optional_json(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }
json optional_json(const std::optional<int64_t>& v) { return v ? json(*v) : json(nullptr); }

}  // namespace

std::string comparison_table(const std::vector<ComparisonRow>& rows) {
  std::vector<std::vector<std::string>> table = {kColumns};
  for (const auto& r : rows) table.push_back(cells(r));
  std::vector<size_t> width(kColumns.size(), 0);
  for (const auto& line : table)
    for (size_t c = 0; c < line.size(); ++c) width[c] = std::max(width[c], line[c].size());
  std::ostringstream out;
  for (size_t i = 0; i < table.size(); ++i) {
    for (size_t c = 0; c < table[i].size(); ++c)
      out << table[i][c] << std::string(width[c] - table[i][c].size() + (c + 1 < table[i].size() ? 2 : 0), ' ');
    out << "\n";
    if (i == 0) {
      for (size_t c = 0; c < width.size(); ++c) out << std::string(width[c], '-') << (c + 1 < width.size() ? "  " : "");
      out << "\n";
    }
  }
  return out.str();
}

std::string comparison_csv(const std::vector<ComparisonRow>& rows) {
  std::ostringstream out;
  for (size_t c = 0; c < kColumns.size(); ++c) out << (c ? "," : "") << kColumns[c];
  out << "\n";
  for (const auto& r : rows) {
    std::vector<std::string> line = cells(r);
    for (size_t c = 0; c < line.size(); ++c) out << (c ? "," : "") << csv_field(line[c]);
    out << "\n";
  }
  return out.str();
}

json comparison_json(const std::vector<ComparisonRow>& rows) {
  json out = json::array();
  for (const auto& r : rows)
    out.push_back({{"model", r.model},
                   {"total_params_b", optional_json(r.total_params_b)},
                   {"active_params_b", optional_json(r.active_params_b)},
                   {"num_outliers", optional_json(r.num_outliers)},
                   {"mean_layer_pct", optional_json(r.mean_layer_pct)},
                   {"median_layer_pct", optional_json(r.median_layer_pct)},
                   {"mean_seq_pct", optional_json(r.mean_seq_pct)},
                   {"median_seq_pct", optional_json(r.median_seq_pct)},
                   {"unique_systematic", optional_json(r.unique_systematic)},
                   {"perplexity", optional_json(r.perplexity)},
                   {"run_dir", r.run_dir}});
  return out;
}

}  // namespace owb
