#pragma once
// Unicode services the tokenizer needs beyond the regex engine: normalization forms and a few
// character properties, all from ICU (Debian's libicu), on valid UTF-8.
#include <string>
#include <string_view>

namespace owb::unicode {

enum class NormalForm { NFC, NFD, NFKC, NFKD };

// Returns `text` in the given normalization form; cheap when it already is (quick check first).
std::string normalize(std::string_view text, NormalForm form);

// Full lowercase mapping of each character on its own, as tokenizers' Lowercase normalizer
// (char::to_lowercase: no context, so a final capital sigma becomes σ, not ς).
std::string to_lower(std::string_view text);

// The Unicode White_Space property (Rust's char::is_whitespace, regex \s).
bool is_whitespace(char32_t cp);

// Rust regex's Unicode \w: Alphabetic, marks, decimal digits, connector punctuation, joiners.
bool is_word_char(char32_t cp);

// General category M (Mn, Mc, Me).
bool is_mark(char32_t cp);

}  // namespace owb::unicode
