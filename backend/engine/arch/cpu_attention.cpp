#include "cpu_attention.h"

#include "blocks.h"
#include "cpu_kernels.h"
#include "cpu_parallel.h"
#include "matmul.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <optional>

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

// The tasks' operands: q, k, v as given, or widened to fp32 for bf16 attention on a CPU whose
// bf16 products run in fp32 (matmul.h). Widened, each task's scores are fp32 holding bf16 values
// (the softmax rounds them as a bf16 tensor would), so the result is the bf16 kernel's up to the
// order of summation; q, k and v are widened once here rather than per tile (the keys of a
// (batch, kv head) are read by every one of its tiles).
struct Operands {
  at::Tensor q, k, v;
  bool bf16_values = false;
};
Operands task_operands(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v) {
  if (!matmul_widens(q)) return {q, k, v, false};
  return {q.to(at::kFloat), k.to(at::kFloat), v.to(at::kFloat), true};
}

// One task: the G query heads of kv head `kh` in batch row `b`, over query tile `tile_index`.
// The heads' queries are stacked into one [G*n, E] matrix so that q.k and p.v are one matmul each
// over all of them (fewer, larger calls than one per head).
void attend_one_tile(const Operands& x, at::Tensor& out, const Geometry& g, const AttentionOptions& opt,
                     const float* sinks, float scale, int64_t b, int64_t kh, int64_t tile_index,
                     TaskBuffers& buffers) {
  const at::Tensor &q = x.q, &k = x.k, &v = x.v;
  const int64_t t0 = tile_index * g.tile, n = std::min(g.tile, g.T - t0), q0 = g.P + t0;
  const int64_t k0 = first_visible_key(q0, opt.window), m = q0 + n - k0;
  at::Tensor keys = k.select(0, b).select(0, kh).narrow(0, k0, m);    // [m, E]
  at::Tensor values = v.select(0, b).select(0, kh).narrow(0, k0, m);  // [m, E]
  at::Tensor queries = buffers.queries.narrow(0, 0, g.G * n);
  for (int64_t i = 0; i < g.G; ++i) copy_rows(queries.narrow(0, i * n, n), q.select(0, b).select(0, kh * g.G + i).narrow(0, t0, n));
  at::Tensor scores = buffers.scores.narrow(0, 0, g.G * n * m).view({g.G * n, m});
  at::mm_out(scores, queries, keys.t());
  causal_softmax_matrix_(scores, n, scale, q0, k0, opt.window, sinks ? sinks + kh * g.G : nullptr, x.bf16_values);
  at::Tensor outputs = buffers.outputs.narrow(0, 0, g.G * n);
  at::mm_out(outputs, scores, values);
  for (int64_t i = 0; i < g.G; ++i) {
    at::Tensor rows = out.select(0, b).select(1, kh * g.G + i).narrow(0, t0, n);  // rows H*E apart
    if (rows.scalar_type() == outputs.scalar_type()) copy_rows(rows, outputs.narrow(0, i * n, n));
    else rows.copy_(outputs.narrow(0, i * n, n));  // rounded once to bf16
  }
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
  const Operands x = task_operands(q, k, v);
  g.tile = cache_fitted_tile(opt.query_tile, g.G, widest, x.q.element_size());
  g.tiles = (g.T + g.tile - 1) / g.tile;
  at::Tensor sinks = opt.sinks.defined() ? opt.sinks.to(at::kFloat).contiguous() : at::Tensor();
  const float scale = static_cast<float>(1.0 / std::sqrt(static_cast<double>(g.E)));
  at::Tensor out = at::empty({g.B, g.T, g.H, g.E}, q.options());
  // Widened bf16 tasks each run their own SGEMMs, so the BLAS must not use the cores besides.
  std::optional<BlasOnCallingThread> one_blas_thread;
  if (x.bf16_values) one_blas_thread.emplace();
  // Tasks in (batch, kv head, tile) order: each thread's contiguous share holds whole heads, so
  // the shares' work (which grows with the tile index) balances. fp32 tasks run one after another
  // on this thread (cpu_parallel.h), each GEMM and softmax using every core itself.
  parallel_over(q.scalar_type(), 0, g.B * g.K * g.tiles, 1, [&](int64_t begin, int64_t end) {
    const int64_t rows = g.G * std::min(g.tile, g.T);
    TaskBuffers buffers{at::empty({rows, g.E}, x.q.options()), at::empty({rows * widest}, x.q.options()),
                        at::empty({rows, g.E}, x.q.options())};
    for (int64_t task = begin; task < end; ++task) {
      const int64_t tile_index = task % g.tiles, kh = (task / g.tiles) % g.K, b = task / (g.tiles * g.K);
      attend_one_tile(x, out, g, opt, sinks.defined() ? sinks.data_ptr<float>() : nullptr, scale, b, kh, tile_index,
                      buffers);
    }
  });
  return out.view({g.B, g.T, g.H * g.E});
}

}  // namespace owb
