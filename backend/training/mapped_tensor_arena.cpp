#include "mapped_tensor_arena.h"

#include "errors.h"

#include <cerrno>
#include <cstring>
#include <filesystem>

#include <fcntl.h>
#include <sys/mman.h>
#include <unistd.h>

namespace owb {

namespace fs = std::filesystem;

struct MappedTensorArena::Mapping {
  std::string path;
  void* data = nullptr;
  size_t size = 0;
  ~Mapping() {
    if (data) munmap(data, size);
    std::error_code ignored;
    fs::remove(path, ignored);
  }
};

MappedTensorArena::MappedTensorArena(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec) throw InputError(dir_ + ": cannot create the offload folder: " + ec.message());
}

MappedTensorArena::~MappedTensorArena() = default;

at::Tensor MappedTensorArena::zeros(at::IntArrayRef shape) {
  int64_t numel = 1;
  for (int64_t d : shape) numel *= d;
  auto m = std::make_unique<Mapping>();
  m->path = (fs::path(dir_) / ("t" + std::to_string(mappings_.size()) + ".f32")).string();
  m->size = static_cast<size_t>(std::max<int64_t>(numel, 1)) * sizeof(float);
  int fd = ::open(m->path.c_str(), O_RDWR | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) throw InputError(m->path + ": cannot create: " + std::strerror(errno));
  // A sparse file: reads as zeros, takes disk only where written.
  if (::ftruncate(fd, static_cast<off_t>(m->size)) != 0) {
    ::close(fd);
    throw InputError(m->path + ": cannot size to " + std::to_string(m->size) + " bytes: " + std::strerror(errno));
  }
  m->data = ::mmap(nullptr, m->size, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
  ::close(fd);
  if (m->data == MAP_FAILED) {
    m->data = nullptr;
    throw InputError(m->path + ": cannot map: " + std::strerror(errno));
  }
  at::Tensor t = at::from_blob(m->data, shape, at::TensorOptions().dtype(at::kFloat));
  bytes_ += m->size;
  mappings_.push_back(std::move(m));
  return t;
}

}  // namespace owb
