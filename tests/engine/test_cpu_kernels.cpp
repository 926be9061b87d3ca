// The CPU engine's own loops against float64 computed here: the causal softmax on stacked heads'
// score tiles (the AVX-512 rows, the AVX2 rows and the portable loops, every tail length,
// windows, offsets, sinks; bf16 rounded once; fp32 storage standing in for bf16 gives the same
// bits), attention computed in cache-sized (batch, kv head, query tile) tasks (GQA, batches,
// windows, cached prefixes, sinks, tiles that do not divide T; bf16 products by libtorch and in
// fp32), and the bf16 products of matmul.h both ways.
#include "blocks.h"
#include "cpu_attention.h"
#include "cpu_kernels.h"
#include "cpu_kernels_avx2.h"
#include "cpu_kernels_avx512.h"
#include "matmul.h"

#include <QtTest>

#include <dlfcn.h>

#include <cmath>
#include <cstdlib>
#include <limits>
#include <thread>
#include <vector>

using namespace owb;

namespace {

// Softmax of row i of a [n, m] tile in float64: query q0 + i sees keys k0 + j with
// k0 + j <= q0 + i and, with a window W, k0 + j > q0 + i - W.
at::Tensor reference_causal_softmax(const at::Tensor& raw, double scale, int64_t q0, int64_t k0, int64_t window,
                                    const double* sink) {
  at::Tensor s = raw.to(at::kDouble) * scale;
  const int64_t n = s.size(0), m = s.size(1);
  at::Tensor out = at::zeros({n, m}, at::kDouble);
  for (int64_t i = 0; i < n; ++i) {
    const int64_t q = q0 + i;
    double top = sink ? *sink : -std::numeric_limits<double>::infinity();
    auto visible = [&](int64_t j) { return k0 + j <= q && (window <= 0 || k0 + j > q - window); };
    for (int64_t j = 0; j < m; ++j)
      if (visible(j)) top = std::max(top, s[i][j].item<double>());
    double sum = sink ? std::exp(*sink - top) : 0.0;
    for (int64_t j = 0; j < m; ++j)
      if (visible(j)) sum += std::exp(s[i][j].item<double>() - top);
    for (int64_t j = 0; j < m; ++j)
      if (visible(j)) out[i][j] = std::exp(s[i][j].item<double>() - top) / sum;
  }
  return out;
}

// Attention in float64 by its definition.  q [B, H, T, E], k/v [B, K, P+T, E] -> [B, T, H*E]
at::Tensor reference_attention(const at::Tensor& q, const at::Tensor& k, const at::Tensor& v, int64_t P,
                               int64_t window, const at::Tensor& sinks) {
  const int64_t B = q.size(0), H = q.size(1), T = q.size(2), E = q.size(3), G = H / k.size(1);
  at::Tensor out = at::zeros({B, T, H, E}, at::kDouble);
  for (int64_t b = 0; b < B; ++b)
    for (int64_t h = 0; h < H; ++h) {
      at::Tensor scores = at::matmul(q[b][h].to(at::kDouble), k[b][h / G].to(at::kDouble).t());  // [T, P+T]
      double sink = sinks.defined() ? sinks[h].item<double>() : 0;
      at::Tensor p = reference_causal_softmax(scores, 1.0 / std::sqrt(double(E)), P, 0, window,
                                              sinks.defined() ? &sink : nullptr);
      out[b].select(1, h).copy_(at::matmul(p, v[b][h / G].to(at::kDouble)));
    }
  return out.view({B, T, H * E});
}

// Runs f with the loops of `isa` (or the widest below it that this CPU has; OWB_KERNELS).
template <class F>
void with_kernels(KernelIsa isa, F&& f) {
  ::setenv("OWB_KERNELS", kernel_isa_name(isa), 1);
  f();
  ::unsetenv("OWB_KERNELS");
}

// Runs f with bf16 products computed natively by libtorch or in fp32 on widened operands (OWB_BF16_MATMUL).
template <class F>
void with_bf16_matmul(bool widened, F&& f) {
  ::setenv("OWB_BF16_MATMUL", widened ? "fp32" : "native", 1);
  f();
  ::unsetenv("OWB_BF16_MATMUL");
}

const KernelIsa kIsas[] = {KernelIsa::avx512, KernelIsa::avx2, KernelIsa::portable};

// The loops that run when `isa` is asked for, by name (an ISA this CPU lacks falls back).
QString effective_isa(KernelIsa isa) {
  QString name;
  with_kernels(isa, [&] { name = kernel_isa_name(kernel_isa()); });
  return name;
}

}  // namespace

Q_DECLARE_METATYPE(owb::KernelIsa)

class CpuKernelsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qInfo("AVX-512 rows %s, AVX2 rows %s on this CPU; bf16 products %s by default",
          cpu_has_avx512_kernels() ? "available" : "not available", cpu_has_avx2_kernels() ? "available" : "not available",
          cpu_bf16_matmul_widens() ? "in fp32" : "by libtorch");
  }

  void causalSoftmaxMatchesFloat64_data() {
    QTest::addColumn<KernelIsa>("isa");
    QTest::addColumn<bool>("bf16");
    for (KernelIsa isa : kIsas)
      for (bool bf16 : {false, true})
        QTest::newRow(QString("%1 (runs %2), %3").arg(kernel_isa_name(isa)).arg(effective_isa(isa)).arg(bf16 ? "bf16" : "f32").toUtf8())
            << isa << bf16;
  }
  void causalSoftmaxMatchesFloat64() {
    QFETCH(KernelIsa, isa);
    QFETCH(bool, bf16);
    at::manual_seed(11);
    // Every tail length of a 16-lane row, a row of several full vectors, and one long row.
    for (int64_t m : {1, 2, 15, 16, 17, 31, 33, 48, 131}) {
      for (int64_t window : {0, 5}) {
        for (bool with_sink : {false, true}) {
          // Two heads' queries stacked, as attention hands them over: rows 0..n-1 and n..2n-1.
          const int64_t n = std::min<int64_t>(m, 7), k0 = m > 20 ? 3 : 0, q0 = k0 + m - n;  // last row sees all m keys
          at::Tensor raw = (at::randn({2 * n, m}) * 4).to(bf16 ? at::kBFloat16 : at::kFloat);
          const float sinks[2] = {0.7f, -1.3f};
          at::Tensor got = raw.clone();
          with_kernels(isa, [&] { causal_softmax_matrix_(got, n, 0.35f, q0, k0, window, with_sink ? sinks : nullptr); });
          at::Tensor want = at::empty({2 * n, m}, at::kDouble);
          for (int head = 0; head < 2; ++head) {
            const double sink64 = sinks[head];
            want.narrow(0, head * n, n).copy_(reference_causal_softmax(raw.narrow(0, head * n, n), 0.35f, q0, k0, window,
                                                                       with_sink ? &sink64 : nullptr));
          }
          // bf16 rounds once (relative 2^-8 at worst); fp32 keeps ~1e-7.
          const double rel = bf16 ? 1.0 / 256 : 2e-6;
          at::Tensor err = (got.to(at::kDouble) - want).abs() - rel * want.abs();
          const QString what = QString("m %1, window %2, sink %3: excess error %4")
                                   .arg(m).arg(window).arg(with_sink).arg(err.max().item<double>());
          QVERIFY2(err.max().item<double>() <= 1e-9, qPrintable(what));
          // Invisible keys are exactly 0.
          QVERIFY2(((want == 0) & (got.to(at::kDouble) != 0)).sum().item<int64_t>() == 0, qPrintable(what));
          if (!bf16) continue;
          // fp32 scores standing in for these bf16 ones (widened attention) give the same bits.
          // fp32 values off by less than half a bf16 step: rounding takes them back to raw.
          at::Tensor standing_in = raw.to(at::kFloat) * (1 + (at::rand({2 * n, m}) * 2 - 1) / 1024);
          QVERIFY(standing_in.to(at::kBFloat16).equal(raw));
          with_kernels(isa, [&] {
            causal_softmax_matrix_(standing_in, n, 0.35f, q0, k0, window, with_sink ? sinks : nullptr, /*bf16_values=*/true);
          });
          QVERIFY2(standing_in.equal(got.to(at::kFloat)), qPrintable(what + ": bf16 values in fp32 storage differ"));
        }
      }
    }
  }

  void attentionInCacheTilesMatchesFloat64_data() {
    QTest::addColumn<int64_t>("batch");
    QTest::addColumn<int64_t>("cached");
    QTest::addColumn<int64_t>("window");
    QTest::addColumn<int64_t>("tile");
    QTest::addColumn<bool>("sinks");
    QTest::newRow("one sequence, tile divides T") << int64_t(1) << int64_t(0) << int64_t(0) << int64_t(8) << false;
    QTest::newRow("batch of 3, ragged last tile") << int64_t(3) << int64_t(0) << int64_t(0) << int64_t(7) << false;
    QTest::newRow("sliding window 5") << int64_t(2) << int64_t(0) << int64_t(5) << int64_t(4) << false;
    QTest::newRow("cached prefix of 11") << int64_t(2) << int64_t(11) << int64_t(0) << int64_t(6) << false;
    QTest::newRow("sinks, window, prefix") << int64_t(2) << int64_t(4) << int64_t(6) << int64_t(5) << true;
    QTest::newRow("one tile for all") << int64_t(1) << int64_t(0) << int64_t(0) << int64_t(256) << true;
  }
  void attentionInCacheTilesMatchesFloat64() {
    QFETCH(int64_t, batch);
    QFETCH(int64_t, cached);
    QFETCH(int64_t, window);
    QFETCH(int64_t, tile);
    QFETCH(bool, sinks);
    at::manual_seed(5);
    const int64_t H = 6, K = 2, T = 23, E = 16;
    // q as the engine hands it over: a [B, T, H, E] projection viewed as [B, H, T, E].
    at::Tensor q = at::randn({batch, T, H, E}).transpose(1, 2);
    at::Tensor k = at::randn({batch, K, cached + T, E}), v = at::randn({batch, K, cached + T, E});
    AttentionOptions opt;
    opt.window = window;
    opt.query_tile = tile;
    opt.query_offset = cached;
    if (sinks) opt.sinks = at::randn({H});
    QVERIFY(attention_in_cache_tiles_applies(q, k, v, opt));
    at::Tensor want = reference_attention(q, k, v, cached, window, opt.sinks);
    for (KernelIsa isa : kIsas) {
      const QString name = effective_isa(isa);
      at::Tensor got;
      with_kernels(isa, [&] { got = causal_attention(q, k, v, opt); });
      QCOMPARE(got.sizes(), want.sizes());
      const double err = (got.to(at::kDouble) - want).abs().max().item<double>();
      QVERIFY2(err < 2e-5, qPrintable(QString("%1: max error %2").arg(name).arg(err)));
      // bf16 operands: each input rounded once, the products summed in fp32 and the probabilities
      // rounded; libtorch's bf16 kernel and fp32 SGEMM on widened operands agree up to the order
      // of summation (a score or output rounded the other way now and then).
      at::Tensor by_kind[2];
      for (bool widened : {false, true}) {
        with_kernels(isa, [&] {
          with_bf16_matmul(widened, [&] {
            by_kind[widened] = causal_attention(q.to(at::kBFloat16), k.to(at::kBFloat16), v.to(at::kBFloat16), opt);
          });
        });
        const double err16 = (by_kind[widened].to(at::kDouble) - want).abs().max().item<double>();
        QVERIFY2(err16 < 0.05, qPrintable(QString("bf16 %1, %2: max error %3").arg(name).arg(widened ? "fp32 products" : "libtorch's").arg(err16)));
      }
      const double apart = (by_kind[0].to(at::kDouble) - by_kind[1].to(at::kDouble)).abs().mean().item<double>();
      QVERIFY2(apart < 2e-3, qPrintable(QString("bf16 %1: native and widened products %2 apart on average").arg(name).arg(apart)));
    }
  }

  // Every version rounds bf16 as c10 does (to nearest, ties to even; NaN stays NaN), ties
  // included: the residual add of constructed halfway sums, random sums, overflow, inf and NaN.
  void bf16RoundingMatchesC10_data() {
    QTest::addColumn<KernelIsa>("isa");
    for (KernelIsa isa : kIsas) QTest::newRow(qPrintable(QString("%1 (runs %2)").arg(kernel_isa_name(isa)).arg(effective_isa(isa)))) << isa;
  }
  void bf16RoundingMatchesC10() {
    QFETCH(KernelIsa, isa);
    at::manual_seed(3);
    const int64_t n = 37;  // whole vectors and a tail in every width
    at::Tensor a = at::randn({n}).to(at::kBFloat16), b = at::randn({n}).to(at::kBFloat16);
    // Halfway cases: 1 + 2^-8 lies between 1 and 1 + 2^-7 (even: down), 1 + 3 * 2^-8 between
    // 1 + 2^-7 and 1 + 2^-6 (odd: up); the same scaled and negated.
    const float ties[][2] = {{1.0f, 0x1p-8f}, {1.0f + 0x1p-7f, 0x1p-8f}, {-4.0f, -0x1p-6f}, {-4.0f - 0x1p-5f, -0x1p-6f},
                             {INFINITY, 1.0f}, {NAN, 1.0f}, {3.0e38f, 3.0e38f}};
    for (int i = 0; i < 7; ++i) {
      a[i] = ties[i][0];
      b[i] = ties[i][1];
    }
    at::Tensor want = (a.to(at::kFloat) + b.to(at::kFloat)).to(at::kBFloat16), got;
    with_kernels(isa, [&] { got = fused_add(a, b); });
    // Compare bits: NaN == NaN here.
    // Bits must match, except that NaN payloads may differ (c10 gives 0xFFFF here).
    at::Tensor both_nan = got.isnan() & want.isnan();
    at::Tensor differ = ((got.view(at::kShort) != want.view(at::kShort)) & both_nan.logical_not()).nonzero();
    QVERIFY(got[5].isnan().item<bool>());
    QVERIFY2(differ.numel() == 0, qPrintable(QString("%1: %2 elements differ, first at %3: %4 + %5 gave bits %6, c10 %7")
                                               .arg(effective_isa(isa)).arg(differ.size(0))
                                               .arg(differ.numel() ? differ[0][0].item<int64_t>() : -1)
                                               .arg(differ.numel() ? a[differ[0][0]].item<float>() : 0)
                                               .arg(differ.numel() ? b[differ[0][0]].item<float>() : 0)
                                               .arg(differ.numel() ? got.view(at::kShort)[differ[0][0]].item<int>() : 0)
                                               .arg(differ.numel() ? want.view(at::kShort)[differ[0][0]].item<int>() : 0)));
  }

  // owb::linear / matmul / bmm / addmm on bf16 operands, libtorch's kernel and the widened one:
  // each result is the float64 product rounded once to bf16, give or take what fp32 summation
  // adds. Row counts cover one row block and several (the widened linear splits rows among the
  // cores), and a batch dim.
  void bf16ProductsMatchFloat64BothWays_data() {
    QTest::addColumn<bool>("widened");
    QTest::newRow("libtorch's bf16 kernel") << false;
    QTest::newRow("fp32 SGEMM on widened operands") << true;
  }
  void bf16ProductsMatchFloat64BothWays() {
    QFETCH(bool, widened);
    at::manual_seed(17);
    auto bf16 = [](const at::Tensor& t) { return t.to(at::kBFloat16); };
    auto f64 = [](const at::Tensor& t) { return t.to(at::kDouble); };
    // Tolerance: one bf16 rounding (2^-8 relative) plus fp32 summation over K terms of |a||b|.
    auto check = [&](const at::Tensor& got, const at::Tensor& exact, const at::Tensor& magnitude, int64_t K, const char* what) {
      QCOMPARE(got.scalar_type(), at::kBFloat16);
      QCOMPARE(got.sizes(), exact.sizes());
      at::Tensor excess = (f64(got) - exact).abs() - exact.abs() / 256 - magnitude * (K * 1.2e-7);
      QVERIFY2(excess.max().item<double>() <= 0, qPrintable(QString("%1: off by %2 beyond tolerance").arg(what).arg(excess.max().item<double>())));
    };
    with_bf16_matmul(widened, [&] {
      QCOMPARE(cpu_bf16_matmul_widens(), widened);
      for (int64_t M : {1, 7, 300}) {
        const int64_t K = 33, N = 17;
        at::Tensor x = bf16(at::randn({2, M, K})), w = bf16(at::randn({N, K})), b = bf16(at::randn({N}));
        at::Tensor exact = at::matmul(f64(x), f64(w).t()) + f64(b), magnitude = at::matmul(f64(x).abs(), f64(w).abs().t()) + f64(b).abs();
        check(owb::linear(x, w, b), exact, magnitude, K, "linear");
        check(owb::matmul(x[0], w.t()), exact[0] - f64(b), magnitude[0] - f64(b).abs(), K, "matmul, 2-D");
        check(owb::matmul(x, w.t()), exact - f64(b), magnitude - f64(b).abs(), K, "matmul, batched");
        check(owb::bmm(x, w.t().unsqueeze(0).expand({2, K, N})), exact - f64(b), magnitude - f64(b).abs(), K, "bmm");
        check(owb::addmm(b, x[1], w.t()), exact[1], magnitude[1], K, "addmm");
      }
      // Concurrent widened products (MoE expert tasks) leave OpenBLAS's pool as they found it.
      auto blas_threads = reinterpret_cast<int (*)()>(dlsym(RTLD_DEFAULT, "openblas_get_num_threads"));
      const int threads_before = blas_threads ? blas_threads() : 0;
      std::vector<std::thread> tasks;
      for (int t = 0; t < 3; ++t)
        tasks.emplace_back([&] {
          for (int r = 0; r < 20; ++r) owb::linear(bf16(at::randn({70, 16})), bf16(at::randn({9, 16})));
        });
      for (auto& task : tasks) task.join();
      if (blas_threads) QCOMPARE(blas_threads(), threads_before);
      // Autograd records through the widening (fine-tuning in bf16): d(sum x w^T)/dx = column sums of w.
      at::Tensor x = bf16(at::randn({5, 8})).requires_grad_(), w = bf16(at::randn({3, 8}));
      owb::linear(x, w).sum().backward();
      QVERIFY(x.grad().defined());
      at::Tensor grad_excess = (f64(x.grad()) - f64(w).sum(0)).abs() - f64(w).abs().sum(0) / 128;
      QVERIFY2(grad_excess.max().item<double>() <= 0, "gradient through linear");
    });
  }
};

QTEST_GUILESS_MAIN(CpuKernelsTest)
#include "test_cpu_kernels.moc"
