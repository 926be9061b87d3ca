#include "safetensors_file.h"

#include "errors.h"
#include "json_file.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <limits>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace owb {
namespace {

constexpr uint64_t kMaxHeaderBytes = 100'000'000;  // the reference reader's MAX_HEADER_SIZE

uint64_t read_u64_le(const uint8_t* p) {
  uint64_t v = 0;
  for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
  return v;
}

TensorInfo parse_entry(const std::string& name, const nlohmann::json& e, const std::string& where) {
  const std::string at = where + ": tensor \"" + name + "\"";
  if (!e.is_object() || !e.contains("dtype") || !e.contains("shape") || !e.contains("data_offsets"))
    throw InputError(at + ": entry needs dtype, shape and data_offsets");
  TensorInfo t;
  t.name = name;
  if (!e["dtype"].is_string()) throw InputError(at + ": dtype is not a string");
  t.dtype = e["dtype"].get<std::string>();
  dtype_size(t.dtype, at);
  const auto& shape = e["shape"];
  const auto& off = e["data_offsets"];
  if (!shape.is_array()) throw InputError(at + ": shape is not an array");
  for (const auto& d : shape) {
    if (!d.is_number_integer() || d.get<int64_t>() < 0) throw InputError(at + ": shape has a negative or non-integer dimension");
    t.shape.push_back(d.get<int64_t>());
  }
  if (!off.is_array() || off.size() != 2 || !off[0].is_number_unsigned() || !off[1].is_number_unsigned())
    throw InputError(at + ": data_offsets must be two non-negative integers");
  t.begin = off[0].get<uint64_t>();
  t.end = off[1].get<uint64_t>();
  if (t.end < t.begin) throw InputError(at + ": data_offsets end before they begin");
  // The byte count is computed with overflow checks: a shape such as [2^32, 2^32] must not wrap
  // around to a size that happens to match the offsets.
  uint64_t expected = dtype_size(t.dtype, at);
  for (int64_t d : t.shape) {
    if (d != 0 && expected > std::numeric_limits<uint64_t>::max() / static_cast<uint64_t>(d))
      throw InputError(at + ": shape is too large (its byte size overflows 64 bits)");
    expected *= static_cast<uint64_t>(d);
  }
  if (t.end - t.begin != expected)
    throw InputError(at + ": " + std::to_string(t.end - t.begin) + " bytes stored but shape x " + t.dtype +
                     " needs " + std::to_string(expected));
  return t;
}

}  // namespace

int64_t TensorInfo::numel() const {
  int64_t n = 1;
  for (auto d : shape) n *= d;
  return n;
}

size_t dtype_size(const std::string& dtype, const std::string& where) {
  static const std::map<std::string, size_t> sizes = {
      {"BOOL", 1}, {"U8", 1},  {"I8", 1},  {"F8_E5M2", 1}, {"F8_E4M3", 1}, {"F8_E8M0", 1}, {"I16", 2}, {"U16", 2},
      {"F16", 2},  {"BF16", 2}, {"I32", 4}, {"U32", 4},     {"F32", 4},     {"F64", 8},     {"I64", 8}, {"U64", 8}};
  auto it = sizes.find(dtype);
  if (it == sizes.end()) throw input_error(where, "unknown dtype \"" + dtype + "\"");
  return it->second;
}

SafetensorsFile::SafetensorsFile(const std::string& path) : path_(path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) throw input_error(path, std::string("cannot open: ") + std::strerror(errno));
  struct stat st {};
  ::fstat(fd, &st);
  map_size_ = static_cast<size_t>(st.st_size);
  if (map_size_ < 8) {
    ::close(fd);
    throw input_error(path, "file is " + std::to_string(map_size_) + " bytes, too short for a safetensors header");
  }
  void* m = ::mmap(nullptr, map_size_, PROT_READ, MAP_PRIVATE, fd, 0);
  ::close(fd);
  if (m == MAP_FAILED) throw input_error(path, std::string("mmap failed: ") + std::strerror(errno));
  map_ = static_cast<const uint8_t*>(m);
  try {
    uint64_t n = read_u64_le(map_);
    if (n > kMaxHeaderBytes) throw input_error(path, "header length " + std::to_string(n) + " exceeds the 100 MB limit");
    if (8 + n > map_size_)
      throw input_error(path, "header length " + std::to_string(n) + " runs past the end of the file (" +
                                  std::to_string(map_size_) + " bytes): truncated?");
    data_ = map_ + 8 + n;
    parse_header(std::string(reinterpret_cast<const char*>(map_ + 8), n), map_size_ - 8 - n);
  } catch (...) {
    ::munmap(const_cast<uint8_t*>(map_), map_size_);
    throw;
  }
}

SafetensorsFile::~SafetensorsFile() {
  if (map_) ::munmap(const_cast<uint8_t*>(map_), map_size_);
}

