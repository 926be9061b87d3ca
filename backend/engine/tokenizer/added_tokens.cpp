#include "added_tokens.h"

#include "unicode_text.h"
#include "utf8.h"

#include <algorithm>

namespace owb {

namespace {

bool ends_with_word(std::string_view s) {
  if (s.empty()) return false;
  size_t pos = utf8::previous_start(s, s.size());
  return unicode::is_word_char(utf8::next(s, pos));
}

bool starts_with_word(std::string_view s) {
  if (s.empty()) return false;
  size_t pos = 0;
  return unicode::is_word_char(utf8::next(s, pos));
}

// Start of the whitespace run that ends `s` (s.size() when there is none).
size_t trailing_space_start(std::string_view s) {
  size_t end = s.size();
  while (end > 0) {
    size_t start = utf8::previous_start(s, end), pos = start;
    if (!unicode::is_whitespace(utf8::next(s, pos))) break;
    end = start;
  }
  return end;
}

// Length of the whitespace run that starts `s`.
size_t leading_space_length(std::string_view s) {
  size_t begin = 0;
  while (begin < s.size()) {
    size_t pos = begin;
    if (!unicode::is_whitespace(utf8::next(s, pos))) break;
    begin = pos;
  }
  return begin;
}

}  // namespace

AddedTokenMatcher::AddedTokenMatcher(std::vector<AddedToken> tokens, std::vector<std::string> patterns)
    : tokens_(std::move(tokens)) {
  trie_.emplace_back();
  for (size_t t = 0; t < tokens_.size(); ++t) {
    const std::string& p = patterns[t];
    if (p.empty()) continue;
    first_byte_[static_cast<unsigned char>(p[0])] = true;
    int32_t node = 0;
    for (char c : p) {
      auto byte = static_cast<unsigned char>(c);
      int32_t next = child(node, byte);
      if (next < 0) {
        next = static_cast<int32_t>(trie_.size());
        trie_[node].children.emplace_back(byte, next);
        trie_.emplace_back();
      }
      node = next;
    }
    if (trie_[node].token < 0) trie_[node].token = static_cast<int32_t>(t);
  }
}

int32_t AddedTokenMatcher::child(int32_t node, unsigned char byte) const {
  for (const auto& [b, next] : trie_[node].children)
    if (b == byte) return next;
  return -1;
}

std::pair<int32_t, size_t> AddedTokenMatcher::longest_at(std::string_view text, size_t pos) const {
  std::pair<int32_t, size_t> best{-1, pos};
  int32_t node = 0;
  for (size_t i = pos; i < text.size(); ++i) {
    node = child(node, static_cast<unsigned char>(text[i]));
    if (node < 0) break;
    if (trie_[node].token >= 0) best = {trie_[node].token, i + 1};
  }
  return best;
}

std::vector<AddedTokenMatcher::Segment> AddedTokenMatcher::split(std::string_view text) const {
  std::vector<Segment> out;
  size_t start_offset = 0;
  for (size_t pos = 0; pos < text.size();) {
    if (!first_byte_[static_cast<unsigned char>(text[pos])]) {
      ++pos;
      continue;
    }
    auto [index, match_end] = longest_at(text, pos);
    if (index < 0) {
      ++pos;
      continue;
    }
    size_t start = pos, stop = match_end;
    // The search goes on after the match itself (not after stripped spaces), as the
    // Aho-Corasick iterator does; a discarded match still hides what it overlaps.
    pos = match_end;
    const AddedToken& token = tokens_[index];
    if (token.single_word) {
      bool space_before = start == 0 || !ends_with_word(text.substr(0, start));
      bool space_after = stop == text.size() || !starts_with_word(text.substr(stop));
      if (!space_before || !space_after) continue;
    }
    if (token.lstrip) start = std::max(trailing_space_start(text.substr(0, start)), start_offset);
    if (token.rstrip) stop += leading_space_length(text.substr(stop));
    if (start_offset < start) out.push_back({start_offset, start, -1});
    out.push_back({start, stop, token.id});
    start_offset = stop;
  }
  if (start_offset < text.size()) out.push_back({start_offset, text.size(), -1});
  return out;
}

}  // namespace owb
