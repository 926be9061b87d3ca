#include "byte_level.h"

#include "utf8.h"

#include <array>

namespace owb::byte_level {

namespace {

struct Table {
  std::array<char32_t, 256> cp{};
  std::array<char, 256 * 2> utf8{};
  std::array<uint8_t, 256> len{};
  std::array<int16_t, 0x144> byte_of{};  // every mapped code point is below U+0144

  Table() {
    byte_of.fill(-1);
    auto kept = [](int b) { return (b >= '!' && b <= '~') || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF); };
    char32_t next = 0x100;
    for (int b = 0; b < 256; ++b) {
      cp[b] = kept(b) ? static_cast<char32_t>(b) : next++;
      std::string s = utf8::encode(cp[b]);
      len[b] = static_cast<uint8_t>(s.size());
      for (size_t i = 0; i < s.size(); ++i) utf8[b * 2 + i] = s[i];
      byte_of[cp[b]] = static_cast<int16_t>(b);
    }
  }
};

const Table& table() {
  static const Table t;
  return t;
}

}  // namespace

std::string_view char_for_byte(uint8_t byte) {
  const Table& t = table();
  return {t.utf8.data() + byte * 2, t.len[byte]};
}

void encode(std::string_view bytes, std::string& out) {
  const Table& t = table();
  out.reserve(out.size() + bytes.size() * 2);
  for (char c : bytes) {
    auto b = static_cast<uint8_t>(c);
    out.append(t.utf8.data() + b * 2, t.len[b]);
  }
}

std::optional<uint8_t> byte_for_char(char32_t cp) {
  const Table& t = table();
  if (cp >= t.byte_of.size() || t.byte_of[cp] < 0) return std::nullopt;
  return static_cast<uint8_t>(t.byte_of[cp]);
}

}  // namespace owb::byte_level
