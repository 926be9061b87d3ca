// Broken checkpoints never crash the engine: every one raises owb::InputError whose message
// names the file (or folder) and the tensor or field at fault, and `owb forward` turns it into
// exit code 1 with that message on stderr.
#include "errors.h"
#include "model.h"
#include "safetensors_file.h"
#include "test_support.h"

#include <QtTest>

#include <filesystem>
#include <functional>
#include <map>

using namespace owb;
using namespace owb::test;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

struct BrokenCase {
  std::function<void(const std::string& dir)> make;  // writes a broken checkpoint into dir
  // Substrings the message must contain; "{dir}" stands for the checkpoint folder.
  std::vector<std::string> mentions;
};

std::string weights(const std::string& dir) { return (fs::path(dir) / "model.safetensors").string(); }
std::string config(const std::string& dir) { return (fs::path(dir) / "config.json").string(); }

void valid_model(const std::string& dir, int shards = 1) {
  SyntheticModelSpec s = small_spec("llama");
  s.shards = shards;
  write_model(s, dir);
}

// Rewrites model.safetensors of a valid model after `edit` changed its tensor list.
void edit_tensors(const std::string& dir, const std::function<void(std::vector<TensorBlob>&)>& edit) {
  valid_model(dir);
  std::vector<TensorBlob> blobs;
  {
    SafetensorsFile f(weights(dir));
    for (const auto& [name, t] : f.tensors())
      blobs.push_back({name, t.dtype, t.shape, std::string(reinterpret_cast<const char*>(f.data(t)), t.end - t.begin)});
  }
  edit(blobs);
  write_safetensors(weights(dir), blobs);
}

TensorBlob& blob(std::vector<TensorBlob>& blobs, const std::string& name) {
  for (auto& b : blobs)
    if (b.name == name) return b;
  throw std::runtime_error("no blob " + name);
}

void remove_blob(std::vector<TensorBlob>& blobs, const std::string& name) {
  blobs.erase(std::remove_if(blobs.begin(), blobs.end(), [&](const TensorBlob& b) { return b.name == name; }), blobs.end());
}

// A valid model whose model.safetensors is replaced by exactly these bytes.
std::function<void(const std::string&)> raw_weights(std::string header, std::string data, int64_t declared = -1) {
  return [=](const std::string& dir) {
    valid_model(dir);
    write_raw_safetensors(weights(dir), header, data, declared);
  };
}

std::function<void(const std::string&)> patched_config(json patch) {
  return [=](const std::string& dir) {
    valid_model(dir);
    patch_config(dir, patch);
  };
}

std::function<void(const std::string&)> truncated_weights(int64_t keep_bytes_or_minus_cut) {
  return [=](const std::string& dir) {
    valid_model(dir);
    const uint64_t size = fs::file_size(weights(dir));
    fs::resize_file(weights(dir), keep_bytes_or_minus_cut >= 0 ? keep_bytes_or_minus_cut : size + keep_bytes_or_minus_cut);
  };
}

const std::string kEmbed = "model.embed_tokens.weight";

