#include "png_encoder.h"

#include <array>
#include <stdexcept>

#ifdef OWB_HAVE_ZLIB
#include <zlib.h>
#endif

namespace owb::plot {

namespace {

std::array<uint32_t, 256> make_crc_table() {
  std::array<uint32_t, 256> table{};
  for (uint32_t n = 0; n < 256; ++n) {
    uint32_t c = n;
    for (int k = 0; k < 8; ++k) c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
    table[n] = c;
  }
  return table;
}

void put_u32_be(std::string& out, uint32_t v) {
  out += static_cast<char>(v >> 24);
  out += static_cast<char>(v >> 16);
  out += static_cast<char>(v >> 8);
  out += static_cast<char>(v);
}

void put_chunk(std::string& png, const char type[4], const std::string& data) {
  put_u32_be(png, static_cast<uint32_t>(data.size()));
  const std::string typed = std::string(type, 4) + data;
  png += typed;
  put_u32_be(png, crc32(reinterpret_cast<const uint8_t*>(typed.data()), typed.size()));
}

#ifdef OWB_HAVE_ZLIB
std::string zlib_deflate(const std::string& data) {
  uLongf size = compressBound(static_cast<uLong>(data.size()));
  std::string out(size, '\0');
  const int rc = compress2(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(data.data()),
                           static_cast<uLong>(data.size()), Z_BEST_COMPRESSION);
  if (rc != Z_OK) throw std::runtime_error("zlib compress2 failed (" + std::to_string(rc) + ")");
  out.resize(size);
  return out;
}
#endif

}  // namespace

uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc) {
  static const std::array<uint32_t, 256> table = make_crc_table();
  crc = ~crc;
  for (size_t i = 0; i < size; ++i) crc = table[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
  return ~crc;
}

uint32_t adler32(const uint8_t* data, size_t size) {
  constexpr uint32_t kModulus = 65521;
  uint32_t a = 1, b = 0;
  for (size_t i = 0; i < size; ++i) {
    a = (a + data[i]) % kModulus;
    b = (b + a) % kModulus;
  }
  return (b << 16) | a;
}

std::string zlib_stored(const std::string& data) {
  // CMF 0x78 (deflate, 32 KiB window), FLG 0x01: (0x78 * 256 + 0x01) % 31 == 0, no dictionary.
  std::string out = {static_cast<char>(0x78), static_cast<char>(0x01)};
  size_t offset = 0;
  do {
    const size_t length = std::min<size_t>(65535, data.size() - offset);
    const bool last = offset + length == data.size();
    out += static_cast<char>(last ? 1 : 0);  // BFINAL, BTYPE = 00 (stored)
    out += static_cast<char>(length & 0xFF);
    out += static_cast<char>(length >> 8);
    out += static_cast<char>(~length & 0xFF);
    out += static_cast<char>((~length >> 8) & 0xFF);
    out.append(data, offset, length);
    offset += length;
  } while (offset < data.size());
  put_u32_be(out, adler32(reinterpret_cast<const uint8_t*>(data.data()), data.size()));
  return out;
}

std::string encode_png(const RasterImage& image, PngCompression compression) {
  if (image.width <= 0 || image.height <= 0) throw std::invalid_argument("encode_png: empty image");
  std::string png = "\x89PNG\r\n\x1a\n";
  std::string header;
  put_u32_be(header, static_cast<uint32_t>(image.width));
  put_u32_be(header, static_cast<uint32_t>(image.height));
  header += std::string{8, 2, 0, 0, 0};  // 8 bits, colour type 2 (RGB), deflate, filter method 0, no interlace
  put_chunk(png, "IHDR", header);

  // Filter type 0 (None) on every row: plots are mostly flat colour and deflate well as they are.
  const size_t row_bytes = static_cast<size_t>(image.width) * 3;
  std::string scanlines;
  scanlines.reserve((row_bytes + 1) * image.height);
  for (int y = 0; y < image.height; ++y) {
    scanlines += '\0';
    scanlines.append(reinterpret_cast<const char*>(image.rgb.data()) + y * row_bytes, row_bytes);
  }
#ifdef OWB_HAVE_ZLIB
  const std::string idat = compression == PngCompression::Best ? zlib_deflate(scanlines) : zlib_stored(scanlines);
#else
  const std::string idat = zlib_stored(scanlines);
#endif
  put_chunk(png, "IDAT", idat);
  put_chunk(png, "IEND", "");
  return png;
}

}  // namespace owb::plot
