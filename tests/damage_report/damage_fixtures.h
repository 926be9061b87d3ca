#pragma once
// Synthetic `owb damage` run folders with hand-picked numbers (what the report must compute
// from them is worked out next to each table in damage_fixtures.cpp).
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace owb::test {

struct SyntheticDamageRun {
  std::string size_label, model_name;
  int64_t total_params = 0;
  int run = 1;
  double rank_reduction = 0, perplexity_increase = 0;
  std::optional<double> control_rank_reduction;  // a control group when set
};

// results.json of one run: rank_pre 200, perplexity_pre 20, the rest derived.
nlohmann::json damage_results_json(const SyntheticDamageRun& r);
// <results_dir>/pythia_<size>_<name>_run<NN>_fp16/results.json; returns the folder.
std::string write_damage_run(const std::string& results_dir, const SyntheticDamageRun& r);

// The standard table under `results_dir`:
//   70m  (70e6 params):  rank_reduction 30 32 34 36 80 (run 5 planted), perplexity_increase 10 11 12 13 14
//   160m (160e6):        rank_reduction -20 -22 -24 -26 -28 (|.| 20..28), perplexity_increase 6 25 8 9 10 (run 2 planted)
//   410m (410e6):        rank_reduction 12 13 14 15 16, perplexity_increase 3 3.5 4 4.5 5, control rank 1..5
// plus pythia_1.4b_pythia-1.4b_run01_fp16/ without results.json (a failed run).
void write_standard_damage_table(const std::string& results_dir);
inline constexpr const char* kFailedRunFolder = "pythia_1.4b_pythia-1.4b_run01_fp16";

// Folder of a run of the standard table.
std::string damage_run_folder(const std::string& results_dir, const std::string& size_label, const std::string& model_name, int run);

}  // namespace owb::test
