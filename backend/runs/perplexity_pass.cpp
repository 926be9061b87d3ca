// The perplexity pass: fixed-length sequences (or sliding windows over their concatenation)
// through the whole model; next-token NLL from the LM head in chunks; perplexity_results.json.
#include "errors.h"
#include "job_inputs.h"
#include "perplexity.h"
#include "perplexity_results.h"

#include <cmath>
#include <cstdio>

namespace owb {

namespace {

std::vector<ScoredWindow> scored_windows(const JobInputs& in, int64_t* stride_out) {
  const PerplexitySection& p = in.config.perplexity;
  if (p.window == 0) {
    *stride_out = 0;
    return fixed_length_windows(in.sequences);
  }
  if (in.config.dataset.sequences.window_stride != 0 &&
      in.config.dataset.sequences.window_stride != in.config.dataset.sequences.sequence_length)
    throw InputError("perplexity.window (sliding windows) needs non-overlapping sequences: leave dataset.window_stride at 0");
  std::vector<int32_t> stream;
  for (const auto& s : in.sequences) stream.insert(stream.end(), s.begin(), s.end());
  int64_t stride = p.stride > 0 ? p.stride : std::max<int64_t>(1, p.window / 2);
  *stride_out = stride;
  return sliding_windows(stream, p.window, stride);
}

// Consecutive windows of equal length, at most `batch_size` per batch.
std::vector<std::vector<size_t>> group_windows(const std::vector<ScoredWindow>& windows, int64_t batch_size) {
  std::vector<std::vector<size_t>> groups;
  for (size_t w = 0; w < windows.size(); ++w) {
    bool fits = !groups.empty() && static_cast<int64_t>(groups.back().size()) < batch_size &&
                windows[groups.back().front()].ids.size() == windows[w].ids.size();
    if (!fits) groups.emplace_back();
    groups.back().push_back(w);
  }
  return groups;
}

std::string format_perplexity(const NllTotals& t) {
  char buf[96];
  std::snprintf(buf, sizeof buf, "PPL = %.4f +/- %.4f (%lld tokens)", t.perplexity(), t.perplexity_stderr(),
                static_cast<long long>(t.count));
  return buf;
}

}  // namespace

void run_perplexity_pass(const JobInputs& in, RunContext& ctx) {
  const JobConfig& c = in.config;
  PerplexityRunSummary s;
  s.model = c.model.name;
  s.dataset = c.dataset.name;
  s.sequence_length = c.dataset.sequences.sequence_length;
  s.num_sequences = static_cast<int64_t>(in.sequences.size());
  s.method = c.perplexity.window ? "sliding" : "fixed";
  s.window = c.perplexity.window;
  std::vector<ScoredWindow> windows = scored_windows(in, &s.stride);
  int64_t batch_size = c.perplexity.batch_size > 0 ? c.perplexity.batch_size : c.analysis.batch_size;
  std::vector<std::vector<size_t>> groups = group_windows(windows, batch_size);
  std::vector<at::Tensor> batches;
  for (const auto& g : groups) {
    std::vector<std::vector<int32_t>> rows;
    for (size_t w : g) rows.push_back(windows[w].ids);
    batches.push_back(batch_sequences(rows, batch_size).front());
  }
  s.batches.resize(groups.size());

  Model model(c.model.name, in.engine);
  ctx.log("INFO", "perplexity pass (" + s.method + "): " + std::to_string(windows.size()) + " windows in " +
                      std::to_string(batches.size()) + " batches");
  int64_t batches_done = 0;
  auto on_final = [&](int64_t b, const at::Tensor& hidden) {
    for (size_t r = 0; r < groups[b].size(); ++r) {
      const ScoredWindow& w = windows[groups[b][r]];
      s.batches[b].nll.add(target_nll(model, hidden[static_cast<int64_t>(r)], w.ids, w.score_from));
      std::vector<int32_t> scored(w.ids.begin() + w.score_from, w.ids.end());
      s.bytes += static_cast<int64_t>(in.tokenizer.decode(scored).size());
    }
    s.batches[b].sequences = static_cast<int64_t>(groups[b].size());
    if (!std::isfinite(s.batches[b].nll.sum)) throw InputError("perplexity: the model produced non-finite log-probabilities");
    ctx.progress("perplexity", ++batches_done, static_cast<int64_t>(batches.size()));
    ctx.log("INFO", "batch " + std::to_string(b + 1) + "/" + std::to_string(batches.size()) + ": " +
                        format_perplexity(s.batches[b].nll));
  };
  model.run(batches, Hooks(), on_final, [&](int64_t done, int64_t total) { ctx.progress("layer", done, total); });

  nlohmann::json results = perplexity_results_json(s);
  ctx.write_artifact("perplexity_results.json", results);
  ctx.event({{"event", "result"}, {"kind", "perplexity"}, {"perplexity", results["perplexity"]},
             {"mean_nll", results["mean_nll"]}, {"bits_per_byte", results["bits_per_byte"]}});
  ctx.log("INFO", "perplexity done: " + format_perplexity(total_nll(s)));
}

}  // namespace owb
