#include "word_cache.h"

#include "flat_maps.h"

#include <cstring>
#include <memory>
#include <utility>

namespace owb {

WordCache& WordCache::for_owner(uint64_t owner) {
  constexpr size_t kOwnersPerThread = 4;
  thread_local std::vector<std::pair<uint64_t, std::unique_ptr<WordCache>>> caches;
  for (size_t i = 0; i < caches.size(); ++i) {
    if (caches[i].first != owner) continue;
    if (i > 0) std::swap(caches[i], caches[0]);  // most recent first
    return *caches[0].second;
  }
  if (caches.size() == kOwnersPerThread) caches.pop_back();
  auto cache = std::make_unique<WordCache>();
  cache->clear();
  caches.insert(caches.begin(), {owner, std::move(cache)});
  return *caches[0].second;
}

void WordCache::clear() {
  slots_.assign(kSlots, Slot{});
  keys_.clear();
  ids_.clear();
  count_ = 0;
}

bool WordCache::lookup(std::string_view word, std::vector<int32_t>& out) const {
  uint64_t h = hash_bytes(word);
  for (size_t i = h & (kSlots - 1);; i = (i + 1) & (kSlots - 1)) {
    const Slot& s = slots_[i];
    if (!s.used) return false;
    if (s.hash == static_cast<uint32_t>(h) && s.key_length == word.size() &&
        std::memcmp(keys_.data() + s.key_offset, word.data(), word.size()) == 0) {
      out.insert(out.end(), ids_.begin() + s.ids_offset, ids_.begin() + s.ids_offset + s.ids_count);
      return true;
    }
  }
}

void WordCache::store(std::string_view word, const int32_t* ids, size_t count) {
  // Full: start afresh, so that a long text's cache follows its current vocabulary.
  if (count_ * 2 >= kSlots || keys_.size() + word.size() > kMaxArenaBytes) clear();
  uint64_t h = hash_bytes(word);
  size_t i = h & (kSlots - 1);
  while (slots_[i].used) i = (i + 1) & (kSlots - 1);
  slots_[i] = Slot{static_cast<uint32_t>(keys_.size()), static_cast<uint32_t>(word.size()),
                   static_cast<uint32_t>(ids_.size()), static_cast<uint32_t>(count), static_cast<uint32_t>(h), true};
  keys_.append(word);
  ids_.insert(ids_.end(), ids, ids + count);
  ++count_;
}

}  // namespace owb
