// bench_fine_tune: what one full fine-tuning step of `owb damage` costs.
//   bench_fine_tune [--model-dir DIR] [--batch-size 4] [--tokens 128] [--steps 5] [--dtype f32|bf16]
// Without --model-dir it writes a Pythia-70m-shaped gpt_neox checkpoint (f32, random weights) into
// /tmp/owb-bench-pythia-70m (reused). Each mode runs in a child process, so its peak RSS is its own:
//   layerwise   TrainableModel::backward_lm_loss (recompute one layer at a time) + AdamW
//   full-graph  the plain eager reference: one autograd graph over the model + AdamW
//   offload     layerwise, with masters, gradients and AdamW moments in mapped files (/tmp)
// Peak RSS counts mapped file pages too; "anon" is the process's own memory (RssAnon) at the end.
// Throughput is reported against the machine's own fp32 matmul peak (a 2048^3 matmul), counting
// 6 N T FLOPs per step for training (forward 2NT, backward 4NT; the layer-wise recompute's extra
// 2NT is overhead, not useful work).
#include "adamw.h"
#include "synthetic_checkpoint.h"
#include "trainable_model.h"

#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <string>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Options {
  std::string model_dir, dtype = "f32";
  int64_t batch_size = 4, tokens = 128, steps = 5;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--model-dir") o.model_dir = v;
    else if (k == "--batch-size") o.batch_size = std::stoll(v);
    else if (k == "--tokens") o.tokens = std::stoll(v);
    else if (k == "--steps") o.steps = std::stoll(v);
    else if (k == "--dtype") o.dtype = v;
    else throw std::runtime_error("unknown option " + k);
  }
  return o;
}

std::string ensure_model(const Options& o) {
  if (!o.model_dir.empty()) return o.model_dir;
  std::string dir = "/tmp/owb-bench-pythia-70m";
  if (std::filesystem::exists(dir + "/config.json")) return dir;
  owb::SyntheticModelSpec s;
  s.arch = "gpt_neox";
  s.layers = 6, s.hidden = 512, s.heads = 8, s.kv_heads = 8, s.intermediate = 2048, s.vocab = 50304;
  std::fprintf(stderr, "writing %s ...\n", dir.c_str());
  owb::write_synthetic_checkpoint(s, dir);
  return dir;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

double matmul_peak_flops(at::ScalarType dtype) {
  at::Tensor a = at::randn({2048, 2048}).to(dtype), b = at::randn({2048, 2048}).to(dtype);
  at::matmul(a, b);
  auto t = std::chrono::steady_clock::now();
  const int reps = 5;
  for (int i = 0; i < reps; ++i) at::matmul(a, b);
  return reps * 2.0 * 2048 * 2048 * 2048 / seconds_since(t);
}

int64_t rss_anon_bytes() {
  std::FILE* f = std::fopen("/proc/self/status", "r");
  char line[256];
  int64_t kb = -1;
  while (f && std::fgets(line, sizeof line, f))
    if (std::sscanf(line, "RssAnon: %lld", reinterpret_cast<long long*>(&kb)) == 1) break;
  if (f) std::fclose(f);
  return kb * 1024;
}

void run_mode(const Options& o, const std::string& dir, const std::string& mode) {
  const bool layerwise = mode != "full-graph";
  owb::TrainOptions opt;
  if (mode == "offload") opt.offload_dir = "/tmp/owb-bench-offload";
  opt.compute_dtype = o.dtype == "bf16" ? at::kBFloat16 : at::kFloat;
  owb::TrainableModel model(dir, opt);
  std::vector<at::Tensor> params;
  int64_t n = 0;
  for (const auto& p : model.parameters()) params.push_back(p.value), n += p.value.numel();
  owb::AdamW optimizer(params, {});
  at::manual_seed(0);
  at::Tensor ids = at::randint(model.config().vocab_size, {o.batch_size, o.tokens}, at::kLong);
  auto step = [&] {
    model.zero_grad();
    layerwise ? model.backward_lm_loss(ids) : model.backward_lm_loss_full_graph(ids);
    optimizer.step();
  };
  step();  // warm-up
  auto t = std::chrono::steady_clock::now();
  for (int64_t s = 0; s < o.steps; ++s) step();
  const double per_step = seconds_since(t) / o.steps;
  const double flops = 6.0 * n * o.batch_size * o.tokens / per_step;
  const double peak = matmul_peak_flops(opt.compute_dtype);
  struct rusage ru {};
  getrusage(RUSAGE_SELF, &ru);
  std::printf("%-10s  %d threads  %8.3f s/step  %9.0f tok/s  %6.1f GFLOP/s = %4.1f %% of matmul peak (%.1f GFLOP/s)  peak RSS %.2f GiB  anon %.2f GiB  params %.1f M\n",
              mode.c_str(), at::get_num_threads(), per_step, o.batch_size * o.tokens / per_step, flops / 1e9,
              100.0 * flops / peak, peak / 1e9, ru.ru_maxrss / 1048576.0, rss_anon_bytes() / 1073741824.0, n / 1e6);
  std::fflush(stdout);
}

}  // namespace

int main(int argc, char** argv) {
  Options o = parse(argc, argv);
  std::string dir = ensure_model(o);
  std::printf("fine-tuning step: batch %lld x %lld tokens, %s, %s\n", static_cast<long long>(o.batch_size),
              static_cast<long long>(o.tokens), o.dtype.c_str(), dir.c_str());
  std::fflush(stdout);
  for (const char* mode : {"layerwise", "full-graph", "offload"}) {
    pid_t pid = fork();
    if (pid == 0) {
      run_mode(o, dir, mode);
      _exit(0);
    }
    int status = 0;
    waitpid(pid, &status, 0);
  }
  return 0;
}
