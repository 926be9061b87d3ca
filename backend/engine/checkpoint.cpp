#include "checkpoint.h"

#include "errors.h"
#include "json_file.h"

#include <filesystem>
#include <set>

namespace owb {

namespace fs = std::filesystem;

Checkpoint::Checkpoint(const std::string& dir) : dir_(dir) {
  if (!fs::is_directory(dir)) throw input_error(dir, "not a directory (expected a Hugging Face checkpoint folder)");
  config_ = load_model_config(dir);
  fs::path single = fs::path(dir) / "model.safetensors";
  fs::path index = fs::path(dir) / "model.safetensors.index.json";
  if (fs::exists(index)) {
    open_index(index.string());
  } else if (fs::exists(single)) {
    open_single(single.string());
  } else {
    throw input_error(dir, "neither model.safetensors nor model.safetensors.index.json found");
  }
}

void Checkpoint::open_single(const std::string& file) {
  files_.push_back(std::make_unique<SafetensorsFile>(file));
  for (const auto& [name, info] : files_.back()->tensors()) where_[name] = files_.back().get();
}

void Checkpoint::open_index(const std::string& index_file) {
  nlohmann::json idx = read_json_file(index_file);
  if (!idx.contains("weight_map") || !idx["weight_map"].is_object())
    throw input_error(index_file, "missing \"weight_map\" object");
  std::map<std::string, const SafetensorsFile*> by_shard;
  for (auto it = idx["weight_map"].begin(); it != idx["weight_map"].end(); ++it) {
    if (!it.value().is_string()) throw input_error(index_file, "weight_map entry \"" + it.key() + "\" is not a file name");
    std::string shard = it.value().get<std::string>();
    if (!by_shard.count(shard)) {
      fs::path p = fs::path(dir_) / shard;
      if (!fs::exists(p)) throw input_error(index_file, "shard \"" + shard + "\" (holding \"" + it.key() + "\") is missing");
      files_.push_back(std::make_unique<SafetensorsFile>(p.string()));
      by_shard[shard] = files_.back().get();
    }
    const SafetensorsFile* f = by_shard[shard];
    if (!f->has(it.key())) throw input_error(f->path(), "index says it holds \"" + it.key() + "\" but it does not");
    where_[it.key()] = f;
  }
}

std::vector<std::string> Checkpoint::names() const {
  std::vector<std::string> out;
  for (const auto& [name, f] : where_) out.push_back(name);
  return out;
}

const TensorInfo& Checkpoint::info(const std::string& name) const {
  auto it = where_.find(name);
  if (it == where_.end()) throw input_error(dir_, "checkpoint has no tensor \"" + name + "\"");
  return it->second->info(name);
}

const std::string& Checkpoint::file_of(const std::string& name) const {
  auto it = where_.find(name);
  if (it == where_.end()) throw input_error(dir_, "checkpoint has no tensor \"" + name + "\"");
  return it->second->path();
}

at::Tensor Checkpoint::view(const std::string& name) const {
  const TensorInfo& t = info(name);
  const SafetensorsFile* f = where_.at(name);
  at::ScalarType st = scalar_type_of(t.dtype, f->path() + ": tensor \"" + name + "\"");
  // The mapping is read-only: callers that modify must copy (load() does).
  return at::from_blob(const_cast<uint8_t*>(f->data(t)), t.shape, at::TensorOptions().dtype(st));
}

at::Tensor Checkpoint::load(const std::string& name, at::ScalarType dtype, const at::Device& device) const {
  at::Tensor v = view(name);
  return v.to(device, dtype, /*non_blocking=*/false, /*copy=*/true);
}

void Checkpoint::release_pages(const std::string& name) const {
  const TensorInfo& t = info(name);
  where_.at(name)->release_pages(t);
}

void Checkpoint::populate_pages(const std::string& name) const {
  const TensorInfo& t = info(name);
  where_.at(name)->populate_pages(t);
}

uint64_t Checkpoint::total_bytes() const {
  uint64_t n = 0;
  for (const auto& [name, f] : where_) {
    const auto& t = f->info(name);
    n += t.end - t.begin;
  }
  return n;
}

std::string Checkpoint::storage_dtype() const {
  std::map<std::string, uint64_t> bytes;
  for (const auto& [name, f] : where_) {
    const auto& t = f->info(name);
    bytes[t.dtype] += t.end - t.begin;
  }
  std::string best;
  uint64_t most = 0;
  for (const auto& [d, n] : bytes)
    if (n > most) most = n, best = d;
  return best;
}

at::ScalarType scalar_type_of(const std::string& dtype, const std::string& where) {
  if (dtype == "BF16") return at::kBFloat16;
  if (dtype == "F16") return at::kHalf;
  if (dtype == "F32") return at::kFloat;
  if (dtype == "F64") return at::kDouble;
  if (dtype == "U8") return at::kByte;
  if (dtype == "I8") return at::kChar;
  if (dtype == "I16") return at::kShort;
  if (dtype == "I32") return at::kInt;
  if (dtype == "I64") return at::kLong;
  if (dtype == "BOOL") return at::kBool;
  throw input_error(where, "dtype " + dtype + " is not supported by this libtorch");
}

at::ScalarType parse_compute_dtype(const std::string& name) {
  if (name == "bf16" || name == "bfloat16") return at::kBFloat16;
  if (name == "f16" || name == "fp16" || name == "float16") return at::kHalf;
  if (name == "f32" || name == "fp32" || name == "float32") return at::kFloat;
  throw InputError("unknown dtype \"" + name + "\" (use bf16, f16 or f32)");
}

std::string dtype_name(at::ScalarType t) {
  switch (t) {
    case at::kBFloat16: return "bf16";
    case at::kHalf: return "f16";
    case at::kFloat: return "f32";
    case at::kDouble: return "f64";
    default: return c10::toString(t);
  }
}

}  // namespace owb
