#pragma once
// How a split pattern's matches become pieces (tokenizers' SplitDelimiterBehavior), shared by
// the Split, Metaspace, Digits and Punctuation pre-tokenizers.
#include "json_field.h"
#include "regex_pattern.h"
#include "utf8.h"

#include <string_view>
#include <vector>

namespace owb {

enum class SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous };

struct Range {
  size_t begin, end;
};

SplitBehavior parse_split_behavior(const JsonField& field);

// Turns the contiguous match / non-match pieces of a text into the kept ranges.
std::vector<Range> apply_split_behavior(const std::vector<Regex::Piece>& pieces, SplitBehavior behavior);

// Pieces for a character predicate: every character where it holds is a one-character match.
template <class Predicate>
std::vector<Regex::Piece> char_pieces(std::string_view text, Predicate pred) {
  std::vector<Regex::Piece> pieces;
  if (text.empty()) {
    pieces.push_back({0, 0, false});
    return pieces;
  }
  size_t last = 0;
  for (size_t pos = 0; pos < text.size();) {
    size_t start = pos;
    if (!pred(utf8::next(text, pos))) continue;
    if (last < start) pieces.push_back({last, start, false});
    pieces.push_back({start, pos, true});
    last = pos;
  }
  if (last < text.size()) pieces.push_back({last, text.size(), false});
  return pieces;
}

}  // namespace owb
