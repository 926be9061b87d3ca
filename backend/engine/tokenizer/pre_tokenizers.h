#pragma once
// Pre-tokenizers cut normalized text into the pieces ("words") that the model encodes
// separately (tokenizer.json "pre_tokenizer"). They stream: each stage hands its pieces to the
// next through a callback, so no intermediate vector of strings is built.
#include "json_field.h"

#include <functional>
#include <memory>
#include <string_view>

namespace owb {

// `first` is true for a piece that starts at offset 0 of the original input
// (Metaspace's prepend_scheme "first" needs it). The view is valid during the call only.
using PieceSink = std::function<void(std::string_view piece, bool first)>;

class PreTokenizer {
 public:
  virtual ~PreTokenizer() = default;
  // Calls `sink` for every non-empty piece of `text`, in order.
  virtual void pre_tokenize(std::string_view text, bool first, const PieceSink& sink) const = 0;
};

// Split, ByteLevel, Metaspace, Digits, Whitespace, WhitespaceSplit, Punctuation, Sequence.
std::shared_ptr<const PreTokenizer> make_pre_tokenizer(const JsonField& config);

}  // namespace owb
