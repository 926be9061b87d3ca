#pragma once
// Causal attention on the CPU with the score tiles kept in cache. ATen's way (one batched matmul
// for all heads of a query tile, a softmax pass, another batched matmul) streams every tile's
// scores through main memory three times: 16 MB per tile for a Qwen3-0.6B layer at 2048 tokens,
// more than the caches hold. Here each thread takes whole (batch, kv head, query tile) tasks and
// runs q.k, the fused causal softmax and p.v on one head's [n, m] tile while it is still in its
// own core's cache, writing the head's output straight into the [B, T, H, E] result.
#include <ATen/ATen.h>

namespace owb {

struct AttentionOptions;

// Whether attention_in_cache_tiles can run these operands (CPU, f32 or bf16, heads' last dim contiguous).
bool attention_in_cache_tiles_applies(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                      const AttentionOptions& opt);

// q: [B, H, T, E], k, v: [B, K, P + T, E] (any strides with the last dim contiguous) -> [B, T, H*E].
at::Tensor attention_in_cache_tiles(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                    const AttentionOptions& opt);

}  // namespace owb
