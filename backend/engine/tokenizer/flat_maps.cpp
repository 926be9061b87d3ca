#include "flat_maps.h"

#include <stdexcept>

namespace owb {

void StringIdMap::grow() {
  std::vector<Slot> old = std::move(slots_);
  size_t capacity = old.empty() ? 1024 : old.size() * 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (const Slot& s : old) {
    if (s.id < 0) continue;
    uint64_t h = hash_bytes(std::string_view(arena_.data() + s.offset, s.length));
    size_t i = h & mask_;
    while (slots_[i].id >= 0) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

bool StringIdMap::insert(std::string_view key, int32_t id) {
  if (id < 0) throw std::invalid_argument("StringIdMap: negative id");
  if ((count_ + 1) * 2 > slots_.size()) grow();
  if (arena_.size() + key.size() > UINT32_MAX) throw std::length_error("StringIdMap: vocabulary too large");
  uint64_t h = hash_bytes(key);
  size_t i = h & mask_;
  for (;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.id < 0) break;
    if (s.hash == static_cast<uint32_t>(h) && s.length == key.size() &&
        arena_.compare(s.offset, s.length, key.data(), key.size()) == 0)
      return false;
  }
  slots_[i] = Slot{static_cast<uint32_t>(arena_.size()), static_cast<uint32_t>(key.size()), static_cast<uint32_t>(h), id};
  arena_.append(key);
  ++count_;
  return true;
}

void PairMap::grow() {
  std::vector<Slot> old = std::move(slots_);
  size_t capacity = old.empty() ? 1024 : old.size() * 2;
  slots_.assign(capacity, Slot{});
  mask_ = capacity - 1;
  for (const Slot& s : old) {
    if (s.key == kEmpty) continue;
    size_t i = mix(s.key) & mask_;
    while (slots_[i].key != kEmpty) i = (i + 1) & mask_;
    slots_[i] = s;
  }
}

void PairMap::insert(int32_t left, int32_t right, Merge m) {
  if ((count_ + 1) * 2 > slots_.size()) grow();
  uint64_t key = pack(left, right);
  size_t i = mix(key) & mask_;
  for (;; i = (i + 1) & mask_) {
    Slot& s = slots_[i];
    if (s.key == key) {
      s.merge = m;
      return;
    }
    if (s.key == kEmpty) break;
  }
  slots_[i] = Slot{key, m};
  ++count_;
}

}  // namespace owb
