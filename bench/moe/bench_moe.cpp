// bench_moe: does an MoE layer cost what its active parameters say?
//
//   bench_moe [--layers N] [--tokens T] [--repeats R] [--hidden D] [--expert-intermediate I]
//             [--experts E] [--top-k K] [--dtype bf16|f32] [--json]
//
// Writes two random checkpoints with owb::write_synthetic_checkpoint: an OLMoE-shaped MoE
// (olmoe: E = 64 experts of width I, top-K = 8, no renormalisation) and a dense llama whose MLP
// width is K x I, so both use the same parameters per token (attention identical). Times
// Model::run (resident, no hooks, no LM head) over 1 x T tokens, best of R after a warm-up, and
// prints tokens/s of each and their ratio. Target: the MoE within 1.5x of the dense model.
#include "model.h"
#include "synthetic_checkpoint.h"

#include <ATen/record_function.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <string>
#include <unistd.h>

namespace fs = std::filesystem;

namespace {

using Clock = std::chrono::steady_clock;

struct Options {
  int64_t layers = 4, tokens = 2048, hidden = 1024, expert_intermediate = 512, experts = 64, top_k = 8;
  int repeats = 3;
  std::string dtype = "bf16";
  bool json = false;
  bool profile = false;
};

const char* kUsage =
    "usage: bench_moe [--layers N] [--tokens T] [--repeats R] [--hidden D] [--expert-intermediate I] [--experts E]\n"
    "                 [--top-k K] [--dtype bf16|f32] [--json] [--profile]\n";

Options parse_options(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) throw std::runtime_error(a + " needs a value\n" + kUsage);
      return argv[++i];
    };
    if (a == "--layers") o.layers = std::stoll(value());
    else if (a == "--tokens") o.tokens = std::stoll(value());
    else if (a == "--repeats") o.repeats = std::stoi(value());
    else if (a == "--hidden") o.hidden = std::stoll(value());
    else if (a == "--expert-intermediate") o.expert_intermediate = std::stoll(value());
    else if (a == "--experts") o.experts = std::stoll(value());
    else if (a == "--top-k") o.top_k = std::stoll(value());
    else if (a == "--dtype") o.dtype = value();
    else if (a == "--json") o.json = true;
    else if (a == "--profile") o.profile = true;
    else throw std::runtime_error("unknown option " + a + "\n" + kUsage);
  }
  return o;
}

double load_average() {
  std::ifstream in("/proc/loadavg");
  double l = -1;
  in >> l;
  return l;
}

owb::SyntheticModelSpec spec_for(const Options& o, const std::string& arch) {
  owb::SyntheticModelSpec s;
  s.arch = arch;
  s.layers = o.layers;
  s.hidden = o.hidden;
  s.heads = o.hidden / 64;
  s.kv_heads = s.heads;  // OLMoE: no GQA
  s.vocab = 1024;        // the embedding is a lookup, the LM head does not run
  s.dtype = o.dtype;
  s.experts = o.experts;
  s.top_k = o.top_k;
  s.expert_intermediate = o.expert_intermediate;
  s.intermediate = o.top_k * o.expert_intermediate;  // dense: the active MLP width of the MoE
  return s;
}

// --profile: seconds per engine step label (RECORD_USER_SCOPE) in one run.
std::map<std::string, double>* g_steps = nullptr;
struct StepStart : at::ObserverContext {
  Clock::time_point t0 = Clock::now();
};
std::unique_ptr<at::ObserverContext> on_step_start(const at::RecordFunction&) { return std::make_unique<StepStart>(); }
void on_step_end(const at::RecordFunction& fn, at::ObserverContext* ctx) {
  if (g_steps && ctx) (*g_steps)[fn.name()] += std::chrono::duration<double>(Clock::now() - static_cast<StepStart*>(ctx)->t0).count();
}

void print_profile(owb::Model& model, const at::Tensor& ids, const std::string& what) {
  std::map<std::string, double> steps;
  g_steps = &steps;
  auto handle = at::addThreadLocalCallback(
      at::RecordFunctionCallback(on_step_start, on_step_end).scopes({at::RecordScope::USER_SCOPE}).needsInputs(false));
  model.run({ids}, owb::Hooks());
  at::removeCallback(handle);
  g_steps = nullptr;
  std::cout << what << " profile (s):";
  for (const auto& [name, s] : steps) std::cout << " " << name << "=" << s;
  std::cout << "\n";
}

