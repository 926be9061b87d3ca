#include "cpu_attention.h"

#include "blocks.h"
#include "cpu_kernels.h"
#include "cpu_parallel.h"

#include <algorithm>
#include <cmath>
#include <cstring>

namespace owb {

namespace {

struct Geometry {
  int64_t B, H, T, E, K, G, P, tile, tiles;
};

// Per-thread scratch, sized for the widest task.
struct TaskBuffers {
  at::Tensor queries;  // [G * tile, E]
  at::Tensor scores;   // G * tile * widest
  at::Tensor outputs;  // [G * tile, E]
};

// dst[r, :] = src[r, :] for 2-D tensors of the same shape whose rows are contiguous.
void copy_rows(const at::Tensor& dst, const at::Tensor& src) {
  const size_t row_bytes = src.size(1) * src.element_size();
  char* d = static_cast<char*>(dst.data_ptr());
  const char* s = static_cast<const char*>(src.data_ptr());
  for (int64_t r = 0; r < src.size(0); ++r)
    std::memcpy(d + r * dst.stride(0) * dst.element_size(), s + r * src.stride(0) * src.element_size(), row_bytes);
}

// One task: the G query heads of kv head `kh` in batch row `b`, over query tile `tile_index`.
// The heads' queries are stacked into one [G*n, E] matrix so that q.k and p.v are one matmul each
// over all of them (fewer, larger calls than one per head).
void attend_one_tile(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, at::Tensor& out,
                     const Geometry& g, const AttentionOptions& opt, const float* sinks, float scale,
                     int64_t b, int64_t kh, int64_t tile_index, TaskBuffers& buffers) {
  const int64_t t0 = tile_index * g.tile, n = std::min(g.tile, g.T - t0), q0 = g.P + t0;
  const int64_t k0 = first_visible_key(q0, opt.window), m = q0 + n - k0;
  at::Tensor keys = k.select(0, b).select(0, kh).narrow(0, k0, m);    // [m, E]
  at::Tensor values = v.select(0, b).select(0, kh).narrow(0, k0, m);  // [m, E]
  at::Tensor queries = buffers.queries.narrow(0, 0, g.G * n);
  for (int64_t i = 0; i < g.G; ++i) copy_rows(queries.narrow(0, i * n, n), q.select(0, b).select(0, kh * g.G + i).narrow(0, t0, n));
  at::Tensor scores = buffers.scores.narrow(0, 0, g.G * n * m).view({g.G * n, m});
  at::mm_out(scores, queries, keys.t());
  causal_softmax_matrix_(scores, n, scale, q0, k0, opt.window, sinks ? sinks + kh * g.G : nullptr);
  at::Tensor outputs = buffers.outputs.narrow(0, 0, g.G * n);
  at::mm_out(outputs, scores, values);
  for (int64_t i = 0; i < g.G; ++i)
    copy_rows(out.select(0, b).select(1, kh * g.G + i).narrow(0, t0, n), outputs.narrow(0, i * n, n));  // rows H*E apart
}

// Queries per tile: the caller's tile, made smaller until a task's scores (G heads x tile x the
// widest key range) fit in about half of a core's 2 MiB L2, but not below 64 (smaller matmuls
// lose more than the cache gains). At T = 2048 with two heads per kv head that is 128: 7 % faster
// attention than 256 on the development VM, and half the wasted work above the causal diagonal.
int64_t cache_fitted_tile(int64_t requested, int64_t G, int64_t widest, int64_t element_size) {
  constexpr int64_t kScoreBudget = 1 << 20, kSmallest = 64;
  int64_t tile = requested;
  while (tile > kSmallest && G * tile * widest * element_size > kScoreBudget) tile /= 2;
  return std::max<int64_t>(1, std::min(tile, requested));
}

}  // namespace

bool attention_in_cache_tiles_applies(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                      const AttentionOptions& opt) {
  auto ok = [&](const at::Tensor& t) {
    return fused_cpu_kernels_apply(t) && t.dim() == 4 && t.scalar_type() == q.scalar_type();
  };
  return ok(q) && ok(k) && ok(v) && (!opt.sinks.defined() || opt.sinks.device().is_cpu());
}

at::Tensor attention_in_cache_tiles(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v,
                                    const AttentionOptions& opt) {
  Geometry g{q.size(0), q.size(1), q.size(2), q.size(3), k.size(1), q.size(1) / k.size(1), opt.query_offset,
             0, 0};
  const int64_t widest = g.P + g.T;  // no tile sees more keys than this
  g.tile = cache_fitted_tile(opt.query_tile, g.G, widest, q.element_size());
  g.tiles = (g.T + g.tile - 1) / g.tile;
  at::Tensor sinks = opt.sinks.defined() ? opt.sinks.to(at::kFloat).contiguous() : at::Tensor();
  const float scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(g.E)));
  at::Tensor out = at::empty({g.B, g.T, g.H, g.E}, q.options());
  // Tasks in (batch, kv head, tile) order: each thread's contiguous share holds whole heads, so
  // the shares' work (which grows with the tile index) balances. fp32 tasks run one after another
  // on this thread (cpu_parallel.h), each GEMM and softmax using every core itself.
  parallel_over(q.scalar_type(), 0, g.B * g.K * g.tiles, 1, [&](int64_t begin, int64_t end) {
    const int64_t rows = g.G * std::min(g.tile, g.T);
    TaskBuffers buffers{at::empty({rows, g.E}, q.options()), at::empty({rows * widest}, q.options()),
                        at::empty({rows, g.E}, q.options())};
    for (int64_t task = begin; task < end; ++task) {
      const int64_t tile_index = task % g.tiles, kh = (task / g.tiles) % g.K, b = task / (g.tiles * g.K);
      attend_one_tile(q, k, v, out, g, opt, sinks.defined() ? sinks.data_ptr<float>() : nullptr, scale, b, kh,
                      tile_index, buffers);
    }
  });
  return out.view({g.B, g.T, g.H * g.E});
}

}  // namespace owb
