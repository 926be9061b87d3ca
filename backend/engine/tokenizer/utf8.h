#pragma once
// UTF-8 helpers shared by the tokenizer pieces. Everything inside the tokenizer is valid UTF-8:
// encode() repairs its input once, at the door, with the WHATWG decoder's rule.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace owb::utf8 {

// Bytes in the sequence that starts with `lead` (1 for continuation or invalid bytes).
inline size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// Decodes the code point at s[pos] (s must be valid UTF-8) and advances pos past it.
inline char32_t next(std::string_view s, size_t& pos) {
  auto b0 = static_cast<unsigned char>(s[pos]);
  if (b0 < 0x80) {
    ++pos;
    return b0;
  }
  size_t n = sequence_length(b0);
  char32_t cp = b0 & (0xFF >> (n + 1));
  for (size_t i = 1; i < n; ++i) cp = (cp << 6) | (static_cast<unsigned char>(s[pos + i]) & 0x3F);
  pos += n;
  return cp;
}

// Start of the code point that ends just before s[pos].
inline size_t previous_start(std::string_view s, size_t pos) {
  do --pos;
  while (pos > 0 && (static_cast<unsigned char>(s[pos]) & 0xC0) == 0x80);
  return pos;
}

void append(std::string& out, char32_t cp);

inline std::string encode(char32_t cp) {
  std::string s;
  append(s, cp);
  return s;
}

// True when `s` is well-formed UTF-8 (no surrogates, no overlongs, <= U+10FFFF).
bool is_valid(std::string_view s);

// Replaces every ill-formed subsequence by U+FFFD following the WHATWG Encoding Standard
// (one U+FFFD per maximal subpart), which is what TextDecoder and Python's
// bytes.decode("utf-8", "replace") do; valid input is returned unchanged.
std::string repair(std::string_view s);

size_t count_code_points(std::string_view s);

}  // namespace owb::utf8
