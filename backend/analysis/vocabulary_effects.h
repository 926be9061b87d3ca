#pragma once
// A neuron's direct effect on the vocabulary (seed 004, run_vocab_analyses.py; the "logit
// attribution" of Geva et al. 2022 and Gurnee et al. 2024, "Universal Neurons in GPT2").
// The neuron is input column c of layer L's mlp.down_proj: when it fires with value a, the
// residual stream gains a * W_down[:, c]. Read straight through the unembedding:
//   effect[v] = W_U[v, :] . (g ⊙ W_down[:, c])          one logit change per token v,
// with g the final norm's scale. The norm's normalisation (division by the RMS / the centring
// of a LayerNorm, and a LayerNorm's bias) is ignored, as the seed and the logit-lens literature
// do: it depends on the rest of the residual stream, not on the neuron.
// The cosine variant: cos(g ⊙ W_down[:, c], W_U[v, :]) for every token v.
// Everything is computed in float64 from the checkpoint's stored values (edits do not apply).
#include <ATen/ATen.h>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace owb {

class Model;
class Tokenizer;

// Moments of a distribution of values (one per vocabulary token), as scipy.stats computes them
// by default: population variance (ddof 0), biased skewness m3 / m2^1.5 (bias=True) and Fisher's
// excess kurtosis m4 / m2^2 - 3 (fisher=True, bias=True), with m_k the central moments.
struct Moments {
  double var = 0, skew = 0, kurt = 0;
};
Moments distribution_moments(const at::Tensor& values);

struct TokenEffect {
  int64_t id = 0;
  std::string tok;  // the vocabulary string ("Ġthe")
  std::string str;  // the decoded text (" the")
  double effect = 0;
};

// The unembedding side of the computation, read once per model: the final norm's scale g
// ([D], ones when the family's final norm has none) and the unembedding's tensor name.
struct Unembedding {
  std::string tensor;      // lm_head.weight, or the embedding when tied
  at::Tensor norm_scale;   // [D] fp64
  int64_t vocab = 0;       // config vocab_size rows are used (padding rows beyond are not)
};
Unembedding read_unembedding(const Model& model);

// effect[v] = W_U[v] . (g ⊙ direction), [vocab] fp64; W_U streamed from the checkpoint in row chunks.
at::Tensor direct_vocabulary_effect(const Model& model, const Unembedding& u, const at::Tensor& direction);
// cos(g ⊙ direction, W_U[v]), [vocab] fp64 (0 for an all-zero row).
at::Tensor cosine_vocabulary_effect(const Model& model, const Unembedding& u, const at::Tensor& direction);

// The k largest (up) or smallest (down) entries, in that order; `tok`/`str` from the tokenizer
// ("" for ids it does not know, e.g. padding rows).
std::vector<TokenEffect> top_tokens(const at::Tensor& effect, int64_t k, bool up, const Tokenizer& tokenizer);

// Gurnee et al. (2024): a neuron whose effect distribution is heavy-tailed (excess kurtosis above
// kHeavyTailKurtosis) promotes a few tokens ("prediction", positive skew) or suppresses them
// ("suppression", negative skew); otherwise "none".
constexpr double kHeavyTailKurtosis = 10.0;
std::string neuron_label(const Moments& m);

struct NeuronVocabularyEffect {
  int64_t layer = 0, neuron = 0;
  std::string tensor;           // the down projection it is a column of
  at::Tensor effect;            // [vocab] fp64
  Moments moments;
  std::vector<TokenEffect> top_up, top_down;
  std::optional<at::Tensor> cosine;  // [vocab] fp64, with the cosine variant
  std::optional<Moments> moments_cos;
  std::vector<TokenEffect> top_up_cos, top_down_cos;
  std::string label;
};

// The down_proj column `neuron` of `layer`, through the unembedding.
NeuronVocabularyEffect analyse_neuron_vocabulary(const Model& model, const Unembedding& u, const Tokenizer& tokenizer,
                                                 int64_t layer, int64_t neuron, int64_t top_k, bool with_cosine);

}  // namespace owb