void SafetensorsFile::parse_header(const std::string& header_json, uint64_t data_bytes) {
  nlohmann::json h;
  try {
    h = nlohmann::json::parse(header_json);
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(path_, std::string("header is not valid JSON: ") + e.what());
  }
  if (!h.is_object()) throw input_error(path_, "header is not a JSON object");
  std::vector<const TensorInfo*> by_offset;
  for (auto it = h.begin(); it != h.end(); ++it) {
    if (it.key() == "__metadata__") {
      if (!it.value().is_object()) throw input_error(path_, "__metadata__ is not an object");
      for (auto m = it.value().begin(); m != it.value().end(); ++m)
        if (m.value().is_string()) metadata_[m.key()] = m.value().get<std::string>();
      continue;
    }
    tensors_[it.key()] = parse_entry(it.key(), it.value(), path_);
  }
  for (const auto& [name, t] : tensors_) by_offset.push_back(&t);
  std::sort(by_offset.begin(), by_offset.end(),
            [](const TensorInfo* a, const TensorInfo* b) { return a->begin < b->begin || (a->begin == b->begin && a->end < b->end); });
  uint64_t cursor = 0;
  for (const TensorInfo* t : by_offset) {
    if (t->begin < cursor) throw input_error(path_, "tensor \"" + t->name + "\" overlaps the tensor before it");
    if (t->begin > cursor) throw input_error(path_, "gap of " + std::to_string(t->begin - cursor) + " bytes before tensor \"" + t->name + "\"");
    if (t->end > data_bytes)
      throw input_error(path_, "tensor \"" + t->name + "\" ends at byte " + std::to_string(t->end) + " of a " +
                                   std::to_string(data_bytes) + "-byte data buffer: truncated?");
    cursor = t->end;
  }
  if (cursor != data_bytes)
    throw input_error(path_, std::to_string(data_bytes - cursor) + " bytes after the last tensor are not described by the header");
}

void SafetensorsFile::release_pages(const TensorInfo& t) const {
  static const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  uintptr_t begin = reinterpret_cast<uintptr_t>(data_ + t.begin) & ~(page - 1);
  uintptr_t end = reinterpret_cast<uintptr_t>(data_ + t.end);
  // A read-only private file mapping: MADV_DONTNEED only unmaps the pages; a neighbour sharing
  // an edge page simply faults it back from the file.
  if (end > begin) ::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_DONTNEED);
}

void SafetensorsFile::populate_pages(const TensorInfo& t) const {
  static const uintptr_t page = static_cast<uintptr_t>(::sysconf(_SC_PAGESIZE));
  uintptr_t begin = reinterpret_cast<uintptr_t>(data_ + t.begin) & ~(page - 1);
  uintptr_t end = reinterpret_cast<uintptr_t>(data_ + t.end);
  if (end <= begin) return;
#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22  // Linux 5.14
#endif
  if (::madvise(reinterpret_cast<void*>(begin), end - begin, MADV_POPULATE_READ) == 0) return;
  // Older kernels: one read per page does the same.
  volatile uint8_t sink = 0;
  for (uintptr_t p = begin; p < end; p += page) sink = sink + *reinterpret_cast<const volatile uint8_t*>(p);
}

const TensorInfo& SafetensorsFile::info(const std::string& name) const {
  auto it = tensors_.find(name);
  if (it == tensors_.end()) throw input_error(path_, "no tensor named \"" + name + "\"");
  return it->second;
}

void write_safetensors(const std::string& path, const std::vector<TensorBlob>& tensors,
                       const std::map<std::string, std::string>& metadata) {
  // Largest element size first keeps every tensor aligned to its element size (the reference
  // writer's order), so readers can view BF16/F32 data in place.
  std::vector<const TensorBlob*> order;
  for (const auto& t : tensors) order.push_back(&t);
  std::stable_sort(order.begin(), order.end(), [&](const TensorBlob* a, const TensorBlob* b) {
    return dtype_size(a->dtype, path) > dtype_size(b->dtype, path);
  });
  nlohmann::json header = nlohmann::json::object();
  if (!metadata.empty()) header["__metadata__"] = metadata;
  uint64_t offset = 0;
  for (const TensorBlob* tp : order) {
    const TensorBlob& t = *tp;
    header[t.name] = {{"dtype", t.dtype}, {"shape", t.shape}, {"data_offsets", {offset, offset + t.bytes.size()}}};
    offset += t.bytes.size();
  }
  std::string h = header.dump();
  while ((8 + h.size()) % 8 != 0) h.push_back(' ');
  std::string out;
  out.reserve(8 + h.size() + offset);
  uint64_t n = h.size();
  for (int i = 0; i < 8; ++i) out.push_back(static_cast<char>((n >> (8 * i)) & 0xff));
  out += h;
  for (const TensorBlob* t : order) out += t->bytes;
  write_file_atomically(path, out);
}

}  // namespace owb
