#pragma once
// Perplexity from next-token negative log-likelihoods.
//  - fixed-length: each sequence of T tokens scores targets 1..T-1, each given its prefix;
//  - sliding window (Hugging Face, "Perplexity of fixed-length models"): windows of W tokens
//    starting every S tokens; each window scores only the targets the previous window did not,
//    each with up to W-1 tokens of context.
// perplexity = exp(mean NLL over all scored targets); bits per byte = sum NLL / ln 2 / bytes.
#include <ATen/ATen.h>

#include <cstdint>
#include <functional>
#include <vector>

namespace owb {

class Model;

// One forward input and the first position whose token is scored (>= 1).
struct ScoredWindow {
  std::vector<int32_t> ids;
  int64_t score_from = 1;
};

// Fixed-length mode: every sequence scores from position 1.
std::vector<ScoredWindow> fixed_length_windows(const std::vector<std::vector<int32_t>>& sequences);
// Sliding-window mode over one token stream.
std::vector<ScoredWindow> sliding_windows(const std::vector<int32_t>& stream, int64_t window, int64_t stride);

// NLL (nats) of targets score_from..T-1 of one sequence, from its final hidden states [T, D].
// The LM head runs over `chunk` positions at a time, so [T, vocab] logits never exist whole.
std::vector<double> target_nll(Model& model, const at::Tensor& final_hidden, const std::vector<int32_t>& ids,
                               int64_t score_from, int64_t chunk = 128);

class Hooks;

// Consecutive windows of equal length, at most `batch_size` per batch: the batches every window
// evaluation runs (window index = the row's first_sequence in the run).
std::vector<std::vector<size_t>> group_windows(const std::vector<ScoredWindow>& windows, int64_t batch_size);
// The [rows, T] int64 ids of one group.
at::Tensor group_ids(const std::vector<ScoredWindow>& windows, const std::vector<size_t>& group);

// Runs the windows through the model (consecutive windows of equal length batched, at most
// `batch_size` per batch) with `hooks`, and hands each window's target NLLs to `on_window`.
// Batch b of the run holds the windows listed in the returned groups[b].
std::vector<std::vector<size_t>> evaluate_windows(
    Model& model, const std::vector<ScoredWindow>& windows, int64_t batch_size, const Hooks& hooks,
    const std::function<void(size_t window, const std::vector<double>& nll)>& on_window,
    const std::function<void(int64_t done, int64_t total)>& on_batch = {});

struct NllTotals {
  double sum = 0, sum_squares = 0;
  int64_t count = 0;
  void add(const std::vector<double>& nll);
  void add(const NllTotals& other);
  double mean() const { return count ? sum / count : 0.0; }
  double perplexity() const;
  // Delta-method standard error of the perplexity: ppl x sd(NLL) / sqrt(n).
  double perplexity_stderr() const;
};

// Total NLL of the windows under the model's current weights and `hooks`.
NllTotals evaluate_nll(Model& model, const std::vector<ScoredWindow>& windows, int64_t batch_size, const Hooks& hooks);

}  // namespace owb
