#pragma once
// The keys and values a layer has computed for the positions run so far: what incremental
// (KV-cached) decoding reuses instead of recomputing the whole prefix at every new token.
// Stored as the attention reads them, after the QK norms and rotary, per KV head: [B, K, P, E].
// Every position is kept, so a sliding-window layer masks old keys rather than dropping them.
// A linear-attention layer keeps its recurrent state instead (constant size).
#include "blocks.h"
#include "gated_deltanet.h"

#include <utility>

namespace owb {

class LayerKvCache {
 public:
  // Positions cached so far.
  int64_t length() const { return length_; }
  // Appends k, v [B, K, T, E] (positions length() .. length()+T-1); returns views of every cached
  // position, [B, K, length() + T, E]. Storage grows geometrically, so one new position copies
  // one position, not the whole cache.
  std::pair<at::Tensor, at::Tensor> append(const at::Tensor& k, const at::Tensor& v);
  // Gated DeltaNet layers (Qwen3-Next) keep no keys: their conv inputs and recurrent state after
  // the cached positions, which the layer reads and updates, then counts its new positions.
  DeltaNetState& recurrent_state() { return recurrent_; }
  void advance(int64_t positions) { length_ += positions; }

 private:
  at::Tensor k_, v_;  // [B, K, capacity, E]
  int64_t length_ = 0;
  DeltaNetState recurrent_;
};

// A layer's attention step with a cache (no-op when cache is null): the new keys and values join
// the cache, k and v become all cached positions, and the queries start at the old length.
void attend_with_cache(LayerKvCache* cache, at::Tensor& k, at::Tensor& v, AttentionOptions& opt);

}  // namespace owb
