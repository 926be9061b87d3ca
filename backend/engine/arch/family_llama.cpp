// Llama and Mistral: the reference block itself (decoder_family.cpp). Mistral differs only by
// its sliding window, which the config resolves per layer.
#include "families.h"

namespace owb {
namespace {

class LlamaFamily : public DecoderFamily {
 public:
  explicit LlamaFamily(std::string name) : name_(std::move(name)) {}
  std::string name() const override { return name_; }

 private:
  std::string name_;
};

}  // namespace

std::unique_ptr<Family> make_llama_family(const std::string& model_type) { return std::make_unique<LlamaFamily>(model_type); }

}  // namespace owb
