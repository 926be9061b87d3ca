// Super-weight detection and interventions on checkpoints with planted super weights
// (make-test-model --plant-super-weight): found at exactly the planted coordinates, in the
// iteration the method predicts, nothing on unplanted models, and perplexity under zeroing
// equal to an independent computation on a checkpoint edited by hand.
#include "analysis_fixtures.h"
#include "model.h"
#include "super_weight_detection.h"

#include <QtTest>

#include <cmath>
#include <fstream>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

SyntheticModelSpec spec_with(const std::string& arch, const std::vector<std::string>& plants, uint64_t seed = 0) {
  SyntheticModelSpec s = small_spec(arch);
  s.layers = 4;
  s.seed = seed;
  for (const auto& p : plants) s.super_weights.push_back(parse_planted_super_weight(p));
  return s;
}

at::Tensor prompt() { return random_ids(1, 12, 256, 11); }

// Sets element [row, col] of an F32 tensor inside a safetensors file to zero, in place.
void zero_in_file(const std::string& file, const std::string& tensor, int64_t row, int64_t col) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  uint64_t header_len = 0;
  f.read(reinterpret_cast<char*>(&header_len), 8);
  std::string header(header_len, '\0');
  f.read(header.data(), static_cast<std::streamsize>(header_len));
  json h = json::parse(header);
  const json& t = h.at(tensor);
  if (t["dtype"] != "F32") throw std::runtime_error("expected an F32 tensor");
  int64_t cols = t["shape"][1];
  int64_t offset = 8 + static_cast<int64_t>(header_len) + t["data_offsets"][0].get<int64_t>() + 4 * (row * cols + col);
  float zero = 0.f;
  f.seekp(offset);
  f.write(reinterpret_cast<const char*>(&zero), 4);
}

double mean_nll_from_forward(const std::string& model_dir, const std::vector<std::vector<int32_t>>& rows, const TempDir& tmp) {
  write_file(tmp.file("ids.json"), json(rows).dump());
  OwbRun r = run_owb({"forward", QString::fromStdString(model_dir), "--ids-file", QString::fromStdString(tmp.file("ids.json")),
                      "--logits-out", QString::fromStdString(tmp.file("logits.npy"))});
  if (r.exit_code != 0) throw std::runtime_error(r.err.toStdString());
  at::Tensor logp = at::log_softmax(read_npy_f32(tmp.file("logits.npy")).data.to(at::kDouble), -1);
  double sum = 0;
  int64_t n = 0;
  for (size_t s = 0; s < rows.size(); ++s)
    for (size_t t = 1; t < rows[s].size(); ++t, ++n) sum -= logp[s][t - 1][rows[s][t]].item<double>();
  return sum / n;
}

}  // namespace

class SuperWeightsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void findsPlantedSuperWeightAtItsCoordinatesInIterationOne_data() {
    QTest::addColumn<QString>("arch");
    for (const char* arch : {"llama", "qwen2", "qwen3", "olmo", "olmo2", "gpt_neox"}) QTest::newRow(arch) << arch;
  }
  void findsPlantedSuperWeightAtItsCoordinatesInIterationOne() {
    QFETCH(QString, arch);
    TempDir tmp;
    write_model(spec_with(arch.toStdString(), {"layer=2,row=3,col=7,value=2"}), tmp.path());
    Model model(tmp.path(), EngineOptions());
    SuperWeightDetection d = detect_super_weights(model, prompt(), 50.0, 10);
    QCOMPARE(d.super_weights.size(), size_t{1});
    const SuperWeight& w = d.super_weights[0];
    QCOMPARE(w.layer, int64_t{2});
    QCOMPARE(w.row, int64_t{3});
    QCOMPARE(w.col, int64_t{7});
    QCOMPARE(w.iteration, 1);
    QCOMPARE(w.weight_value, 2.0);
    QCOMPARE(w.tensor, down_proj_tensor(model, 2));
    QVERIFY(std::abs(w.input_activation) > 50 && std::abs(w.output_activation) > 50);
    QCOMPARE(d.passes.size(), size_t{2});  // the second pass finds nothing new and stops
    QVERIFY(d.passes[1].found.empty());
  }

  void superWeightSharingAnInputChannelIsFoundAfterTheFirstIsZeroed() {
    TempDir tmp;
    // Same layer, same input channel 7 (like Llama-3-8B's three): the larger output row wins pass 1.
    write_model(spec_with("llama", {"layer=1,row=3,col=7,value=2", "layer=1,row=10,col=7,value=1.5"}), tmp.path());
    Model model(tmp.path(), EngineOptions());
    SuperWeightDetection d = detect_super_weights(model, prompt(), 50.0, 10);
    QCOMPARE(d.super_weights.size(), size_t{2});
    QCOMPARE(d.super_weights[0].row, int64_t{3});
    QCOMPARE(d.super_weights[0].iteration, 1);
    QCOMPARE(d.super_weights[1].row, int64_t{10});
    QCOMPARE(d.super_weights[1].col, int64_t{7});
    QCOMPARE(d.super_weights[1].iteration, 2);
    QCOMPARE(d.super_weights[1].weight_value, 1.5);
  }

  void superWeightsInTwoLayersAreBothFoundInIterationOne() {
    TempDir tmp;
    write_model(spec_with("qwen3", {"layer=0,row=3,col=7,anchor=63", "layer=2,row=20,col=30,anchor=62"}), tmp.path());
    Model model(tmp.path(), EngineOptions());
    SuperWeightDetection d = detect_super_weights(model, prompt(), 50.0, 10);
    QCOMPARE(d.super_weights.size(), size_t{2});
    QCOMPARE(d.super_weights[0].layer, int64_t{0});
    QCOMPARE(d.super_weights[1].layer, int64_t{2});
    QCOMPARE(d.super_weights[1].row, int64_t{20});
    QCOMPARE(d.super_weights[1].col, int64_t{30});
    QCOMPARE(d.super_weights[0].iteration, 1);
    // Layer 0's super activation (~200 in the residual stream) makes layer 2's RMSNorm shrink
    // its anchor input, so layer 2's spike only shows once layer 0's weight is zeroed: pass 2.
    // Whatever the pass, it must be recorded as that pass's find.
    const SuperWeight& later = d.super_weights[1];
    const DetectionPass& pass = d.passes.at(later.iteration - 1);
    QVERIFY(std::any_of(pass.found.begin(), pass.found.end(), [&](const SuperWeight& w) { return w.layer == 2 && w.row == 20; }));
    if (later.iteration == 2) QVERIFY(std::abs(d.passes[0].layers[2].output_value) <= 50);
  }

  void noSuperWeightInUnplantedModels_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<int>("seed");
    for (const char* arch : {"llama", "qwen3", "gpt_neox"})
      for (int seed : {0, 1, 2}) QTest::newRow((std::string(arch) + " seed " + std::to_string(seed)).c_str()) << arch << seed;
  }
  void noSuperWeightInUnplantedModels() {
    QFETCH(QString, arch);
    QFETCH(int, seed);
    TempDir tmp;
    write_model(spec_with(arch.toStdString(), {}, static_cast<uint64_t>(seed)), tmp.path());
    Model model(tmp.path(), EngineOptions());
    SuperWeightDetection d = detect_super_weights(model, prompt(), 50.0, 10);
    QVERIFY(d.super_weights.empty());
    QCOMPARE(d.passes.size(), size_t{1});
    for (const LayerSpike& s : d.passes[0].layers) QVERIFY(std::abs(s.output_value) < 50);
  }

  void detectionLeavesTheWeightsAsItFoundThem() {
    TempDir tmp;
    write_model(spec_with("llama", {"layer=1,row=3,col=7"}), tmp.path());
    Model model(tmp.path(), EngineOptions());
    at::Tensor before, after;
    model.run({prompt()}, Hooks(), [&](int64_t, const at::Tensor& h) { before = model.logits(h); });
    detect_super_weights(model, prompt(), 50.0, 10);
    model.run({prompt()}, Hooks(), [&](int64_t, const at::Tensor& h) { after = model.logits(h); });
    QVERIFY(at::equal(before, after));
  }

  void zeroingTheFoundWeightRemovesTheSpike() {
    TempDir tmp;
    write_model(spec_with("gpt_neox", {"layer=1,row=3,col=7"}), tmp.path());
    Model model(tmp.path(), EngineOptions());
    SuperWeight w = detect_super_weights(model, prompt(), 50.0, 10).super_weights.at(0);
    model.set_weight(w.tensor, w.row, w.col, 0.0);
    std::vector<LayerSpike> spikes = measure_layer_spikes(model, prompt());
    QVERIFY(std::abs(spikes[1].input_value) > 50);   // upstream of the edit
    QVERIFY(std::abs(spikes[1].output_value) < 50);  // gone
  }

  void perplexityWhenZeroedMatchesAHandEditedCheckpoint() {
    TempDir tmp;
    const std::string model = tmp.file("model"), edited = tmp.file("edited");
    write_planted_model_with_super_weights(model, {"layer=1,row=3,col=7,value=2", "layer=1,row=10,col=7,value=1.5"});
    write_planted_model_with_super_weights(edited, {"layer=1,row=3,col=7,value=2", "layer=1,row=10,col=7,value=1.5"});
    zero_in_file(edited + "/model.safetensors", "model.layers.1.mlp.down_proj.weight", 3, 7);
    zero_in_file(edited + "/model.safetensors", "model.layers.1.mlp.down_proj.weight", 10, 7);
    OwbRun r = run_owb({"superweights", "--models", QString::fromStdString(model), "--dataset",
                        QString::fromStdString(corpus_path()), "--perplexity-samples", "3", "--sequence-length", "48",
                        "--dtype", "float32", "--batch-size", "2", "--results-dir", QString::fromStdString(tmp.file("results"))});
    QVERIFY2(r.exit_code == 0, r.err.toUtf8());
    QDir data(QString::fromStdString(tmp.file("results/model/data")));
    QStringList analyses = data.entryList({"analysis_*.json"});
    QCOMPARE(analyses.size(), 1);
    json a = read_json(data.filePath(analyses[0]).toStdString());
    QCOMPARE(a["super_weights"].size(), size_t{2});
    QCOMPARE(a["detection"]["iterations"].size(), size_t{3});
    auto rows = corpus_sequences(3, 48);
    double baseline = mean_nll_from_forward(model, rows, tmp);
    double zeroed = mean_nll_from_forward(edited, rows, tmp);
    qDebug() << "mean NLL intact" << baseline << "zeroed" << zeroed << "reported" << a["perplexity"]["combined"]["mean_nll"].get<double>();
    QVERIFY(std::abs(a["perplexity"]["baseline"]["mean_nll"].get<double>() - baseline) < 1e-5 * baseline);
    QVERIFY(std::abs(a["perplexity"]["combined"]["mean_nll"].get<double>() - zeroed) < 1e-5 * zeroed);
    QVERIFY(std::abs(zeroed - baseline) > 1e-4);  // the intervention changes the model
    QCOMPARE(a["perplexity"]["individual"].size(), size_t{2});
    QVERIFY(a["perplexity"].contains("restore_super_activation"));
    QCOMPARE(data.entryList({"combined_analysis_*.json"}).size(), 1);
    QCOMPARE(QDir(data.filePath("individual_analyses")).entryList({"sw_*_analysis_*.json"}).size(), 2);
    QCOMPARE(read_json(tmp.file("results/model/run.json"))["status"].get<std::string>(), std::string("ok"));
  }

  void badInputsFailClearly() {
    TempDir tmp;
    OwbRun no_models = run_owb({"superweights", "--dataset", "x"});
    QCOMPARE(no_models.exit_code, 1);
    QVERIFY(no_models.err.contains("--models"));
    OwbRun no_text = run_owb({"superweights", "--models", QString::fromStdString(tmp.path())});
    QCOMPARE(no_text.exit_code, 1);
    QVERIFY(no_text.err.contains("--dataset"));
    // GSM8K generates with the KV cache, which streaming mode does not keep.
    OwbRun gsm8k = run_owb({"superweights", "--models", "m", "--skip-perplexity", "--streaming", "--accuracy-tasks", "gsm8k",
                            "--tasks-dir", "."});
    QCOMPARE(gsm8k.exit_code, 1);
    QVERIFY(gsm8k.err.contains("resident mode"));
    OwbRun no_dir = run_owb({"superweights", "--models", "m", "--skip-perplexity", "--accuracy-tasks", "mmlu"});
    QCOMPARE(no_dir.exit_code, 1);
    QVERIFY(no_dir.err.contains("--tasks-dir"));
  }

 private:
  void write_planted_model_with_super_weights(const std::string& dir, const std::vector<std::string>& plants) {
    std::vector<std::string> args = {"make-test-model", "--arch", "llama", "--out", dir, "--layers", "3",
                                     "--tokenizer", fixture_tokenizer_dir()};
    for (const auto& p : plants) args.insert(args.end(), {"--plant-super-weight", p});
    OwbRun r = run_owb(strings(args));
    if (r.exit_code != 0) throw std::runtime_error(r.err.toStdString());
  }
};

QTEST_GUILESS_MAIN(SuperWeightsTest)
#include "test_super_weights.moc"
