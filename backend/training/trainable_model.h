#pragma once
// A checkpoint whose weights can be fine-tuned: every tensor becomes an fp32 master parameter
// (a leaf that collects gradients); the forward pass runs the family's own layer code
// (Family::forward_layer, the same blocks the analyses use) on the masters cast to the compute
// dtype, so bf16 / fp16 runs are mixed precision with fp32 weights and optimizer states.
//
// Backpropagation is layer-wise (gradient checkpointing, Chen et al. 2016): the forward pass
// keeps only each layer's input [B, T, D]; the backward pass recomputes one layer at a time
// with autograd and hands the gradient of its input to the layer before. Activation memory is
// one layer's graph plus L + 1 residual streams, whatever the depth.
#include "checkpoint.h"
#include "family.h"
#include "mapped_tensor_arena.h"

#include <ATen/ATen.h>

#include <memory>
#include <string>
#include <vector>

namespace owb {

struct TrainOptions {
  at::Device device{at::kCPU};
  at::ScalarType compute_dtype = at::kFloat;
  int64_t query_tile = 256;
  // Non-empty: master weights, gradients and optimizer states live in files mapped from this
  // folder (mapped_tensor_arena.h) on the host, for models whose training state exceeds memory;
  // each layer's compute copy goes to `device` when its turn comes.
  std::string offload_dir;
};

struct NamedParameter {
  std::string name;  // the checkpoint's tensor name
  at::Tensor value;  // fp32 leaf, requires_grad
};

class TrainableModel {
 public:
  // Positions whose logits the loss holds at once in the backward pass (layer-wise path).
  static constexpr int64_t kHeadChunkPositions = 256;

  TrainableModel(const std::string& dir, TrainOptions options);

  const ModelConfig& config() const { return checkpoint_.config(); }
  const Family& family() const { return *family_; }
  const TrainOptions& options() const { return options_; }
  int64_t num_layers() const { return static_cast<int64_t>(layers_.size()); }
  // Every trainable tensor (tied embeddings appear once).
  const std::vector<NamedParameter>& parameters() const { return parameters_; }
  // Clears every gradient (offloaded: zeroes the mapped gradient buffers in place).
  void zero_grad();
  // A zero tensor shaped like parameter `p` where this model keeps training state (optimizer moments).
  at::Tensor new_state_like(const at::Tensor& p);

  // No gradients: the residual stream entering each layer and leaving the last one,
  // [L + 1] tensors of [B, T, D] (entry 0: the token embeddings).
  std::vector<at::Tensor> residual_stream(const at::Tensor& ids);
  // Final norm + LM head on a last residual stream: [B, T, D] -> [B, T, V] in fp32.
  at::Tensor logits(const at::Tensor& final_residual);
  // Sum of next-token negative log-likelihoods of ids [B, T] (positions 1..T-1 of each row),
  // in float64, without gradients; `count` receives the number of predictions.
  double next_token_nll_sum(const at::Tensor& ids, int64_t* count);
  // The same from the last residual stream of a pass already made over ids.
  double next_token_nll_sum(const at::Tensor& final_residual, const at::Tensor& ids, int64_t* count);

  // Mean next-token loss of ids [B, T]; adds d(loss_scale x loss)/d(parameter) into every
  // parameter's .grad(). Returns the (unscaled) loss.
  double backward_lm_loss(const at::Tensor& ids, double loss_scale = 1.0);
  // The plain eager reference for the same gradients: one autograd graph over the whole model,
  // every layer's activations kept until the end (what layer-wise backpropagation avoids).
  double backward_lm_loss_full_graph(const at::Tensor& ids);
  // The same loss for given input embeddings [B, T, D] and target ids [B, T]; returns the
  // gradient of the loss with respect to the embeddings and leaves parameter grads untouched.
  double loss_gradient_wrt_embeddings(const at::Tensor& embeddings, const at::Tensor& targets, at::Tensor* gradient);

  // The input embedding matrix [V, D] (fp32, detached).
  at::Tensor embedding_matrix() const;
  // Writes the current weights as a Hugging Face checkpoint folder: one model.safetensors, each
  // tensor in its stored dtype; config and tokenizer files copied.
  void save(const std::string& dir) const;
  // 2-D weight matrices of the layers (names and detached fp32 values), for effective ranks.
  std::vector<NamedParameter> layer_weight_matrices() const;

 private:
  at::Tensor embed(const at::Tensor& ids);
  at::Tensor run_layer(int64_t layer, const at::Tensor& hidden);
  LayerWeights compute_weights(const LayerWeights& masters) const;
  const RotaryTables& rotary_for(int64_t positions);
  // Backward through the layers from the residual streams of a forward pass; returns the
  // gradient of the loss with respect to the embeddings. `only_inputs`: no parameter grads.
  at::Tensor backward_through_layers(std::vector<at::Tensor>& stream, const at::Tensor& targets, double loss_scale,
                                     bool only_inputs, double* loss);
  double backward_head(const at::Tensor& top, const at::Tensor& targets, double loss_scale, bool only_inputs);
  at::Tensor lm_head_weight() const;
  at::Tensor as_master(const at::Tensor& loaded);

  Checkpoint checkpoint_;
  std::unique_ptr<Family> family_;
  TrainOptions options_;
  std::vector<LayerWeights> layers_;  // fp32 masters per layer
  LayerWeights top_;                  // embedding, final norm, LM head (full names)
  std::vector<NamedParameter> parameters_;
  std::vector<at::Tensor> grad_buffers_;  // offloaded: one mapped gradient per parameter
  std::unique_ptr<MappedTensorArena> arena_;
  std::map<int64_t, RotaryTables> rotary_;
};

// Mean cross-entropy of next-token predictions: logits [B, T, V] at positions 0..T-2 against
// targets at 1..T-1 (the shift happens once, here).
at::Tensor next_token_loss(const at::Tensor& logits, const at::Tensor& targets);

}  // namespace owb
