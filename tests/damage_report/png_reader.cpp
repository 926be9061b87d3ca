#include "png_reader.h"

#include <cstdlib>
#include <stdexcept>

#ifdef OWB_HAVE_ZLIB
#include <zlib.h>
#endif

namespace owb::test {

namespace {

uint32_t be32(const std::string& s, size_t at) {
  if (at + 4 > s.size()) throw std::runtime_error("truncated PNG at byte " + std::to_string(at));
  return (uint32_t(uint8_t(s[at])) << 24) | (uint32_t(uint8_t(s[at + 1])) << 16) | (uint32_t(uint8_t(s[at + 2])) << 8) |
         uint32_t(uint8_t(s[at + 3]));
}

uint32_t plain_adler32(const std::string& data) {
  uint32_t a = 1, b = 0;
  for (unsigned char c : data) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return (b << 16) | a;
}

std::string inflate_any(const std::string& stream, size_t expected_size, bool& stored) {
  stored = stream.size() > 2 && (uint8_t(stream[2]) & 0x06) == 0;  // first block's BTYPE
  if (stored) {
    try {
      return inflate_stored(stream);
    } catch (const std::exception&) {
      // A later block is compressed: zlib below.
    }
    stored = false;
  }
#ifdef OWB_HAVE_ZLIB
  std::string out(expected_size, '\0');
  uLongf size = static_cast<uLongf>(out.size());
  const int rc = uncompress(reinterpret_cast<Bytef*>(out.data()), &size, reinterpret_cast<const Bytef*>(stream.data()),
                            static_cast<uLong>(stream.size()));
  if (rc != Z_OK) throw std::runtime_error("zlib uncompress failed: " + std::to_string(rc));
  out.resize(size);
  return out;
#else
  (void)expected_size;
  throw std::runtime_error("compressed deflate blocks, and the tests are built without zlib");
#endif
}

int paeth(int a, int b, int c) {
  const int p = a + b - c, pa = std::abs(p - a), pb = std::abs(p - b), pc = std::abs(p - c);
  if (pa <= pb && pa <= pc) return a;
  return pb <= pc ? b : c;
}

}  // namespace

uint32_t bitwise_crc32(const std::string& bytes) {
  uint32_t crc = 0xFFFFFFFFu;
  for (unsigned char c : bytes) {
    crc ^= c;
    for (int k = 0; k < 8; ++k) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  return crc ^ 0xFFFFFFFFu;
}

std::string inflate_stored(const std::string& z) {
  if (z.size() < 6) throw std::runtime_error("zlib stream too short");
  if ((uint8_t(z[0]) & 0x0F) != 8 || ((uint8_t(z[0]) << 8) | uint8_t(z[1])) % 31 != 0)
    throw std::runtime_error("bad zlib header");
  std::string out;
  size_t at = 2;
  bool final_block = false;
  while (!final_block) {
    if (at + 5 > z.size()) throw std::runtime_error("truncated stored block");
    const uint8_t header = uint8_t(z[at]);
    final_block = header & 1;
    if ((header >> 1) != 0) throw std::runtime_error("not a stored block");
    const uint16_t len = uint16_t(uint8_t(z[at + 1]) | (uint8_t(z[at + 2]) << 8));
    const uint16_t nlen = uint16_t(uint8_t(z[at + 3]) | (uint8_t(z[at + 4]) << 8));
    if (uint16_t(~len) != nlen) throw std::runtime_error("stored block LEN/NLEN mismatch");
    at += 5;
    if (at + len > z.size()) throw std::runtime_error("stored block overruns the stream");
    out.append(z, at, len);
    at += len;
  }
  if (be32(z, at) != plain_adler32(out)) throw std::runtime_error("Adler-32 mismatch");
  return out;
}

DecodedPng::Pixel DecodedPng::at(int x, int y) const {
  const size_t i = (size_t(y) * width + x) * 3;
  return {rgb.at(i), rgb.at(i + 1), rgb.at(i + 2)};
}

DecodedPng decode_png(const std::string& bytes) {
  if (bytes.compare(0, 8, std::string("\x89PNG\r\n\x1a\n", 8)) != 0) throw std::runtime_error("bad PNG signature");
  DecodedPng png;
  std::string idat;
  size_t at = 8;
  while (at < bytes.size()) {
    const uint32_t length = be32(bytes, at);
    if (at + 12 + length > bytes.size()) throw std::runtime_error("chunk overruns the file");
    const std::string typed = bytes.substr(at + 4, 4 + length);
    const std::string type = typed.substr(0, 4), data = typed.substr(4);
    if (be32(bytes, at + 8 + length) != bitwise_crc32(typed)) throw std::runtime_error("CRC mismatch in chunk " + type);
    png.chunks.push_back(type);
    if (type == "IHDR") {
      png.width = int(be32(data, 0));
      png.height = int(be32(data, 4));
      if (data.size() != 13 || uint8_t(data[8]) != 8 || uint8_t(data[9]) != 2 || data[12] != 0)
        throw std::runtime_error("IHDR is not 8-bit RGB, non-interlaced");
    }
    if (type == "IDAT") idat += data;
    at += 12 + length;
    if (type == "IEND") break;
  }
  if (png.chunks.empty() || png.chunks.front() != "IHDR" || png.chunks.back() != "IEND") throw std::runtime_error("IHDR/IEND missing");
  const size_t stride = size_t(png.width) * 3;
  const std::string raw = inflate_any(idat, (stride + 1) * png.height, png.stored_blocks);
  if (raw.size() != (stride + 1) * png.height) throw std::runtime_error("IDAT holds " + std::to_string(raw.size()) + " bytes");
  png.rgb.assign(stride * png.height, 0);
  for (int y = 0; y < png.height; ++y) {
    const uint8_t filter = uint8_t(raw[y * (stride + 1)]);
    for (size_t i = 0; i < stride; ++i) {
      const int a = i >= 3 ? png.rgb[y * stride + i - 3] : 0;
      const int b = y > 0 ? png.rgb[(y - 1) * stride + i] : 0;
      const int c = (i >= 3 && y > 0) ? png.rgb[(y - 1) * stride + i - 3] : 0;
      int predictor = 0;
      if (filter == 1) predictor = a;
      else if (filter == 2) predictor = b;
      else if (filter == 3) predictor = (a + b) / 2;
      else if (filter == 4) predictor = paeth(a, b, c);
      else if (filter != 0) throw std::runtime_error("unknown filter type " + std::to_string(filter));
      png.rgb[y * stride + i] = uint8_t(uint8_t(raw[y * (stride + 1) + 1 + i]) + predictor);
    }
  }
  return png;
}

}  // namespace owb::test
