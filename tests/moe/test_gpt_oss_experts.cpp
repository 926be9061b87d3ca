// gpt-oss experts in both layouts transformers reads (modeling_gpt_oss, integrations/mxfp4.py):
// unquantised gate_up_proj [E, D, 2I] / down_proj [E, I, D] when config.json has no
// quantization_config, MXFP4 blocks and scales when it says quant_method mxfp4. An MXFP4
// checkpoint and the same weights dequantised (converted here, as convert_moe_packed_tensors
// does: unpack, then transpose to input-major) give identical logits; the layout follows
// quantization_config; single expert elements of unquantised checkpoints are edited under
// per-expert names, match the reference with the same stored element edited, and restore
// exactly; MXFP4 experts refuse edits clearly; planted expert super weights spike where planted.
#include "checkpoint.h"
#include "errors.h"
#include "json_file.h"
#include "model.h"
#include "mxfp4.h"
#include "reference_transformer.h"
#include "safetensors_file.h"
#include "test_support.h"

#include <QtTest>

#include <filesystem>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr double kF32Tolerance = 1e-4;

SyntheticModelSpec gpt_oss_spec(bool unquantized, int64_t layers = 2) {
  SyntheticModelSpec s = small_spec("gpt_oss");
  s.layers = layers;
  s.experts = 4;
  s.top_k = 2;
  s.gpt_oss_unquantized = unquantized;
  return s;
}

EngineOptions options(at::ScalarType dtype = at::kFloat, bool streaming = false) {
  EngineOptions o;
  o.dtype = dtype;
  o.streaming = streaming;
  return o;
}

at::Tensor logits_of(Model& model, const at::Tensor& ids) {
  at::Tensor out;
  model.run({ids}, Hooks(), [&](int64_t, const at::Tensor& h) { out = model.logits(h); });
  return out;
}

bool ends_with(const std::string& s, const std::string& tail) {
  return s.size() >= tail.size() && s.compare(s.size() - tail.size(), tail.size(), tail) == 0;
}

// The MXFP4 checkpoint in `from` rewritten unquantised into `to` (f32): every *_blocks/_scales
// pair unpacked to [E, out, in] and transposed to [E, in, out]; quantization_config dropped.
void write_dequantised_copy(const std::string& from, const std::string& to) {
  Checkpoint ck(from);
  std::vector<TensorBlob> blobs;
  auto f32_blob = [](const std::string& name, const at::Tensor& t) {
    at::Tensor c = t.to(at::kFloat).contiguous();
    return TensorBlob{name, "F32", c.sizes().vec(), std::string(static_cast<const char*>(c.data_ptr()), c.nbytes())};
  };
  for (const auto& name : ck.names()) {
    if (ends_with(name, "_scales")) continue;
    if (!ends_with(name, "_blocks")) {
      blobs.push_back(f32_blob(name, ck.view(name)));
      continue;
    }
    const std::string base = name.substr(0, name.size() - 7);
    at::Tensor w = dequantize_mxfp4(ck.view(name), ck.view(base + "_scales"), at::kFloat);  // [E, out, in]
    blobs.push_back(f32_blob(base, w.transpose(1, 2)));
  }
  std::filesystem::create_directories(to);
  write_safetensors((std::filesystem::path(to) / "model.safetensors").string(), blobs);
  json config = read_json_file((std::filesystem::path(from) / "config.json").string());
  config.erase("quantization_config");
  write_json_atomically((std::filesystem::path(to) / "config.json").string(), config);
}

std::string layer_tensor(int64_t layer, const std::string& local) { return "model.layers." + std::to_string(layer) + "." + local; }

}  // namespace

class GptOssExpertsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void syntheticCheckpointsNameTheirLayoutLikeTheReleasedOnes() {
    TempDir mx, plain;
    write_model(gpt_oss_spec(false), mx.path());
    write_model(gpt_oss_spec(true), plain.path());
    const json a = read_json_file(mx.file("config.json")), b = read_json_file(plain.file("config.json"));
    QCOMPARE(a["quantization_config"]["quant_method"].get<std::string>(), std::string("mxfp4"));
    QVERIFY(!b.contains("quantization_config"));
    Checkpoint ck(plain.path());
    QVERIFY(!ck.has(layer_tensor(0, "mlp.experts.gate_up_proj_blocks")));
    QCOMPARE(ck.info(layer_tensor(0, "mlp.experts.gate_up_proj")).shape, (std::vector<int64_t>{4, 64, 128}));  // [E, D, 2I]
    QCOMPARE(ck.info(layer_tensor(0, "mlp.experts.down_proj")).shape, (std::vector<int64_t>{4, 64, 64}));     // [E, I, D]
  }

  void unquantisedLogitsMatchFloat64Reference_data() {
    QTest::addColumn<QString>("dtype");
    QTest::newRow("f32 weights") << "f32";
    QTest::newRow("bf16 weights") << "bf16";
  }
  void unquantisedLogitsMatchFloat64Reference() {
    QFETCH(QString, dtype);
    TempDir tmp;
    SyntheticModelSpec s = gpt_oss_spec(true);
    s.dtype = dtype.toStdString();
    write_model(s, tmp.path());
    const at::Tensor ids = random_ids(2, 11, 256, 17);
    Model model(tmp.path(), options());
    const double err = max_rel_error(logits_of(model, ids), ReferenceTransformer(tmp.path()).forward(ids).logits);
    qInfo() << dtype << "max relative error" << err;
    QVERIFY(err <= kF32Tolerance);
  }

  // The same weights in both layouts: bit-identical logits (f32 and bf16 compute; FP4 values
  // times a power of two are exact in bf16), and the reference agrees for both.
  void mxfp4AndItsDequantisedCopyGiveIdenticalLogits_data() {
    QTest::addColumn<bool>("bf16");
    QTest::addColumn<bool>("streaming");
    QTest::newRow("f32 resident") << false << false;
    QTest::newRow("f32 streaming") << false << true;
    QTest::newRow("bf16 resident") << true << false;
  }
  void mxfp4AndItsDequantisedCopyGiveIdenticalLogits() {
    QFETCH(bool, bf16);
    QFETCH(bool, streaming);
    TempDir mx, plain;
    write_model(gpt_oss_spec(false, 3), mx.path());
    write_dequantised_copy(mx.path(), plain.path());
    const at::Tensor ids = random_ids(2, 13, 256, 8);
    const at::ScalarType dtype = bf16 ? at::kBFloat16 : at::kFloat;
    Model packed(mx.path(), options(dtype, streaming)), unpacked(plain.path(), options(dtype, streaming));
    const at::Tensor a = logits_of(packed, ids), b = logits_of(unpacked, ids);
    QVERIFY(at::equal(a, b));
    if (bf16) return;
    const at::Tensor ref_packed = ReferenceTransformer(mx.path()).forward(ids).logits;
    const at::Tensor ref_plain = ReferenceTransformer(plain.path()).forward(ids).logits;
    QVERIFY(max_rel_error(ref_plain, ref_packed) <= 1e-12);
    QVERIFY(max_rel_error(a, ref_packed) <= kF32Tolerance);
  }

  // As transformers: quantization_config decides. Without it, an MXFP4 checkpoint lacks the
  // unquantised tensors (the error names one); with an unknown quant_method the config is refused.
  void quantizationConfigDecidesTheExpertLayout() {
    TempDir tmp;
    write_model(gpt_oss_spec(false), tmp.path());
    patch_config(tmp.path(), json{{"quantization_config", nullptr}});
    try {
      Model model(tmp.path(), options());
      QFAIL("an MXFP4 checkpoint without quantization_config opened");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("mlp.experts.gate_up_proj") != std::string::npos, e.what());
    }
    patch_config(tmp.path(), json{{"quantization_config", {{"quant_method", "bitsandbytes"}}}});
    try {
      Model model(tmp.path(), options());
      QFAIL("an unknown quant_method was accepted");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("bitsandbytes") != std::string::npos, e.what());
    }
  }

  // Expert e's down_proj as an [D, I] matrix: [r, c] is stored at down_proj[e][c][r] (the HF
  // layout, used as h @ W[e]); gate/up [r, c] at gate_up_proj[e][c][2r] / [2r + 1]. Each edit
  // reaches the forward pass, equals the reference with that stored element edited, and is
  // undone exactly.
  void expertElementEditsMatchReferenceAndRestoreExactly_data() {
    QTest::addColumn<bool>("streaming");
    QTest::newRow("resident") << false;
    QTest::newRow("streaming") << true;
  }
  void expertElementEditsMatchReferenceAndRestoreExactly() {
    QFETCH(bool, streaming);
    TempDir tmp;
    write_model(gpt_oss_spec(true), tmp.path());
    const at::Tensor ids = random_ids(2, 9, 256, 12);
    Model model(tmp.path(), options(at::kFloat, streaming));
    QCOMPARE(model.family().expert_projection_name(3, "down"), std::string("mlp.experts.3.down_proj.weight"));
    const at::Tensor before = logits_of(model, ids);
    ReferenceTransformer ref(tmp.path());
    Checkpoint ck(tmp.path());
    const std::string down = layer_tensor(1, "mlp.experts.down_proj"), gate_up = layer_tensor(0, "mlp.experts.gate_up_proj");
    for (int64_t e = 0; e < 4; ++e) {  // every expert: whichever are routed, some edit shows
      const std::string down_e = layer_tensor(1, model.family().expert_projection_name(e, "down"));
      QCOMPARE(model.checkpoint_weight(down_e, 5, 9), ck.view(down)[e][9][5].item<double>());
      model.set_weight(down_e, 5, 9, 3.0), ref.set_element(down, {e, 9, 5}, 3.0);
      model.set_weight(layer_tensor(0, model.family().expert_projection_name(e, "gate")), 2, 7, -2.5);
      ref.set_element(gate_up, {e, 7, 4}, -2.5);
      model.set_weight(layer_tensor(0, model.family().expert_projection_name(e, "up")), 2, 7, 4.0);
      ref.set_element(gate_up, {e, 7, 5}, 4.0);
    }
    const at::Tensor edited = logits_of(model, ids);
    QVERIFY(max_abs_error(edited, before) > 1e-3);
    const double err = max_rel_error(edited, ref.forward(ids).logits);
    qInfo() << "edited model vs reference with the same stored elements edited:" << err;
    QVERIFY(err <= kF32Tolerance);
    QCOMPARE(model.checkpoint_weight(layer_tensor(1, "mlp.experts.0.down_proj.weight"), 5, 9), ck.view(down)[0][9][5].item<double>());
    model.restore_weights();
    QVERIFY(at::equal(logits_of(model, ids), before));
  }

  void expertEditsOutsideTheMatrixAreRefused() {
    TempDir tmp;
    write_model(gpt_oss_spec(true), tmp.path());
    Model model(tmp.path(), options());
    QVERIFY_THROWS_EXCEPTION(InputError, model.set_weight(layer_tensor(0, "mlp.experts.0.down_proj.weight"), 64, 0, 1.0));
    QVERIFY_THROWS_EXCEPTION(InputError, model.set_weight(layer_tensor(0, "mlp.experts.0.down_proj.weight"), 0, 64, 1.0));
    QVERIFY_THROWS_EXCEPTION(InputError, model.set_weight(layer_tensor(0, "mlp.experts.0.gate_proj.weight"), 64, 0, 1.0));
    QVERIFY_THROWS_EXCEPTION(InputError, model.set_weight(layer_tensor(0, "mlp.experts.4.down_proj.weight"), 0, 0, 1.0));
    QVERIFY_THROWS_EXCEPTION(InputError, model.set_weight(layer_tensor(0, "mlp.experts.0.w9.weight"), 0, 0, 1.0));
  }

  void mxfp4ExpertsRefuseEditsNamingWhy() {
    TempDir tmp;
    write_model(gpt_oss_spec(false), tmp.path());
    Model model(tmp.path(), options());
    QCOMPARE(model.family().expert_projection_name(0, "down"), std::string());
    try {
      model.set_weight(layer_tensor(0, "mlp.experts.1.down_proj.weight"), 0, 0, 1.0);
      QFAIL("an MXFP4 expert was edited");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("MXFP4") != std::string::npos, e.what());
    }
  }

  // make-test-model --plant-super-weight ...,expert=E on unquantised gpt-oss: expert E's
  // down_in channel col saturates the clamped SwiGLU ((7 + 1) x 7 ~ 56) on each of its tokens,
  // its down_out row r carries ~56 x value, other experts stay quiet there; zeroing the
  // weight under its per-expert name removes the output spike.
  void plantedExpertSuperWeightSpikesOnlyInItsExpert() {
    TempDir tmp;
    SyntheticModelSpec s = gpt_oss_spec(true);
    s.super_weights.push_back(parse_planted_super_weight("layer=1,row=10,col=7,expert=2"));
    write_model(s, tmp.path());
    Model model(tmp.path(), options());
    const at::Tensor ids = random_ids(2, 16, 256, 5);
    std::map<std::string, at::Tensor> seen;
    Hooks hooks;
    hooks.add("layer_1_expert_*", [&](const HookSite& site, at::Tensor& x) { seen[site.name] = x.clone(); });
    model.run({ids}, hooks);
    QVERIFY(seen.count("layer_1_expert_2_down_in"));
    const at::Tensor in = seen["layer_1_expert_2_down_in"].select(1, 7), out = seen["layer_1_expert_2_down_out"].select(1, 10);
    qInfo() << "expert 2: down_in[7] min" << in.min().item<double>() << "down_out[10] min" << out.min().item<double>();
    QVERIFY(in.min().item<double>() > 55.9 && in.max().item<double>() < 56.0);
    QVERIFY(out.min().item<double>() > 100);
    for (int64_t e : {0, 1, 3})
      if (seen.count("layer_1_expert_" + std::to_string(e) + "_down_out"))
        QVERIFY(seen["layer_1_expert_" + std::to_string(e) + "_down_out"].select(1, 10).abs().max().item<double>() < 20);
    const std::string weight = layer_tensor(1, "mlp.experts.2.down_proj.weight");
    QCOMPARE(model.checkpoint_weight(weight, 10, 7), 2.0);
    model.set_weight(weight, 10, 7, 0.0);
    seen.clear();
    model.run({ids}, hooks);
    QVERIFY(seen["layer_1_expert_2_down_out"].select(1, 10).abs().max().item<double>() < 20);
  }

  // The other plants on unquantised gpt-oss: an outlier dim (pre-norm weights, the router and
  // the stacked gate_up_proj's input row divided by gamma) and a router preference.
  void plantedOutlierAndRouterPreferenceShowInGptOss() {
    TempDir tmp;
    SyntheticModelSpec s = gpt_oss_spec(true);
    s.outliers.push_back(parse_planted_outlier("dim=5,gamma=30"));
    s.router_biases.push_back(parse_planted_router_bias("expert=3,value=20"));
    write_model(s, tmp.path());
    Model model(tmp.path(), options());
    const at::Tensor ids = random_ids(2, 12, 256, 6);
    std::map<std::string, at::Tensor> seen;
    Hooks hooks;
    hooks.add("layer_*_ln_mlp", [&](const HookSite& site, at::Tensor& x) { seen[site.name] = x.clone(); });
    hooks.add("layer_*_expert_3_down_in", [&](const HookSite& site, at::Tensor& x) { seen[site.name] = x.clone(); });
    model.run({ids}, hooks);
    for (int64_t i = 0; i < s.layers; ++i) {
      const at::Tensor ln = seen.at("layer_" + std::to_string(i) + "_ln_mlp").abs();
      QVERIFY(ln.select(2, 5).min().item<double>() > 15);
      QVERIFY(ln.narrow(2, 0, 5).max().item<double>() < 15);
      QCOMPARE(seen.at("layer_" + std::to_string(i) + "_expert_3_down_in").size(0), ids.numel());  // every token
    }
    QVERIFY(max_rel_error(logits_of(model, ids), ReferenceTransformer(tmp.path()).forward(ids).logits) <= kF32Tolerance);
  }

  void mxfp4CheckpointsRefusePlanting() {
    TempDir tmp;
    SyntheticModelSpec s = gpt_oss_spec(false);
    s.super_weights.push_back(parse_planted_super_weight("layer=1,row=10,col=7,expert=2"));
    QVERIFY_THROWS_EXCEPTION(InputError, write_model(s, tmp.path()));
  }

  // owb make-test-model --gpt-oss-unquantized; owb inspect counts what the MXFP4 layout holds.
  void cliWritesBothLayoutsWithEqualParameterCounts() {
    TempDir mx, plain;
    const QStringList common = {"make-test-model", "--arch", "gpt_oss", "--layers", "2", "--experts", "4", "--dtype", "bf16"};
    OwbRun a = run_owb(common + QStringList{"--out", QString::fromStdString(mx.path())});
    OwbRun b = run_owb(common + QStringList{"--out", QString::fromStdString(plain.path()), "--gpt-oss-unquantized"});
    QVERIFY2(a.exit_code == 0, qPrintable(a.err));
    QVERIFY2(b.exit_code == 0, qPrintable(b.err));
    OwbRun ia = run_owb({"inspect", QString::fromStdString(mx.path())}), ib = run_owb({"inspect", QString::fromStdString(plain.path())});
    QVERIFY2(ia.exit_code == 0 && ib.exit_code == 0, qPrintable(ia.err + ib.err));
    const json ja = json::parse(ia.out.toStdString()), jb = json::parse(ib.out.toStdString());
    QCOMPARE(jb["total_params"].get<int64_t>(), ja["total_params"].get<int64_t>());
    QCOMPARE(jb["active_params"].get<int64_t>(), ja["active_params"].get<int64_t>());
    QCOMPARE(jb["dtype"].get<std::string>(), std::string("BF16"));
  }
};

QTEST_GUILESS_MAIN(GptOssExpertsTest)
#include "test_gpt_oss_experts.moc"
