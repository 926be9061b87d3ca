#pragma once
// Post-processors add the model's special tokens around an encoded sequence when asked to
// (tokenizer.json "post_processor"): TemplateProcessing (Llama: BOS first), Roberta/Bert
// (CLS ... SEP), ByteLevel (offsets only: nothing to do for ids), Sequence.
#include "json_field.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

namespace owb {

class PostProcessor {
 public:
  virtual ~PostProcessor() = default;
  // Ids of the single-sequence template: what goes before and after the encoded text.
  virtual void wrap(std::vector<int32_t>& before, std::vector<int32_t>& after) const = 0;
};

std::shared_ptr<const PostProcessor> make_post_processor(const JsonField& config);

}  // namespace owb
