// `owb vocab` end to end on a planted super weight: the seed 004 layout, cards that parse with
// the seed's keys, features off -> null, events, reproducibility in --seed, bad inputs.
#include "vocab_fixtures.h"

#include <QtTest>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

std::vector<json> read_jsonl(const std::string& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("missing " + path);
  std::vector<json> out;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(json::parse(line));
  return out;
}

bool has_keys(const json& j, const std::vector<std::string>& keys) {
  for (const auto& k : keys)
    if (!j.contains(k)) {
      qWarning() << "missing key" << k.c_str() << "in" << j.dump().substr(0, 200).c_str();
      return false;
    }
  return true;
}

const std::vector<std::string> kMetricKeys = {"loss", "entropy", "topk_margin", "stopword_mass"};

std::string first_line(const std::string& path) {
  std::ifstream in(path);
  std::string line;
  std::getline(in, line);
  return line;
}

}  // namespace

class VocabCliTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void initTestCase() {
    model_ = tmp_.file("planted");
    write_super_weight_model(model_, 3, {"layer=1,row=3,col=7,value=2"});
    write_super_weight_model(tmp_.file("plain"), 2, {});
  }

  void writesTheSeedLayoutWithCardsHavingTheSeedKeys() {
    const std::string out = tmp_.file("full");
    std::string printed = run_owb_job(args(out, {"--drop-first-token", "--enable-cosine", "--enable-cascade",
                                                 "--enable-enrichment", "--bootstrap", "200", "--seed", "7"}));
    QCOMPARE(printed, out);
    for (const char* f : {"run_config.json", "cross_model_summary.json", "README.md", "planted/metrics/neurons/neurons.jsonl",
                          "planted/metrics/super_weights/super_weights.jsonl", "planted/summaries/neurons.csv",
                          "planted/summaries/super_weights.csv", "planted/run_config.json", "planted/analysis.log"})
      QVERIFY2(std::filesystem::is_regular_file(out + "/" + f), f);
    QVERIFY(std::filesystem::file_size(out + "/planted/analysis.log") > 0);

    std::vector<json> neurons = read_jsonl(out + "/planted/metrics/neurons/neurons.jsonl");
    QCOMPARE(neurons.size(), size_t{1});
    const json& n = neurons[0];
    QVERIFY(has_keys(n, {"model", "layer", "neuron", "moments", "moments_cos", "top_tokens_up", "top_tokens_down",
                         "enrichment", "label"}));
    QCOMPARE(n["layer"].get<int>(), 1);
    QCOMPARE(n["neuron"].get<int>(), 7);
    QVERIFY(has_keys(n["moments"], {"var", "skew", "kurt"}) && has_keys(n["moments_cos"], {"var", "skew", "kurt"}));
    QCOMPARE(n["top_tokens_up"].size(), size_t{20});
    QVERIFY(has_keys(n["top_tokens_up"][0], {"id", "tok", "str", "effect"}));
    QVERIFY(has_keys(n["top_tokens_down"][0], {"id", "tok", "str", "effect"}));
    QVERIFY(n["top_tokens_up"][0]["effect"].get<double>() > n["top_tokens_down"][0]["effect"].get<double>());
    QCOMPARE(n["enrichment"].size(), size_t{6});
    QVERIFY(has_keys(n["enrichment"][0], {"class", "score", "examples"}));

    std::vector<json> sws = read_jsonl(out + "/planted/metrics/super_weights/super_weights.jsonl");
    QCOMPARE(sws.size(), size_t{1});
    const json& c = sws[0];
    QVERIFY(has_keys(c, {"model", "tensor", "layer", "row", "col", "baselines", "deltas", "controls", "cascade", "bootstrap"}));
    QCOMPARE(c["tensor"].get<std::string>(), std::string("model.layers.1.mlp.down_proj.weight"));
    QCOMPARE(c["tensor_kind"].get<std::string>(), std::string("mlp_down"));
    QCOMPARE(c["row"].get<int>(), 3);
    QCOMPARE(c["col"].get<int>(), 7);
    QVERIFY(has_keys(c["baselines"], kMetricKeys) && has_keys(c["deltas"], kMetricKeys));
    QVERIFY(has_keys(c["controls"], {"random_coord_delta", "neuron_zero_delta"}));
    QVERIFY(has_keys(c["controls"]["random_coord_delta"], kMetricKeys));
    QVERIFY(has_keys(c["controls"]["neuron_zero_delta"], kMetricKeys));
    QVERIFY(has_keys(c["cascade"], {"layers", "delta_entropy", "delta_margin"}));
    QCOMPARE(c["cascade"]["layers"], json({0, 1, 2}));
    QVERIFY(std::abs(c["cascade"]["delta_entropy"][2].get<double>() - c["deltas"]["entropy"].get<double>()) < 1e-6);
    for (const auto& m : kMetricKeys) QVERIFY(has_keys(c["bootstrap"][m], {"mean", "ci_2.5", "ci_97.5"}));
    const json& loss = c["bootstrap"]["loss"];
    QCOMPARE(loss["mean"].get<double>(), c["deltas"]["loss"].get<double>());
    QVERIFY(loss["ci_2.5"].get<double>() <= loss["mean"].get<double>() && loss["mean"].get<double>() <= loss["ci_97.5"].get<double>());
    // The super weight matters; the random coordinate barely does.
    QVERIFY(std::abs(c["deltas"]["loss"].get<double>()) > 1e-3);
    QVERIFY(std::abs(c["controls"]["random_coord_delta"]["loss"].get<double>()) < 0.1 * std::abs(c["deltas"]["loss"].get<double>()));
    QVERIFY(!(c["controls"]["random_coord"]["row"] == 3 && c["controls"]["random_coord"]["col"] == 7));

    QVERIFY(first_line(out + "/planted/summaries/neurons.csv").rfind("model,layer,neuron,var,skew,kurt", 0) == 0);
    QVERIFY(first_line(out + "/planted/summaries/super_weights.csv").rfind("model,tensor,layer,row,col", 0) == 0);
    json config = read_json(out + "/run_config.json");
    QCOMPARE(config["seed"].get<int>(), 7);
    QCOMPARE(config["drop_first_token"].get<bool>(), true);
    QCOMPARE(read_json(out + "/planted/run_config.json")["model"].get<std::string>(), model_);
    QCOMPARE(read_json(out + "/cross_model_summary.json")["models"][model_]["status"].get<std::string>(), std::string("ok"));
    QVERIFY(QString::fromStdString(read_file(out + "/README.md")).contains("GUI draws"));
  }

  void sameSeedReproducesTheCardsAnotherSeedDoesNot() {
    std::vector<std::string> flags = {"--bootstrap", "100", "--enable-cascade"};
    auto with_seed = [&](const std::string& out, const char* seed) {
      std::vector<std::string> f = flags;
      f.insert(f.end(), {"--seed", seed});
      return args(tmp_.file(out), f);
    };
    std::vector<OwbRun> runs = run_owb_parallel({with_seed("s1", "11"), with_seed("s2", "11"), with_seed("s3", "12")});
    for (const OwbRun& r : runs) QVERIFY2(r.exit_code == 0, r.err.toUtf8());
    auto card = [&](const char* out) { return read_jsonl(tmp_.file(out) + "/planted/metrics/super_weights/super_weights.jsonl").at(0); };
    json a = card("s1"), b = card("s2"), c = card("s3");
    QCOMPARE(a.dump(), b.dump());
    QCOMPARE(a["deltas"].dump(), c["deltas"].dump());  // the seed only moves the controls and intervals
    QVERIFY(a["controls"]["random_coord"] != c["controls"]["random_coord"] || a["bootstrap"] != c["bootstrap"]);
  }

  void disabledFeaturesAreNull() {
    const std::string out = tmp_.file("plain-run");
    run_owb_job(args(out, {}));
    json n = read_jsonl(out + "/planted/metrics/neurons/neurons.jsonl").at(0);
    json c = read_jsonl(out + "/planted/metrics/super_weights/super_weights.jsonl").at(0);
    QVERIFY(n["moments_cos"].is_null() && n["enrichment"].is_null());
    QVERIFY(c["cascade"].is_null() && c["bootstrap"].is_null());
  }

  void modelWithoutSuperWeightsWritesEmptyCardFiles() {
    const std::string out = tmp_.file("none");
    QStringList a = args(out, {});
    a.replace(a.indexOf(QString::fromStdString(model_)), QString::fromStdString(tmp_.file("plain")));
    run_owb_job(a);
    QCOMPARE(read_file(out + "/plain/metrics/super_weights/super_weights.jsonl"), std::string());
    QCOMPARE(read_file(out + "/plain/metrics/neurons/neurons.jsonl"), std::string());
    QVERIFY(read_json(out + "/cross_model_summary.json")["models"][tmp_.file("plain")]["super_weights"].empty());
  }

  void eventsShowProgressArtifactsAndTheEnd() {
    QStringList a = args(tmp_.file("events"), {});
    a << "--events";
    OwbRun r = run_owb(a);
    QVERIFY2(r.exit_code == 0, r.err.toUtf8());
    std::set<std::string> kinds;
    for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts)) kinds.insert(json::parse(line.toStdString())["event"]);
    for (const char* k : {"started", "progress", "artifact", "log", "finished"}) QVERIFY2(kinds.count(k), k);
  }

  void badInputsFailClearly() {
    std::vector<OwbRun> r = run_owb_parallel({{"vocab", "--models", QString::fromStdString(model_)},
                                              {"vocab", "--dataset", QString::fromStdString(corpus_path())},
                                              args(tmp_.file("bad"), {"--window-len", "16", "--stride", "32"}),
                                              {"vocab", "--models", "m", "--dataset", "d", "--no-such-option"}});
    QCOMPARE(r[0].exit_code, 1);
    QVERIFY(r[0].err.contains("--dataset"));
    QCOMPARE(r[1].exit_code, 1);
    QVERIFY(r[1].err.contains("--models"));
    QCOMPARE(r[2].exit_code, 1);
    QVERIFY(r[2].err.contains("--stride"));
    QCOMPARE(r[3].exit_code, 2);
  }

 private:
  QStringList args(const std::string& out, const std::vector<std::string>& extra) {
    QStringList a = {"vocab", "--models", QString::fromStdString(model_), "--dataset", QString::fromStdString(corpus_path()),
                     "--tokens", "400", "--window-len", "48", "--stride", "24", "--dtype", "float32",
                     "--output-dir", QString::fromStdString(out)};
    return a + strings(extra);
  }

  TempDir tmp_;
  std::string model_;
};

QTEST_GUILESS_MAIN(VocabCliTest)
#include "test_cli.moc"
