// Mixtral: the Mistral block (sliding window from the config) with a sparse MoE MLP under
// block_sparse_moe: router `gate`, top-2 of 8 with the selected weights renormalised (softmax
// over the two logits), experts w1 (gate), w3 (up), w2 (down).
#include "families.h"
#include "moe.h"

namespace owb {
namespace {

MoeTensorNames mixtral_names() {
  MoeTensorNames n;
  n.router = "block_sparse_moe.gate";
  n.expert_prefix = "block_sparse_moe.experts.";
  n.gate = "w1", n.up = "w3", n.down = "w2";
  return n;
}

class MixtralFamily : public MoeDecoderFamily {
 public:
  MixtralFamily() : MoeDecoderFamily(mixtral_names()) {}
  std::string name() const override { return "mixtral"; }
};

}  // namespace

std::unique_ptr<Family> make_mixtral_family() { return std::make_unique<MixtralFamily>(); }

}  // namespace owb
