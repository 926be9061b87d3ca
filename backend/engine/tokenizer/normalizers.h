#pragma once
// Normalizers: the text rewrites applied to each stretch of input between added tokens
// (tokenizer.json "normalizer"). Only the resulting text matters here, not offsets.
#include "json_field.h"

#include <memory>
#include <string>

namespace owb {

class Normalizer {
 public:
  virtual ~Normalizer() = default;
  virtual void normalize(std::string& text) const = 0;
};

// Builds the normalizer described by `config` (NFC, NFD, NFKC, NFKD, Lowercase, Strip,
// StripAccents, Prepend, Replace, Sequence). Unknown types throw InputError naming the field.
std::shared_ptr<const Normalizer> make_normalizer(const JsonField& config);

}  // namespace owb
