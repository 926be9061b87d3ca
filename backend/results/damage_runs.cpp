#include "damage_runs.h"

#include "errors.h"
#include "json_file.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace owb {

namespace fs = std::filesystem;
using nlohmann::json;

bool DamageRun::matches(const std::string& name) const {
  return !name.empty() && (name == size_label || name == model_name || name == model);
}

namespace {

// A number, or NaN for null (a diverged perplexity may be written as null: inf has no JSON form).
double number_field(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key)) throw input_error(where, std::string("missing \"") + key + "\"");
  const json& v = j[key];
  if (v.is_null()) return std::numeric_limits<double>::quiet_NaN();
  if (!v.is_number()) throw input_error(where, std::string("\"") + key + "\" is not a number");
  return v.get<double>();
}

std::string string_field(const json& j, const char* key, const std::string& where) {
  if (!j.contains(key) || j[key].is_null()) return "";
  if (!j[key].is_string()) throw input_error(where, std::string("\"") + key + "\" is not a string");
  return j[key].get<std::string>();
}

// The derived fields are read when present; older writers may only have pre and post.
double derived_field(const json& j, const char* key, double fallback, const std::string& where) {
  return j.contains(key) ? number_field(j, key, where) : fallback;
}

DamageMetrics parse_metrics(const json& j, const std::string& where) {
  DamageMetrics m;
  m.rank_pre = number_field(j, "rank_pre", where);
  m.rank_post = number_field(j, "rank_post", where);
  m.perplexity_pre = number_field(j, "perplexity_pre", where);
  m.perplexity_post = number_field(j, "perplexity_post", where);
  m.rank_reduction = derived_field(j, "rank_reduction", m.rank_pre - m.rank_post, where);
  m.perplexity_increase = derived_field(j, "perplexity_increase", m.perplexity_post - m.perplexity_pre, where);
  return m;
}

// Why a folder has no results.json, from the run.json `owb damage` keeps beside it (status and
// error); unreadable or absent: the run failed before writing it or is still going.
std::string missing_results_reason(const fs::path& folder) {
  const std::string unknown = "no results.json (run failed or not finished)";
  try {
    const json info = json::parse(read_text_file((folder / "run.json").string()));
    const std::string status = info.value("status", "");
    if (status == "failed") {
      const std::string error = info.contains("error") && info["error"].is_string() ? info["error"].get<std::string>() : "";
      return "no results.json: run failed" + (error.empty() ? "" : ": " + error);
    }
    if (status == "running") return "no results.json: run still going (or killed)";
  } catch (const std::exception&) {
  }
  return unknown;
}

}  // namespace

DamageRun parse_damage_run(const json& j, const std::string& file) {
  if (!j.is_object()) throw input_error(file, "not a JSON object");
  const std::string schema = string_field(j, "schema", file);
  if (schema != kDamageRunSchema)
    throw input_error(file, "schema is \"" + schema + "\", expected \"" + kDamageRunSchema + "\"");
  DamageRun r;
  r.results_file = file;
  r.run_dir = fs::path(file).parent_path().string();
  r.model = string_field(j, "model", file);
  r.model_name = string_field(j, "model_name", file);
  r.size_label = string_field(j, "size_label", file);
  if (r.model_name.empty() && r.size_label.empty()) throw input_error(file, "neither \"model_name\" nor \"size_label\" is set");
  if (!j.contains("total_params") || !j["total_params"].is_number()) throw input_error(file, "\"total_params\" is missing or not a number");
  r.total_params = j["total_params"].get<int64_t>();
  if (!j.contains("run") || !j["run"].is_number_integer()) throw input_error(file, "\"run\" is missing or not an integer");
  r.run = j["run"].get<int>();
  if (j.contains("seed") && j["seed"].is_number_integer()) r.seed = j["seed"].get<int64_t>();
  r.precision = string_field(j, "precision", file);
  const std::string group = string_field(j, "group", file);
  if (!group.empty()) r.group = group;
  r.treatment = parse_metrics(j, file);
  if (j.contains("control") && !j["control"].is_null()) {
    if (!j["control"].is_object()) throw input_error(file, "\"control\" is not an object");
    r.control = parse_metrics(j["control"], file + " (control)");
  }
  return r;
}

DamageRunScan read_damage_runs(const std::string& results_dir, const std::vector<std::string>& ignore) {
  std::error_code ec;
  if (!fs::is_directory(results_dir, ec)) throw input_error(results_dir, "not a folder");
  std::vector<fs::path> folders;
  for (const auto& entry : fs::directory_iterator(results_dir, ec))
    if (entry.is_directory()) folders.push_back(entry.path());
  if (ec) throw input_error(results_dir, "cannot list: " + ec.message());
  std::sort(folders.begin(), folders.end());

  auto ignored = [&](const fs::path& folder) {
    if (folder.filename().string().rfind('.', 0) == 0) return true;
    for (const auto& other : ignore) {
      std::error_code same_ec;
      if (fs::exists(other, same_ec) && fs::equivalent(folder, other, same_ec)) return true;
    }
    return false;
  };

  DamageRunScan scan;
  for (const auto& folder : folders) {
    if (ignored(folder)) continue;
    const fs::path file = folder / "results.json";
    if (!fs::exists(file)) {
      scan.warnings.push_back(folder.string() + ": " + missing_results_reason(folder) + "; skipped");
      continue;
    }
    scan.runs.push_back(parse_damage_run(read_json_file(file.string()), file.string()));
  }
  std::stable_sort(scan.runs.begin(), scan.runs.end(), [](const DamageRun& a, const DamageRun& b) {
    if (a.model_key() != b.model_key()) return a.model_key() < b.model_key();
    return a.run < b.run;
  });
  return scan;
}

}  // namespace owb
