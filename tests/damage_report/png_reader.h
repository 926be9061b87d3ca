#pragma once
// A PNG reader written for the tests, independent of the writer: chunk CRCs (bitwise CRC-32),
// IHDR, the IDAT zlib stream (zlib's inflate where the build has it, stored blocks otherwise;
// Adler-32 checked), the five scanline filters. 8-bit RGB only, what the plot writer emits.
#include <cstdint>
#include <string>
#include <vector>

namespace owb::test {

struct DecodedPng {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;
  std::vector<std::string> chunks;  // chunk types in file order
  bool stored_blocks = false;       // the zlib stream held only stored (uncompressed) blocks
  struct Pixel {
    uint8_t r, g, b;
  };
  Pixel at(int x, int y) const;
};

// Throws std::runtime_error naming what is wrong (signature, a chunk's CRC, the zlib stream, ...).
DecodedPng decode_png(const std::string& bytes);

// The inflated bytes of a zlib stream made only of stored blocks; throws for any other block type.
std::string inflate_stored(const std::string& zlib_stream);

uint32_t bitwise_crc32(const std::string& bytes);

}  // namespace owb::test
