#pragma once
// Decoders turn token strings back into text (tokenizer.json "decoder"): each step rewrites the
// list of token strings, and the result is their concatenation.
#include "json_field.h"

#include <memory>
#include <string>
#include <vector>

namespace owb {

class Decoder {
 public:
  virtual ~Decoder() = default;
  virtual void decode_chain(std::vector<std::string>& tokens) const = 0;
  std::string decode(std::vector<std::string> tokens) const;
};

// ByteLevel, Metaspace, Replace, ByteFallback, Fuse, Strip, BPEDecoder, Sequence.
std::shared_ptr<const Decoder> make_decoder(const JsonField& config);

}  // namespace owb
