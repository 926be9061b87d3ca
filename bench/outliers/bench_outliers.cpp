// bench_outliers: what the outlier analysis costs on top of the forward pass, and what memory
// resident and streaming execution need.
//   bench_outliers [--model-dir DIR] [--layers N] [--sequences 4] [--tokens 2048] [--batch-size 1]
// Without --model-dir it writes a Qwen3-0.6B-shaped checkpoint (bf16, random weights, one planted
// outlier dim so the statistics have hits to record) into /tmp/owb-bench-qwen3-0.6b (reused).
// Every configuration runs in a child process of its own, so its peak RSS is its own.
#include "model.h"
#include "outlier_collector.h"
#include "synthetic_checkpoint.h"

#include <ATen/Parallel.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

namespace {

struct Options {
  std::string model_dir;
  int64_t layers = 28, sequences = 4, tokens = 2048, batch_size = 1;
};

Options parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string k = argv[i], v = argv[i + 1];
    if (k == "--model-dir") o.model_dir = v;
    else if (k == "--layers") o.layers = std::stoll(v);
    else if (k == "--sequences") o.sequences = std::stoll(v);
    else if (k == "--tokens") o.tokens = std::stoll(v);
    else if (k == "--batch-size") o.batch_size = std::stoll(v);
    else throw std::runtime_error("unknown option " + k);
  }
  return o;
}

std::string ensure_model(const Options& o) {
  if (!o.model_dir.empty()) return o.model_dir;
  std::string dir = "/tmp/owb-bench-qwen3-0.6b-" + std::to_string(o.layers) + "l";
  if (std::filesystem::exists(dir + "/config.json")) return dir;
  owb::SyntheticModelSpec s;
  s.arch = "qwen3";
  s.layers = o.layers, s.hidden = 1024, s.heads = 16, s.kv_heads = 8, s.head_dim = 128;
  s.intermediate = 3072, s.vocab = 151936, s.dtype = "bf16", s.tie_word_embeddings = true;
  s.outliers.push_back(owb::parse_planted_outlier("dim=100,gamma=20"));
  std::fprintf(stderr, "writing %s ...\n", dir.c_str());
  owb::write_synthetic_checkpoint(s, dir);
  return dir;
}

std::vector<at::Tensor> make_batches(const Options& o, int64_t vocab) {
  at::manual_seed(0);
  at::Tensor ids = at::randint(vocab, {o.sequences, o.tokens}, at::kLong);
  std::vector<at::Tensor> batches;
  for (int64_t s = 0; s < o.sequences; s += o.batch_size) batches.push_back(ids.slice(0, s, std::min(s + o.batch_size, o.sequences)));
  return batches;
}

// One configuration: seconds of model.run (weights already loaded for resident; streaming loads
// inside run, as it would in a real analysis).
double run_once(const std::string& dir, const Options& o, bool streaming, bool statistics) {
  owb::EngineOptions e;
  e.dtype = at::kBFloat16;
  e.streaming = streaming;
  owb::Model model(dir, e);
  std::vector<at::Tensor> batches = make_batches(o, model.config().vocab_size);
  std::vector<int64_t> rows;
  for (const auto& b : batches) rows.push_back(b.size(0));
  std::vector<int64_t> layers(model.config().num_hidden_layers);
  for (size_t i = 0; i < layers.size(); ++i) layers[i] = static_cast<int64_t>(i);
  owb::OutlierCollector collector({layers, model.config().hidden_size, rows, o.tokens}, owb::OutlierCriteria());
  owb::Hooks hooks;
  if (statistics) collector.subscribe(hooks);
  c10::InferenceMode guard;
  auto t0 = std::chrono::steady_clock::now();
  model.run(batches, hooks);
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

struct Measured {
  double seconds = 0;
  double peak_rss_gib = 0;
};

// Runs `run_once` in a child process; its time comes back through a pipe, its peak RSS from wait4.
Measured measure(const std::string& dir, const Options& o, bool streaming, bool statistics) {
  int fd[2];
  if (pipe(fd) != 0) throw std::runtime_error("pipe failed");
  pid_t pid = fork();
  if (pid == 0) {
    close(fd[0]);
    double s = run_once(dir, o, streaming, statistics);
    if (write(fd[1], &s, sizeof s) != sizeof s) _exit(2);
    _exit(0);
  }
  close(fd[1]);
  Measured m;
  if (read(fd[0], &m.seconds, sizeof m.seconds) != sizeof m.seconds) throw std::runtime_error("child failed");
  close(fd[0]);
  int status = 0;
  struct rusage usage {};
  wait4(pid, &status, 0, &usage);
  m.peak_rss_gib = usage.ru_maxrss / 1024.0 / 1024.0;  // ru_maxrss is in KiB on Linux
  return m;
}

}  // namespace

int main(int argc, char** argv) {
  try {
    Options o = parse(argc, argv);
    std::string dir = ensure_model(o);
    const double tokens = static_cast<double>(o.sequences * o.tokens);
    std::printf("outlier analysis, %lld x %lld tokens, batch %lld, bf16, %u CPUs, model %s\n\n",
                static_cast<long long>(o.sequences), static_cast<long long>(o.tokens), static_cast<long long>(o.batch_size),
                std::thread::hardware_concurrency(), dir.c_str());
    std::printf("| mode | bare forward s | with statistics s | overhead | tokens/s | peak RSS GiB (bare / stats) |\n");
    std::printf("|---|---|---|---|---|---|\n");
    for (bool streaming : {false, true}) {
      Measured bare = measure(dir, o, streaming, false);
      Measured stats = measure(dir, o, streaming, true);
      std::printf("| %s | %.2f | %.2f | %+.1f %% | %.0f | %.2f / %.2f |\n", streaming ? "streaming" : "resident",
                  bare.seconds, stats.seconds, 100.0 * (stats.seconds / bare.seconds - 1), tokens / stats.seconds,
                  bare.peak_rss_gib, stats.peak_rss_gib);
      std::fflush(stdout);
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "bench_outliers: %s\n", e.what());
    return 1;
  }
}
