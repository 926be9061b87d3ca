#pragma once
// SHA-256 (FIPS 180-4), incremental. The hub names LFS blobs by the sha256 of their content;
// a finished download is checked against it. Written here (80 lines) rather than taken from
// OpenSSL so owb_hub needs nothing beyond libcurl, whichever TLS flavour libcurl was built with.
#include <array>
#include <cstddef>
#include <cstdint>
#include <string>

namespace owb::hub {

class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t bytes);
  // Lower-case hex digest; the object is spent afterwards.
  std::string hex_digest();

 private:
  void compress(const uint8_t* block);
  std::array<uint32_t, 8> h_;
  std::array<uint8_t, 64> buffer_{};
  size_t buffered_ = 0;
  uint64_t total_bytes_ = 0;
};

std::string sha256_hex(const std::string& bytes);
// Digest of a whole file, read in 1 MiB pieces; throws InputError naming the file.
std::string sha256_file_hex(const std::string& path);

}  // namespace owb::hub
