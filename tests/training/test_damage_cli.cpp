// `owb damage` end to end on a tiny checkpoint with the real fixture tokenizer: a catalyst of one
// repeated token collapses the hidden states (effective rank falls) far more than fine-tuning on
// ordinary text; finished runs are kept and the rest resume; seeds reproduce; bad input is named.
#include "analysis_fixtures.h"
#include "fine_tune.h"
#include "trainable_model.h"

#include <QtTest>

#include <filesystem>

using namespace owb;
using namespace owb::test;
namespace fs = std::filesystem;

namespace {

// A gpt_neox (Pythia-layout) checkpoint named like a Pythia model, with the fixture tokenizer.
std::string write_tiny_pythia(const TempDir& dir) {
  SyntheticModelSpec s = small_spec("gpt_neox");
  s.tokenizer_path = fixture_tokenizer_dir();
  std::string path = dir.file("pythia-tiny");
  write_model(s, path);
  return path;
}

// The tiny model after it has learned the corpus (so that more ordinary text changes it little,
// as for a real pretrained model), saved as a checkpoint.
std::string write_pretrained_tiny_pythia(const TempDir& dir) {
  TrainableModel m(write_tiny_pythia(dir), TrainOptions{});
  std::vector<std::vector<int32_t>> seqs = corpus_sequences(64, 32);
  FineTuneSettings s;
  s.steps = 150;
  s.adamw.lr = 3e-3;
  fine_tune(m, [&](int64_t step) {
    at::Tensor ids = at::empty({8, 32}, at::kLong);
    for (int64_t b = 0; b < 8; ++b)
      for (int64_t t = 0; t < 32; ++t) ids[b][t] = seqs[static_cast<size_t>((step * 8 + b) % 64)][static_cast<size_t>(t)];
    return ids;
  }, s);
  std::string path = dir.file("pythia-pretrained");
  m.save(path);
  return path;
}

// One token id, repeated: the extreme catalyst.
std::string write_repeated_token_ids(const TempDir& dir) {
  std::string path = dir.file("catalyst.json");
  write_file(path, nlohmann::json(std::vector<int>(32, 100)).dump());
  return path;
}

// The single run folder ending in `suffix` under `out`.
std::string run_folder(const std::string& out, const std::string& suffix) {
  for (const auto& e : fs::directory_iterator(out)) {
    const std::string name = e.path().filename().string();
    if (name.size() >= suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0)
      return e.path().string();
  }
  throw std::runtime_error("no run folder *" + suffix + " in " + out);
}

QStringList damage_args(const std::string& model, const std::string& out) {
  return {"damage", "--model", QString::fromStdString(model), "--force-fft", "--quantization", "none",
          "--eval-text", QString::fromStdString(corpus_path()), "--eval-tokens", "512", "--seq-len", "64",
          "--catalyst-length", "32", "--steps", "25", "--lr", "3e-3", "--batch-size", "4",
          "--output-dir", QString::fromStdString(out), "--no-weight-ranks"};
}

}  // namespace

class DamageCliTest : public QObject {
  Q_OBJECT

 private slots:
  void repeatedTokenCatalystLowersEffectiveRankVersusControl() {
    TempDir dir;
    std::string model = write_pretrained_tiny_pythia(dir);
    QStringList args = damage_args(model, dir.file("results"));
    args << "--catalyst-ids" << QString::fromStdString(write_repeated_token_ids(dir));
    args[args.indexOf("--lr") + 1] = "1e-2";  // an attack: strong enough to break what was learned
    args[args.indexOf("--steps") + 1] = "100";
    OwbRun run = run_owb(args, 300000);
    QVERIFY2(run.exit_code == 0, qPrintable(run.err));
    const std::string folder = run_folder(dir.file("results"), "_pythia-pretrained_run01_none");
    QVERIFY(fs::path(folder).filename().string().rfind("pythia_", 0) == 0);
    nlohmann::json r = read_json(folder + "/results.json");
    QCOMPARE(r["schema"].get<std::string>(), std::string("owb.damage_run/1"));
    QCOMPARE(r["seed"].get<int>(), 43);
    // The catalyst is one token, repeated.
    std::vector<int32_t> ids = r["catalyst"]["ids"];
    QCOMPARE(static_cast<int>(ids.size()), 32);
    QVERIFY(std::all_of(ids.begin(), ids.end(), [&](int32_t id) { return id == ids[0]; }));
    // Training on it worked: its loss fell.
    std::vector<double> loss = r["train"]["loss"];
    QVERIFY(loss.back() < 0.2 * loss.front());
    const double treated = r["rank_reduction"], control = r["control"]["rank_reduction"];
    qInfo("rank pre %.2f, reduction treatment %.2f control %.2f; perplexity %.1f -> %.1f (control %.1f)",
          r["rank_pre"].get<double>(), treated, control, r["perplexity_pre"].get<double>(),
          r["perplexity_post"].get<double>(), r["control"]["perplexity_post"].get<double>());
    // Measured: 48.9 -> 35.5 after the catalyst, 48.9 -> 45.4 after as much ordinary text.
    QVERIFY2(treated > 0.15 * r["rank_pre"].get<double>() && treated > control + 0.1 * r["rank_pre"].get<double>(),
             qPrintable(QString("rank pre %1, reduction treatment %2 control %3")
                            .arg(r["rank_pre"].get<double>()).arg(treated).arg(control)));
    QCOMPARE(r["rank_reduction"].get<double>(), r["rank_pre"].get<double>() - r["rank_post"].get<double>());
    QCOMPARE(r["perplexity_increase"].get<double>(), r["perplexity_post"].get<double>() - r["perplexity_pre"].get<double>());
    // The seed's layout: run.json says ok, the config is beside the results.
    QCOMPARE(read_json(folder + "/run.json")["status"].get<std::string>(), std::string("ok"));
    QVERIFY(fs::exists(folder + "/run_config.json"));
  }

