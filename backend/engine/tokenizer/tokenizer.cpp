// Tokenizer: encode and decode, following HF tokenizers' pipeline: added tokens are cut out
// of the raw text, the rest is normalized (and searched for normalized added tokens),
// pre-tokenized into words, and each word is encoded by the BPE model; then post-processing.
#include "tokenizer.h"

#include "tokenizer_state.h"
#include "utf8.h"

#include <algorithm>

namespace owb {

namespace {

constexpr std::string_view kMetaspace = "\xE2\x96\x81";  // U+2581 "▁"

// Cuts a word before every "▁" that follows another character (see split_before_metaspace).
// A "▁" is three bytes starting with 0xE2, which is never a continuation byte, so comparing the
// three bytes before a match tells whether the previous character is "▁" too.
void encode_by_metaspace_chunks(const BpeModel& model, std::string_view word, std::vector<int32_t>& out) {
  const size_t n = kMetaspace.size();
  size_t chunk = 0;
  for (size_t at = word.find(kMetaspace, 1); at != std::string_view::npos; at = word.find(kMetaspace, at + n)) {
    if (at >= n && word.compare(at - n, n, kMetaspace) == 0) continue;  // inside a run of "▁"
    model.encode_word(word.substr(chunk, at - chunk), out);
    chunk = at;
  }
  model.encode_word(word.substr(chunk), out);
}

void encode_normalized(const TokenizerState& s, std::string_view text, bool first, std::vector<int32_t>& out) {
  if (text.empty()) return;
  if (s.pre_tokenizer) {
    s.pre_tokenizer->pre_tokenize(text, first, [&](std::string_view word, bool) { s.model->encode_word(word, out); });
  } else if (s.split_before_metaspace) {
    encode_by_metaspace_chunks(*s.model, text, out);
  } else {
    s.model->encode_word(text, out);
  }
}

void encode_segment(const TokenizerState& s, std::string_view raw, bool first, std::vector<int32_t>& out) {
  std::string normalized(raw);
  if (s.normalizer) s.normalizer->normalize(normalized);
  if (s.normalized_matcher.empty()) {
    encode_normalized(s, normalized, first, out);
    return;
  }
  for (const auto& seg : s.normalized_matcher.split(normalized)) {
    if (seg.id >= 0)
      out.push_back(seg.id);
    else
      encode_normalized(s, std::string_view(normalized).substr(seg.begin, seg.end - seg.begin), first && seg.begin == 0, out);
  }
}

}  // namespace

std::vector<int32_t> Tokenizer::encode(std::string_view text, bool add_special_tokens) const {
  const TokenizerState& s = *state_;
  std::string repaired;
  if (!utf8::is_valid(text)) {
    repaired = utf8::repair(text);
    text = repaired;
  }
  std::vector<int32_t> ids;
  ids.reserve(text.size() / 3 + 4);
  if (s.raw_matcher.empty()) {
    encode_segment(s, text, true, ids);
  } else {
    for (const auto& seg : s.raw_matcher.split(text)) {
      if (seg.id >= 0)
        ids.push_back(seg.id);
      else
        encode_segment(s, text.substr(seg.begin, seg.end - seg.begin), seg.begin == 0, ids);
    }
  }
  if (!add_special_tokens) return ids;
  std::vector<int32_t> before, after;
  if (s.post_processor) s.post_processor->wrap(before, after);
  if (before.empty() && after.empty()) return ids;
  before.insert(before.end(), ids.begin(), ids.end());
  before.insert(before.end(), after.begin(), after.end());
  return before;
}

std::string Tokenizer::decode(const std::vector<int32_t>& ids, bool skip_special_tokens) const {
  const TokenizerState& s = *state_;
  std::vector<std::string> tokens;
  tokens.reserve(ids.size());
  for (int32_t id : ids) {
    const std::string* token = nullptr;
    if (auto it = s.added_content.find(id); it != s.added_content.end())
      token = &it->second;
    else
      token = s.model->id_to_token(id);
    if (!token) continue;
    if (skip_special_tokens && s.special_contents.count(*token)) continue;
    tokens.push_back(*token);
  }
  if (s.decoder) return s.decoder->decode(std::move(tokens));
  std::string joined;
  for (size_t i = 0; i < tokens.size(); ++i) joined += (i ? " " : "") + tokens[i];
  return joined;
}

std::optional<int32_t> Tokenizer::bos_id() const { return state_->bos; }
std::optional<int32_t> Tokenizer::eos_id() const { return state_->eos; }

size_t Tokenizer::vocab_size() const {
  int32_t max_id = state_->model->max_id();
  for (const auto& [id, content] : state_->added_content) max_id = std::max(max_id, id);
  return static_cast<size_t>(max_id + 1);
}

std::optional<int32_t> Tokenizer::token_to_id(const std::string& token) const {
  if (auto it = state_->added_ids.find(token); it != state_->added_ids.end()) return it->second;
  return state_->model->token_to_id(token);
}

std::string Tokenizer::id_to_token(int32_t id) const {
  if (auto it = state_->added_content.find(id); it != state_->added_content.end()) return it->second;
  const std::string* t = state_->model->id_to_token(id);
  return t ? *t : std::string();
}

const std::string& Tokenizer::source() const { return state_->source; }

bool Tokenizer::is_special(int32_t id) const { return state_->special_ids.count(id) > 0; }

}  // namespace owb
