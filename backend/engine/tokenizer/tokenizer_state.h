#pragma once
// What a loaded tokenizer is made of; built once by tokenizer_load.cpp, then immutable and
// shared by every copy of the Tokenizer.
#include "added_tokens.h"
#include "bpe_model.h"
#include "decoders.h"
#include "normalizers.h"
#include "post_processors.h"
#include "pre_tokenizers.h"

#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace owb {

struct TokenizerState {
  std::string source;  // tokenizer.json path

  std::shared_ptr<const Normalizer> normalizer;       // may be null
  std::shared_ptr<const PreTokenizer> pre_tokenizer;  // may be null
  std::unique_ptr<BpeModel> model;
  std::shared_ptr<const PostProcessor> post_processor;  // may be null
  std::shared_ptr<const Decoder> decoder;               // may be null

  // Added tokens: matched in the raw text (normalized=false) or in normalized text.
  AddedTokenMatcher raw_matcher;
  AddedTokenMatcher normalized_matcher;
  std::unordered_map<std::string, int32_t> added_ids;      // content -> id
  std::unordered_map<int32_t, std::string> added_content;  // id -> content (normalized form if any)
  std::unordered_set<std::string> special_contents;        // skipped by decode(skip_special_tokens)
  std::unordered_set<int32_t> special_ids;

  // Without a pre-tokenizer (sentencepiece-style BPE), words are cut before "▁" when the
  // vocabulary proves merges never cross that point (see BpeModel::merges_never_cross_before).
  bool split_before_metaspace = false;

  // From tokenizer_config.json's bos_token / eos_token, else from the post-processor's
  // template (its first / last special token). Reported only: encode() adds what the
  // post-processor adds, as HF tokenizers does (add_bos_token in the config is not applied).
  std::optional<int32_t> bos, eos;
};

}  // namespace owb
