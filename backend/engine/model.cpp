#include "model.h"

#include "host_memory.h"
#include "matmul.h"

#include "errors.h"

#include <ATen/Parallel.h>

#include <sched.h>

#include <cstdlib>
#include <cstring>
#include <future>
#include <numeric>
#include <thread>

namespace owb {

at::Device parse_device(const std::string& name) {
  if (name == "cpu") return at::Device(at::kCPU);
  if (name.rfind("cuda", 0) == 0) {
    if (!at::hasCUDA()) throw InputError("device \"" + name + "\": this libtorch was built without CUDA (or no GPU is visible)");
    return at::Device(name);
  }
  throw InputError("unknown device \"" + name + "\" (use cpu, cuda or cuda:N)");
}

namespace {

int64_t usable_cpus() {
  cpu_set_t set;
  if (sched_getaffinity(0, sizeof set, &set) == 0) return CPU_COUNT(&set);
  return std::max(1u, std::thread::hardware_concurrency());
}

}  // namespace

// Some libtorch builds cannot compute in every dtype on every device (1.13 on the CPU:
// "addmm_impl_cpu_ not implemented for 'Half'"). Refuse such a choice up front, naming it,
// instead of failing with an internal error inside the first layer.
void check_compute_dtype(const EngineOptions& o) {
  try {
    at::Tensor x = at::ones({2, 2}, at::TensorOptions().dtype(o.dtype).device(o.device));
    at::matmul(x, x);
    at::silu(x);
    at::gelu(x);
  } catch (const c10::Error&) {
    throw InputError("compute dtype " + dtype_name(o.dtype) + " is not supported on " + o.device.str() +
                     " by this libtorch (use bf16 or f32)");
  }
}

void prepare_cpu_runtime(const EngineOptions& o) {
  if (!o.device.is_cpu()) return;
  if (o.threads > 0) {
    at::set_num_threads(static_cast<int>(o.threads));
    return;
  }
  if (std::getenv("OMP_NUM_THREADS") || std::getenv("MKL_NUM_THREADS")) return;  // the user's choice
  int64_t cpus = usable_cpus();
  if (at::get_num_threads() < cpus) at::set_num_threads(static_cast<int>(cpus));
}

Model::Model(const std::string& dir, EngineOptions options)
    : checkpoint_(dir), family_(make_family(checkpoint_.config())), options_(options) {
  if (options_.threads < 0) throw InputError("threads must be 0 (all CPUs) or more, got " + std::to_string(options_.threads));
  prepare_cpu_runtime(options_);
  // Inference only: training's autograd graphs allocate differently and ran ~15 % slower with it
  // (bench_fine_tune), so the trainable model leaves glibc's defaults alone.
  if (options_.device.is_cpu()) reuse_freed_activation_memory();
  check_compute_dtype(options_);
  if (options_.query_tile < 1)  // the attention loop would never advance
    throw InputError("query tile must be at least 1, got " + std::to_string(options_.query_tile));
  validate_tensors();
  if (options_.layer_limit > config().num_hidden_layers)
    throw InputError("layer limit " + std::to_string(options_.layer_limit) + " exceeds the model's " +
                     std::to_string(config().num_hidden_layers) + " layers");
  if (!options_.streaming)
    for (int64_t i = 0; i < layers_to_run(); ++i) resident_.push_back(load_layer(i));
}

Model::~Model() = default;

int64_t Model::layers_to_run() const {
  return options_.layer_limit < 0 ? config().num_hidden_layers : options_.layer_limit;
}

namespace {
std::string shape_text(const std::vector<int64_t>& shape) {
  std::string s = "[";
  for (size_t i = 0; i < shape.size(); ++i) s += (i ? ", " : "") + std::to_string(shape[i]);
  return s + "]";
}
}  // namespace

// Every tensor the forward pass will read exists with the shape the config implies, before a
// single weight is loaded (a missing or mis-shaped tensor fails here, naming it).
void Model::validate_tensors() const {
  const ModelConfig& cfg = config();
  const TensorInfo& emb = checkpoint_.info(family_->embedding_name());
  if (emb.shape.size() != 2 || emb.shape[0] < cfg.vocab_size || emb.shape[1] != cfg.hidden_size)
    throw input_error(checkpoint_.file_of(family_->embedding_name()),
                      "embedding \"" + family_->embedding_name() + "\" must be [vocab_size >= " + std::to_string(cfg.vocab_size) +
                          ", hidden_size " + std::to_string(cfg.hidden_size) + "]");
  auto check = [&](const std::string& name, const std::vector<int64_t>& shape) {
    const TensorInfo& t = checkpoint_.info(name);
    if (!shape.empty() && t.shape != shape)
      throw input_error(checkpoint_.file_of(name), "tensor \"" + name + "\" has shape " + shape_text(t.shape) +
                                                       ", config.json implies " + shape_text(shape));
  };
  for (int64_t i = 0; i < cfg.num_hidden_layers; ++i)
    for (const auto& spec : family_->layer_tensors(cfg, i)) check(family_->layer_prefix(i) + spec.name, spec.shape);
  // The final norm and the LM head too: a missing one would fail only after every layer ran, a
  // mis-shaped norm weight ([1]) would even broadcast silently.
  for (const auto& spec : family_->required_top_tensors(cfg)) check(spec.name, spec.shape);
  const std::string head = family_->lm_head_name();
  if (!cfg.tie_word_embeddings && checkpoint_.has(head)) {
    const TensorInfo& t = checkpoint_.info(head);
    if (t.shape.size() != 2 || t.shape[0] < cfg.vocab_size || t.shape[1] != cfg.hidden_size)
      throw input_error(checkpoint_.file_of(head), "LM head \"" + head + "\" has shape " + shape_text(t.shape) +
                                                       ", must be [vocab_size >= " + std::to_string(cfg.vocab_size) +
                                                       ", hidden_size " + std::to_string(cfg.hidden_size) + "]");
  }
}

std::vector<std::string> Model::layer_tensor_names(int64_t layer) const {
  std::string prefix = family_->layer_prefix(layer);
  std::vector<std::string> out;
  for (const auto& name : checkpoint_.names())
    if (name.rfind(prefix, 0) == 0) out.push_back(name);
  return out;
}

uint64_t Model::layer_bytes(int64_t layer) const {
  uint64_t n = 0;
  for (const auto& name : layer_tensor_names(layer)) {
    const TensorInfo& t = checkpoint_.info(name);
    n += t.end - t.begin;
  }
  return n;
}

namespace {
// The element of t (the stored tensor's layout) that e addresses.
at::Tensor element_of(const at::Tensor& t, int64_t expert, int64_t row, int64_t col) {
  return (expert >= 0 ? t[expert] : t)[row][col];
}
}  // namespace

void Model::apply_edits(const std::string& name, at::Tensor& t) const {
  auto it = edits_.find(name);
  if (it == edits_.end()) return;
  for (const Edit& e : it->second) element_of(t, e.at.expert, e.at.row, e.at.col).fill_(e.value);
}

at::Tensor Model::load_tensor(const std::string& name) const {
  // Norm weights and other 1-D tensors keep the compute dtype too; HF does the same.
  at::Tensor t;
  at::Tensor stored = checkpoint_.view(name);
  if (stored.scalar_type() == at::kByte) {
    // Packed weights (gpt-oss MXFP4 blocks and scales) stay packed; the family unpacks them
    // per layer in prepare_layer.
    return stored.to(options_.device, at::kByte, /*non_blocking=*/false, /*copy=*/true);
  }
  if (options_.device.is_cpu() && stored.scalar_type() == options_.dtype) {
    // A plain copy on the calling thread: the streaming prefetcher runs beside the forward pass,
    // and an ATen copy there would start a second OpenMP team on the same cores.
    t = empty_outside_heap(stored.sizes(), stored.scalar_type());
    std::memcpy(t.data_ptr(), stored.data_ptr(), stored.nbytes());
  } else {
    t = checkpoint_.load(name, options_.dtype, options_.device);
  }
  apply_edits(name, t);
  checkpoint_.release_pages(name);  // copied out: the mapped bytes need not stay resident
  return t;
}

// Streaming's weights without a copy: when the stored tensor already has the compute dtype, is
// aligned for it and carries no edit, the layer reads the checkpoint's read-only mapping itself
// (populated here, on the prefetching thread) and drops those pages from the resident set once
// the tensor is freed, as the copying path does right after its copy. Undefined when it cannot.
at::Tensor Model::borrow_mapped_tensor(const std::string& name) const {
  if (!options_.device.is_cpu() || edits_.count(name)) return {};
  at::Tensor stored = checkpoint_.view(name);
  if (stored.scalar_type() != options_.dtype || stored.scalar_type() == at::kByte ||
      reinterpret_cast<uintptr_t>(stored.data_ptr()) % stored.element_size() != 0)
    return {};
  checkpoint_.populate_pages(name);
  const Checkpoint* checkpoint = &checkpoint_;
  return at::from_blob(stored.data_ptr(), stored.sizes(), [checkpoint, name](void*) { checkpoint->release_pages(name); },
                       stored.options());
}

LayerWeights Model::load_layer(int64_t layer, bool borrow) const {
  std::string prefix = family_->layer_prefix(layer);
  std::map<std::string, at::Tensor> tensors;
  for (const auto& name : layer_tensor_names(layer)) {
    at::Tensor t = borrow ? borrow_mapped_tensor(name) : at::Tensor();
    tensors[name.substr(prefix.size())] = t.defined() ? t : load_tensor(name);
  }
  family_->prepare_layer(tensors, options_.dtype);
  return LayerWeights(prefix, std::move(tensors));
}

at::Tensor Model::embed(const at::Tensor& ids) {
  const std::string& name = family_->embedding_name();
  if (!top_.count(name)) top_[name] = load_tensor(name);
  int64_t lo = ids.min().item<int64_t>(), hi = ids.max().item<int64_t>();
  if (lo < 0 || hi >= config().vocab_size)
    throw InputError("token id " + std::to_string(lo < 0 ? lo : hi) + " is outside the vocabulary [0, " +
                     std::to_string(config().vocab_size) + ")");
  return at::embedding(top_[name], ids.to(options_.device));
}

const at::Tensor& Model::lm_head_weight() {
  std::string name = family_->lm_head_name();
  if (config().tie_word_embeddings || !checkpoint_.has(name)) name = family_->embedding_name();
  if (!top_.count(name)) top_[name] = load_tensor(name);
  return top_[name];
}

const RotaryTables& Model::rotary_for(int64_t positions) {
  auto it = rotary_.find(positions);
  if (it == rotary_.end())
    it = rotary_.emplace(positions, make_rotary_tables(config(), positions, options_.dtype, options_.device)).first;
  return it->second;
}

at::Tensor Model::run_layer(int64_t layer, const LayerWeights& w, const at::Tensor& hidden, const Hooks& hooks,
                            int64_t batch_index, int64_t first_sequence) {
  LayerContext ctx{config(), hooks, rotary_for(hidden.size(1)), layer, batch_index, first_sequence,
                   config().sliding_window_per_layer[layer], options_.query_tile};
  return family_->forward_layer(w, hidden, ctx);
}

std::vector<int64_t> Model::first_sequences(const std::vector<at::Tensor>& batches) const {
  std::vector<int64_t> first(batches.size(), 0);
  for (size_t b = 1; b < batches.size(); ++b) first[b] = first[b - 1] + batches[b - 1].size(0);
  return first;
}

void Model::finish_batch(int64_t b, const at::Tensor& hidden, const FinalHiddenFn& on_final) {
  if (!on_final) return;
  on_final(b, final_norm(hidden));
}

at::Tensor Model::final_norm(const at::Tensor& hidden) {
  LayerWeights top("", {});
  const std::string w = family_->final_norm_prefix() + ".weight", bias = family_->final_norm_prefix() + ".bias";
  for (const auto& name : {w, bias})
    if (checkpoint_.has(name)) {
      if (!top_.count(name)) top_[name] = load_tensor(name);
      top.tensors()[name] = top_[name];
    }
  return family_->final_norm(top, hidden, config());
}

void Model::run(const std::vector<at::Tensor>& batches, const Hooks& hooks, const FinalHiddenFn& on_final,
                const ProgressFn& progress) {
  for (size_t b = 0; b < batches.size(); ++b)
    if (batches[b].dim() != 2) throw InputError("batch " + std::to_string(b) + ": token ids must be [batch, positions]");
  if (options_.streaming)
    run_streaming(batches, hooks, on_final, progress);
  else
    run_resident(batches, hooks, on_final, progress);
}

void Model::run_resident(const std::vector<at::Tensor>& batches, const Hooks& hooks, const FinalHiddenFn& on_final,
                         const ProgressFn& progress) {
  const int64_t L = layers_to_run(), total = L * static_cast<int64_t>(batches.size());
  std::vector<int64_t> first = first_sequences(batches);
  int64_t done = 0;
  for (size_t b = 0; b < batches.size(); ++b) {
    at::Tensor h = embed(batches[b]);
    for (int64_t i = 0; i < L; ++i) {
      h = run_layer(i, resident_[i], h, hooks, static_cast<int64_t>(b), first[b]);
      if (progress) progress(++done, total);
    }
    finish_batch(static_cast<int64_t>(b), h, on_final);
  }
}

void Model::run_streaming(const std::vector<at::Tensor>& batches, const Hooks& hooks, const FinalHiddenFn& on_final,
                          const ProgressFn& progress) {
  const int64_t L = layers_to_run(), total = L * static_cast<int64_t>(batches.size());
  std::vector<int64_t> first = first_sequences(batches);
  std::vector<at::Tensor> hidden;
  for (const auto& ids : batches) hidden.push_back(embed(ids));
  if (!config().tie_word_embeddings) top_.erase(family_->embedding_name());  // not needed again
  std::future<LayerWeights> next;
  if (L > 0) next = std::async(std::launch::async, [this] { return load_layer(0, /*borrow=*/true); });
  int64_t done = 0;
  for (int64_t i = 0; i < L; ++i) {
    LayerWeights w = next.get();
    if (i + 1 < L) next = std::async(std::launch::async, [this, i] { return load_layer(i + 1, /*borrow=*/true); });
    for (size_t b = 0; b < batches.size(); ++b) {
      hidden[b] = run_layer(i, w, hidden[b], hooks, static_cast<int64_t>(b), first[b]);
      if (progress) progress(++done, total);
    }
  }
  for (size_t b = 0; b < batches.size(); ++b) finish_batch(static_cast<int64_t>(b), hidden[b], on_final);
}

RotaryTables Model::rotary_window(int64_t offset, int64_t count) {
  const int64_t total = offset + count;
  RotaryTables full;
  if (config().rope.type == "dynamic") {
    // NTK-aware scaling recomputes its base from the current length (as HF does while
    // decoding), so the tables depend on it: built per step, not kept.
    full = make_rotary_tables(config(), total, options_.dtype, options_.device);
  } else {
    // Rows do not depend on the table's length: one table per power of two serves every step.
    int64_t capacity = 256;
    while (capacity < total) capacity *= 2;
    full = rotary_for(capacity);
  }
  if (full.rot_dim == 0) return full;
  return {full.cos.narrow(0, offset, count), full.sin.narrow(0, offset, count), full.rot_dim};
}

at::Tensor Model::forward_cached(const at::Tensor& ids, KvCache& cache, const Hooks& hooks, bool all_positions) {
  if (options_.streaming) throw InputError("incremental (KV-cached) decoding runs in resident mode only (not --streaming)");
  const int64_t L = config().num_hidden_layers;
  if (layers_to_run() != L) throw InputError("incremental decoding needs every layer (a layer limit is set)");
  if (ids.dim() != 2 || ids.size(1) < 1) throw InputError("token ids must be [batch, positions] with at least one position");
  if (cache.layers.empty()) cache.layers.resize(static_cast<size_t>(L));
  if (static_cast<int64_t>(cache.layers.size()) != L)
    throw InputError("KV cache holds " + std::to_string(cache.layers.size()) + " layers, the model has " + std::to_string(L));
  const int64_t T = ids.size(1);
  RotaryTables rope = rotary_window(cache.length(), T);
  at::Tensor h = embed(ids);
  for (int64_t i = 0; i < L; ++i) {
    LayerContext ctx{config(), hooks, rope, i, /*batch_index=*/0, /*first_sequence=*/0,
                     config().sliding_window_per_layer[i], options_.query_tile, &cache.layers[i]};
    h = family_->forward_layer(resident_[i], h, ctx);
  }
  if (!all_positions) h = h.narrow(1, T - 1, 1);
  at::Tensor out = logits(final_norm(h));
  return all_positions ? out : out.squeeze(1);
}

// The LM head a block of the vocabulary at a time, each block cast into the fp32 result: the
// whole [N, V] product in the compute dtype never exists (622 MB for 2048 positions of a
// 152k vocabulary in bf16, all of it fresh pages to fault in), and each block's product stays
// small enough for the heap to hand the next block the same memory. Same numbers: every logit
// is one dot product rounded to the dtype, then widened.
at::Tensor Model::logits(const at::Tensor& final_hidden) {
  const at::Tensor& w = lm_head_weight();
  const int64_t rows = final_hidden.numel() / std::max<int64_t>(1, final_hidden.size(-1)), V = w.size(0);
  constexpr int64_t kBlockBytes = 16 << 20;
  const int64_t block = std::max<int64_t>(256, kBlockBytes / std::max<int64_t>(1, rows * final_hidden.element_size()));
  if (block >= V || final_hidden.scalar_type() == at::kFloat) return owb::linear(final_hidden, w).to(at::kFloat);
  std::vector<int64_t> sizes = final_hidden.sizes().vec();
  sizes.back() = V;
  at::Tensor out = at::empty(sizes, final_hidden.options().dtype(at::kFloat));
  for (int64_t v0 = 0; v0 < V; v0 += block) {
    const int64_t n = std::min(block, V - v0);
    out.narrow(-1, v0, n).copy_(owb::linear(final_hidden, w.narrow(0, v0, n)));
  }
  return out;
}

Model::Element Model::locate_element(const std::string& tensor, int64_t row, int64_t col) const {
  auto outside = [&] {
    return InputError("weight edit [" + std::to_string(row) + ", " + std::to_string(col) + "] is outside tensor \"" + tensor + "\"");
  };
  if (checkpoint_.has(tensor)) {
    const TensorInfo& t = checkpoint_.info(tensor);
    if (t.shape.size() != 2 || row < 0 || col < 0 || row >= t.shape[0] || col >= t.shape[1]) throw outside();
    return {tensor, -1, row, col};
  }
  // A routed expert's [out, in] matrix kept as a slice of a stacked tensor [E, in, out * stride].
  for (int64_t i = 0; i < config().num_hidden_layers; ++i) {
    const std::string prefix = family_->layer_prefix(i);
    if (tensor.rfind(prefix, 0) != 0) continue;
    auto slice = family_->stacked_expert_slice(tensor.substr(prefix.size()));
    if (!slice) break;
    const std::string stored = prefix + slice->tensor;
    const TensorInfo& t = checkpoint_.info(stored);
    if (t.shape.size() != 3 || slice->expert < 0 || slice->expert >= t.shape[0])
      throw InputError("weight edit: \"" + tensor + "\" names an expert outside \"" + stored + "\"");
    const int64_t stored_col = row * slice->stride + slice->offset;
    if (row < 0 || col < 0 || stored_col >= t.shape[2] || col >= t.shape[1]) throw outside();
    return {stored, slice->expert, col, stored_col};
  }
  checkpoint_.info(tensor);  // throws naming the missing tensor
  throw outside();
}

void Model::set_weight(const std::string& tensor, int64_t row, int64_t col, double value) {
  const Element el = locate_element(tensor, row, col);
  edits_[el.tensor].push_back({el, value});
  for (auto& layer : resident_)
    if (el.tensor.rfind(layer.prefix(), 0) == 0 && layer.has(el.tensor.substr(layer.prefix().size())))
      element_of(layer.tensors()[el.tensor.substr(layer.prefix().size())], el.expert, el.row, el.col).fill_(value);
  if (top_.count(el.tensor)) element_of(top_[el.tensor], el.expert, el.row, el.col).fill_(value);
}

void Model::restore_weights() {
  auto edited = std::move(edits_);
  edits_.clear();
  for (const auto& [tensor, list] : edited) {
    for (auto& layer : resident_)
      if (tensor.rfind(layer.prefix(), 0) == 0 && layer.has(tensor.substr(layer.prefix().size())))
        // In place: the tensor may be a view into a family's fused weights (MoE experts' gate/up).
        layer.tensors()[tensor.substr(layer.prefix().size())].copy_(load_tensor(tensor));
    if (top_.count(tensor)) top_[tensor] = load_tensor(tensor);
  }
}

double Model::checkpoint_weight(const std::string& tensor, int64_t row, int64_t col) const {
  const Element el = locate_element(tensor, row, col);
  return element_of(checkpoint_.view(el.tensor), el.expert, el.row, el.col).item<double>();
}

}  // namespace owb
