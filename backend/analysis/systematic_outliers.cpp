#include "systematic_outliers.h"

#include <algorithm>

namespace owb {

std::optional<OutlierRecord> describe_dimension(const ScopeHits& scope, int64_t dim,
                                                const std::vector<std::string>& hook_names) {
  const DimHits* hits = scope.find(dim);
  if (!hits) return std::nullopt;
  OutlierRecord r;
  r.feature_dim = dim;
  r.max_magnitude = hits->max_magnitude;
  r.total_occurrences = hits->occurrences;
  r.layer_percentage = static_cast<double>(hits->hooks_hit.count()) / static_cast<double>(scope.hooks());
  r.seq_percentage = static_cast<double>(hits->positions_hit.count()) / static_cast<double>(scope.positions());
  for (int64_t h = 0; h < scope.hooks(); ++h)
    if (hits->hooks_hit.test(h)) r.layers_affected.push_back(hook_names[h]);
  std::sort(r.layers_affected.begin(), r.layers_affected.end());  // byte order, like Python's sorted()
  for (const ExampleValue& e : hits->examples) r.example_values.push_back(e.value);
  return r;
}

bool is_systematic(const OutlierRecord& r, const OutlierCriteria& c) {
  return r.layer_percentage >= c.min_layer_percentage && r.seq_percentage >= c.min_seq_percentage;
}

std::vector<OutlierRecord> find_systematic_outliers(const ScopeHits& scope, const std::vector<std::string>& hook_names,
                                                    const OutlierCriteria& criteria) {
  std::vector<OutlierRecord> out;
  for (int64_t d = 0; d < scope.dims(); ++d) {
    std::optional<OutlierRecord> r = describe_dimension(scope, d, hook_names);
    if (r && is_systematic(*r, criteria)) out.push_back(std::move(*r));
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const OutlierRecord& a, const OutlierRecord& b) { return a.max_magnitude > b.max_magnitude; });
  return out;
}

}  // namespace owb
