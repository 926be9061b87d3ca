#pragma once
// A Hugging Face checkpoint folder: config.json plus model.safetensors or a sharded
// model.safetensors.index.json. Tensors are handed out as zero-copy views of the mapped files.
#include "model_config.h"
#include "safetensors_file.h"

#include <ATen/ATen.h>

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace owb {

class Checkpoint {
 public:
  // Opens `dir`, validating every shard's header and that the index names only shards that exist.
  explicit Checkpoint(const std::string& dir);

  const std::string& dir() const { return dir_; }
  const ModelConfig& config() const { return config_; }
  bool has(const std::string& name) const { return where_.count(name) != 0; }
  std::vector<std::string> names() const;
  const TensorInfo& info(const std::string& name) const;
  // The file holding a tensor, for error messages.
  const std::string& file_of(const std::string& name) const;

  // A read-only view of the mapped bytes (valid while this Checkpoint lives). Throws an
  // InputError naming the checkpoint when the tensor is missing.
  at::Tensor view(const std::string& name) const;
  // The tensor converted to dtype/device: always a fresh copy, safe to modify.
  at::Tensor load(const std::string& name, at::ScalarType dtype, const at::Device& device) const;
  // See SafetensorsFile::release_pages and populate_pages.
  void release_pages(const std::string& name) const;
  void populate_pages(const std::string& name) const;

  uint64_t total_bytes() const;
  // Dtype most tensors are stored in ("BF16", "F32", ...).
  std::string storage_dtype() const;

 private:
  void open_single(const std::string& file);
  void open_index(const std::string& index_file);
  std::string dir_;
  ModelConfig config_;
  std::vector<std::unique_ptr<SafetensorsFile>> files_;
  std::map<std::string, const SafetensorsFile*> where_;
};

// safetensors dtype name -> ATen scalar type (throws for types the engine does not compute in).
at::ScalarType scalar_type_of(const std::string& dtype, const std::string& where);
// "bf16" | "bfloat16" | "f16" | "float16" | "f32" | "float32" -> scalar type.
at::ScalarType parse_compute_dtype(const std::string& name);
std::string dtype_name(at::ScalarType t);

}  // namespace owb
