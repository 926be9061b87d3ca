#pragma once
// Tensors whose memory is a file on disk, mapped shared (mmap MAP_SHARED): fine-tuning state that
// may be larger than RAM. Master weights, gradients and AdamW moments placed here are paged in
// when a layer's turn comes and written back by the kernel when memory runs short, so the
// resident set is what the current layer touches rather than 16 bytes per parameter.
// The files are sparse and removed with the arena.
#include <ATen/ATen.h>

#include <memory>
#include <string>
#include <vector>

namespace owb {

class MappedTensorArena {
 public:
  // Creates `dir` (if needed); throws InputError naming it when it cannot be written.
  explicit MappedTensorArena(std::string dir);
  ~MappedTensorArena();
  MappedTensorArena(const MappedTensorArena&) = delete;
  MappedTensorArena& operator=(const MappedTensorArena&) = delete;

  // A zero-filled fp32 CPU tensor of `shape` backed by a new file in the arena.
  at::Tensor zeros(at::IntArrayRef shape);
  const std::string& dir() const { return dir_; }
  uint64_t bytes() const { return bytes_; }

 private:
  struct Mapping;
  std::string dir_;
  std::vector<std::unique_ptr<Mapping>> mappings_;
  uint64_t bytes_ = 0;
};

}  // namespace owb
