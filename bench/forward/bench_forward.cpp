// bench_forward: how fast the engine runs a forward pass, against what this machine's matmul can do.
//
//   bench_forward [--layers N] [--tokens T] [--repeats R] [--model-dir DIR] [--profile] [--json]
//   bench_forward --loop N [--lm-head] [--streaming] [--layers N] [--tokens T] [--model-dir DIR]
//
// 1. Writes a Qwen3-0.6B-shaped bf16 checkpoint (hidden 1024, 28 layers, 16 heads, 8 kv heads,
//    head_dim 128, intermediate 3072, vocab 151936, tied embeddings) with random weights, once:
//    into DIR when given (reused when DIR already holds one), else into a temporary folder.
// 2. Measures the bf16 and f32 matmul peak (at::matmul of large square matrices, best of several;
//    the bf16 one again after the forward runs, keeping the better).
// 3. Times run() over 1 x T tokens (default 2048) in bf16: resident and streaming, each without
//    hooks and with the outlier analysis' hook (abs().amax over positions of every layer_*_ln_*),
//    plus resident with the LM head (final norm + logits), best of R runs after one warm-up.
// GFLOP/s = 2 x params x tokens / s, params excluding the embedding; the LM head's params count
// only in the row that runs it. --profile adds the time spent in each step of the decoder block
// (the engine marks them with RECORD_USER_SCOPE; see decoder_family.cpp).
// --loop N only runs the forward pass N times after a warm-up (resident unless --streaming) and
// prints each time: no peaks, no other modes, so that a profiler (perf record) sees the forward
// pass alone (--lm-head: with the LM head).
#include "matmul.h"
#include "model.h"
#include "synthetic_checkpoint.h"

#include <ATen/Parallel.h>
#include <ATen/record_function.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <unistd.h>
#include <iostream>
#include <map>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

using Clock = std::chrono::steady_clock;
double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

struct Options {
  int64_t layers = 28;
  int64_t tokens = 2048;
  int repeats = 2;
  std::string model_dir;
  bool profile = false;
  bool json = false;
  int loop = 0;  // > 0: only N resident runs (for profilers)
  bool loop_lm_head = false;
  bool loop_streaming = false;
};

const char* kUsage =
    "usage: bench_forward [--layers N] [--tokens T] [--repeats R] [--model-dir DIR] [--profile] [--json]\n"
    "       bench_forward --loop N [--lm-head] [--streaming] [--layers N] [--tokens T] [--model-dir DIR]\n";

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
    else if (a == "--repeats") o.repeats = std::max(1, std::stoi(value()));
    else if (a == "--model-dir") o.model_dir = value();
    else if (a == "--profile") o.profile = true;
    else if (a == "--json") o.json = true;
    else if (a == "--loop") o.loop = std::max(1, std::stoi(value()));
    else if (a == "--lm-head") o.loop_lm_head = true;
    else if (a == "--streaming") o.loop_streaming = true;
    else if (a == "--help" || a == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else throw std::runtime_error("unknown argument " + a + "\n" + kUsage);
  }
  if (o.layers < 1 || o.tokens < 1) throw std::runtime_error("--layers and --tokens must be at least 1");
  return o;
}

owb::SyntheticModelSpec qwen3_0_6b_shape(int64_t layers) {
  owb::SyntheticModelSpec s;
  s.arch = "qwen3";
  s.layers = layers;
  s.hidden = 1024;
  s.heads = 16;
  s.kv_heads = 8;
  s.head_dim = 128;
  s.intermediate = 3072;
  s.vocab = 151936;
  s.dtype = "bf16";
  s.tie_word_embeddings = true;
  return s;
}

// --- matmul peak -------------------------------------------------------------------------------

struct Peak {
  int64_t n = 0;
  double gflops = 0;
};

// Best GFLOP/s of multiply(a, b) on n x n matrices of `dtype`, n = 1024, 2048, 4096. Each size
// gets up to 12 runs (4 at 4096) or ~3 s, and a size whose predicted run exceeds 10 s is skipped:
// libtorch's scalar bf16 fallback (0.9 GFLOP/s on an AVX2 machine) is then timed at n = 1024 only.
template <class Multiply>
Peak matmul_peak(at::ScalarType dtype, const Multiply& multiply) {
  Peak best;
  double last_run_s = 0;
  for (int64_t n : {1024, 2048, 4096}) {
    if (last_run_s * 8 > 10) break;
    at::Tensor a = at::randn({n, n}).to(dtype), b = at::randn({n, n}).to(dtype);
    auto warm = Clock::now();
    multiply(a, b);  // warm-up: thread pool, oneDNN kernel generation
    last_run_s = seconds_since(warm);
    const int runs = n >= 4096 ? 4 : 12;
    auto start = Clock::now();
    for (int r = 0; r < runs && seconds_since(start) < 3; ++r) {
      auto t0 = Clock::now();
      multiply(a, b);
      double s = seconds_since(t0), gflops = 2.0 * n * n * n / s / 1e9;
      last_run_s = std::min(last_run_s, s);
      if (gflops > best.gflops) best = {n, gflops};
    }
  }
  return best;
}

