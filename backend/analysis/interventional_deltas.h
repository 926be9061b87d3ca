#pragma once
// Interventional deltas (seed 004, run_vocab_analyses.py): what zeroing a weight does to the
// next-token distribution over held-out text. Over Hugging Face sliding windows (perplexity.h:
// windows of W tokens every S tokens, each scoring only the targets the previous one did not),
// at every scored position p (the distribution P that predicts token p + 1):
//   loss           -log P(token p+1)                           (nats)
//   entropy        -sum_v P(v) log P(v)                        (nats)
//   topk_margin    P(top-1 token) - P(top-2 token)
//   stopword_mass  sum of P over the stopword ids (stopword_token_ids)
// A pass keeps per-window sums, so means are token-weighted and the bootstrap can resample
// windows (bootstrap.h). Deltas are changed - intact.
#include "hooks.h"
#include "perplexity.h"

#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace owb {

class Model;
class Tokenizer;

struct TokenMetricSums {
  int64_t tokens = 0;
  double loss = 0, entropy = 0, margin = 0, stopword_mass = 0;
  void add(const TokenMetricSums& o);
};

// Means per scored token (all 0 when no token was scored).
struct TokenMetrics {
  double loss = 0, entropy = 0, topk_margin = 0, stopword_mass = 0;
};
TokenMetrics mean_metrics(const TokenMetricSums& s);
TokenMetrics metric_delta(const TokenMetrics& changed, const TokenMetrics& intact);

// Sums over the rows of `logits` [P, V]: each row is one next-token distribution, `targets` [P]
// (int64) the tokens that followed; `stopword_ids` [S] int64 (may be empty). With
// `probability_sum`, the rows' probabilities are added to it ([V] fp64, defined or not yet).
TokenMetricSums distribution_metric_sums(const at::Tensor& logits, const at::Tensor& targets,
                                         const at::Tensor& stopword_ids, at::Tensor* probability_sum = nullptr);

// One window's scored positions: `normed_hidden` [T, D] (after the final norm) through the LM
// head, `chunk` positions at a time.
TokenMetricSums window_metric_sums(Model& model, const at::Tensor& normed_hidden, const ScoredWindow& window,
                                   const at::Tensor& stopword_ids, at::Tensor* probability_sum = nullptr,
                                   int64_t chunk = 128);

// The stopword set: every English function word (token_class_enrichment.h) that the tokenizer
// encodes as a single token, with and without a leading space ("the", " the", "The", " The"),
// sorted and unique.
std::vector<int64_t> stopword_token_ids(const Tokenizer& tokenizer);

// sliding_windows(stream, window, stride); with `drop_first_token`, the prediction made at a
// window's first position (from that one token alone) is not scored: score_from >= 2. With
// overlapping windows only the first window scores that position anyway; with stride = window,
// every window does.
std::vector<ScoredWindow> analysis_windows(const std::vector<int32_t>& stream, int64_t window, int64_t stride,
                                           bool drop_first_token);

struct PassOptions {
  int64_t batch_size = 1;
  std::vector<int64_t> lens_layers;   // logit-lens layers for the cascade (logit_lens_cascade.h)
  bool token_probabilities = false;   // keep the summed next-token probabilities
  std::function<void(int64_t done, int64_t total)> on_batch;
};

struct PassResult {
  std::vector<TokenMetricSums> windows;  // final logits, one per window
  std::vector<int64_t> lens_layers;
  std::vector<TokenMetricSums> lens;     // one per lens layer, summed over windows
  at::Tensor probability_sum;            // [vocab] fp64 on the CPU, with token_probabilities
  TokenMetricSums total() const;
};

// Runs the windows (consecutive equal-length windows batched) under the model's current weights
// and `hooks`, and measures every window.
PassResult evaluate_pass(Model& model, const std::vector<ScoredWindow>& windows, const at::Tensor& stopword_ids,
                         const Hooks& hooks, const PassOptions& options);

struct Coordinate {
  int64_t row = 0, col = 0;
};

// The weight edit of a pass: element [row, col] of `tensor` zeroed for the pass, then restored.
PassResult evaluate_with_weight_zeroed(Model& model, const std::string& tensor, const Coordinate& at,
                                       const std::vector<ScoredWindow>& windows, const at::Tensor& stopword_ids,
                                       const PassOptions& options);
// The whole neuron: input column `col` of layer `layer`'s down projection zeroed. Done by zeroing
// channel `col` of its input (hook layer_{L}_mlp_down_in), which is the same computation:
// W x with x[col] = 0 sums exactly the terms W[:, c] x[c] for c != col.
PassResult evaluate_with_neuron_zeroed(Model& model, int64_t layer, int64_t col,
                                       const std::vector<ScoredWindow>& windows, const at::Tensor& stopword_ids,
                                       const PassOptions& options);

// The random-coordinate control: a uniformly drawn [row, col] of a rows x cols tensor that is
// none of `excluded` (the super weights in it). Deterministic in `seed`; throws when every
// coordinate is excluded.
Coordinate random_control_coordinate(int64_t rows, int64_t cols, const std::vector<Coordinate>& excluded, uint64_t seed);

// Per-window numerators (changed - intact sums of one metric) and weights (scored tokens), the
// input of bootstrap_weighted_mean. Throws when the passes scored different windows.
struct WindowDeltas {
  std::vector<double> sums, tokens;
};
WindowDeltas window_deltas(const PassResult& changed, const PassResult& intact, double TokenMetricSums::*metric);

}  // namespace owb
