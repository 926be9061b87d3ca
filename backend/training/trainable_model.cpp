#include "trainable_model.h"

#include "errors.h"
#include "hooks.h"
#include "matmul.h"
#include "model.h"

#include "safetensors_file.h"

#include <ATen/core/grad_mode.h>

#include <filesystem>

namespace owb {

namespace fs = std::filesystem;

namespace {

const Hooks& no_hooks() {
  static const Hooks hooks;
  return hooks;
}

}  // namespace

at::Tensor next_token_loss(const at::Tensor& logits, const at::Tensor& targets) {
  const int64_t T = logits.size(1), V = logits.size(2);
  at::Tensor predicted = logits.narrow(1, 0, T - 1).reshape({-1, V});
  at::Tensor wanted = targets.narrow(1, 1, T - 1).reshape({-1}).to(logits.device(), at::kLong);
  return at::nll_loss(at::log_softmax(predicted.to(at::kFloat), -1), wanted);
}

TrainableModel::TrainableModel(const std::string& dir, TrainOptions options)
    : checkpoint_(dir), family_(make_family(checkpoint_.config())), options_(options) {
  EngineOptions engine;
  engine.device = options_.device;
  engine.dtype = options_.compute_dtype;
  prepare_cpu_runtime(engine);
  check_compute_dtype(engine);
  if (!options_.offload_dir.empty()) arena_ = std::make_unique<MappedTensorArena>(options_.offload_dir);
  const ModelConfig& cfg = config();
  for (const auto& name : checkpoint_.names())
    if (checkpoint_.info(name).dtype == "U8")
      throw InputError(dir + ": tensor \"" + name + "\" is stored packed (" + family_->name() +
                       " MXFP4); fine-tuning packed weights is not supported");
  for (int64_t i = 0; i < cfg.num_hidden_layers; ++i) {
    const std::string prefix = family_->layer_prefix(i);
    std::map<std::string, at::Tensor> tensors;
    for (const auto& name : checkpoint_.names())
      if (name.rfind(prefix, 0) == 0)
        tensors[name.substr(prefix.size())] = checkpoint_.load(name, at::kFloat, arena_ ? at::Device(at::kCPU) : options_.device);
    // Masters keep the checkpoint's own tensors; the family's preparation (MoE experts stacked
    // for the grouped matmuls) happens in compute_weights, differentiably, every pass.
    for (auto& [local, t] : tensors) {
      t = as_master(t);
      parameters_.push_back({prefix + local, t});
    }
    layers_.emplace_back(prefix, std::move(tensors));
  }
  std::map<std::string, at::Tensor> top;
  std::vector<std::string> top_names = {family_->embedding_name(), family_->final_norm_prefix() + ".weight",
                                        family_->final_norm_prefix() + ".bias"};
  if (!cfg.tie_word_embeddings && checkpoint_.has(family_->lm_head_name())) top_names.push_back(family_->lm_head_name());
  for (const auto& name : top_names) {
    if (!checkpoint_.has(name)) continue;
    top[name] = as_master(checkpoint_.load(name, at::kFloat, arena_ ? at::Device(at::kCPU) : options_.device));
    parameters_.push_back({name, top[name]});
  }
  top_ = LayerWeights("", std::move(top));
}

// A fresh fp32 leaf that collects gradients; offloaded, it and its gradient are mapped files.
at::Tensor TrainableModel::as_master(const at::Tensor& loaded) {
  if (!arena_) return loaded.detach().to(at::kFloat).contiguous().clone().requires_grad_(true);
  at::Tensor master = arena_->zeros(loaded.sizes());
  master.copy_(loaded);
  grad_buffers_.push_back(arena_->zeros(loaded.sizes()));
  return master.requires_grad_(true);
}

void TrainableModel::zero_grad() {
  at::NoGradGuard no_grad;
  for (size_t i = 0; i < parameters_.size(); ++i) {
    at::Tensor& p = parameters_[i].value;
    if (arena_) {
      // Defined beforehand, the gradient is accumulated in place: it stays in its mapped file.
      p.mutable_grad() = grad_buffers_[i].zero_();
    } else if (p.grad().defined()) {
      p.mutable_grad() = at::Tensor();
    }
  }
}

at::Tensor TrainableModel::new_state_like(const at::Tensor& p) {
  if (arena_) return arena_->zeros(p.sizes());
  return at::zeros_like(p, p.options().requires_grad(false));
}

at::Tensor TrainableModel::embedding_matrix() const { return top_.get(family_->embedding_name()).detach(); }

at::Tensor TrainableModel::lm_head_weight() const {
  const std::string head = family_->lm_head_name();
  return top_.has(head) ? top_.get(head) : top_.get(family_->embedding_name());
}

std::vector<NamedParameter> TrainableModel::layer_weight_matrices() const {
  std::vector<NamedParameter> out;
  for (const auto& layer : layers_)
    for (const auto& [local, t] : layer.tensors())
      if (t.dim() == 2) out.push_back({layer.prefix() + local, t.detach()});
  return out;
}

LayerWeights TrainableModel::compute_weights(const LayerWeights& masters) const {
  std::map<std::string, at::Tensor> cast;
  for (const auto& [local, t] : masters.tensors()) cast[local] = t.to(options_.device, options_.compute_dtype);  // differentiable
  family_->prepare_layer(cast, options_.compute_dtype);
  return LayerWeights(masters.prefix(), std::move(cast));
}

void TrainableModel::save(const std::string& dir) const {
  fs::create_directories(dir);
  std::vector<TensorBlob> blobs;
  for (const auto& p : parameters_) {
    const std::string& dtype = checkpoint_.info(p.name).dtype;  // each tensor keeps its stored dtype
    at::Tensor t = p.value.detach().to(at::kCPU, scalar_type_of(dtype, p.name)).contiguous();
    blobs.push_back({p.name, dtype, t.sizes().vec(),
                     std::string(static_cast<const char*>(t.data_ptr()), t.nbytes())});
  }
  write_safetensors((fs::path(dir) / "model.safetensors").string(), blobs);
  for (const char* file : {"config.json", "generation_config.json", "tokenizer.json", "tokenizer_config.json",
                           "special_tokens_map.json"}) {
    fs::path from = fs::path(checkpoint_.dir()) / file;
    if (fs::exists(from)) fs::copy_file(from, fs::path(dir) / file, fs::copy_options::overwrite_existing);
  }
}

const RotaryTables& TrainableModel::rotary_for(int64_t positions) {
  auto it = rotary_.find(positions);
  if (it == rotary_.end())
    it = rotary_.emplace(positions, make_rotary_tables(config(), positions, options_.compute_dtype, options_.device)).first;
  return it->second;
}

at::Tensor TrainableModel::embed(const at::Tensor& ids) {
  int64_t lo = ids.min().item<int64_t>(), hi = ids.max().item<int64_t>();
  if (lo < 0 || hi >= config().vocab_size)
    throw InputError("token id " + std::to_string(lo < 0 ? lo : hi) + " is outside the vocabulary [0, " +
                     std::to_string(config().vocab_size) + ")");
  return at::embedding(top_.get(family_->embedding_name()).to(options_.device, options_.compute_dtype),
                       ids.to(options_.device, at::kLong));
}

at::Tensor TrainableModel::run_layer(int64_t layer, const at::Tensor& hidden) {
  LayerContext ctx{config(), no_hooks(), rotary_for(hidden.size(1)), layer, 0, 0,
                   config().sliding_window_per_layer[layer], options_.query_tile};
  return family_->forward_layer(compute_weights(layers_[layer]), hidden, ctx);
}

at::Tensor TrainableModel::logits(const at::Tensor& final_residual) {
  LayerWeights norm("", {});
  for (const auto& suffix : {".weight", ".bias"}) {
    const std::string name = family_->final_norm_prefix() + suffix;
    if (top_.has(name)) norm.tensors()[name] = top_.get(name).to(options_.device, options_.compute_dtype);
  }
  at::Tensor h = family_->final_norm(norm, final_residual, config());
  return owb::linear(h, lm_head_weight().to(options_.device, options_.compute_dtype)).to(at::kFloat);
}

std::vector<at::Tensor> TrainableModel::residual_stream(const at::Tensor& ids) {
  if (ids.dim() != 2 || ids.size(1) < 2) throw InputError("token ids must be [batch, positions >= 2]");
  at::NoGradGuard no_grad;
  std::vector<at::Tensor> stream{embed(ids)};
  for (int64_t i = 0; i < num_layers(); ++i) stream.push_back(run_layer(i, stream.back()));
  return stream;
}

double TrainableModel::next_token_nll_sum(const at::Tensor& ids, int64_t* count) {
  return next_token_nll_sum(residual_stream(ids).back(), ids, count);
}

double TrainableModel::next_token_nll_sum(const at::Tensor& final_residual, const at::Tensor& ids, int64_t* count) {
  at::NoGradGuard no_grad;
  at::Tensor logits_ = logits(final_residual);
  const int64_t T = ids.size(1), V = logits_.size(2);
  at::Tensor logp = at::log_softmax(logits_.narrow(1, 0, T - 1).to(at::kDouble), -1).reshape({-1, V});
  at::Tensor wanted = ids.narrow(1, 1, T - 1).reshape({-1, 1}).to(logp.device(), at::kLong);
  *count = wanted.size(0);
  return -logp.gather(1, wanted).sum().item<double>();
}

// The head (final norm, LM head, loss), a chunk of positions at a time: logits, their log-softmax
// and gradient are [B, T, V] fp32 each, larger than a layer's graph once T is long. The mean over
// all predictions is the sum of the chunks' sums over their count; gradients add up in top.grad().
double TrainableModel::backward_head(const at::Tensor& top, const at::Tensor& targets, double loss_scale,
                                     bool only_inputs) {
  const int64_t B = top.size(0), predictions = top.size(1) - 1;
  const double count = static_cast<double>(B * predictions);
  double loss = 0;
  for (int64_t t0 = 0; t0 < predictions; t0 += kHeadChunkPositions) {
    const int64_t n = std::min(kHeadChunkPositions, predictions - t0);
    // Positions t0..t0+n-1 predict targets t0+1..t0+n: a window of n + 1 for next_token_loss.
    at::Tensor chunk_logits = logits(top.narrow(1, t0, n));
    at::Tensor wanted = targets.narrow(1, t0 + 1, n).reshape({-1}).to(chunk_logits.device(), at::kLong);
    at::Tensor sum = at::nll_loss(at::log_softmax(chunk_logits.reshape({-1, chunk_logits.size(2)}), -1), wanted,
                                  {}, at::Reduction::Sum);
    loss += sum.item<double>();
    at::Tensor scaled = sum * (loss_scale / count);
    if (only_inputs)
      scaled.backward({}, c10::nullopt, false, at::TensorList{top});
    else
      scaled.backward();
  }
  return loss / count;
}

at::Tensor TrainableModel::backward_through_layers(std::vector<at::Tensor>& stream, const at::Tensor& targets,
                                                   double loss_scale, bool only_inputs, double* loss) {
  at::AutoGradMode grad(true);
  at::Tensor top = stream.back().detach().requires_grad_(true);
  *loss = backward_head(top, targets, loss_scale, only_inputs);
  at::Tensor g = top.grad();
  // The layers, last to first, each recomputed from its saved input.
  for (int64_t i = num_layers() - 1; i >= 0; --i) {
    at::Tensor x = stream[i].detach().requires_grad_(true);
    at::Tensor y = run_layer(i, x);
    if (only_inputs)
      y.backward(g, c10::nullopt, false, at::TensorList{x});
    else
      y.backward(g);
    g = x.grad();
    stream[i + 1] = at::Tensor();  // done with it
  }
  return g;
}

double TrainableModel::backward_lm_loss(const at::Tensor& ids, double loss_scale) {
  std::vector<at::Tensor> stream = residual_stream(ids);
  double loss = 0;
  at::Tensor g = backward_through_layers(stream, ids, loss_scale, /*only_inputs=*/false, &loss);
  at::AutoGradMode grad(true);
  embed(ids).backward(g);  // into the embedding matrix
  return loss;
}

double TrainableModel::backward_lm_loss_full_graph(const at::Tensor& ids) {
  at::AutoGradMode grad(true);
  at::Tensor h = embed(ids);
  for (int64_t i = 0; i < num_layers(); ++i) h = run_layer(i, h);
  at::Tensor loss = next_token_loss(logits(h), ids);
  loss.backward();
  return loss.item<double>();
}

double TrainableModel::loss_gradient_wrt_embeddings(const at::Tensor& embeddings, const at::Tensor& targets,
                                                    at::Tensor* gradient) {
  std::vector<at::Tensor> stream;
  {
    at::NoGradGuard no_grad;
    stream.push_back(embeddings.detach().to(options_.device, options_.compute_dtype));
    for (int64_t i = 0; i < num_layers(); ++i) stream.push_back(run_layer(i, stream.back()));
  }
  double loss = 0;
  *gradient = backward_through_layers(stream, targets, 1.0, /*only_inputs=*/true, &loss).to(at::kFloat);
  return loss;
}

}  // namespace owb
