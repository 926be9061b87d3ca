#pragma once
// Where one feature dimension went over the magnitude threshold, within one scope (a batch, or
// the whole run): which hook tensors, which positions, how often, how large. Torch-free.
#include <cstdint>
#include <memory>
#include <vector>

namespace owb {

// A fixed-size set of small integers.
class BitSet {
 public:
  explicit BitSet(int64_t size = 0) : words_((size + 63) / 64, 0) {}
  void set(int64_t i) { words_[i >> 6] |= uint64_t(1) << (i & 63); }
  bool test(int64_t i) const { return (words_[i >> 6] >> (i & 63)) & 1; }
  int64_t count() const;

 private:
  std::vector<uint64_t> words_;
};

// An example hit, ordered as the seed tooling recorded them: by hook tensor (forward order),
// then sequence, then position.
struct ExampleValue {
  int64_t hook, sequence, position;
  double value;
  bool before(const ExampleValue& o) const;
};

struct DimHits {
  DimHits(int64_t hooks, int64_t positions) : hooks_hit(hooks), positions_hit(positions) {}
  BitSet hooks_hit;
  BitSet positions_hit;
  int64_t occurrences = 0;
  double max_magnitude = 0;
  std::vector<ExampleValue> examples;  // the first kMaxExamples in ExampleValue order

  static constexpr size_t kMaxExamples = 5;
  void add(int64_t hook, int64_t position_index, const ExampleValue& example);
};

// Per-dimension hits of one scope; a dimension's entry exists once it has a hit.
class ScopeHits {
 public:
  ScopeHits(int64_t dims, int64_t hooks, int64_t positions) : dims_(dims), hooks_(hooks), positions_(positions) {}
  DimHits& at(int64_t dim);
  const DimHits* find(int64_t dim) const { return dim < static_cast<int64_t>(dims_.size()) ? dims_[dim].get() : nullptr; }
  int64_t dims() const { return static_cast<int64_t>(dims_.size()); }
  int64_t hooks() const { return hooks_; }
  int64_t positions() const { return positions_; }
  int64_t dims_hit() const;

 private:
  std::vector<std::unique_ptr<DimHits>> dims_;
  int64_t hooks_, positions_;
};

}  // namespace owb
