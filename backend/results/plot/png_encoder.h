#pragma once
// PNG (ISO/IEC 15948) of an 8-bit RGB raster: signature, IHDR, IDAT, IEND, each chunk with its
// CRC-32. The IDAT zlib stream (RFC 1950) is deflated with zlib where the build has it
// (OWB_HAVE_ZLIB), otherwise written as stored (uncompressed) deflate blocks (RFC 1951 3.2.4).
#include "raster_canvas.h"

#include <cstdint>
#include <string>

namespace owb::plot {

enum class PngCompression { Best, Stored };  // Best: zlib when built with it, else Stored

std::string encode_png(const RasterImage& image, PngCompression compression = PngCompression::Best);

// CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected) as PNG chunks use it.
uint32_t crc32(const uint8_t* data, size_t size, uint32_t crc = 0);
// Adler-32 (RFC 1950) of a zlib stream's uncompressed data.
uint32_t adler32(const uint8_t* data, size_t size);

// A zlib stream of `data` in stored blocks of at most 65535 bytes.
std::string zlib_stored(const std::string& data);

}  // namespace owb::plot
