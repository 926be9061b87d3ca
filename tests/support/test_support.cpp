#include "test_support.h"

#include <ATen/CPUGeneratorImpl.h>

#include <QProcess>

#include <filesystem>
#include <memory>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace owb::test {

TempDir::TempDir() {
  if (!dir_.isValid()) throw std::runtime_error("cannot create a temporary directory");
  path_ = dir_.path().toStdString();
}

std::string TempDir::file(const std::string& relative) const { return (std::filesystem::path(path_) / relative).string(); }

OwbRun run_owb(const QStringList& args, int timeout_ms) { return run_owb_parallel({args}, timeout_ms).front(); }

std::vector<OwbRun> run_owb_parallel(const std::vector<QStringList>& runs, int timeout_ms) {
  std::vector<std::unique_ptr<QProcess>> processes;
  for (const auto& args : runs) {
    processes.push_back(std::make_unique<QProcess>());
    processes.back()->start(QStringLiteral(OWB_BINARY), args);
  }
  std::vector<OwbRun> results(runs.size());
  for (size_t i = 0; i < runs.size(); ++i) {
    QProcess& p = *processes[i];
    OwbRun& r = results[i];
    if (!p.waitForStarted(timeout_ms)) {
      r.err = QStringLiteral("cannot start " OWB_BINARY);
      continue;
    }
    if (!p.waitForFinished(timeout_ms)) {
      p.kill();
      p.waitForFinished();
      r.err = QStringLiteral("timed out");
      continue;
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    r.exit_code = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
  }
  return results;
}

double max_abs_error(const at::Tensor& actual, const at::Tensor& expected) {
  if (actual.sizes() != expected.sizes())
    throw std::runtime_error("max_abs_error: shapes differ: " + c10::str(actual.sizes()) + " vs " + c10::str(expected.sizes()));
  if (actual.numel() == 0) return 0.0;
  return (actual.to(at::kDouble) - expected.to(at::kDouble)).abs().max().item<double>();
}

double max_rel_error(const at::Tensor& actual, const at::Tensor& expected) {
  double scale = expected.numel() == 0 ? 0.0 : expected.to(at::kDouble).abs().max().item<double>();
  double err = max_abs_error(actual, expected);
  if (scale == 0.0) return err == 0.0 ? 0.0 : std::numeric_limits<double>::infinity();
  return err / scale;
}

SyntheticModelSpec small_spec(const std::string& arch) {
  SyntheticModelSpec s;
  s.arch = arch;
  s.layers = 2;
  s.hidden = 64;
  s.heads = 4;
  s.kv_heads = arch == "gpt_neox" ? 4 : 2;
  s.intermediate = 128;
  s.vocab = 256;
  s.seed = 7;
  return s;
}

void patch_config(const std::string& dir, const nlohmann::json& config_patch) {
  if (config_patch.is_null() || config_patch.empty()) return;
  std::string path = (std::filesystem::path(dir) / "config.json").string();
  nlohmann::json c = nlohmann::json::parse(read_file(path));
  c.merge_patch(config_patch);
  write_file(path, c.dump(2));
}

void write_model(const SyntheticModelSpec& spec, const std::string& dir, const nlohmann::json& config_patch) {
  write_synthetic_checkpoint(spec, dir);
  patch_config(dir, config_patch);
}

at::Tensor random_ids(int64_t batch, int64_t positions, int64_t vocab, uint64_t seed) {
  at::Generator gen = at::detail::createCPUGenerator(seed);
  return at::randint(vocab, {batch, positions}, gen, at::kLong);
}

void write_raw_safetensors(const std::string& path, const std::string& header, const std::string& data,
                           int64_t declared_header_length) {
  uint64_t n = declared_header_length >= 0 ? static_cast<uint64_t>(declared_header_length) : header.size();
  std::string out;
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out += header;
  out += data;
  write_file(path, out);
}

std::string f32_bytes(const at::Tensor& t) {
  at::Tensor c = t.to(at::kFloat).contiguous();
  return std::string(static_cast<const char*>(c.data_ptr()), static_cast<size_t>(c.numel()) * sizeof(float));
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) throw std::runtime_error("cannot write " + path);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
}

NpyArray read_npy_f32(const std::string& path) {
  const std::string bytes = read_file(path);
  auto fail = [&](const std::string& why) { return std::runtime_error(path + ": " + why); };
  if (bytes.size() < 10 || bytes.compare(0, 6, "\x93NUMPY") != 0) throw fail("no .npy magic");
  const int major = static_cast<unsigned char>(bytes[6]);
  size_t header_len = 0, offset = 0;
  if (major == 1) {
    header_len = static_cast<unsigned char>(bytes[8]) | (static_cast<size_t>(static_cast<unsigned char>(bytes[9])) << 8);
    offset = 10;
  } else if (major == 2 || major == 3) {
    for (int i = 0; i < 4; ++i) header_len |= static_cast<size_t>(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
    offset = 12;
  } else {
    throw fail("unknown .npy version " + std::to_string(major));
  }
  if (offset + header_len > bytes.size()) throw fail("header runs past the end");
  if ((offset + header_len) % 64 != 0) throw fail("data does not start at a multiple of 64 bytes");
  const std::string header = bytes.substr(offset, header_len);
  if (header.empty() || header.back() != '\n') throw fail("header does not end with a newline");
  if (header.find("'descr': '<f4'") == std::string::npos) throw fail("descr is not '<f4': " + header);
  if (header.find("'fortran_order': False") == std::string::npos) throw fail("not C order: " + header);
  std::smatch m;
  if (!std::regex_search(header, m, std::regex("'shape': \\(([0-9, ]*)\\)"))) throw fail("no shape: " + header);
  NpyArray a;
  std::stringstream dims(m[1].str());
  std::string d;
  int64_t numel = 1;
  while (std::getline(dims, d, ',')) {
    if (d.find_first_not_of(' ') == std::string::npos) continue;
    a.shape.push_back(std::stoll(d));
    numel *= a.shape.back();
  }
  const size_t data_bytes = bytes.size() - offset - header_len;
  if (data_bytes != static_cast<size_t>(numel) * sizeof(float))
    throw fail("holds " + std::to_string(data_bytes) + " data bytes, shape needs " + std::to_string(numel * 4));
  a.data = at::empty(a.shape, at::kFloat);
  std::memcpy(a.data.data_ptr(), bytes.data() + offset + header_len, data_bytes);
  return a;
}

}  // namespace owb::test
