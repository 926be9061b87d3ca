#pragma once
// Documents -> fixed-length token sequences (the seeds' dataset_utils, made deterministic):
//  1. read documents in source order, or, with `shuffle`, all of them in an order drawn from `seed`;
//  2. tokenize each without special tokens and concatenate, separated by EOS (default) or by a
//     space before every document after the first ("space": the seeds' join with spaces);
//  3. cut sequence k of `sequence_length` tokens at offset (skip + k) x stride, where stride is
//     `window_stride` (default sequence_length: no overlap; the seeds used half a window).
// Asking for more tokens than the source holds is an error that says how many it has.
#include "text_source.h"

#include <cstdint>
#include <string>
#include <vector>

namespace owb {

class Tokenizer;

struct SequenceSpec {
  int64_t num_sequences = 4;
  int64_t sequence_length = 2048;
  bool shuffle = false;
  uint64_t seed = 42;
  int64_t skip = 0;           // sequences to skip first (sharding)
  int64_t window_stride = 0;  // 0: sequence_length
  std::string separator = "eos";  // eos | space
};

struct TokenSequences {
  std::vector<std::vector<int32_t>> sequences;  // num_sequences x sequence_length
  int64_t documents_read = 0;
  int64_t tokens_read = 0;
};

TokenSequences build_sequences(TextSource& source, const Tokenizer& tokenizer, const SequenceSpec& spec);

// The token stream itself (same steps 1-2), stopped once it holds at least `min_tokens` tokens;
// fewer only when the source ends first.
std::vector<int32_t> build_token_stream(TextSource& source, const Tokenizer& tokenizer, const SequenceSpec& spec,
                                        int64_t min_tokens, int64_t* documents_read);

// Fisher-Yates with a fixed generator (SplitMix64), so an order is the same on every platform.
void shuffle_deterministically(std::vector<std::string>& items, uint64_t seed);

}  // namespace owb
