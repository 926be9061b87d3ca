#include "cpu_kernels.h"

#include "cpu_kernels_avx2.h"
#include "cpu_kernels_avx512.h"
#include "cpu_parallel.h"
#include "errors.h"

#include <ATen/core/grad_mode.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <vector>

// Each row loop is compiled for AVX-512, AVX2 + FMA and the baseline; the loader picks one per
// machine. The AVX2 clone names the ISA level x86-64-v3, which GCC dispatches on by the CPU's
// features; "arch=haswell" would be chosen only on a CPU that *is* a Haswell (__builtin_cpu_is),
// so every AMD Zen 1-3 and later Intel core without AVX-512 ran the SSE2 baseline.
// GCC before 12 has no ISA levels in target_clones; its "avx2" clone is dispatched by feature too.
#if defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__) && __GNUC__ >= 12
#define OWB_VECTOR_CLONES __attribute__((target_clones("avx512f", "arch=x86-64-v3", "default")))
#elif defined(__GNUC__) && !defined(__clang__) && defined(__x86_64__)
#define OWB_VECTOR_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define OWB_VECTOR_CLONES
#endif
#define OWB_INLINE inline __attribute__((always_inline))

namespace owb {
namespace {

// --- scalar helpers the compiler vectorises ------------------------------------------------

OWB_INLINE float bits_to_float(uint32_t u) {
  float f;
  std::memcpy(&f, &u, 4);
  return f;
}
OWB_INLINE uint32_t float_to_bits(float f) {
  uint32_t u;
  std::memcpy(&u, &f, 4);
  return u;
}

// Storage <-> fp32. bf16 is the upper half of an fp32; rounding is to nearest even, as c10's.
OWB_INLINE float load(const float* p, int64_t i) { return p[i]; }
OWB_INLINE float load(const uint16_t* p, int64_t i) { return bits_to_float(static_cast<uint32_t>(p[i]) << 16); }
OWB_INLINE void store(float* p, int64_t i, float v) { p[i] = v; }
OWB_INLINE void store(uint16_t* p, int64_t i, float v) {
  uint32_t u = float_to_bits(v);
  // Branch-free so loops stay vectorised: a NaN is truncated (with its quiet bit set) instead of
  // rounded, so that it cannot carry into the sign bit.
  uint32_t nan = static_cast<uint32_t>((u & 0x7FFFFFFFu) > 0x7F800000u);
  uint32_t bias = (0x7FFFu + ((u >> 16) & 1u)) * (1u - nan);
  p[i] = static_cast<uint16_t>(((u + bias) >> 16) | (nan << 6));
}
// The value a tensor of this storage holds after rounding v to it.
OWB_INLINE float round_to(const float*, float v) { return v; }
OWB_INLINE float round_to(const uint16_t*, float v) {
  uint16_t b;
  store(&b, 0, v);
  return load(&b, 0);
}

// Own min/max: std::min/max may stay out-of-line calls in the per-ISA clones, which stops vectorising.
OWB_INLINE float max_of(float a, float b) { return a > b ? a : b; }
OWB_INLINE float min_of(float a, float b) { return a < b ? a : b; }

// exp(x) to ~1 ulp: x = n ln2 + r with |r| <= ln2/2, a degree-7 polynomial for e^r (Cephes
// expf), and 2^n built in the exponent bits. Inputs are clamped to the normal range of fp32.
OWB_INLINE float fast_exp(float x) {
  x = min_of(max_of(x, -87.3f), 88.3f);
  const float round_magic = 12582912.0f;  // 1.5 * 2^23: adding it rounds to an integer
  float n = (x * 1.44269504088896341f + round_magic) - round_magic;
  float r = x - n * 0.693359375f - n * -2.12194440e-4f;
  float p = 1.9875691500e-4f;
  p = p * r + 1.3981999507e-3f;
  p = p * r + 8.3334519073e-3f;
  p = p * r + 4.1665795894e-2f;
  p = p * r + 1.6666665459e-1f;
  p = p * r + 5.0000001201e-1f;
  p = p * r * r + r + 1.0f;
  return p * bits_to_float(static_cast<uint32_t>(static_cast<int32_t>(n) + 127) << 23);
}

// Sums (or maxes) f(i) for i < n in 16 independent lanes, so the loop vectorises without
// reassociating floating-point math behind the compiler's back.
constexpr int kLanes = 16;
template <class F>
OWB_INLINE float lane_sum(int64_t n, F f) {
  float acc[kLanes] = {};
  int64_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (int j = 0; j < kLanes; ++j) acc[j] += f(i + j);
  float total = 0;
  for (; i < n; ++i) total += f(i);
  for (int j = 0; j < kLanes; ++j) total += acc[j];
  return total;
}
template <class F>
OWB_INLINE float lane_max(int64_t lo, int64_t hi, F f) {
  float acc[kLanes];
  for (int j = 0; j < kLanes; ++j) acc[j] = -INFINITY;
  int64_t i = lo;
  for (; i + kLanes <= hi; i += kLanes)
    for (int j = 0; j < kLanes; ++j) acc[j] = max_of(acc[j], f(i + j));
  float best = -INFINITY;
  for (; i < hi; ++i) best = max_of(best, f(i));
  for (int j = 0; j < kLanes; ++j) best = max_of(best, acc[j]);
  return best;
}

// Offsets of the rows (all dims but the last) of a tensor with any strides.
struct Rows {
  std::vector<int64_t> sizes, strides;
  int64_t count = 1;
  explicit Rows(const at::Tensor& t) {
    for (int64_t d = 0; d + 1 < t.dim(); ++d) {
      sizes.push_back(t.size(d));
      strides.push_back(t.stride(d));
      count *= t.size(d);
    }
  }
  int64_t offset(int64_t row) const {
    int64_t off = 0;
    for (int64_t d = static_cast<int64_t>(sizes.size()) - 1; d >= 0; --d) {
      off += (row % sizes[d]) * strides[d];
      row /= sizes[d];
    }
    return off;
  }
  // Index of the row along dim d.
  int64_t index(int64_t row, size_t d) const {
    for (size_t e = sizes.size() - 1; e > d; --e) row /= sizes[e];
    return row % sizes[d];
  }
};

// The dims of t with the leading ones ordered by stride, largest first (ties keep their order),
// so that consecutive rows lie next to each other in memory: a [B, H, T, E] view of a
// [B, T, H, E] projection is then walked position by position instead of jumping H*E elements
// (4 KiB and more: a new page) from one row to the next.
std::vector<int64_t> memory_order(const at::Tensor& t) {
  std::vector<int64_t> dims(t.dim() - 1);
  for (size_t d = 0; d < dims.size(); ++d) dims[d] = static_cast<int64_t>(d);
  std::stable_sort(dims.begin(), dims.end(), [&](int64_t a, int64_t b) { return t.stride(a) > t.stride(b); });
  dims.push_back(t.dim() - 1);
  return dims;
}

// One kernel's six versions: portable loops (compiler-vectorised clones), AVX2 and AVX-512 rows,
// each for fp32 and bf16 storage. run() picks one and spreads rows [0, count) as parallel_over does.
template <class Job>
struct RowKernels {
  using Fn = void (*)(const Job&, int64_t, int64_t);
  Fn portable_f32, portable_bf16, avx2_f32, avx2_bf16, avx512_f32, avx512_bf16;
  Fn pick(at::ScalarType dtype) const {
    const bool f32 = dtype == at::kFloat;
    switch (kernel_isa()) {
      case KernelIsa::avx512: return f32 ? avx512_f32 : avx512_bf16;
      case KernelIsa::avx2: return f32 ? avx2_f32 : avx2_bf16;
      default: return f32 ? portable_f32 : portable_bf16;
    }
  }
  void run(const Job& job, at::ScalarType dtype, int64_t count, int64_t grain_size) const {
    Fn f = pick(dtype);
    parallel_over(dtype, 0, count, grain_size, [&](int64_t b, int64_t e) { f(job, b, e); });
  }
};

// Enough rows per task that a task is worth a thread.
int64_t grain(int64_t row_length) { return std::max<int64_t>(1, 16384 / std::max<int64_t>(1, row_length)); }

template <class T>
T* ptr(const at::Tensor& t) {
  if constexpr (std::is_same_v<T, float>) return t.data_ptr<float>();
  else return reinterpret_cast<uint16_t*>(t.data_ptr<at::BFloat16>());
}

// --- RMSNorm ------------------------------------------------------------------------------------

struct NormJob {
  const void* x;
  const void* w;
  void* out;
  const Rows* in_rows;
  const Rows* out_rows;
  int64_t n;
  float eps;
  bool weight_after_cast;
};

template <class T>
OWB_INLINE void rms_norm_rows(const NormJob& j, int64_t begin, int64_t end) {
  const T* w = static_cast<const T*>(j.w);
  // The row in fp32 first: reductions over converted values are not vectorised otherwise.
  std::vector<float> buffer(j.n);
  float* v = buffer.data();
  for (int64_t row = begin; row < end; ++row) {
    const T* x = static_cast<const T*>(j.x) + j.in_rows->offset(row);
    T* out = static_cast<T*>(j.out) + j.out_rows->offset(row);
    for (int64_t i = 0; i < j.n; ++i) v[i] = load(x, i);
    float ss = lane_sum(j.n, [&](int64_t i) { return v[i] * v[i]; });
    float r = 1.0f / std::sqrt(ss / static_cast<float>(j.n) + j.eps);
    if (!w) {
      for (int64_t i = 0; i < j.n; ++i) store(out, i, v[i] * r);
    } else if (j.weight_after_cast) {
      for (int64_t i = 0; i < j.n; ++i) store(out, i, load(w, i) * round_to(x, v[i] * r));
    } else {
      for (int64_t i = 0; i < j.n; ++i) store(out, i, load(w, i) * (v[i] * r));
    }
  }
}
OWB_VECTOR_CLONES void rms_norm_rows_f32_portable(const NormJob& j, int64_t b, int64_t e) { rms_norm_rows<float>(j, b, e); }
OWB_VECTOR_CLONES void rms_norm_rows_bf16_portable(const NormJob& j, int64_t b, int64_t e) { rms_norm_rows<uint16_t>(j, b, e); }

// The rows through one of the hand-written row functions (AVX2 or AVX-512, by overload).
template <class T, void (*Row)(const T*, const T*, T*, int64_t, float, bool)>
void rms_norm_rows_by_row(const NormJob& j, int64_t begin, int64_t end) {
  for (int64_t row = begin; row < end; ++row)
    Row(static_cast<const T*>(j.x) + j.in_rows->offset(row), static_cast<const T*>(j.w),
        static_cast<T*>(j.out) + j.out_rows->offset(row), j.n, j.eps, j.weight_after_cast);
}
const RowKernels<NormJob> kRmsNorm{rms_norm_rows_f32_portable, rms_norm_rows_bf16_portable,
                                   rms_norm_rows_by_row<float, rms_norm_row_avx2>,
                                   rms_norm_rows_by_row<uint16_t, rms_norm_row_avx2>,
                                   rms_norm_rows_by_row<float, rms_norm_row_avx512>,
                                   rms_norm_rows_by_row<uint16_t, rms_norm_row_avx512>};

// --- silu(gate) * up ------------------------------------------------------------------------------

struct SiluJob {
  const void* gate;
  const void* up;
  void* out;
  int64_t n;
};

template <class T>
OWB_INLINE void silu_mul_range(const SiluJob& j, int64_t begin, int64_t end) {
  const T* g = static_cast<const T*>(j.gate);
  const T* u = static_cast<const T*>(j.up);
  T* out = static_cast<T*>(j.out);
  // Two simple loops per chunk: fused into one, the compiler turns exp's clamps into branches
  // and gives up vectorising.
  constexpr int64_t kChunk = 256;
  float e[kChunk];
  for (int64_t c = begin; c < end; c += kChunk) {
    const int64_t len = std::min(kChunk, end - c);
    for (int64_t i = 0; i < len; ++i) e[i] = fast_exp(-load(g, c + i));
    for (int64_t i = 0; i < len; ++i) store(out, c + i, load(g, c + i) / (1.0f + e[i]) * load(u, c + i));
  }
}
OWB_VECTOR_CLONES void silu_mul_f32_portable(const SiluJob& j, int64_t b, int64_t e) { silu_mul_range<float>(j, b, e); }
OWB_VECTOR_CLONES void silu_mul_bf16_portable(const SiluJob& j, int64_t b, int64_t e) { silu_mul_range<uint16_t>(j, b, e); }

template <class T, void (*Range)(const T*, const T*, T*, int64_t)>
void silu_mul_range_by(const SiluJob& j, int64_t begin, int64_t end) {
  Range(static_cast<const T*>(j.gate) + begin, static_cast<const T*>(j.up) + begin, static_cast<T*>(j.out) + begin,
        end - begin);
}
const RowKernels<SiluJob> kSiluMul{silu_mul_f32_portable, silu_mul_bf16_portable,
                                   silu_mul_range_by<float, silu_mul_avx2>, silu_mul_range_by<uint16_t, silu_mul_avx2>,
                                   silu_mul_range_by<float, silu_mul_avx512>, silu_mul_range_by<uint16_t, silu_mul_avx512>};

// --- a + b ---------------------------------------------------------------------------------------

struct AddJob {
  const void* a;
  const void* b;
  void* out;
};

template <class T>
OWB_INLINE void add_range(const AddJob& j, int64_t begin, int64_t end) {
  const T* a = static_cast<const T*>(j.a);
  const T* b = static_cast<const T*>(j.b);
  T* out = static_cast<T*>(j.out);
  for (int64_t i = begin; i < end; ++i) store(out, i, load(a, i) + load(b, i));
}
OWB_VECTOR_CLONES void add_f32_portable(const AddJob& j, int64_t b, int64_t e) { add_range<float>(j, b, e); }
OWB_VECTOR_CLONES void add_bf16_portable(const AddJob& j, int64_t b, int64_t e) { add_range<uint16_t>(j, b, e); }

template <class T, void (*Range)(const T*, const T*, T*, int64_t)>
void add_range_by(const AddJob& j, int64_t begin, int64_t end) {
  Range(static_cast<const T*>(j.a) + begin, static_cast<const T*>(j.b) + begin, static_cast<T*>(j.out) + begin,
        end - begin);
}
const RowKernels<AddJob> kAdd{add_f32_portable, add_bf16_portable, add_range_by<float, add_avx2>,
                              add_range_by<uint16_t, add_avx2>, add_range_by<float, add_avx512>,
                              add_range_by<uint16_t, add_avx512>};

// --- rotary -------------------------------------------------------------------------------------

struct RotaryJob {
  const void* x;
  const void* cos;
  const void* sin;
  void* out;
  const Rows* in_rows;
  const Rows* out_rows;
  int64_t table_stride;  // of cos/sin rows
  int64_t n, rot;
  size_t position_dim;  // which of in_rows' dims is the position
};

template <class T>
OWB_INLINE void rotary_rows(const RotaryJob& j, int64_t begin, int64_t end) {
  const int64_t half = j.rot / 2;
  for (int64_t row = begin; row < end; ++row) {
    const T* x = static_cast<const T*>(j.x) + j.in_rows->offset(row);
    T* out = static_cast<T*>(j.out) + j.out_rows->offset(row);
    int64_t t = j.in_rows->index(row, j.position_dim);
    const T* c = static_cast<const T*>(j.cos) + t * j.table_stride;
    const T* s = static_cast<const T*>(j.sin) + t * j.table_stride;
    for (int64_t i = 0; i < half; ++i) store(out, i, load(x, i) * load(c, i) - load(x, i + half) * load(s, i));
    for (int64_t i = half; i < j.rot; ++i) store(out, i, load(x, i) * load(c, i) + load(x, i - half) * load(s, i));
    for (int64_t i = j.rot; i < j.n; ++i) out[i] = x[i];
  }
}
OWB_VECTOR_CLONES void rotary_rows_f32_portable(const RotaryJob& j, int64_t b, int64_t e) { rotary_rows<float>(j, b, e); }
OWB_VECTOR_CLONES void rotary_rows_bf16_portable(const RotaryJob& j, int64_t b, int64_t e) { rotary_rows<uint16_t>(j, b, e); }

template <class T, void (*Row)(const T*, const T*, const T*, T*, int64_t, int64_t)>
void rotary_rows_by_row(const RotaryJob& j, int64_t begin, int64_t end) {
  for (int64_t row = begin; row < end; ++row) {
    const int64_t t = j.in_rows->index(row, j.position_dim);
    Row(static_cast<const T*>(j.x) + j.in_rows->offset(row), static_cast<const T*>(j.cos) + t * j.table_stride,
        static_cast<const T*>(j.sin) + t * j.table_stride, static_cast<T*>(j.out) + j.out_rows->offset(row), j.n, j.rot);
  }
}
const RowKernels<RotaryJob> kRotary{rotary_rows_f32_portable, rotary_rows_bf16_portable,
                                    rotary_rows_by_row<float, rotary_row_avx2>, rotary_rows_by_row<uint16_t, rotary_row_avx2>,
                                    rotary_rows_by_row<float, rotary_row_avx512>,
                                    rotary_rows_by_row<uint16_t, rotary_row_avx512>};

// --- causal softmax -----------------------------------------------------------------------------

struct SoftmaxJob {
  void* scores;  // [rows, m] contiguous
  const float* sinks;  // the sink logit of each block of n rows (one head's), or null
  int64_t n, m;       // n queries per head, m keys
  int64_t q0, k0, window;
  float scale;
  bool bf16_values;  // fp32 storage holding bf16 values (see cpu_kernels.h)
};

// The keys query row `row` sees: [lo, hi) of the m.
struct VisibleKeys {
  int64_t lo, hi;
};
VisibleKeys visible_keys(const SoftmaxJob& j, int64_t row) {
  const int64_t q = j.q0 + row % j.n;
  return {j.window > 0 ? std::max<int64_t>(0, q - j.window + 1 - j.k0) : 0, std::min(j.m, q + 1 - j.k0)};
}

// The value of storage element i; as a bf16 tensor would hold it when kBf16Values.
template <bool kBf16Values, class T>
OWB_INLINE float load_as(const T* p, int64_t i) {
  return kBf16Values ? round_to(static_cast<const uint16_t*>(nullptr), load(p, i)) : load(p, i);
}
template <bool kBf16Values, class T>
OWB_INLINE void store_as(T* p, int64_t i, float v) {
  store(p, i, kBf16Values ? round_to(static_cast<const uint16_t*>(nullptr), v) : v);
}

template <class T, bool kBf16Values = false>
OWB_INLINE void causal_softmax_rows(const SoftmaxJob& j, int64_t begin, int64_t end) {
  std::vector<float> e(j.m);
  for (int64_t row = begin; row < end; ++row) {
    T* s = static_cast<T*>(j.scores) + row * j.m;
    const auto [lo, hi] = visible_keys(j, row);
    // The scaled logits in fp32 first: reductions over converted values are not vectorised otherwise.
    const float scale = j.scale;
    float* ev = e.data();
    for (int64_t i = lo; i < hi; ++i) ev[i] = scale * load_as<kBf16Values>(s, i);
    float top = lane_max(lo, hi, [&](int64_t i) { return ev[i]; });
    float sink = j.sinks ? j.sinks[row / j.n] : 0.0f;
    if (j.sinks) top = max_of(top, sink);
    for (int64_t i = lo; i < hi; ++i) ev[i] = fast_exp(ev[i] - top);
    float sum = lane_sum(hi - lo, [&](int64_t i) { return ev[lo + i]; });
    if (j.sinks) sum += fast_exp(sink - top);
    const float inv = 1.0f / sum;
    for (int64_t i = 0; i < lo; ++i) store(s, i, 0.0f);
    for (int64_t i = lo; i < hi; ++i) store_as<kBf16Values>(s, i, ev[i] * inv);
    for (int64_t i = hi; i < j.m; ++i) store(s, i, 0.0f);
  }
}
OWB_VECTOR_CLONES void causal_softmax_f32_portable(const SoftmaxJob& j, int64_t b, int64_t e) {
  if (j.bf16_values) causal_softmax_rows<float, true>(j, b, e);
  else causal_softmax_rows<float>(j, b, e);
}
OWB_VECTOR_CLONES void causal_softmax_bf16_portable(const SoftmaxJob& j, int64_t b, int64_t e) { causal_softmax_rows<uint16_t>(j, b, e); }

template <class T, void (*Row)(T*, int64_t, int64_t, int64_t, float, const float*, float*, bool)>
void causal_softmax_rows_by_row(const SoftmaxJob& j, int64_t begin, int64_t end) {
  std::vector<float> scratch(j.m);
  for (int64_t row = begin; row < end; ++row) {
    const auto [lo, hi] = visible_keys(j, row);
    Row(static_cast<T*>(j.scores) + row * j.m, j.m, lo, hi, j.scale, j.sinks ? j.sinks + row / j.n : nullptr,
        scratch.data(), j.bf16_values);
  }
}
const RowKernels<SoftmaxJob> kCausalSoftmax{causal_softmax_f32_portable, causal_softmax_bf16_portable,
                                            causal_softmax_rows_by_row<float, causal_softmax_row_avx2>,
                                            causal_softmax_rows_by_row<uint16_t, causal_softmax_row_avx2>,
                                            causal_softmax_rows_by_row<float, causal_softmax_row_avx512>,
                                            causal_softmax_rows_by_row<uint16_t, causal_softmax_row_avx512>};

void check_same_shape(const at::Tensor& a, const at::Tensor& b, const char* what) {
  if (a.sizes() != b.sizes() || a.scalar_type() != b.scalar_type())
    throw InputError(std::string(what) + ": operands differ in shape or dtype");
}

}  // namespace

KernelIsa kernel_isa() {
  KernelIsa cap = KernelIsa::avx512;
  if (const char* choice = std::getenv("OWB_KERNELS")) {
    if (std::strcmp(choice, "portable") == 0) cap = KernelIsa::portable;
    else if (std::strcmp(choice, "avx2") == 0) cap = KernelIsa::avx2;
  }
  if (std::getenv("OWB_PORTABLE_KERNELS")) cap = KernelIsa::portable;
  if (cap == KernelIsa::avx512 && cpu_has_avx512_kernels()) return KernelIsa::avx512;
  if (cap != KernelIsa::portable && cpu_has_avx2_kernels()) return KernelIsa::avx2;
  return KernelIsa::portable;
}

const char* kernel_isa_name(KernelIsa isa) {
  switch (isa) {
    case KernelIsa::avx512: return "avx512";
    case KernelIsa::avx2: return "avx2";
    default: return "portable";
  }
}

// The fused loops have no backward: when autograd records (fine-tuning), the ATen ops serve.
bool fused_cpu_kernels_apply(const at::Tensor& x) {
  if (at::GradMode::is_enabled() && x.requires_grad()) return false;
  return x.defined() && x.device().is_cpu() && (x.scalar_type() == at::kFloat || x.scalar_type() == at::kBFloat16) &&
         x.dim() >= 1 && x.stride(-1) == 1 && x.numel() > 0;
}

at::Tensor fused_rms_norm(const at::Tensor& x, const at::Tensor& weight, double eps, bool weight_after_cast) {
  at::Tensor w = weight.defined() ? weight.to(x.scalar_type()).contiguous() : at::Tensor();
  at::Tensor out = at::empty_like(x);  // same layout as x when x is dense
  const std::vector<int64_t> order = memory_order(x);
  Rows in_rows(x.permute(order)), out_rows(out.permute(order));
  NormJob job{x.data_ptr(), w.defined() ? w.data_ptr() : nullptr, out.data_ptr(), &in_rows, &out_rows,
              x.size(-1), static_cast<float>(eps), weight_after_cast};
  kRmsNorm.run(job, x.scalar_type(), in_rows.count, grain(job.n));
  return out;
}

at::Tensor fused_silu_mul(const at::Tensor& gate, const at::Tensor& up) {
  check_same_shape(gate, up, "silu(gate) * up");
  at::Tensor g = gate.contiguous(), u = up.contiguous();
  at::Tensor out = at::empty_like(g, at::MemoryFormat::Contiguous);
  SiluJob job{g.data_ptr(), u.data_ptr(), out.data_ptr(), g.numel()};
  kSiluMul.run(job, g.scalar_type(), job.n, 16384);
  return out;
}

at::Tensor fused_add(const at::Tensor& a, const at::Tensor& b) {
  check_same_shape(a, b, "a + b");
  at::Tensor x = a.contiguous(), y = b.contiguous();
  at::Tensor out = at::empty_like(x, at::MemoryFormat::Contiguous);
  AddJob job{x.data_ptr(), y.data_ptr(), out.data_ptr()};
  kAdd.run(job, x.scalar_type(), x.numel(), 16384);
  return out;
}

at::Tensor fused_rotary(const at::Tensor& x, const at::Tensor& cos, const at::Tensor& sin, int64_t rot_dim) {
  if (x.dim() != 4) throw InputError("rotary: expected [B, H, T, E]");
  at::Tensor c = cos.to(x.scalar_type()).contiguous(), s = sin.to(x.scalar_type()).contiguous();
  // Contiguous [B, H, T, E], the layout attention reads each head's rows in.
  at::Tensor out = at::empty(x.sizes(), x.options());
  const std::vector<int64_t> order = memory_order(x);
  Rows in_rows(x.permute(order)), out_rows(out.permute(order));
  const size_t position_dim = std::find(order.begin(), order.end(), 2) - order.begin();
  RotaryJob job{x.data_ptr(), c.data_ptr(), s.data_ptr(), out.data_ptr(), &in_rows, &out_rows,
                c.size(1), x.size(3), rot_dim, position_dim};
  kRotary.run(job, x.scalar_type(), in_rows.count, grain(job.n));
  return out;
}

void causal_softmax_matrix_(at::Tensor& scores, int64_t queries_per_head, float scale, int64_t q0, int64_t k0,
                            int64_t window, const float* sinks, bool bf16_values) {
  SoftmaxJob job{scores.data_ptr(), sinks, queries_per_head, scores.size(1), q0, k0, window, scale,
                 bf16_values && scores.scalar_type() == at::kFloat};
  kCausalSoftmax.run(job, scores.scalar_type(), scores.size(0), grain(job.m));  // inline inside the attention tasks
}

}  // namespace owb
