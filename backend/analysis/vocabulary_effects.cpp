#include "vocabulary_effects.h"

#include "errors.h"
#include "model.h"
#include "super_weight_detection.h"
#include "tokenizer.h"

#include <cmath>
#include <limits>

namespace owb {

namespace {

// Rows of W_U converted to fp64 at a time: [chunk, D] stays small even for 128k-token vocabularies.
constexpr int64_t kRowChunk = 4096;

at::Tensor as_f64_vector(const at::Tensor& t) { return t.to(at::kCPU, at::kDouble).contiguous().view(-1); }

template <typename RowFn>
void for_each_row_chunk(const Model& model, const Unembedding& u, RowFn fn) {
  at::Tensor w = model.checkpoint().view(u.tensor);  // mapped, stored dtype
  for (int64_t r0 = 0; r0 < u.vocab; r0 += kRowChunk) {
    int64_t r1 = std::min(r0 + kRowChunk, u.vocab);
    fn(r0, r1, w.slice(0, r0, r1).to(at::kDouble));
  }
}

at::Tensor scaled_direction(const Unembedding& u, const at::Tensor& direction) {
  at::Tensor d = as_f64_vector(direction);
  if (d.numel() != u.norm_scale.numel())
    throw std::logic_error("vocabulary effect: direction has " + std::to_string(d.numel()) + " entries, hidden size is " +
                           std::to_string(u.norm_scale.numel()));
  return d * u.norm_scale;
}

}  // namespace

Moments distribution_moments(const at::Tensor& values) {
  at::Tensor x = as_f64_vector(values);
  if (x.numel() == 0) throw std::logic_error("moments of an empty distribution");
  at::Tensor c = x - x.mean();
  double m2 = (c * c).mean().item<double>();
  double m3 = (c * c * c).mean().item<double>();
  double m4 = (c * c * c * c).mean().item<double>();
  Moments m;
  m.var = m2;
  // scipy gives nan for a constant distribution; so do we (written as null).
  const double nan = std::numeric_limits<double>::quiet_NaN();
  m.skew = m2 > 0 ? m3 / std::pow(m2, 1.5) : nan;
  m.kurt = m2 > 0 ? m4 / (m2 * m2) - 3.0 : nan;
  return m;
}

Unembedding read_unembedding(const Model& model) {
  const Family& f = model.family();
  const ModelConfig& cfg = model.config();
  Unembedding u;
  u.tensor = f.lm_head_name();
  if (cfg.tie_word_embeddings || !model.checkpoint().has(u.tensor)) u.tensor = f.embedding_name();
  u.vocab = cfg.vocab_size;
  const std::string scale = f.final_norm_prefix() + ".weight";
  u.norm_scale = model.checkpoint().has(scale) ? as_f64_vector(model.checkpoint().view(scale))
                                               : at::ones({cfg.hidden_size}, at::kDouble);
  return u;
}

at::Tensor direct_vocabulary_effect(const Model& model, const Unembedding& u, const at::Tensor& direction) {
  at::Tensor d = scaled_direction(u, direction);
  at::Tensor out = at::empty({u.vocab}, at::kDouble);
  for_each_row_chunk(model, u, [&](int64_t r0, int64_t r1, const at::Tensor& rows) {
    out.slice(0, r0, r1).copy_(at::mv(rows, d));
  });
  return out;
}

at::Tensor cosine_vocabulary_effect(const Model& model, const Unembedding& u, const at::Tensor& direction) {
  at::Tensor d = scaled_direction(u, direction);
  double d_norm = d.norm().item<double>();
  at::Tensor out = at::zeros({u.vocab}, at::kDouble);
  if (d_norm == 0) return out;
  for_each_row_chunk(model, u, [&](int64_t r0, int64_t r1, const at::Tensor& rows) {
    at::Tensor norms = rows.norm(2, {1});
    at::Tensor cos = at::mv(rows, d) / (norms * d_norm);
    out.slice(0, r0, r1).copy_(at::where(norms > 0, cos, at::zeros_like(cos)));
  });
  return out;
}

std::vector<TokenEffect> top_tokens(const at::Tensor& effect, int64_t k, bool up, const Tokenizer& tokenizer) {
  at::Tensor e = as_f64_vector(effect);
  k = std::min<int64_t>(k, e.numel());
  if (k <= 0) return {};
  auto [values, ids] = at::topk(e, k, /*dim=*/0, /*largest=*/up, /*sorted=*/true);
  std::vector<TokenEffect> out;
  for (int64_t i = 0; i < k; ++i) {
    TokenEffect t;
    t.id = ids[i].item<int64_t>();
    t.effect = values[i].item<double>();
    bool known = t.id < static_cast<int64_t>(tokenizer.vocab_size());
    t.tok = known ? tokenizer.id_to_token(static_cast<int32_t>(t.id)) : "";
    t.str = known ? tokenizer.decode({static_cast<int32_t>(t.id)}) : "";
    out.push_back(std::move(t));
  }
  return out;
}

std::string neuron_label(const Moments& m) {
  if (!(m.kurt > kHeavyTailKurtosis)) return "none";
  return m.skew > 0 ? "prediction" : m.skew < 0 ? "suppression" : "none";
}

NeuronVocabularyEffect analyse_neuron_vocabulary(const Model& model, const Unembedding& u, const Tokenizer& tokenizer,
                                                 int64_t layer, int64_t neuron, int64_t top_k, bool with_cosine) {
  NeuronVocabularyEffect n;
  n.layer = layer, n.neuron = neuron;
  n.tensor = down_proj_tensor(model, layer);
  const TensorInfo& info = model.checkpoint().info(n.tensor);
  if (info.shape.size() != 2 || neuron < 0 || neuron >= info.shape[1])
    throw InputError("neuron " + std::to_string(neuron) + " is outside the columns of \"" + n.tensor + "\"");
  at::Tensor column = model.checkpoint().view(n.tensor).select(1, neuron);  // W_down[:, c], [D]
  n.effect = direct_vocabulary_effect(model, u, column);
  n.moments = distribution_moments(n.effect);
  n.top_up = top_tokens(n.effect, top_k, true, tokenizer);
  n.top_down = top_tokens(n.effect, top_k, false, tokenizer);
  n.label = neuron_label(n.moments);
  if (with_cosine) {
    n.cosine = cosine_vocabulary_effect(model, u, column);
    n.moments_cos = distribution_moments(*n.cosine);
    n.top_up_cos = top_tokens(*n.cosine, top_k, true, tokenizer);
    n.top_down_cos = top_tokens(*n.cosine, top_k, false, tokenizer);
  }
  return n;
}

}  // namespace owb
