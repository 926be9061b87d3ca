#include "perplexity_results.h"

#include "run_clock.h"

#include <cmath>

namespace owb {

using nlohmann::json;

NllTotals total_nll(const PerplexityRunSummary& s) {
  NllTotals t;
  for (const auto& b : s.batches) t.add(b.nll);
  return t;
}

json perplexity_results_json(const PerplexityRunSummary& s) {
  NllTotals all = total_nll(s);
  json batches = json::array();
  for (const auto& b : s.batches)
    batches.push_back({{"perplexity", b.nll.perplexity()},
                       {"avg_loss", b.nll.mean()},
                       {"total_tokens", b.nll.count},
                       {"num_sequences", b.sequences}});
  return {{"perplexity", all.perplexity()},
          {"avg_loss", all.mean()},
          {"total_tokens", all.count},
          {"num_sequences", s.num_sequences},
          {"model", s.model},
          {"dataset", s.dataset},
          {"sequence_length", s.sequence_length},
          {"timestamp", iso_time_now()},
          {"batch_results", batches},
          {"mean_nll", all.mean()},
          {"predicted_tokens", all.count},
          {"perplexity_stderr", all.perplexity_stderr()},
          {"bytes", s.bytes},
          {"bits_per_byte", s.bytes > 0 ? all.sum / std::log(2.0) / static_cast<double>(s.bytes) : 0.0},
          {"method", s.method},
          {"window", s.window},
          {"stride", s.stride}};
}

}  // namespace owb