// The bf16 peak is the fastest product of two bf16 matrices into a bf16 result this machine
// runs: libtorch's own bf16 kernel (at::matmul), or the engine's (owb::matmul: the same call
// where libtorch has a oneDNN bf16 kernel for this CPU, fp32 SGEMM on widened operands where
// it has only the scalar fallback; arch/matmul.h).
struct Bf16Peaks {
  Peak libtorch, engine;
  Peak best() const { return engine.gflops > libtorch.gflops ? engine : libtorch; }
};

Bf16Peaks bf16_matmul_peaks() {
  return {matmul_peak(at::kBFloat16, [](const at::Tensor& a, const at::Tensor& b) { return at::matmul(a, b); }),
          matmul_peak(at::kBFloat16, [](const at::Tensor& a, const at::Tensor& b) { return owb::matmul(a, b); })};
}

Peak f32_matmul_peak() {
  return matmul_peak(at::kFloat, [](const at::Tensor& a, const at::Tensor& b) { return at::matmul(a, b); });
}

// --- the forward runs ------------------------------------------------------------------------

// What the outlier analysis does at each norm output: the largest |activation| per channel over
// every position, folded into a running maximum per hook point.
struct OutlierHook {
  std::map<std::string, at::Tensor> max_abs;
  owb::Hooks hooks() {
    owb::Hooks h;
    h.add("layer_*_ln_*", [this](const owb::HookSite& site, at::Tensor& x) {
      at::Tensor m = x.abs().amax({0, 1});
      auto it = max_abs.find(site.name);
      if (it == max_abs.end()) max_abs.emplace(site.name, m);
      else it->second = at::maximum(it->second, m);
    });
    return h;
  }
};

struct Row {
  std::string mode;
  bool hooks = false;
  bool lm_head = false;
  double seconds = 0;  // best of the repeats
  double tokens_per_s = 0;
  double gflops = 0;
  double peak_share = 0;       // of the bf16 matmul peak
  double hook_overhead = -1;   // vs the same mode without hooks; -1: not applicable
};

double time_runs(owb::Model& model, const at::Tensor& ids, const owb::Hooks& hooks, bool lm_head, int repeats) {
  owb::FinalHiddenFn on_final;
  if (lm_head) on_final = [&](int64_t, const at::Tensor& h) { model.logits(h); };
  double best = 1e300;
  for (int r = 0; r <= repeats; ++r) {  // run 0 warms up (rotary tables, allocator, page cache)
    auto t0 = Clock::now();
    model.run({ids}, hooks, on_final);
    if (r > 0) best = std::min(best, seconds_since(t0));
  }
  return best;
}

// --- per-step profile (the engine's RECORD_USER_SCOPE marks) ---------------------------------

struct StepTimes {
  std::map<std::string, double> seconds;
  std::map<std::string, int64_t> calls;
};
StepTimes* g_steps = nullptr;

struct StepStart : at::ObserverContext {
  Clock::time_point t0 = Clock::now();
};

std::unique_ptr<at::ObserverContext> on_step_start(const at::RecordFunction&) { return std::make_unique<StepStart>(); }

void on_step_end(const at::RecordFunction& fn, at::ObserverContext* ctx) {
  if (!g_steps || !ctx) return;
  std::string name = fn.name();
  g_steps->seconds[name] += seconds_since(static_cast<StepStart*>(ctx)->t0);
  g_steps->calls[name] += 1;
}

StepTimes profile_steps(owb::Model& model, const at::Tensor& ids) {
  StepTimes steps;
  model.run({ids}, {});  // warm-up
  g_steps = &steps;
  auto handle = at::addThreadLocalCallback(
      at::RecordFunctionCallback(on_step_start, on_step_end).scopes({at::RecordScope::USER_SCOPE}).needsInputs(false));
  auto t0 = Clock::now();
  model.run({ids}, {});
  steps.seconds["(whole run)"] = seconds_since(t0);
  at::removeCallback(handle);
  g_steps = nullptr;
  return steps;
}

std::string fixed(double v, int digits);
StepTimes profile_steps(owb::Model& model, const at::Tensor& ids);
void print_profile(StepTimes& steps);

