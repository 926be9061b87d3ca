#include "host_memory.h"

#include "errors.h"

#include <sys/mman.h>

#include <cerrno>
#include <cstring>
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

at::Tensor empty_outside_heap(at::IntArrayRef sizes, at::ScalarType dtype) {
  int64_t elements = 1;
  for (int64_t s : sizes) elements *= s;
  const size_t bytes = static_cast<size_t>(elements) * c10::elementSize(dtype);
  if (bytes == 0) return at::empty(sizes, at::TensorOptions().dtype(dtype));
  void* p = ::mmap(nullptr, bytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (p == MAP_FAILED)
    throw InputError("cannot map " + std::to_string(bytes) + " bytes for a weight: " + std::strerror(errno));
  return at::from_blob(p, sizes, [bytes](void* q) { ::munmap(q, bytes); }, at::TensorOptions().dtype(dtype));
}

}  // namespace owb
