#include "host_memory.h"

#include "errors.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
#include <map>
#include <mutex>

#if defined(__GLIBC__)
#include <malloc.h>
#endif

namespace owb {

void reuse_freed_activation_memory() {
#if defined(__GLIBC__)
  static std::once_flag once;
  std::call_once(once, [] {
    mallopt(M_MMAP_THRESHOLD, 32 << 20);  // larger blocks (logits, big weights) still get their own mmap
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
  });
#endif
}

namespace {

// Freed weight mappings kept for the next tensor of the same size: when streaming, layer i+2's
// weights reuse layer i's pages instead of faulting in fresh ones (a fault per 4 KiB, on the thread
// that prefetches beside the forward pass). Bounded: past kCacheLimit bytes, mappings are unmapped.
class MappingCache {
 public:
  void* take(size_t bytes) {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = free_.find(bytes);
    if (it == free_.end()) return nullptr;
    void* p = it->second;
    free_.erase(it);
    cached_ -= bytes;
    return p;
  }
  void give(void* p, size_t bytes) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (cached_ + bytes <= kCacheLimit) {
        free_.emplace(bytes, p);
        cached_ += bytes;
        return;
      }
    }
    ::munmap(p, bytes);
  }

 private:
  static constexpr size_t kCacheLimit = size_t(1) << 30;
  std::mutex mutex_;
  std::multimap<size_t, void*> free_;
  size_t cached_ = 0;
};

MappingCache& mapping_cache() {
  static MappingCache* cache = new MappingCache;  // never destroyed: tensors may be freed during exit
  return *cache;
}

}  // namespace

at::Tensor empty_outside_heap(at::IntArrayRef sizes, at::ScalarType dtype) {
  int64_t elements = 1;
  for (int64_t s : sizes) elements *= s;
  const size_t bytes = static_cast<size_t>(elements) * c10::elementSize(dtype);
  if (bytes == 0) return at::empty(sizes, at::TensorOptions().dtype(dtype));
  void* p = mapping_cache().take(bytes);
  if (!p) p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    throw InputError("cannot map " + std::to_string(bytes) + " bytes for a weight: " + std::strerror(errno));
  return at::from_blob(p, sizes, [bytes](void* q) { mapping_cache().give(q, bytes); }, at::TensorOptions().dtype(dtype));
}

}  // namespace owb