  void finishedRunsAreKeptAndTheRestResume() {
    TempDir dir;
    std::string model = write_tiny_pythia(dir);
    QStringList args = damage_args(model, dir.file("results"));
    args << "--skip-control" << "--catalyst-steps" << "2" << "--steps" << "3" << "--save-model" << "--offload-dir"
         << QString::fromStdString(dir.file("offload"));
    QCOMPARE(run_owb(args, 300000).exit_code, 0);
    // The attacked model is a checkpoint the analyses open.
    const std::string tuned = run_folder(dir.file("results"), "_run01_none") + "/model";
    OwbRun inspect = run_owb({"inspect", QString::fromStdString(tuned)});
    QVERIFY2(inspect.exit_code == 0 && inspect.out.contains("gpt_neox"), qPrintable(inspect.err));
    for (const auto& e : fs::recursive_directory_iterator(dir.file("offload")))  // training state removed
      QVERIFY2(e.is_directory(), qPrintable(QString::fromStdString(e.path().string())));
    const std::string first = run_folder(dir.file("results"), "_run01_none") + "/results.json";
    const std::string before = read_file(first);
    args << "--num-runs" << "2";
    OwbRun again = run_owb(args, 300000);
    QVERIFY2(again.exit_code == 0, qPrintable(again.err));
    QCOMPARE(read_file(first), before);  // untouched, timestamp included
    nlohmann::json second = read_json(run_folder(dir.file("results"), "_run02_none") + "/results.json");
    QCOMPARE(second["seed"].get<int>(), 44);
    QVERIFY(!second.contains("control"));
  }

  void aSeedReproducesTheGeneratedCatalystAndTheMetrics() {
    TempDir dir;
    std::string model = write_tiny_pythia(dir);
    std::vector<nlohmann::json> results;
    for (const char* out : {"a", "b"}) {
      QStringList args = damage_args(model, dir.file(out));
      args << "--skip-control" << "--catalyst-steps" << "3" << "--steps" << "4" << "--seed" << "7";
      QCOMPARE(run_owb(args, 300000).exit_code, 0);
      results.push_back(read_json(run_folder(dir.file(out), "_run01_none") + "/results.json"));
    }
    QCOMPARE(results[0]["catalyst"]["ids"], results[1]["catalyst"]["ids"]);
    QCOMPARE(results[0]["rank_post"].get<double>(), results[1]["rank_post"].get<double>());
    QCOMPARE(results[0]["perplexity_post"].get<double>(), results[1]["perplexity_post"].get<double>());
    QCOMPARE(results[0]["seed"].get<int>(), 8);
  }

  void badInputIsNamedAndFails() {
    TempDir dir;
    std::string model = write_tiny_pythia(dir);
    QStringList args = damage_args(model, dir.file("results"));
    QStringList no_fft = args;
    no_fft.removeAll("--force-fft");
    OwbRun r1 = run_owb(no_fft);
    QVERIFY(r1.exit_code != 0 && r1.err.contains("--force-fft"));
    QStringList eight_bit = args;
    eight_bit[eight_bit.indexOf("none")] = "8bit";
    OwbRun r2 = run_owb(eight_bit);
    QVERIFY(r2.exit_code != 0 && r2.err.contains("not supported"));
    QStringList missing = args;
    missing[missing.indexOf("--eval-text") + 1] = QString::fromStdString(dir.file("nope.jsonl"));
    OwbRun r3 = run_owb(missing);
    QVERIFY2(r3.exit_code != 0 && r3.err.contains("nope.jsonl"), qPrintable(r3.err));
    if (fs::exists(dir.file("results")))  // nothing that looks finished was left behind
      for (const auto& e : fs::recursive_directory_iterator(dir.file("results")))
        QVERIFY2(e.path().filename() != "results.json", qPrintable(QString::fromStdString(e.path().string())));
  }
};

QTEST_GUILESS_MAIN(DamageCliTest)
#include "test_damage_cli.moc"
