#pragma once
// GPT-2's byte-to-unicode table: every byte maps to a printable character so that byte-level
// BPE vocabularies are plain strings. Bytes '!'..'~', 0xA1..0xAC and 0xAE..0xFF map to
// themselves; the other 68 map to U+0100 + n in byte order (space -> 'Ġ', '\n' -> 'Ċ').
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace owb::byte_level {

// UTF-8 of the character standing for `byte` (1 or 2 bytes long).
std::string_view char_for_byte(uint8_t byte);

// Appends the byte-level spelling of `bytes` to `out`.
void encode(std::string_view bytes, std::string& out);

// The byte a character stands for, or nullopt when it is not in the table.
std::optional<uint8_t> byte_for_char(char32_t cp);

// GPT-2's pre-tokenization regex (HF tokenizers' ByteLevel with use_regex).
inline constexpr const char* kGpt2Pattern =
    R"('s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+)";

}  // namespace owb::byte_level
