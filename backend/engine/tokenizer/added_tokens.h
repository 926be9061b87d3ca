#pragma once
// Added tokens ("added_tokens" in tokenizer.json): strings that are cut out of the text before
// normalization and pre-tokenization and encoded as their own id. As HF tokenizers does, tokens
// with normalized=false are matched in the raw text, the others in the normalized text; matching
// is leftmost-longest; single_word, lstrip and rstrip are honoured.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace owb {

struct AddedToken {
  int32_t id = -1;
  std::string content;
  bool single_word = false;
  bool lstrip = false;
  bool rstrip = false;
  bool normalized = true;
  bool special = false;
};

class AddedTokenMatcher {
 public:
  AddedTokenMatcher() = default;
  // `patterns[i]` is the text to look for (the content, or its normalized form) for tokens[i].
  AddedTokenMatcher(std::vector<AddedToken> tokens, std::vector<std::string> patterns);

  bool empty() const { return tokens_.empty(); }

  struct Segment {
    size_t begin, end;
    int32_t id;  // -1 for ordinary text
  };
  // Cuts `text` into ordinary stretches and added tokens, covering it in order.
  std::vector<Segment> split(std::string_view text) const;

 private:
  struct Node {
    std::vector<std::pair<unsigned char, int32_t>> children;
    int32_t token = -1;  // index into tokens_ of the pattern ending here
  };
  int32_t child(int32_t node, unsigned char byte) const;
  // Longest pattern starting at `pos`: (token index, end) or (-1, pos).
  std::pair<int32_t, size_t> longest_at(std::string_view text, size_t pos) const;

  std::vector<AddedToken> tokens_;
  std::vector<Node> trie_;
  bool first_byte_[256] = {};
};

}  // namespace owb
