#pragma once
// The run folders `owb damage` writes (<output-dir>/<tag>_<size>_<model-name>_run<NN>_<precision>/
// results.json, schema owb.damage_run/1), read back for the scaling-law report and the GUI.
// A folder without results.json is a run that failed or is still going: skipped with a warning.
// A results.json that cannot be read is an error naming the file.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace owb {

// Pre/post effective rank and perplexity of one group; reduction = pre - post, increase = post - pre.
struct DamageMetrics {
  double rank_pre = 0.0, rank_post = 0.0, rank_reduction = 0.0;
  double perplexity_pre = 0.0, perplexity_post = 0.0, perplexity_increase = 0.0;
};

struct DamageRun {
  std::string run_dir;       // the folder
  std::string results_file;  // run_dir/results.json
  std::string model;         // hub id or path ("EleutherAI/pythia-70m")
  std::string model_name;    // "pythia-70m"
  std::string size_label;    // "70m" (may be empty)
  int64_t total_params = 0;
  int run = 0;
  std::optional<int64_t> seed;
  std::string precision;            // "fp16"
  std::string group = "treatment";  // of the top-level metrics
  DamageMetrics treatment;
  std::optional<DamageMetrics> control;  // absent with --skip-control

  // What runs of the same model share: size_label, else model_name.
  const std::string& model_key() const { return size_label.empty() ? model_name : size_label; }
  // True when `name` is this run's size_label, model_name or model.
  bool matches(const std::string& name) const;
};

struct DamageRunScan {
  std::vector<DamageRun> runs;        // by model key, then run number
  std::vector<std::string> warnings;  // folders skipped, and why
};

inline constexpr const char* kDamageRunSchema = "owb.damage_run/1";

// Reads every immediate subfolder of `results_dir` holding a results.json; subfolders without one
// are listed in warnings, except those named in `ignore` (e.g. the report's own output folder) and
// hidden ones. Throws InputError when the folder is missing or a results.json is malformed.
DamageRunScan read_damage_runs(const std::string& results_dir, const std::vector<std::string>& ignore = {});

// One results.json; `file` names it in errors.
DamageRun parse_damage_run(const nlohmann::json& j, const std::string& file);

}  // namespace owb
