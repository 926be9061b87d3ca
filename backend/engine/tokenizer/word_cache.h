#pragma once
// Per-thread cache of BPE results per word. Natural text repeats its words, so most pieces are
// answered here without merging. Each BPE model has its own owner id; a thread keeps the caches
// of its few most recent models. Being thread-local, it needs no locking.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace owb {

class WordCache {
 public:
  static WordCache& for_owner(uint64_t owner);

  // Appends the cached ids of `word` to `out`; false on a miss.
  bool lookup(std::string_view word, std::vector<int32_t>& out) const;
  void store(std::string_view word, const int32_t* ids, size_t count);

 private:
  struct Slot {
    uint32_t key_offset = 0, key_length = 0, ids_offset = 0, ids_count = 0;
    uint32_t hash = 0;
    bool used = false;
  };
  void clear();
  static constexpr size_t kSlots = 1 << 16;      // at most half of them filled
  static constexpr size_t kMaxArenaBytes = 8 << 20;
  std::vector<Slot> slots_;
  std::string keys_;
  std::vector<int32_t> ids_;
  size_t count_ = 0;
};

}  // namespace owb
