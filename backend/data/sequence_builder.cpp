#include "sequence_builder.h"

#include "errors.h"
#include "tokenizer.h"

namespace owb {

namespace {

uint64_t splitmix64(uint64_t& state) {
  uint64_t z = (state += 0x9E3779B97F4A7C15ull);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  return z ^ (z >> 31);
}

void validate(const SequenceSpec& s) {
  if (s.num_sequences < 1) throw InputError("dataset.num_sequences must be at least 1");
  if (s.sequence_length < 2) throw InputError("dataset.sequence_length must be at least 2");
  if (s.skip < 0) throw InputError("dataset.skip must not be negative");
  if (s.window_stride < 0) throw InputError("dataset.window_stride must not be negative");
  if (s.separator != "eos" && s.separator != "space")
    throw InputError("dataset.separator must be \"eos\" or \"space\", got \"" + s.separator + "\"");
}

// Hands out documents in source order, or all of them shuffled.
class DocumentFeed {
 public:
  DocumentFeed(TextSource& source, const SequenceSpec& spec) : source_(source) {
    if (!spec.shuffle) return;
    while (auto doc = source_.next_document()) all_.push_back(std::move(*doc));
    shuffle_deterministically(all_, spec.seed);
    shuffled_ = true;
  }
  std::optional<std::string> next() {
    if (!shuffled_) return source_.next_document();
    if (next_ == all_.size()) return std::nullopt;
    return std::move(all_[next_++]);
  }

 private:
  TextSource& source_;
  std::vector<std::string> all_;
  size_t next_ = 0;
  bool shuffled_ = false;
};

}  // namespace

void shuffle_deterministically(std::vector<std::string>& items, uint64_t seed) {
  uint64_t state = seed;
  for (size_t i = items.size(); i > 1; --i) {
    size_t j = static_cast<size_t>(splitmix64(state) % i);
    std::swap(items[i - 1], items[j]);
  }
}

std::vector<int32_t> build_token_stream(TextSource& source, const Tokenizer& tokenizer, const SequenceSpec& spec,
                                        int64_t min_tokens, int64_t* documents_read) {
  validate(spec);
  std::optional<int32_t> eos = tokenizer.eos_id();
  if (spec.separator == "eos" && !eos)
    throw input_error(tokenizer.source(), "the tokenizer defines no EOS token; use dataset.separator \"space\"");
  DocumentFeed feed(source, spec);
  std::vector<int32_t> stream;
  int64_t docs = 0;
  while (static_cast<int64_t>(stream.size()) < min_tokens) {
    std::optional<std::string> doc = feed.next();
    if (!doc) break;
    if (doc->empty()) continue;
    if (spec.separator == "space" && docs > 0) doc->insert(doc->begin(), ' ');
    std::vector<int32_t> ids = tokenizer.encode(*doc, /*add_special_tokens=*/false);
    stream.insert(stream.end(), ids.begin(), ids.end());
    if (spec.separator == "eos") stream.push_back(*eos);
    ++docs;
  }
  if (documents_read) *documents_read = docs;
  return stream;
}

TokenSequences build_sequences(TextSource& source, const Tokenizer& tokenizer, const SequenceSpec& spec) {
  validate(spec);
  const int64_t stride = spec.window_stride > 0 ? spec.window_stride : spec.sequence_length;
  const int64_t needed = (spec.skip + spec.num_sequences - 1) * stride + spec.sequence_length;
  TokenSequences out;
  std::vector<int32_t> stream = build_token_stream(source, tokenizer, spec, needed, &out.documents_read);
  out.tokens_read = static_cast<int64_t>(stream.size());
  if (out.tokens_read < needed) {
    int64_t possible = out.tokens_read < spec.sequence_length ? 0 : (out.tokens_read - spec.sequence_length) / stride + 1;
    possible = std::max<int64_t>(0, possible - spec.skip);
    throw input_error(source.describe(), std::to_string(out.tokens_read) + " tokens in " +
                                             std::to_string(out.documents_read) + " documents make only " +
                                             std::to_string(possible) + " sequences of " +
                                             std::to_string(spec.sequence_length) + " tokens (stride " +
                                             std::to_string(stride) + ", skip " + std::to_string(spec.skip) +
                                             "); " + std::to_string(spec.num_sequences) + " were asked for");
  }
  for (int64_t k = 0; k < spec.num_sequences; ++k) {
    auto begin = stream.begin() + (spec.skip + k) * stride;
    out.sequences.emplace_back(begin, begin + spec.sequence_length);
  }
  return out;
}

}  // namespace owb
