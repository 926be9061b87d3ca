#pragma once
// One .safetensors file, memory-mapped read-only, its header validated before any tensor is touched.
// Torch-free: tensors are described by dtype name, shape and a byte span.
#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace owb {

struct TensorInfo {
  std::string name;
  std::string dtype;           // safetensors spelling: BF16, F16, F32, U8, ...
  std::vector<int64_t> shape;  // row-major
  uint64_t begin = 0;          // byte offsets into the data buffer
  uint64_t end = 0;
  int64_t numel() const;
};

// Bytes per element of a safetensors dtype; throws for unknown names.
size_t dtype_size(const std::string& dtype, const std::string& where);

class SafetensorsFile {
 public:
  // Maps `path` and validates: header length within the file, JSON well-formed, every entry with
  // a known dtype, a shape and offsets, end - begin == numel x itemsize, entries contiguous from 0
  // without gaps or overlap, and the data buffer ending exactly at the end of the file.
  explicit SafetensorsFile(const std::string& path);
  ~SafetensorsFile();
  SafetensorsFile(const SafetensorsFile&) = delete;
  SafetensorsFile& operator=(const SafetensorsFile&) = delete;

  const std::string& path() const { return path_; }
  const std::map<std::string, TensorInfo>& tensors() const { return tensors_; }
  const std::map<std::string, std::string>& metadata() const { return metadata_; }
  bool has(const std::string& name) const { return tensors_.count(name) != 0; }
  const TensorInfo& info(const std::string& name) const;
  // Pointer to the first byte of a tensor inside the mapping (valid while this object lives).
  const uint8_t* data(const TensorInfo& t) const { return data_ + t.begin; }
  // Drops the tensor's pages from this process's resident set (they stay in the page cache and
  // fault back in if read again): once a tensor is copied out, its mapped bytes need not count
  // against the process, so streaming keeps its memory at about one layer.
  void release_pages(const TensorInfo& t) const;
  // Maps the tensor's pages into this process now (reading them from disk if the page cache lacks
  // them), so that whoever reads the tensor next does not stop on a page fault every 4 KiB.
  void populate_pages(const TensorInfo& t) const;

 private:
  void parse_header(const std::string& header_json, uint64_t data_bytes);
  std::string path_;
  const uint8_t* map_ = nullptr;
  size_t map_size_ = 0;
  const uint8_t* data_ = nullptr;
  std::map<std::string, TensorInfo> tensors_;
  std::map<std::string, std::string> metadata_;
};

// A tensor to write: its bytes are copied into the file in the order given.
struct TensorBlob {
  std::string name;
  std::string dtype;
  std::vector<int64_t> shape;
  std::string bytes;
};

// Writes a safetensors file atomically (header padded to 8 bytes, as the reference writer does).
void write_safetensors(const std::string& path, const std::vector<TensorBlob>& tensors,
                       const std::map<std::string, std::string>& metadata = {{"format", "pt"}});

}  // namespace owb