const std::map<std::string, BrokenCase>& broken_cases() {
  static const std::map<std::string, BrokenCase> cases = [] {
    std::map<std::string, BrokenCase> m;
    const std::string file = "{dir}/model.safetensors";
    // safetensors container
    m["file shorter than the 8-byte header length"] = {truncated_weights(5), {file, "too short"}};
    m["truncated data"] = {truncated_weights(-100), {file, "truncated", "tensor \""}};
    m["header length past the end of the file"] = {truncated_weights(60), {file, "header length", "past the end"}};
    m["header length over the 100 MB limit"] = {raw_weights("{}", "", 200'000'000), {file, "header length 200000000"}};
    m["header is not JSON"] = {raw_weights("{\"a\": [1, 2", ""), {file, "not valid JSON"}};
    m["header is a JSON array"] = {raw_weights("[1, 2]", ""), {file, "not a JSON object"}};
    m["offsets out of range"] = {raw_weights(R"({")" + kEmbed + R"(": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}})", std::string(8, '\0')),
                                 {file, kEmbed, "ends at byte 16"}};
    m["overlapping tensors"] = {raw_weights(R"({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                                              "b": {"dtype": "F32", "shape": [4], "data_offsets": [8, 24]}})", std::string(24, '\0')),
                                {file, "\"b\"", "overlaps"}};
    m["gap between tensors"] = {raw_weights(R"({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]},
                                              "b": {"dtype": "F32", "shape": [4], "data_offsets": [20, 36]}})", std::string(36, '\0')),
                                {file, "\"b\"", "gap of 4 bytes"}};
    m["bytes after the last tensor"] = {raw_weights(R"({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 16]}})", std::string(20, '\0')),
                                        {file, "4 bytes after the last tensor"}};
    m["dtype and shape disagree with the byte size"] = {
        raw_weights(R"({"a": {"dtype": "F32", "shape": [4], "data_offsets": [0, 12]}})", std::string(12, '\0')), {file, "\"a\"", "12 bytes"}};
    m["unknown dtype"] = {raw_weights(R"({"a": {"dtype": "F99", "shape": [4], "data_offsets": [0, 16]}})", std::string(16, '\0')),
                          {file, "\"a\"", "F99"}};
    m["negative dimension"] = {raw_weights(R"({"a": {"dtype": "F32", "shape": [-4], "data_offsets": [0, 16]}})", std::string(16, '\0')),
                               {file, "\"a\"", "negative"}};
    // 2^32 x 2^32 elements: the byte count overflows 64 bits and must not wrap around to 0.
    m["shape whose byte size overflows"] = {
        raw_weights(R"({"a": {"dtype": "F32", "shape": [4294967296, 4294967296], "data_offsets": [0, 0]}})", ""), {file, "\"a\""}};
    m["entry without data_offsets"] = {raw_weights(R"({"a": {"dtype": "F32", "shape": [4]}})", ""), {file, "\"a\"", "data_offsets"}};
    // tensors the family needs
    m["missing layer tensor"] = {[](const std::string& dir) { edit_tensors(dir, [](auto& b) { remove_blob(b, "model.layers.1.mlp.up_proj.weight"); }); },
                                 {"{dir}", "model.layers.1.mlp.up_proj.weight"}};
    m["missing embedding"] = {[](const std::string& dir) { edit_tensors(dir, [](auto& b) { remove_blob(b, kEmbed); }); }, {"{dir}", kEmbed}};
    m["missing final norm"] = {[](const std::string& dir) { edit_tensors(dir, [](auto& b) { remove_blob(b, "model.norm.weight"); }); },
                               {"{dir}", "model.norm.weight"}};
    m["wrong layer tensor shape"] = {[](const std::string& dir) {
                                       edit_tensors(dir, [](auto& b) {
                                         TensorBlob& k = blob(b, "model.layers.0.self_attn.k_proj.weight");
                                         k.shape = {16, 128};  // same bytes as [32, 64]
                                       });
                                     },
                                     {file, "model.layers.0.self_attn.k_proj.weight", "[16, 128]", "[32, 64]"}};
    m["wrong embedding width"] = {[](const std::string& dir) { edit_tensors(dir, [](auto& b) { blob(b, kEmbed).shape = {512, 32}; }); },
                                  {file, kEmbed}};
    m["wrong lm_head shape"] = {[](const std::string& dir) { edit_tensors(dir, [](auto& b) { blob(b, "lm_head.weight").shape = {512, 32}; }); },
                                {file, "lm_head.weight", "[512, 32]"}};
    m["wrong final norm shape"] = {[](const std::string& dir) {
                                     edit_tensors(dir, [](auto& b) {
                                       TensorBlob& n = blob(b, "model.norm.weight");
                                       n.shape = {1};
                                       n.bytes.resize(4);
                                     });
                                   },
                                   {file, "model.norm.weight", "[1]"}};
    m["tensor in a dtype the engine cannot compute in"] = {[](const std::string& dir) {
                                                             edit_tensors(dir, [](auto& b) {
                                                               TensorBlob& t = blob(b, "model.layers.0.mlp.gate_proj.weight");
                                                               t.dtype = "F8_E4M3";
                                                               t.bytes.resize(t.bytes.size() / 4);
                                                             });
                                                           },
                                                           {file, "model.layers.0.mlp.gate_proj.weight", "F8_E4M3"}};
    // sharded checkpoints
    m["shard named by the index is missing"] = {[](const std::string& dir) {
                                                  valid_model(dir, 2);
                                                  fs::remove(fs::path(dir) / "model-00002-of-00002.safetensors");
                                                },
                                                {"{dir}/model.safetensors.index.json", "model-00002-of-00002.safetensors"}};
    m["index names a tensor its shard lacks"] = {[](const std::string& dir) {
                                                   valid_model(dir, 2);
                                                   std::string index = (fs::path(dir) / "model.safetensors.index.json").string();
                                                   json j = json::parse(read_file(index));
                                                   j["weight_map"]["model.layers.0.mlp.extra.weight"] = "model-00001-of-00002.safetensors";
                                                   write_file(index, j.dump());
                                                 },
                                                 {"{dir}/model-00001-of-00002.safetensors", "model.layers.0.mlp.extra.weight"}};
    m["index without weight_map"] = {[](const std::string& dir) {
                                       valid_model(dir, 2);
                                       write_file((fs::path(dir) / "model.safetensors.index.json").string(), R"({"metadata": {}})");
                                     },
                                     {"{dir}/model.safetensors.index.json", "weight_map"}};
    m["index is not JSON"] = {[](const std::string& dir) {
                                valid_model(dir, 2);
                                write_file((fs::path(dir) / "model.safetensors.index.json").string(), "{\"weight_map\": ");
                              },
                              {"{dir}/model.safetensors.index.json", "malformed JSON"}};
    m["no weights at all"] = {[](const std::string& dir) {
                                valid_model(dir);
                                fs::remove(weights(dir));
                              },
                              {"{dir}", "model.safetensors"}};
    // config.json
    m["config.json missing"] = {[](const std::string& dir) {
                                  valid_model(dir);
                                  fs::remove(config(dir));
                                },
                                {"{dir}/config.json", "cannot open"}};
    m["config.json malformed"] = {[](const std::string& dir) {
                                    valid_model(dir);
                                    write_file(config(dir), "{\"model_type\": \"llama\",");
                                  },
                                  {"{dir}/config.json", "malformed JSON"}};
    m["unknown model_type"] = {patched_config({{"model_type", "gpt9"}}), {"config.json", "\"gpt9\"", "llama", "qwen3", "olmo2", "gpt_neox"}};
    m["missing hidden_size"] = {patched_config({{"hidden_size", nullptr}}), {"{dir}/config.json", "hidden_size"}};
    m["zero num_key_value_heads"] = {patched_config({{"num_key_value_heads", 0}}), {"{dir}/config.json", "num_key_value_heads"}};
    m["heads not a multiple of kv heads"] = {patched_config({{"num_key_value_heads", 3}}), {"{dir}/config.json", "num_key_value_heads"}};
    m["field of the wrong type"] = {patched_config({{"rope_theta", "ten thousand"}}), {"{dir}/config.json", "rope_theta"}};
    m["rope_scaling factor of the wrong type"] = {patched_config({{"rope_scaling", {{"rope_type", "linear"}, {"factor", "2x"}}}}),
                                                  {"{dir}/config.json", "factor"}};
    m["unknown rope_scaling type"] = {patched_config({{"rope_scaling", {{"rope_type", "longrope"}, {"factor", 2.0}}}}),
                                      {"{dir}/config.json", "longrope"}};
    m["unknown hidden_act"] = {patched_config({{"hidden_act", "swishy"}}), {"config.json", "swishy"}};
    m["not a directory"] = {[](const std::string& dir) { fs::remove_all(dir); }, {"{dir}", "not a directory"}};
    return m;
  }();
  return cases;
}

