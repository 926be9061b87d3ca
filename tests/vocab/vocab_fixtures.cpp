#include "vocab_fixtures.h"

#include "checkpoint.h"

#include <fstream>

namespace owb::test {

using nlohmann::json;

void write_super_weight_model(const std::string& dir, int64_t layers, const std::vector<std::string>& plants, bool tie) {
  std::vector<std::string> args = {"make-test-model", "--arch", "llama", "--out", dir, "--layers", std::to_string(layers),
                                   "--tokenizer", fixture_tokenizer_dir()};
  if (tie) args.push_back("--tie");
  for (const auto& p : plants) args.insert(args.end(), {"--plant-super-weight", p});
  OwbRun r = run_owb(strings(args));
  if (r.exit_code != 0) throw std::runtime_error("make-test-model failed: " + r.err.toStdString());
}

at::Tensor checkpoint_tensor_f64(const std::string& dir, const std::string& name) {
  Checkpoint c(dir);
  return c.view(name).to(at::kDouble).clone();
}

void set_in_file(const std::string& file, const std::string& tensor, int64_t row, int64_t col, float value) {
  std::fstream f(file, std::ios::in | std::ios::out | std::ios::binary);
  uint64_t header_len = 0;
  f.read(reinterpret_cast<char*>(&header_len), 8);
  std::string header(header_len, '\0');
  f.read(header.data(), static_cast<std::streamsize>(header_len));
  const json t = json::parse(header).at(tensor);
  if (t["dtype"] != "F32") throw std::runtime_error("expected an F32 tensor");
  int64_t cols = t["shape"][1];
  int64_t offset = 8 + static_cast<int64_t>(header_len) + t["data_offsets"][0].get<int64_t>() + 4 * (row * cols + col);
  f.seekp(offset);
  f.write(reinterpret_cast<const char*>(&value), 4);
  if (!f) throw std::runtime_error("cannot edit " + file);
}

at::Tensor forward_logits(const std::string& model_dir, const std::vector<std::vector<int32_t>>& rows, const TempDir& tmp) {
  write_file(tmp.file("ids.json"), json(rows).dump());
  OwbRun r = run_owb({"forward", QString::fromStdString(model_dir), "--ids-file", QString::fromStdString(tmp.file("ids.json")),
                      "--logits-out", QString::fromStdString(tmp.file("logits.npy"))});
  if (r.exit_code != 0) throw std::runtime_error("owb forward failed: " + r.err.toStdString());
  return read_npy_f32(tmp.file("logits.npy")).data.to(at::kDouble);
}

}  // namespace owb::test
