// The CPU engine's own loops against float64 computed here: the causal softmax on stacked heads'
// score tiles (both the AVX-512 rows and the portable loops, every tail length, windows, offsets,
// sinks; bf16 rounded once) and attention computed in cache-sized (batch, kv head, query tile)
// tasks (GQA, batches, windows, cached prefixes, sinks, tiles that do not divide T).
#include "blocks.h"
#include "cpu_attention.h"
#include "cpu_kernels.h"
#include "cpu_kernels_avx512.h"

#include <QtTest>

#include <cmath>
#include <cstdlib>
#include <limits>

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

// Runs f with the portable loops forced (OWB_PORTABLE_KERNELS) or allowed to use AVX-512.
template <class F>
void with_kernels(bool portable, F&& f) {
  if (portable) ::setenv("OWB_PORTABLE_KERNELS", "1", 1);
  else ::unsetenv("OWB_PORTABLE_KERNELS");
  f();
  ::unsetenv("OWB_PORTABLE_KERNELS");
}

}  // namespace

class CpuKernelsTest : public QObject {
  Q_OBJECT

 private slots:
  void initTestCase() {
    qInfo("AVX-512 rows %s on this CPU", avx512_kernels_available() ? "available" : "not available");
  }

  void causalSoftmaxMatchesFloat64_data() {
    QTest::addColumn<bool>("portable");
    QTest::addColumn<bool>("bf16");
    for (bool portable : {false, true})
      for (bool bf16 : {false, true})
        QTest::newRow(QString("%1, %2").arg(portable ? "portable" : "avx512").arg(bf16 ? "bf16" : "f32").toUtf8())
            << portable << bf16;
  }
  void causalSoftmaxMatchesFloat64() {
    QFETCH(bool, portable);
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
          with_kernels(portable, [&] { causal_softmax_matrix_(got, n, 0.35f, q0, k0, window, with_sink ? sinks : nullptr); });
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
    for (bool portable : {false, true}) {
      at::Tensor got;
      with_kernels(portable, [&] { got = causal_attention(q, k, v, opt); });
      QCOMPARE(got.sizes(), want.sizes());
      const double err = (got.to(at::kDouble) - want).abs().max().item<double>();
      QVERIFY2(err < 2e-5, qPrintable(QString("%1: max error %2").arg(portable ? "portable" : "avx512").arg(err)));
      // bf16 operands: each input rounded once, the products summed in fp32 and the probabilities rounded.
      at::Tensor got16;
      with_kernels(portable, [&] {
        got16 = causal_attention(q.to(at::kBFloat16), k.to(at::kBFloat16), v.to(at::kBFloat16), opt);
      });
      const double err16 = (got16.to(at::kDouble) - want).abs().max().item<double>();
      QVERIFY2(err16 < 0.05, qPrintable(QString("bf16 %1: max error %2").arg(portable ? "portable" : "avx512").arg(err16)));
    }
  }
};

QTEST_GUILESS_MAIN(CpuKernelsTest)
#include "test_cpu_kernels.moc"
