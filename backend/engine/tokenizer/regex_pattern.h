#pragma once
// The regex engine behind Split pre-tokenizers and Replace normalizers: PCRE2 (UTF + UCP, JIT).
// tokenizer.json patterns are written for Oniguruma (what HF tokenizers runs), so they are first
// translated where the two dialects differ (see translate_oniguruma_pattern). Matching is
// thread-safe: the compiled pattern is immutable, match data lives per thread.
#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace owb {

class JsonField;

class Regex {
 public:
  // Compiles an Oniguruma (Ruby syntax) pattern. Errors throw InputError naming `where`
  // (e.g. "tokenizer.json: pre_tokenizer.pretokenizers[0].pattern.Regex").
  static Regex from_oniguruma(std::string_view pattern, const std::string& where);
  // Matches `text` literally.
  static Regex literal(std::string_view text, const std::string& where);

  // Every match, left to right, as Oniguruma's find_iter reports them (byte offsets):
  // non-overlapping; an empty match right after the previous match is skipped.
  std::vector<std::pair<size_t, size_t>> find_all(std::string_view text) const;

  // Splits `text` into contiguous pieces covering it, each flagged as match or not
  // (tokenizers' Pattern::find_matches). Empty text gives one empty non-match.
  struct Piece {
    size_t begin, end;
    bool is_match;
  };
  std::vector<Piece> find_matches(std::string_view text) const;

  const std::string& pattern() const;

 private:
  struct Compiled;
  explicit Regex(std::shared_ptr<const Compiled> c) : compiled_(std::move(c)) {}
  std::shared_ptr<const Compiled> compiled_;
};

// Rewrites the Oniguruma constructs whose meaning differs in PCRE2:
//  - \s, \S: Oniguruma's \s is Unicode White_Space; PCRE2's UCP \s lacks U+0085 (NEL) and
//    still has U+180E, so \s and \S are spelled out as the White_Space list.
//  - \h, \H: hexadecimal digit in Oniguruma, horizontal space in PCRE2.
//  - \w, \W: Oniguruma's Unicode \w is Letter | Mark | Number | Connector_Punctuation; PCRE2's
//    lacks marks and most connectors. (\b still uses PCRE2's own \w.)
//  - \uHHHH: Ruby's code point escape, written \x{HHHH} for PCRE2.
std::string translate_oniguruma_pattern(std::string_view pattern);

// A tokenizer.json pattern object: {"String": "literal"} or {"Regex": "oniguruma pattern"}.
Regex pattern_from_json(const JsonField& pattern);

}  // namespace owb
