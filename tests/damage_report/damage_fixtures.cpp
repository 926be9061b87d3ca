#include "damage_fixtures.h"

#include "test_support.h"

#include <cstdio>
#include <filesystem>

namespace owb::test {

nlohmann::json damage_results_json(const SyntheticDamageRun& r) {
  auto metrics = [](double rank_reduction, double perplexity_increase) {
    return nlohmann::json{{"rank_pre", 200.0},
                          {"rank_post", 200.0 - rank_reduction},
                          {"rank_reduction", rank_reduction},
                          {"perplexity_pre", 20.0},
                          {"perplexity_post", 20.0 + perplexity_increase},
                          {"perplexity_increase", perplexity_increase}};
  };
  nlohmann::json j = {{"schema", "owb.damage_run/1"},
                      {"model", "EleutherAI/" + r.model_name},
                      {"model_name", r.model_name},
                      {"size_label", r.size_label},
                      {"total_params", r.total_params},
                      {"run", r.run},
                      {"seed", 42 + r.run},
                      {"precision", "fp16"},
                      {"group", "treatment"},
                      {"hidden_erank", {{"layers", {0, 1}}, {"pre", {10.0, 11.0}}, {"post", {9.0, 10.0}}}},
                      {"weight_erank", nlohmann::json::array()},
                      {"train", {{"steps", 3}, {"loss", {3.0, 2.5, 2.0}}}},
                      {"peak_memory_bytes", 123},
                      {"config", nlohmann::json::object()}};
  j.update(metrics(r.rank_reduction, r.perplexity_increase));
  if (r.control_rank_reduction) j["control"] = metrics(*r.control_rank_reduction, 0.5);
  return j;
}

std::string damage_run_folder(const std::string& results_dir, const std::string& size_label, const std::string& model_name, int run) {
  char name[256];
  std::snprintf(name, sizeof name, "pythia_%s_%s_run%02d_fp16", size_label.c_str(), model_name.c_str(), run);
  return (std::filesystem::path(results_dir) / name).string();
}

std::string write_damage_run(const std::string& results_dir, const SyntheticDamageRun& r) {
  const std::string folder = damage_run_folder(results_dir, r.size_label, r.model_name, r.run);
  std::filesystem::create_directories(folder);
  write_file(folder + "/results.json", damage_results_json(r).dump(2));
  return folder;
}

void write_standard_damage_table(const std::string& results_dir) {
  const double rank_70m[] = {30, 32, 34, 36, 80}, ppl_70m[] = {10, 11, 12, 13, 14};
  const double rank_160m[] = {-20, -22, -24, -26, -28}, ppl_160m[] = {6, 25, 8, 9, 10};
  const double rank_410m[] = {12, 13, 14, 15, 16}, ppl_410m[] = {3, 3.5, 4, 4.5, 5};
  for (int i = 0; i < 5; ++i) {
    write_damage_run(results_dir, {"70m", "pythia-70m", 70000000, i + 1, rank_70m[i], ppl_70m[i], std::nullopt});
    write_damage_run(results_dir, {"160m", "pythia-160m", 160000000, i + 1, rank_160m[i], ppl_160m[i], std::nullopt});
    write_damage_run(results_dir, {"410m", "pythia-410m", 410000000, i + 1, rank_410m[i], ppl_410m[i], double(i + 1)});
  }
  std::filesystem::create_directories(std::filesystem::path(results_dir) / kFailedRunFolder);
}

}  // namespace owb::test
