#pragma once
// The BPE model (tokenizer.json "model" with type "BPE"), as HF tokenizers runs it: a word is
// split into characters (byte-fallback or unk for characters outside the vocabulary), then the
// adjacent pair with the lowest merge rank is merged, leftmost first, until none applies.
#include "flat_maps.h"
#include "json_field.h"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace owb {

class BpeModel {
 public:
  // Reads vocab, merges (["a b", ...] or [["a", "b"], ...]), unk_token, fuse_unk, byte_fallback,
  // ignore_merges, continuing_subword_prefix and end_of_word_suffix from `model`.
  explicit BpeModel(const JsonField& model);

  // Appends the ids of one pre-tokenized word to `out`.
  void encode_word(std::string_view word, std::vector<int32_t>& out) const;

  std::optional<int32_t> token_to_id(std::string_view token) const;
  const std::string* id_to_token(int32_t id) const;  // nullptr when unknown
  size_t vocab_size() const { return vocab_.size(); }
  int32_t max_id() const { return static_cast<int32_t>(id_to_token_.size()) - 1; }

  // True when no merge can join a symbol ending in a character other than `c` with a symbol
  // starting with `c`: words may then be cut before every such `c` without changing the result
  // (lets sentencepiece-style files without a pre-tokenizer encode long texts in small words).
  bool merges_never_cross_before(char32_t c) const;

 private:
  struct Symbol {
    int32_t id;
    int32_t prev, next;
    uint32_t length;  // bytes; 0 once merged into its left neighbour
  };
  void split_into_symbols(std::string_view word, std::vector<Symbol>& symbols) const;
  void merge_small(std::vector<Symbol>& symbols) const;
  void merge_large(std::vector<Symbol>& symbols) const;
  void encode_uncached(std::string_view word, std::vector<int32_t>& out) const;
  int32_t char_id(std::string_view ch) const;

  StringIdMap vocab_;
  std::vector<std::string> id_to_token_;
  PairMap merges_;
  std::vector<int32_t> small_char_ids_;  // code point -> id for single-character tokens below kSmallChars
  std::optional<std::string> unk_token_;
  std::string continuing_subword_prefix_;
  std::string end_of_word_suffix_;
  std::string where_;
  bool fuse_unk_ = false;
  bool byte_fallback_ = false;
  bool ignore_merges_ = false;
  int32_t byte_ids_[256];  // <0xNN> ids, -1 where missing
  uint64_t cache_owner_;   // identifies this model in the per-thread word cache
};

}  // namespace owb