double seconds_of_run(owb::Model& model, const at::Tensor& ids, const owb::Hooks& hooks = owb::Hooks()) {
  auto start = Clock::now();
  model.run({ids}, hooks);
  return std::chrono::duration<double>(Clock::now() - start).count();
}

struct Timings {
  double moe = 1e30, moe_per_expert = 1e30, dense = 1e30;
};

// Best seconds of `repeats` runs of 1 x T tokens of each model after a warm-up; the runs
// alternate, so a burst of load from elsewhere hits all alike. "per expert": the MoE with a
// no-op hook on one expert per layer, which makes the engine run expert by expert (the path
// any expert hook takes) instead of its two batched GEMMs over all experts.
Timings time_runs(const std::string& moe_dir, const std::string& dense_dir, const Options& o) {
  owb::EngineOptions e;
  e.dtype = o.dtype == "bf16" ? at::kBFloat16 : at::kFloat;
  owb::Model moe(moe_dir, e), dense(dense_dir, e);
  at::Tensor ids = at::randint(0, 1024, {1, o.tokens}, at::kLong);
  owb::Hooks per_expert;
  per_expert.add("layer_*_expert_0_down_in", [](const owb::HookSite&, at::Tensor&) {});
  seconds_of_run(moe, ids), seconds_of_run(dense, ids);
  Timings t;
  for (int r = 0; r < o.repeats; ++r) {
    t.moe = std::min(t.moe, seconds_of_run(moe, ids));
    t.moe_per_expert = std::min(t.moe_per_expert, seconds_of_run(moe, ids, per_expert));
    t.dense = std::min(t.dense, seconds_of_run(dense, ids));
  }
  if (o.profile) print_profile(moe, ids, "MoE"), print_profile(dense, ids, "dense");
  return t;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options o = parse_options(argc, argv);
    fs::path root = fs::temp_directory_path() / ("bench_moe_" + std::to_string(::getpid()));
    const double load_before = load_average();
    owb::write_synthetic_checkpoint(spec_for(o, "olmoe"), (root / "moe").string());
    owb::write_synthetic_checkpoint(spec_for(o, "llama"), (root / "dense").string());
    const Timings t = time_runs((root / "moe").string(), (root / "dense").string(), o);
    const double moe_s = t.moe, dense_s = t.dense;
    fs::remove_all(root);
    const double moe_tps = o.tokens / moe_s, dense_tps = o.tokens / dense_s;
    nlohmann::json j = {{"layers", o.layers},   {"tokens", o.tokens},       {"hidden", o.hidden},
                        {"experts", o.experts}, {"top_k", o.top_k},         {"expert_intermediate", o.expert_intermediate},
                        {"dtype", o.dtype},     {"moe_tokens_per_s", moe_tps}, {"dense_tokens_per_s", dense_tps},
                        {"moe_time_over_dense_time", dense_tps / moe_tps},
                        {"moe_per_expert_tokens_per_s", o.tokens / t.moe_per_expert}, {"load_average_before", load_before},
                        {"load_average_after", load_average()}};
    if (o.json) {
      std::cout << j.dump(2) << "\n";
      return 0;
    }
    std::cout << "MoE  (olmoe, " << o.experts << " experts of " << o.expert_intermediate << ", top-" << o.top_k << "): "
              << moe_tps << " tokens/s\n"
              << "dense (llama, intermediate " << o.top_k * o.expert_intermediate << "):          " << dense_tps
              << " tokens/s\n"
              << "MoE, expert by expert (an expert hook set): " << o.tokens / t.moe_per_expert << " tokens/s\n"
              << "MoE time / dense time: " << dense_tps / moe_tps << " (target <= 1.5)\n"
              << "hidden " << o.hidden << ", " << o.layers << " layers, 1 x " << o.tokens << " tokens, " << o.dtype
              << "; load average (1 min) before " << load_before << ", after " << load_average() << "\n";
    return 0;
  } catch (const std::exception& e) {
    std::cerr << "bench_moe: " << e.what() << "\n";
    return 1;
  }
}