// No hooks, `runs` times after a warm-up: what a profiler should look at.
void loop_forward(const std::string& dir, owb::EngineOptions engine, int64_t tokens, int runs, bool profile, bool lm_head) {
  owb::Model model(dir, engine);
  at::Tensor ids = at::randint(0, model.config().vocab_size, {1, tokens}, at::TensorOptions().dtype(at::kLong));
  owb::FinalHiddenFn on_final;
  if (lm_head) on_final = [&](int64_t, const at::Tensor& h) { model.logits(h); };
  model.run({ids}, {}, on_final);
  for (int r = 0; r < runs; ++r) {
    auto t0 = Clock::now();
    model.run({ids}, {}, on_final);
    std::cout << "run " << r + 1 << ": " << fixed(seconds_since(t0), 3) << " s\n" << std::flush;
  }
  if (profile) {
    StepTimes steps = profile_steps(model, ids);
    print_profile(steps);
  }
}

// --- report ----------------------------------------------------------------------------------

// Other processes' load skews every number here (2 cores: one busy compiler halves the peak).
double load_average_1min() {
  std::ifstream in("/proc/loadavg");
  double v = -1;
  in >> v;
  return v;
}

std::string fixed(double v, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, v);
  return buf;
}

void print_profile(StepTimes& steps) {
  std::cout << "\nprofile of one resident run (no hooks), per decoder step:\n\n| step | s | share |\n|---|---:|---:|\n";
  double whole = steps.seconds["(whole run)"];
  for (const auto& [name, s] : steps.seconds)
    std::cout << "| " << name << " | " << fixed(s, 3) << " | " << fixed(100 * s / whole, 1) << " % |\n";
}

}  // namespace

