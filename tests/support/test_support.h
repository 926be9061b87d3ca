#pragma once
// Helpers every test suite shares: temporary folders, running the owb CLI, fuzzy tensor
// compares, tiny synthetic checkpoints and hand-made (possibly broken) safetensors files.
#include "synthetic_checkpoint.h"

#include <ATen/ATen.h>
#include <nlohmann/json.hpp>

#include <QStringList>
#include <QTemporaryDir>

#include <cstdint>
#include <string>
#include <vector>

namespace owb::test {

// A folder removed when the object dies.
class TempDir {
 public:
  TempDir();
  const std::string& path() const { return path_; }
  // path()/relative
  std::string file(const std::string& relative) const;

 private:
  QTemporaryDir dir_;
  std::string path_;
};

struct OwbRun {
  int exit_code = -1;  // -1: did not start or did not finish in time
  QString out;
  QString err;
};
// Runs the owb binary built with the tests (OWB_BINARY).
OwbRun run_owb(const QStringList& args, int timeout_ms = 120000);
// Several owb runs side by side (each spends ~0.5 s just loading libtorch); results in order.
std::vector<OwbRun> run_owb_parallel(const std::vector<QStringList>& runs, int timeout_ms = 120000);

// max |actual - expected|, computed in fp64.
double max_abs_error(const at::Tensor& actual, const at::Tensor& expected);
// max |actual - expected| / max |expected|: one number per comparison, robust to tiny entries.
double max_rel_error(const at::Tensor& actual, const at::Tensor& expected);

// A small model that runs in milliseconds: 2 layers, hidden 64, 4 heads, 2 kv heads,
// intermediate 128, vocabulary 256, f32.
SyntheticModelSpec small_spec(const std::string& arch);
// Writes the synthetic checkpoint into `dir`, then merges `config_patch` into its config.json
// (RFC 7386 merge patch: null removes a key).
void write_model(const SyntheticModelSpec& spec, const std::string& dir,
                 const nlohmann::json& config_patch = nlohmann::json::object());
void patch_config(const std::string& dir, const nlohmann::json& config_patch);

// Deterministic token ids in [0, vocab): [batch, positions] int64.
at::Tensor random_ids(int64_t batch, int64_t positions, int64_t vocab, uint64_t seed);

// A safetensors file with exactly the bytes given: u64 header length (or `declared_header_length`
// when >= 0), the header text, then `data`. For writing files the reference writer never would.
void write_raw_safetensors(const std::string& path, const std::string& header, const std::string& data,
                           int64_t declared_header_length = -1);
// Bytes of a float32 tensor, row-major.
std::string f32_bytes(const at::Tensor& t);

// A float32 .npy file: its shape and data.
struct NpyArray {
  std::vector<int64_t> shape;
  at::Tensor data;  // float32 with that shape
};
// Reads a little-endian float32, C-order .npy (format 1.0/2.0); throws std::runtime_error otherwise.
NpyArray read_npy_f32(const std::string& path);

std::string read_file(const std::string& path);
void write_file(const std::string& path, const std::string& bytes);

}  // namespace owb::test
