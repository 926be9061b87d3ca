#include "dim_hits.h"

#include <algorithm>
#include <cmath>

namespace owb {

int64_t BitSet::count() const {
  int64_t n = 0;
  for (uint64_t w : words_) n += __builtin_popcountll(w);
  return n;
}

bool ExampleValue::before(const ExampleValue& o) const {
  if (hook != o.hook) return hook < o.hook;
  if (sequence != o.sequence) return sequence < o.sequence;
  return position < o.position;
}

void DimHits::add(int64_t hook, int64_t position_index, const ExampleValue& example) {
  hooks_hit.set(hook);
  positions_hit.set(position_index);
  ++occurrences;
  max_magnitude = std::max(max_magnitude, std::abs(example.value));
  // Hits may arrive out of the seed's order (layer-streaming visits every batch per layer), so
  // keep the smallest kMaxExamples by order rather than the first ones seen.
  auto it = std::upper_bound(examples.begin(), examples.end(), example,
                             [](const ExampleValue& a, const ExampleValue& b) { return a.before(b); });
  if (examples.size() < kMaxExamples) {
    examples.insert(it, example);
  } else if (it != examples.end()) {
    examples.insert(it, example);
    examples.pop_back();
  }
}

DimHits& ScopeHits::at(int64_t dim) {
  if (dim >= static_cast<int64_t>(dims_.size())) dims_.resize(dim + 1);
  if (!dims_[dim]) dims_[dim] = std::make_unique<DimHits>(hooks_, positions_);
  return *dims_[dim];
}

int64_t ScopeHits::dims_hit() const {
  return std::count_if(dims_.begin(), dims_.end(), [](const auto& d) { return d != nullptr; });
}

}  // namespace owb