int main(int argc, char** argv) try {
  Options opt = parse_options(argc, argv);
  c10::InferenceMode inference;
  const double load_before = load_average_1min();

  // 1. The checkpoint, written once.
  bool temporary = opt.model_dir.empty();
  std::string dir = temporary ? (fs::temp_directory_path() / ("owb-bench-forward-" + std::to_string(::getpid()))).string()
                              : opt.model_dir;
  bool reused = fs::exists(fs::path(dir) / "config.json");
  double write_s = 0;
  if (!reused) {
    std::cerr << "writing a " << opt.layers << "-layer qwen3 checkpoint (bf16) to " << dir << " ...\n";
    auto t0 = Clock::now();
    owb::write_synthetic_checkpoint(qwen3_0_6b_shape(opt.layers), dir);
    write_s = seconds_since(t0);
  }

  // 2. Open it once: that also sizes libtorch's thread pool, which the peaks must run with too.
  owb::EngineOptions engine;
  engine.dtype = at::kBFloat16;
  if (opt.loop > 0) {
    engine.streaming = opt.loop_streaming;
    loop_forward(dir, engine, opt.tokens, opt.loop, opt.profile, opt.loop_lm_head);
    if (temporary) fs::remove_all(dir);
    return 0;
  }
  std::vector<Row> rows;
  json info;
  {
    owb::Model probe(dir, [&] { auto e = engine; e.streaming = true; return e; }());
    const owb::ModelConfig& c = probe.config();
    info["layers"] = c.num_hidden_layers;
    info["hidden"] = c.hidden_size;
    info["vocab"] = c.vocab_size;
  }
  // 3. Peaks.
  std::cerr << "measuring the matmul peaks ...\n";
  Bf16Peaks bf16 = bf16_matmul_peaks();
  Peak bf16_peak = bf16.best(), f32_peak = f32_matmul_peak();

  // 4. Forward passes.
  at::Tensor ids = at::randint(0, info["vocab"].get<int64_t>(), {1, opt.tokens}, at::TensorOptions().dtype(at::kLong));
  double layer_params = 0, head_params = 0;
  StepTimes steps;
  for (bool streaming : {false, true}) {
    engine.streaming = streaming;
    std::cerr << "timing " << (streaming ? "streaming" : "resident") << " ...\n";
    owb::Model model(dir, engine);
    const owb::ModelConfig& c = model.config();
    if (layer_params == 0) {
      for (int64_t i = 0; i < c.num_hidden_layers; ++i)
        for (const auto& name : model.layer_tensor_names(i)) layer_params += model.checkpoint().info(name).numel();
      head_params = static_cast<double>(c.vocab_size) * c.hidden_size;
    }
    std::string mode = streaming ? "streaming" : "resident";
    double plain = time_runs(model, ids, {}, false, opt.repeats);
    rows.push_back({mode, false, false, plain});
    OutlierHook outlier;
    double hooked = time_runs(model, ids, outlier.hooks(), false, opt.repeats);
    rows.push_back({mode, true, false, hooked});
    rows.back().hook_overhead = hooked / plain - 1;
    if (!streaming) {
      rows.push_back({mode, false, true, time_runs(model, ids, {}, true, opt.repeats)});
      if (opt.profile) steps = profile_steps(model, ids);
    }
  }
  // The bf16 peak once more after the forward passes, keeping the better: one unlucky measurement
  // (the VM's neighbours, frequency) must not flatter the shares below.
  Bf16Peaks again = bf16_matmul_peaks();
  if (again.best().gflops > bf16_peak.gflops) bf16_peak = again.best();
  if (again.libtorch.gflops > bf16.libtorch.gflops) bf16.libtorch = again.libtorch;
  if (again.engine.gflops > bf16.engine.gflops) bf16.engine = again.engine;
  for (Row& r : rows) {
    double params = layer_params + (r.lm_head ? head_params : 0);
    r.tokens_per_s = opt.tokens / r.seconds;
    r.gflops = 2 * params * opt.tokens / r.seconds / 1e9;
    r.peak_share = r.gflops / bf16_peak.gflops;
  }

  json out = info;
  out["tokens"] = opt.tokens;
  out["repeats"] = opt.repeats;
  out["threads"] = at::get_num_threads();
  out["model_dir"] = dir;
  out["load_average_before"] = load_before;
  out["checkpoint_reused"] = reused;
  out["checkpoint_write_s"] = write_s;
  out["params_layers"] = layer_params;
  out["params_lm_head"] = head_params;
  out["bf16_peak_gflops"] = bf16_peak.gflops;
  out["bf16_peak_n"] = bf16_peak.n;
  out["bf16_libtorch_kernel_gflops"] = bf16.libtorch.gflops;
  out["bf16_engine_gflops"] = bf16.engine.gflops;
  out["bf16_engine_widens_to_fp32"] = owb::cpu_bf16_matmul_widens();
  out["f32_peak_gflops"] = f32_peak.gflops;
  out["f32_peak_n"] = f32_peak.n;
  for (const Row& r : rows)
    out["runs"].push_back({{"mode", r.mode}, {"hooks", r.hooks}, {"lm_head", r.lm_head}, {"seconds", r.seconds},
                           {"tokens_per_s", r.tokens_per_s}, {"gflops", r.gflops}, {"peak_share", r.peak_share},
                           {"hook_overhead", r.hook_overhead < -0.5 ? json(nullptr) : json(r.hook_overhead)}});
  for (const auto& [name, s] : steps.seconds) out["profile_s"][name] = s;

  if (temporary) fs::remove_all(dir);

  if (opt.json) {
    std::cout << out.dump(2) << "\n";
    return 0;
  }
  std::cout << "qwen3 shape, " << info["layers"] << " layers, 1 x " << opt.tokens << " tokens, bf16, "
            << at::get_num_threads() << " threads, best of " << opt.repeats << "\n"
            << "params: " << fixed(layer_params / 1e6, 1) << " M in the layers (embedding excluded), LM head "
            << fixed(head_params / 1e6, 1) << " M (tied to the embedding)\n"
            << "matmul peak: bf16 " << fixed(bf16_peak.gflops, 1) << " GFLOP/s (n = " << bf16_peak.n << "), f32 "
            << fixed(f32_peak.gflops, 1) << " GFLOP/s (n = " << f32_peak.n << ")\n"
            << "  bf16: libtorch's bf16 kernel " << fixed(bf16.libtorch.gflops, 1) << ", the engine's "
            << fixed(bf16.engine.gflops, 1)
            << (owb::cpu_bf16_matmul_widens() ? " (fp32 SGEMM on widened operands: this CPU has no oneDNN bf16 kernel)"
                                              : " (libtorch's kernel)")
            << "\n"
            << "load average (1 min) before the run: " << fixed(load_before, 2)
            << (load_before > 0.5 ? "  (other processes were busy: numbers are low and noisy)" : "") << "\n\n";
  std::cout << "| mode | hooks | LM head | s | tokens/s | GFLOP/s | % of bf16 peak | hook overhead |\n"
            << "|---|---|---|---:|---:|---:|---:|---:|\n";
  for (const Row& r : rows)
    std::cout << "| " << r.mode << " | " << (r.hooks ? "ln amax" : "none") << " | " << (r.lm_head ? "yes" : "no") << " | "
              << fixed(r.seconds, 2) << " | " << fixed(r.tokens_per_s, 0) << " | " << fixed(r.gflops, 1) << " | "
              << fixed(100 * r.peak_share, 1) << " % | "
              << (r.hook_overhead < -0.5 ? std::string("") : fixed(100 * r.hook_overhead, 1) + " %") << " |\n";
  if (!steps.seconds.empty()) print_profile(steps);
  return 0;
} catch (const std::exception& e) {
  std::cerr << "bench_forward: " << e.what() << "\n";
  return 1;
}
