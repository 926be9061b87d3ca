// owb perplexity against an independent computation: the test takes logits from `owb forward`
// (no perplexity code involved), computes log-softmax NLL in float64 itself, and follows the
// Hugging Face sliding-window recipe on its own.
#include "analysis_fixtures.h"
#include "tokenizer.h"

#include <QtTest>

#include <cmath>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr int64_t kSequences = 4, kLength = 32;

// Mean NLL (nats) of targets [score_from, T) of each row, from logits [B, T, V] in float64.
struct Nll {
  double sum = 0;
  int64_t count = 0;
  double mean() const { return sum / count; }
};
Nll nll_from_logits(const at::Tensor& logits, const std::vector<std::vector<int32_t>>& rows,
                    const std::vector<int64_t>& score_from) {
  Nll out;
  at::Tensor logp = at::log_softmax(logits.to(at::kDouble), -1);
  for (size_t r = 0; r < rows.size(); ++r)
    for (int64_t t = score_from[r]; t < static_cast<int64_t>(rows[r].size()); ++t) {
      out.sum -= logp[r][t - 1][rows[r][t]].item<double>();
      ++out.count;
    }
  return out;
}

at::Tensor forward_logits(const std::string& model, const std::vector<std::vector<int32_t>>& rows, const TempDir& tmp) {
  write_file(tmp.file("ids.json"), json(rows).dump());
  OwbRun r = run_owb({"forward", QString::fromStdString(model), "--ids-file", QString::fromStdString(tmp.file("ids.json")),
                      "--logits-out", QString::fromStdString(tmp.file("logits.npy"))});
  if (r.exit_code != 0) throw std::runtime_error("owb forward failed: " + r.err.toStdString());
  return read_npy_f32(tmp.file("logits.npy")).data;
}

}  // namespace

class PerplexityTest : public QObject {
  Q_OBJECT
  TempDir tmp_;
  std::string model_;

  json run_perplexity(const QStringList& extra) {
    QStringList args = {"perplexity", "--model", QString::fromStdString(model_), "--dataset",
                        QString::fromStdString(corpus_path()), "--num-sequences", QString::number(kSequences),
                        "--sequence-length", QString::number(kLength), "--dtype", "f32", "--save-dir",
                        QString::fromStdString(tmp_.file("runs"))};
    return read_json(run_owb_job(args + extra) + "/perplexity_results.json");
  }

 private Q_SLOTS:
  void initTestCase() {
    model_ = tmp_.file("model");
    write_planted_model(model_, 2, {});
  }

  void fixedLengthPerplexityIsExpOfMeanNllFromForwardLogits() {
    auto rows = corpus_sequences(kSequences, kLength);
    Nll expected = nll_from_logits(forward_logits(model_, rows, tmp_), rows, std::vector<int64_t>(rows.size(), 1));
    json r = run_perplexity({"--batch-size", "3"});
    qDebug() << "perplexity" << r["perplexity"].get<double>() << "independent" << std::exp(expected.mean());
    QCOMPARE(r["predicted_tokens"].get<int64_t>(), kSequences * (kLength - 1));
    QCOMPARE(r["total_tokens"].get<int64_t>(), expected.count);
    QVERIFY(std::abs(r["mean_nll"].get<double>() - expected.mean()) < 1e-5 * expected.mean());
    QVERIFY(std::abs(r["perplexity"].get<double>() - std::exp(expected.mean())) < 1e-5 * std::exp(expected.mean()));
    QCOMPARE(r["avg_loss"], r["mean_nll"]);
    QCOMPARE(r["method"].get<std::string>(), std::string("fixed"));
    // Batches of 3 and 1 sequences, each with its own perplexity.
    QCOMPARE(r["batch_results"].size(), size_t{2});
    QCOMPARE(r["batch_results"][0]["num_sequences"].get<int64_t>(), int64_t{3});
  }

  void bitsPerByteDivideTotalNllByTheScoredTextsBytes() {
    auto rows = corpus_sequences(kSequences, kLength);
    Tokenizer tok = Tokenizer::from_file(fixture_tokenizer_dir());
    int64_t bytes = 0;
    for (const auto& row : rows) bytes += static_cast<int64_t>(tok.decode(std::vector<int32_t>(row.begin() + 1, row.end())).size());
    json r = run_perplexity({});
    QCOMPARE(r["bytes"].get<int64_t>(), bytes);
    double total_nll = r["mean_nll"].get<double>() * r["predicted_tokens"].get<double>();
    QVERIFY(std::abs(r["bits_per_byte"].get<double>() - total_nll / std::log(2.0) / bytes) < 1e-9);
  }

  void slidingWindowsFollowTheHuggingFaceRecipe() {
    const int64_t window = 16, stride = 8;
    std::vector<int32_t> stream;
    for (const auto& row : corpus_sequences(kSequences, kLength)) stream.insert(stream.end(), row.begin(), row.end());
    // transformers docs, "Perplexity of fixed-length models": each window scores only the
    // targets the previous one did not (its last end - prev_end tokens).
    std::vector<std::vector<int32_t>> windows;
    std::vector<int64_t> score_from;
    int64_t prev_end = 0;
    for (int64_t begin = 0; begin < static_cast<int64_t>(stream.size()); begin += stride) {
      int64_t end = std::min<int64_t>(begin + window, stream.size());
      int64_t target_len = end - prev_end;
      windows.emplace_back(stream.begin() + begin, stream.begin() + end);
      score_from.push_back(std::max<int64_t>(1, (end - begin) - target_len));
      prev_end = end;
      if (end == static_cast<int64_t>(stream.size())) break;
    }
    Nll expected = nll_from_logits(forward_logits(model_, windows, tmp_), windows, score_from);
    json r = run_perplexity({"--window", QString::number(window), "--stride", QString::number(stride), "--batch-size", "4"});
    QCOMPARE(r["method"].get<std::string>(), std::string("sliding"));
    QCOMPARE(r["predicted_tokens"].get<int64_t>(), static_cast<int64_t>(stream.size()) - 1);  // every token but the first, once
    QCOMPARE(r["predicted_tokens"].get<int64_t>(), expected.count);
    QVERIFY(std::abs(r["mean_nll"].get<double>() - expected.mean()) < 1e-5 * expected.mean());
  }

  void slidingWindowWithFullStrideEqualsFixedLength() {
    json fixed = run_perplexity({});
    json sliding = run_perplexity({"--window", QString::number(kLength), "--stride", QString::number(kLength)});
    QCOMPARE(sliding["predicted_tokens"], fixed["predicted_tokens"]);
    QVERIFY(std::abs(sliding["mean_nll"].get<double>() - fixed["mean_nll"].get<double>()) < 1e-9);
  }
};

QTEST_GUILESS_MAIN(PerplexityTest)
#include "test_perplexity.moc"
