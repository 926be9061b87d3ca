#pragma once
// Greedy decoding with the engine's KV cache: the prompt runs once (prefill), then each new
// token runs alone against the cached keys and values. Stops the way lm-evaluation-harness's
// generate_until does: when the decoded continuation contains a stop string (the text is cut
// before it), at the tokenizer's EOS token, or after max_new_tokens.
#include "hooks.h"

#include <cstdint>
#include <string>
#include <vector>

namespace owb {

class Model;
class Tokenizer;

struct GenerationOptions {
  int64_t max_new_tokens = 256;
  std::vector<std::string> stop_strings;
  bool stop_at_eos = true;  // the tokenizer's EOS token ends generation (and is not part of the text)
};

struct Generation {
  std::vector<int32_t> tokens;  // every generated id (EOS excluded)
  std::string text;             // the decoded continuation, cut before the first stop string
  std::string stop_reason;      // "stop_string" | "eos" | "max_new_tokens"
};

// Ties between logits go to the lowest token id (at::argmax's first maximum).
// Hooks fire on each step's new positions only (see Model::forward_cached).
Generation greedy_generate(Model& model, const Tokenizer& tokenizer, const std::vector<int32_t>& prompt,
                           const GenerationOptions& options, const Hooks& hooks = Hooks());

// The earliest occurrence of any stop string in text (std::string::npos: none).
size_t first_stop(const std::string& text, const std::vector<std::string>& stop_strings);

}  // namespace owb
