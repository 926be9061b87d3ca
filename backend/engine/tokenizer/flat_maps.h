#pragma once
// Two open-addressing hash maps for the BPE hot path: token string -> id (looked up by
// string_view without building a std::string) and id pair -> merge.
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace owb {

inline uint64_t hash_bytes(std::string_view s) {
  // 64-bit multiply-xorshift over 8-byte words; good enough spread for token strings.
  uint64_t h = 0x9E3779B97F4A7C15ull ^ (s.size() * 0xC2B2AE3D27D4EB4Full);
  size_t i = 0;
  for (; i + 8 <= s.size(); i += 8) {
    uint64_t w;
    std::memcpy(&w, s.data() + i, 8);
    h = (h ^ w) * 0x9FB21C651E98DF25ull;
    h ^= h >> 29;
  }
  uint64_t tail = 0;
  std::memcpy(&tail, s.data() + i, s.size() - i);
  h = (h ^ tail) * 0x9FB21C651E98DF25ull;
  h ^= h >> 32;
  return h;
}

class StringIdMap {
 public:
  // Returns false (and keeps the first id) when `key` is already present.
  bool insert(std::string_view key, int32_t id);
  // The id of `key`, or -1.
  int32_t find(std::string_view key) const {
    if (slots_.empty()) return -1;
    uint64_t h = hash_bytes(key);
    for (size_t i = h & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.id < 0) return -1;
      if (s.hash == static_cast<uint32_t>(h) && s.length == key.size() &&
          std::memcmp(arena_.data() + s.offset, key.data(), key.size()) == 0)
        return s.id;
    }
  }
  size_t size() const { return count_; }

 private:
  struct Slot {
    uint32_t offset = 0, length = 0, hash = 0;
    int32_t id = -1;
  };
  void grow();
  std::vector<Slot> slots_;
  std::string arena_;
  size_t mask_ = 0, count_ = 0;
};

class PairMap {
 public:
  struct Merge {
    uint32_t rank;
    int32_t new_id;
  };
  // Later inserts of the same pair overwrite earlier ones (as tokenizers' HashMap collect does).
  void insert(int32_t left, int32_t right, Merge m);
  const Merge* find(int32_t left, int32_t right) const {
    if (slots_.empty()) return nullptr;
    uint64_t key = pack(left, right);
    for (size_t i = mix(key) & mask_;; i = (i + 1) & mask_) {
      const Slot& s = slots_[i];
      if (s.key == kEmpty) return nullptr;
      if (s.key == key) return &s.merge;
    }
  }
  size_t size() const { return count_; }

 private:
  static constexpr uint64_t kEmpty = ~0ull;
  static uint64_t pack(int32_t l, int32_t r) { return (static_cast<uint64_t>(static_cast<uint32_t>(l)) << 32) | static_cast<uint32_t>(r); }
  static uint64_t mix(uint64_t k) {
    k ^= k >> 33;
    k *= 0xFF51AFD7ED558CCDull;
    k ^= k >> 33;
    return k;
  }
  struct Slot {
    uint64_t key = kEmpty;
    Merge merge{};
  };
  void grow();
  std::vector<Slot> slots_;
  size_t mask_ = 0, count_ = 0;
};

}  // namespace owb
