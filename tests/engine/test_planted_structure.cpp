// make-test-model plants what the analyses must find: a massive-activation dimension in the
// pre-norm outputs of chosen layers, and a super weight in one down projection (Yu et al. 2024).
// These tests check the planted signatures are really there, and only there.
#include "model.h"
#include "test_support.h"

#include <QtTest>

#include <map>

using namespace owb;
using namespace owb::test;

namespace {

constexpr double kOutlierThreshold = 6.0;
constexpr double kSpikeThreshold = 50.0;

// Every hook tensor of one run, by name (single batch).
std::map<std::string, at::Tensor> hook_values(Model& model, const at::Tensor& ids) {
  std::map<std::string, at::Tensor> out;
  Hooks hooks;
  hooks.add("*", [&](const HookSite& site, at::Tensor& x) { out[site.name] = x.clone(); });
  model.run({ids}, hooks);
  return out;
}

void add_arch_rows() {
  QTest::addColumn<QString>("arch");
  for (const char* arch : {"llama", "mistral", "qwen2", "qwen3", "gpt_neox"}) QTest::newRow(arch) << arch;
}

SyntheticModelSpec four_layer_spec(const QString& arch) {
  SyntheticModelSpec s = small_spec(arch.toStdString());
  s.layers = 4;
  return s;
}

// |x| per channel, maximised over batch and positions.   [D]
at::Tensor channel_peaks(const at::Tensor& x) { return x.abs().reshape({-1, x.size(-1)}).amax(0); }

}  // namespace

class PlantedStructureTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void plantedOutlierIsLargeAtItsDimensionInItsLayersOnly_data() { add_arch_rows(); }
  void plantedOutlierIsLargeAtItsDimensionInItsLayersOnly() {
    QFETCH(QString, arch);
    TempDir tmp;
    SyntheticModelSpec spec = four_layer_spec(arch);
    spec.outliers.push_back(parse_planted_outlier("dim=5,gamma=20,layers=1-2"));
    write_model(spec, tmp.path());
    Model model(tmp.path(), EngineOptions());
    auto hooks = hook_values(model, random_ids(2, 16, spec.vocab, 5));
    for (int64_t layer = 0; layer < spec.layers; ++layer)
      for (HookKind kind : {HookKind::LnAttn, HookKind::LnMlp}) {
        const std::string name = hook_name(layer, kind);
        const at::Tensor& x = hooks.at(name);
        const bool planted = layer == 1 || layer == 2;
        const double weakest_at_dim = x.select(-1, 5).abs().min().item<double>();
        at::Tensor others = channel_peaks(x).index_fill(0, at::tensor({int64_t(5)}), 0.0);
        const double strongest_elsewhere = others.max().item<double>();
        qDebug() << name.c_str() << "min |x[..., 5]|" << weakest_at_dim << "max |x| elsewhere" << strongest_elsewhere;
        if (planted) {
          QVERIFY2(weakest_at_dim >= kOutlierThreshold, name.c_str());
        } else {
          QVERIFY2(channel_peaks(x)[5].item<double>() < kOutlierThreshold, name.c_str());
        }
        QVERIFY2(strongest_elsewhere < kOutlierThreshold, name.c_str());
      }
  }

  void plantedSuperWeightSpikesDownProjectionInputAndOutput_data() { add_arch_rows(); }
  void plantedSuperWeightSpikesDownProjectionInputAndOutput() {
    QFETCH(QString, arch);
    TempDir tmp;
    SyntheticModelSpec spec = four_layer_spec(arch);
    spec.super_weights.push_back(parse_planted_super_weight("layer=1,row=3,col=7"));
    write_model(spec, tmp.path());
    Model model(tmp.path(), EngineOptions());
    auto hooks = hook_values(model, random_ids(2, 16, spec.vocab, 6));
    const at::Tensor down_in = channel_peaks(hooks.at("layer_1_mlp_down_in"));
    const at::Tensor down_out = channel_peaks(hooks.at("layer_1_mlp_down_out"));
    qDebug() << "layer 1: max |down_in|" << down_in.max().item<double>() << "at" << down_in.argmax().item<int64_t>()
             << "; max |down_out|" << down_out.max().item<double>() << "at" << down_out.argmax().item<int64_t>();
    QCOMPARE(down_in.argmax().item<int64_t>(), int64_t{7});
    QCOMPARE(down_out.argmax().item<int64_t>(), int64_t{3});
    QVERIFY(down_in[7].item<double>() > kSpikeThreshold);
    QVERIFY(down_out[3].item<double>() > kSpikeThreshold);
    // Every position carries it (the anchor dimension is set for every token).
    QVERIFY(hooks.at("layer_1_mlp_down_out").select(-1, 3).abs().min().item<double>() > kSpikeThreshold);
    // Other layers have no such spike.
    for (int64_t layer : {0, 2, 3})
      QVERIFY(channel_peaks(hooks.at(hook_name(layer, HookKind::MlpDownOut))).max().item<double>() < kSpikeThreshold);
  }

  void zeroingPlantedSuperWeightRemovesOutputSpike_data() {
    QTest::addColumn<QString>("arch");
    QTest::addColumn<bool>("streaming");
    for (const char* arch : {"llama", "qwen3", "gpt_neox"}) {
      QTest::newRow((std::string(arch) + ", resident").c_str()) << arch << false;
      QTest::newRow((std::string(arch) + ", streaming").c_str()) << arch << true;
    }
  }
  void zeroingPlantedSuperWeightRemovesOutputSpike() {
    QFETCH(QString, arch);
    QFETCH(bool, streaming);
    TempDir tmp;
    SyntheticModelSpec spec = four_layer_spec(arch);
    spec.super_weights.push_back(parse_planted_super_weight("layer=1,row=3,col=7"));
    write_model(spec, tmp.path());
    EngineOptions opt;
    opt.streaming = streaming;
    Model model(tmp.path(), opt);
    const at::Tensor ids = random_ids(2, 16, spec.vocab, 6);
    const std::string down = "gpt_neox" == arch ? "gpt_neox.layers.1.mlp.dense_4h_to_h.weight" : "model.layers.1.mlp.down_proj.weight";
    QCOMPARE(model.checkpoint_weight(down, 3, 7), 2.0);
    model.set_weight(down, 3, 7, 0.0);
    auto hooks = hook_values(model, ids);
    const at::Tensor down_in = channel_peaks(hooks.at("layer_1_mlp_down_in"));
    const at::Tensor down_out = channel_peaks(hooks.at("layer_1_mlp_down_out"));
    QVERIFY(down_in[7].item<double>() > kSpikeThreshold);  // the input spike is upstream of the edit
    qDebug() << "after zeroing: max |down_out[..., 3]|" << down_out[3].item<double>();
    QVERIFY(down_out[3].item<double>() < 10.0);
    QVERIFY(down_out.max().item<double>() < kSpikeThreshold);
  }
};

QTEST_GUILESS_MAIN(PlantedStructureTest)
#include "test_planted_structure.moc"