std::string expand(std::string text, const std::string& dir) {
  const std::string key = "{dir}";
  for (size_t at = text.find(key); at != std::string::npos; at = text.find(key, at + dir.size())) text.replace(at, key.size(), dir);
  return text;
}

// The checkpoint folder of a case inside `root`.
std::string make_case(const BrokenCase& c, const std::string& root) {
  std::string dir = (fs::path(root) / "ckpt").string();
  fs::create_directories(dir);
  c.make(dir);
  return dir;
}

std::string missing_mention(const BrokenCase& c, const std::string& dir, const std::string& message) {
  for (const auto& m : c.mentions)
    if (message.find(expand(m, dir)) == std::string::npos) return expand(m, dir);
  return {};
}

}  // namespace

class MalformedCheckpointsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void engineRaisesInputErrorNamingFileAndTensor_data() {
    QTest::addColumn<QString>("name");
    for (const auto& [name, c] : broken_cases()) QTest::newRow(name.c_str()) << QString::fromStdString(name);
  }
  void engineRaisesInputErrorNamingFileAndTensor() {
    QFETCH(QString, name);
    const BrokenCase& c = broken_cases().at(name.toStdString());
    TempDir tmp;
    const std::string dir = make_case(c, tmp.path());
    try {
      Model model(dir, EngineOptions());
      model.run({random_ids(1, 4, 256, 1)}, Hooks(), [&](int64_t, const at::Tensor& h) { model.logits(h); });
    } catch (const InputError& e) {
      const std::string missing = missing_mention(c, dir, e.what());
      if (!missing.empty()) QFAIL(("message lacks \"" + missing + "\": " + e.what()).c_str());
      return;
    } catch (const std::exception& e) {
      QFAIL((std::string("not an owb::InputError: ") + e.what()).c_str());
    }
    QFAIL("no error raised");
  }

  // `owb forward` maps every InputError to exit code 1 with the message on stderr. One case per
  // kind of fault (container, tensor, shard index, config) keeps the suite fast: each process
  // spends ~0.5 s loading libtorch. They run side by side.
  void cliExitsWithCode1AndPrintsTheMessage() {
    TempDir tmp;
    const std::string ids = tmp.file("ids.json");
    write_file(ids, "[1, 2, 3]");
    const std::vector<std::string> names = {
        "truncated data",      "overlapping tensors",          "shape whose byte size overflows",     "missing layer tensor",
        "wrong lm_head shape", "shard named by the index is missing", "index names a tensor its shard lacks",
        "config.json malformed", "unknown model_type",         "zero num_key_value_heads",            "field of the wrong type"};
    std::vector<std::string> dirs;
    std::vector<QStringList> runs;
    for (const auto& name : names) {
      const std::string root = tmp.file("case" + std::to_string(dirs.size()));
      dirs.push_back(make_case(broken_cases().at(name), root));
      runs.push_back({"forward", QString::fromStdString(dirs.back()), "--ids-file", QString::fromStdString(ids), "--logits-out",
                      QString::fromStdString(root + "/logits.npy")});
    }
    const std::vector<OwbRun> results = run_owb_parallel(runs);
    for (size_t i = 0; i < names.size(); ++i) {
      const std::string err = results[i].err.toStdString();
      const std::string what = names[i] + ": exit " + std::to_string(results[i].exit_code) + ", stderr: " + err;
      QVERIFY2(results[i].exit_code == 1, what.c_str());
      QVERIFY2(err.find("error: ") != std::string::npos, what.c_str());
      QVERIFY2(missing_mention(broken_cases().at(names[i]), dirs[i], err).empty(), what.c_str());
      QVERIFY2(!fs::exists(fs::path(dirs[i]).parent_path() / "logits.npy"), what.c_str());
    }
  }

  // `owb inspect` validates the same headers and config without reading weights.
  void inspectExitsWithCode1OnMalformedHeaders_data() {
    QTest::addColumn<QString>("name");
    for (const char* name : {"gap between tensors", "index without weight_map", "unknown rope_scaling type"}) QTest::newRow(name) << name;
  }
  void inspectExitsWithCode1OnMalformedHeaders() {
    QFETCH(QString, name);
    const BrokenCase& c = broken_cases().at(name.toStdString());
    TempDir tmp;
    const std::string dir = make_case(c, tmp.path());
    OwbRun run = run_owb({"inspect", QString::fromStdString(dir)});
    QCOMPARE(run.exit_code, 1);
    QVERIFY2(missing_mention(c, dir, run.err.toStdString()).empty(), qPrintable(run.err));
    QVERIFY(run.out.isEmpty());
  }
};

QTEST_GUILESS_MAIN(MalformedCheckpointsTest)
#include "test_malformed_checkpoints.moc"
