#pragma once
// Dettmers et al. (2022, LLM.int8(), section 4) criteria for "systematic" outlier features,
// applied to the hits of one scope. Torch-free.
//
// A feature dimension d is systematic in a scope when
//   layer_percentage = |hook tensors where some |x[..., d]| >= threshold| / |hook tensors analysed|
//                      >= min_layer_percentage, and
//   seq_percentage   = |positions where d is hit in some hook tensor| / |positions in the scope|
//                      >= min_seq_percentage.
// The hook tensors are layer_{i}_ln_attn and layer_{i}_ln_mlp of every analysed layer (2 per
// layer, as in the seed tooling). For a batch scope (seed-compatible) a position is an index
// along the sequence, pooled over the batch's sequences, and the denominator is the sequence
// length; for the whole-run scope it is a (sequence, position) pair and the denominator is
// sequences x sequence length.
#include "dim_hits.h"

#include <optional>
#include <string>
#include <vector>

namespace owb {

struct OutlierCriteria {
  double magnitude_threshold = 6.0;
  double min_layer_percentage = 0.25;
  double min_seq_percentage = 0.06;
};

struct OutlierRecord {
  int64_t feature_dim = 0;
  double max_magnitude = 0;
  double layer_percentage = 0;  // fraction in [0, 1]
  double seq_percentage = 0;    // fraction in [0, 1]
  int64_t total_occurrences = 0;
  std::vector<std::string> layers_affected;  // hook names, sorted as Python's sorted() does
  std::vector<double> example_values;        // first hits, in the seed's order
  int64_t batch_id = 0;                      // 1-based for per-batch records, 0 for the run
};

// The record of dimension `dim` in `scope` (whether systematic or not); nullopt without hits.
std::optional<OutlierRecord> describe_dimension(const ScopeHits& scope, int64_t dim,
                                                const std::vector<std::string>& hook_names);

// Every systematic dimension of the scope, sorted by max_magnitude descending (ties: lower dim first).
std::vector<OutlierRecord> find_systematic_outliers(const ScopeHits& scope, const std::vector<std::string>& hook_names,
                                                    const OutlierCriteria& criteria);

bool is_systematic(const OutlierRecord& r, const OutlierCriteria& criteria);

}  // namespace owb
