// The owb CLI on top of the engine: `owb forward` writes the logits the engine computes in
// process (.npy) and the hooked activations (.safetensors); `owb inspect` reports what the
// checkpoint holds; bad arguments exit with code 2 and a usage line, bad input with code 1.
#include "model.h"
#include "reference_transformer.h"
#include "safetensors_file.h"
#include "test_support.h"

#include <QtTest>

#include <map>
#include <set>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// Logits and every hook of an in-process run over one batch.
struct InProcess {
  at::Tensor logits;
  std::map<std::string, at::Tensor> hooks;
};

InProcess run_in_process(const std::string& dir, const at::Tensor& ids) {
  InProcess r;
  Model model(dir, EngineOptions());
  Hooks hooks;
  hooks.add("*", [&](const HookSite& site, at::Tensor& x) { r.hooks[site.name] = x.clone(); });
  model.run({ids}, hooks, [&](int64_t, const at::Tensor& h) { r.logits = model.logits(h); });
  return r;
}

std::string ids_json(const at::Tensor& ids, bool single) {
  json rows = json::array();
  for (int64_t b = 0; b < ids.size(0); ++b) {
    json row = json::array();
    for (int64_t t = 0; t < ids.size(1); ++t) row.push_back(ids[b][t].item<int64_t>());
    rows.push_back(row);
  }
  return (single ? rows[0] : rows).dump();
}

at::Tensor read_safetensors_tensor(const SafetensorsFile& f, const std::string& name) {
  const TensorInfo& t = f.info(name);
  return at::from_blob(const_cast<uint8_t*>(f.data(t)), t.shape, at::kFloat).clone();
}

// Parameters of the small synthetic models, from the config alone (independent of the checkpoint).
int64_t expected_parameters(const std::string& arch, const SyntheticModelSpec& s) {
  const int64_t D = s.hidden, I = s.intermediate, V = s.vocab, L = s.layers;
  const int64_t E = s.head_dim > 0 ? s.head_dim : D / s.heads, qd = s.heads * E, kvd = s.kv_heads * E;
  const int64_t head = s.tie_word_embeddings ? 0 : V * D;
  if (arch == "gpt_neox")
    return V * D + head + 2 * D + L * (4 * D + (3 * D * D + 3 * D) + (D * D + D) + (I * D + I) + (D * I + D));
  int64_t layer = D * qd + 2 * D * kvd + qd * D + 3 * D * I + 2 * D;
  if (arch == "qwen3") layer += 2 * E;
  return V * D + head + D + L * layer;
}

}  // namespace

class CliTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // One sequence -> [T, V]; several -> [B, T, V]; values equal the in-process engine's, and the
  // hooks file holds exactly the selected hook points with the in-process values.
  void forwardWritesLogitsNpyAndHooksSafetensors() {
    TempDir tmp;
    SyntheticModelSpec spec = small_spec("qwen3");
    write_model(spec, tmp.path());
    const at::Tensor single = random_ids(1, 7, spec.vocab, 1), batch = random_ids(3, 5, spec.vocab, 2);
    write_file(tmp.file("single.json"), ids_json(single, true));
    write_file(tmp.file("batch.json"), ids_json(batch, false));
    const QStringList hooks = {"--hooks", "layer_1_ln_mlp", "--hooks", "layer_*_mlp_down_in"};
    auto runs = run_owb_parallel({
        QStringList{"forward", q(tmp.path()), "--ids-file", q(tmp.file("single.json")), "--logits-out", q(tmp.file("single.npy")),
                    "--hooks-out", q(tmp.file("single.safetensors"))} + hooks,
        QStringList{"forward", q(tmp.path()), "--ids-file", q(tmp.file("batch.json")), "--logits-out", q(tmp.file("batch.npy")),
                    "--hooks-out", q(tmp.file("batch.safetensors"))} + hooks,
    });
    for (const auto& r : runs) QVERIFY2(r.exit_code == 0, qPrintable(r.err));

    const std::set<std::string> selected = {"layer_1_ln_mlp", "layer_0_mlp_down_in", "layer_1_mlp_down_in"};
    for (const auto& [name, ids, is_single] : {std::tuple{std::string("single"), single, true}, std::tuple{std::string("batch"), batch, false}}) {
      InProcess expected = run_in_process(tmp.path(), ids);
      NpyArray npy = read_npy_f32(tmp.file(name + ".npy"));
      const at::Tensor want = is_single ? expected.logits.squeeze(0) : expected.logits;
      QCOMPARE(npy.shape, want.sizes().vec());
      QCOMPARE(npy.shape.back(), spec.vocab);
      QVERIFY(max_rel_error(npy.data, want) <= 1e-6);

      SafetensorsFile hooks_file(tmp.file(name + ".safetensors"));
      std::set<std::string> names;
      for (const auto& [n, info] : hooks_file.tensors()) {
        names.insert(n);
        QCOMPARE(info.dtype, std::string("F32"));
      }
      QCOMPARE(names, selected);
      for (const auto& n : selected) {
        const at::Tensor want_hook = is_single ? expected.hooks.at(n).squeeze(0) : expected.hooks.at(n);
        const at::Tensor got = read_safetensors_tensor(hooks_file, n);
        QCOMPARE(got.sizes().vec(), want_hook.sizes().vec());
        QVERIFY(max_rel_error(got, want_hook) <= 1e-6);
      }
    }
  }

  // --streaming gives the resident logits; --dtype bf16 stays near the float64 reference.
  void forwardStreamingAndBf16MatchTheirReferences() {
    TempDir tmp;
    SyntheticModelSpec spec = small_spec("llama");
    write_model(spec, tmp.path());
    const at::Tensor ids = random_ids(2, 6, spec.vocab, 4);
    write_file(tmp.file("ids.json"), ids_json(ids, false));
    auto forward = [&](const std::string& out, QStringList extra) {
      return QStringList{"forward", q(tmp.path()), "--ids-file", q(tmp.file("ids.json")), "--logits-out", q(tmp.file(out))} + extra;
    };
    auto runs = run_owb_parallel({forward("resident.npy", {}), forward("streaming.npy", {"--streaming"}),
                                  forward("bf16.npy", {"--dtype", "bf16"})});
    for (const auto& r : runs) QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    QVERIFY(at::equal(read_npy_f32(tmp.file("streaming.npy")).data, read_npy_f32(tmp.file("resident.npy")).data));
    const at::Tensor reference = ReferenceTransformer(tmp.path()).forward(ids).logits;
    QVERIFY(max_rel_error(read_npy_f32(tmp.file("resident.npy")).data, reference) <= 1e-4);
    QVERIFY(max_rel_error(read_npy_f32(tmp.file("bf16.npy")).data, reference) <= 5e-2);
  }

  // Counts in `owb inspect` equal both the sum over the checkpoint's tensors and what config.json
  // implies; hook_points lists the five points of every layer.
  void inspectReportsCountsMatchingCheckpointAndConfig() {
    TempDir tmp;
    std::vector<SyntheticModelSpec> specs = {small_spec("llama"), small_spec("qwen3"), small_spec("gpt_neox")};
    specs[1].tie_word_embeddings = true;
    specs[1].shards = 2;
    specs[1].head_dim = 32;
    specs[2].layers = 3;
    std::vector<QStringList> runs;
    for (size_t i = 0; i < specs.size(); ++i) {
      write_model(specs[i], tmp.file(std::to_string(i)));
      runs.push_back({"inspect", q(tmp.file(std::to_string(i)))});
    }
    auto results = run_owb_parallel(runs);
    for (size_t i = 0; i < specs.size(); ++i) {
      const SyntheticModelSpec& s = specs[i];
      QVERIFY2(results[i].exit_code == 0, qPrintable(results[i].err));
      json j = json::parse(results[i].out.toStdString());
      Checkpoint ck(tmp.file(std::to_string(i)));
      int64_t params = 0, bytes = 0;
      for (const auto& name : ck.names()) {
        params += ck.info(name).numel();
        bytes += static_cast<int64_t>(ck.info(name).end - ck.info(name).begin);
      }
      QCOMPARE(j["model_type"].get<std::string>(), s.arch);
      QCOMPARE(j["total_params"].get<int64_t>(), params);
      QCOMPARE(j["total_params"].get<int64_t>(), expected_parameters(s.arch, s));
      QCOMPARE(j["bytes_total"].get<int64_t>(), bytes);
      QCOMPARE(j["layers"].get<int64_t>(), s.layers);
      QCOMPARE(j["hidden_size"].get<int64_t>(), s.hidden);
      QCOMPARE(j["intermediate_size"].get<int64_t>(), s.intermediate);
      QCOMPARE(j["heads"].get<int64_t>(), s.heads);
      QCOMPARE(j["kv_heads"].get<int64_t>(), s.kv_heads);
      QCOMPARE(j["head_dim"].get<int64_t>(), s.head_dim > 0 ? s.head_dim : s.hidden / s.heads);
      QCOMPARE(j["vocab"].get<int64_t>(), s.vocab);
      QCOMPARE(j["tie_word_embeddings"].get<bool>(), s.tie_word_embeddings);
      QCOMPARE(j["bytes_per_layer"].size(), static_cast<size_t>(s.layers));
      const auto hook_points = j["hook_points"].get<std::vector<std::string>>();
      QCOMPARE(hook_points.size(), static_cast<size_t>(5 * s.layers));
      for (int64_t layer = 0; layer < s.layers; ++layer)
        for (const char* point : {"ln_attn", "ln_mlp", "mlp_down_in", "mlp_down_out", "resid_post"}) {
          const std::string name = "layer_" + std::to_string(layer) + "_" + point;
          QVERIFY2(std::find(hook_points.begin(), hook_points.end(), name) != hook_points.end(), name.c_str());
        }
    }
  }

  void badArgumentsExitWithCode2AndShowUsage() {
    TempDir tmp;
    write_model(small_spec("llama"), tmp.path());
    write_file(tmp.file("ids.json"), "[1, 2, 3]");
    const QString dir = q(tmp.path()), ids = q(tmp.file("ids.json")), out = q(tmp.file("out.npy"));
    const std::vector<std::pair<const char*, QStringList>> cases = {
        {"no command", {}},
        {"unknown command", {"frobnicate"}},
        {"forward without arguments", {"forward"}},
        {"forward without --logits-out", {"forward", dir, "--ids-file", ids}},
        {"forward with an unknown option", {"forward", dir, "--ids-file", ids, "--logits-out", out, "--bogus"}},
        {"option missing its value", {"forward", dir, "--logits-out", out, "--ids-file"}},
        {"--hooks without --hooks-out", {"forward", dir, "--ids-file", ids, "--logits-out", out, "--hooks", "*"}},
        {"unknown --dtype", {"forward", dir, "--ids-file", ids, "--logits-out", out, "--dtype", "f7"}},
        {"inspect with two folders", {"inspect", dir, dir}},
        {"make-test-model without --arch", {"make-test-model", "--out", q(tmp.file("m"))}},
    };
    std::vector<QStringList> runs;
    for (const auto& c : cases) runs.push_back(c.second);
    auto results = run_owb_parallel(runs);
    QStringList failures;  // every case reported, not just the first
    for (size_t i = 0; i < cases.size(); ++i) {
      const OwbRun& r = results[i];
      if (r.exit_code != 2 || !(r.err + r.out).contains("usage: owb"))
        failures << QString("%1: exit %2, stdout: %3, stderr: %4").arg(cases[i].first).arg(r.exit_code).arg(r.out, r.err);
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
    QVERIFY(!QFile::exists(out));
  }

  void forwardRejectsBadTokenIdsWithCode1() {
    TempDir tmp;
    write_model(small_spec("llama"), tmp.path());
    write_file(tmp.file("outside.json"), "[1, 2, 999]");
    write_file(tmp.file("ragged.json"), "[[1, 2], [3]]");
    auto forward = [&](const std::string& ids) {
      return QStringList{"forward", q(tmp.path()), "--ids-file", q(tmp.file(ids)), "--logits-out", q(tmp.file("out.npy"))};
    };
    auto results = run_owb_parallel({forward("outside.json"), forward("ragged.json"), forward("absent.json")});
    const std::vector<QStringList> mentions = {{"token id 999", "256"}, {q(tmp.file("ragged.json")), "sequence 1"}, {q(tmp.file("absent.json"))}};
    for (size_t i = 0; i < results.size(); ++i) {
      QVERIFY2(results[i].exit_code == 1, qPrintable(results[i].err));
      for (const auto& m : mentions[i]) QVERIFY2(results[i].err.contains(m), qPrintable(results[i].err));
    }
    QVERIFY(!QFile::exists(q(tmp.file("out.npy"))));
  }
};

QTEST_GUILESS_MAIN(CliTest)
#include "test_cli.moc"
