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

  Model model(in.model_dir, in.engine);
  ctx.log("INFO", "perplexity pass (" + s.method + "): " + std::to_string(windows.size()) + " windows");
  std::vector<NllTotals> per_window(windows.size());
  auto on_window = [&](size_t w, const std::vector<double>& nll) {
    per_window[w].add(nll);
    if (!std::isfinite(per_window[w].sum)) throw InputError("perplexity: the model produced non-finite log-probabilities");
    std::vector<int32_t> scored(windows[w].ids.begin() + windows[w].score_from, windows[w].ids.end());
    s.bytes += static_cast<int64_t>(in.tokenizer.decode(scored).size());
  };
  auto on_batch = [&](int64_t done, int64_t total) { ctx.progress("perplexity", done, total); };
  std::vector<std::vector<size_t>> groups = evaluate_windows(model, windows, batch_size, Hooks(), on_window, on_batch);
  for (const auto& group : groups) {
    PerplexityBatch batch;
    for (size_t w : group) batch.nll.add(per_window[w]);
    batch.sequences = static_cast<int64_t>(group.size());
    s.batches.push_back(batch);
    ctx.log("INFO", "batch " + std::to_string(s.batches.size()) + "/" + std::to_string(groups.size()) + ": " +
                        format_perplexity(batch.nll));
  }

  nlohmann::json results = perplexity_results_json(s);
  ctx.write_artifact("perplexity_results.json", results);
  ctx.event({{"event", "result"}, {"kind", "perplexity"}, {"perplexity", results["perplexity"]},
             {"mean_nll", results["mean_nll"]}, {"bits_per_byte", results["bits_per_byte"]}});
  ctx.log("INFO", "perplexity done: " + format_perplexity(total_nll(s)));
}

}  // namespace owb
