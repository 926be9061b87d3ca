#include "kv_cache.h"

#include "errors.h"

#include <algorithm>
#include <tuple>

namespace owb {

std::pair<at::Tensor, at::Tensor> LayerKvCache::append(const at::Tensor& k, const at::Tensor& v) {
  if (k.dim() != 4 || v.sizes() != k.sizes())
    throw InputError("KV cache: keys and values must both be [batch, kv_heads, positions, head_dim]");
  const int64_t T = k.size(2), needed = length_ + T;
  if (k_.defined() && (k_.size(0) != k.size(0) || k_.size(1) != k.size(1) || k_.size(3) != k.size(3)))
    throw InputError("KV cache: a step's keys differ in batch, heads or head_dim from the cached ones");
  if (!k_.defined() || k_.size(2) < needed) {
    const int64_t capacity = std::max<int64_t>({needed, 64, k_.defined() ? 2 * k_.size(2) : 0});
    at::Tensor k2 = at::empty({k.size(0), k.size(1), capacity, k.size(3)}, k.options());
    at::Tensor v2 = at::empty_like(k2);
    if (length_ > 0) {
      k2.narrow(2, 0, length_).copy_(k_.narrow(2, 0, length_));
      v2.narrow(2, 0, length_).copy_(v_.narrow(2, 0, length_));
    }
    k_ = k2, v_ = v2;
  }
  k_.narrow(2, length_, T).copy_(k);
  v_.narrow(2, length_, T).copy_(v);
  length_ = needed;
  return {k_.narrow(2, 0, length_), v_.narrow(2, 0, length_)};
}

void attend_with_cache(LayerKvCache* cache, at::Tensor& k, at::Tensor& v, AttentionOptions& opt) {
  if (!cache) return;
  opt.query_offset = cache->length();
  std::tie(k, v) = cache->append(k, v);
}

}  // namespace owb
