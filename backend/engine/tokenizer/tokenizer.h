#pragma once
// Hugging Face tokenizer.json, loaded and run in C++ (no Qt, no libtorch): BPE models with
// byte-level pre-tokenization (GPT-2, GPT-NeoX, Qwen, Llama 3, OLMo, gpt-oss) or byte-fallback
// (Llama 2, Mistral), added/special tokens, normalizers, decoders and post-processors.
// Ids match HF tokenizers (the Rust library behind transformers' fast tokenizers); see
// docs/tokenizer.md for what is supported and the known differences.
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace owb {

struct TokenizerState;

class Tokenizer {
 public:
  // A tokenizer.json path, or a model folder holding tokenizer.json (+ optional
  // tokenizer_config.json, also read when it sits next to a tokenizer.json given by path).
  // Throws InputError naming the file and the field on any problem.
  static Tokenizer from_file(const std::string& path);

  // Invalid UTF-8 in `text` is first replaced by U+FFFD (one per maximal ill-formed
  // subsequence, as TextDecoder and Python's errors="replace" do). With add_special_tokens,
  // the post-processor's tokens are added (e.g. Llama's BOS). Thread-safe.
  std::vector<int32_t> encode(std::string_view text, bool add_special_tokens = false) const;
  // Unknown ids are skipped, as HF tokenizers does. Thread-safe.
  std::string decode(const std::vector<int32_t>& ids, bool skip_special_tokens = false) const;

  std::optional<int32_t> bos_id() const;
  std::optional<int32_t> eos_id() const;
  size_t vocab_size() const;  // max id + 1 over vocab and added tokens
  std::optional<int32_t> token_to_id(const std::string& token) const;
  std::string id_to_token(int32_t id) const;  // "" for an unknown id

  // The tokenizer.json this was loaded from.
  const std::string& source() const;
  bool is_special(int32_t id) const;

 private:
  explicit Tokenizer(std::shared_ptr<const TokenizerState> state) : state_(std::move(state)) {}
  std::shared_ptr<const TokenizerState> state_;  // immutable; copies share it
};

}  // namespace owb
