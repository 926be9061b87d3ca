#pragma once
// perplexity_results.json: the seed's keys plus ours (docs/result-files.md).
#include "perplexity.h"

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace owb {

struct PerplexityBatch {
  NllTotals nll;
  int64_t sequences = 0;
};

struct PerplexityRunSummary {
  std::string model, dataset, method;  // method: fixed | sliding
  int64_t sequence_length = 0, num_sequences = 0, window = 0, stride = 0;
  int64_t bytes = 0;  // UTF-8 bytes of the scored text
  std::vector<PerplexityBatch> batches;
};

NllTotals total_nll(const PerplexityRunSummary& s);
nlohmann::json perplexity_results_json(const PerplexityRunSummary& s);

}  // namespace owb
