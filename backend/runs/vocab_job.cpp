#include "vocab_job.h"

#include "bootstrap.h"
#include "errors.h"
#include "interventional_deltas.h"
#include "job_config.h"
#include "json_file.h"
#include "logit_lens_cascade.h"
#include "model.h"
#include "model_summary.h"
#include "run_clock.h"
#include "sequence_builder.h"
#include "super_weight_detection.h"
#include "super_weight_job.h"
#include "text_source.h"
#include "token_class_enrichment.h"
#include "tokenizer.h"
#include "vocab_cards.h"
#include "vocabulary_effects.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <set>

namespace owb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

at::ScalarType compute_dtype(const std::string& name) {
  std::string d = normalize_dtype(name);
  return d == "bf16" ? at::kBFloat16 : d == "f16" ? at::kHalf : at::kFloat;
}

// The held-out token stream, checked against the window options ("smart token validation":
// what cannot work is adjusted with a warning that says what to change).
struct HeldOutText {
  std::vector<ScoredWindow> windows;
  int64_t tokens = 0, window_len = 0, stride = 0, documents = 0;
  std::string source;
};

HeldOutText held_out_text(const VocabJob& job, const Tokenizer& tok, RunContext& ctx) {
  auto source = open_text_source({job.dataset, "train", job.text_field});
  HeldOutText h;
  h.source = source->describe();
  std::vector<int32_t> stream = build_token_stream(*source, tok, SequenceSpec(), job.tokens, &h.documents);
  if (static_cast<int64_t>(stream.size()) > job.tokens) stream.resize(static_cast<size_t>(job.tokens));
  h.tokens = static_cast<int64_t>(stream.size());
  if (h.tokens < 2) throw input_error(h.source, "holds fewer than 2 tokens");
  if (h.tokens < job.tokens)
    ctx.log("WARNING", h.source + " holds only " + std::to_string(h.tokens) + " tokens of the " +
                           std::to_string(job.tokens) + " asked for (--tokens)");
  h.window_len = std::min(job.window_len, h.tokens);
  if (h.window_len < job.window_len)
    ctx.log("WARNING", "--window-len " + std::to_string(job.window_len) + " exceeds the text; using " +
                           std::to_string(h.window_len));
  h.stride = std::min(job.stride, h.window_len);
  h.windows = analysis_windows(stream, h.window_len, h.stride, job.drop_first_token);
  if (h.windows.empty()) throw input_error(h.source, "no window has a token to score");
  if (job.bootstrap > 0 && h.windows.size() < 20)
    ctx.log("WARNING", "only " + std::to_string(h.windows.size()) +
                           " windows: bootstrap intervals over so few are rough; raise --tokens or lower --stride");
  ctx.log("INFO", "held-out text: " + std::to_string(h.tokens) + " tokens from " + std::to_string(h.documents) +
                      " documents of " + h.source + ", " + std::to_string(h.windows.size()) + " windows of " +
                      std::to_string(h.window_len) + " (stride " + std::to_string(h.stride) + ")");
  return h;
}

at::Tensor prompt_ids(const Tokenizer& tok, const std::string& prompt) {
  std::vector<int32_t> ids = tok.encode(prompt, /*add_special_tokens=*/true);
  if (ids.empty()) throw InputError("the detection prompt encodes to no tokens");
  std::vector<int64_t> ids64(ids.begin(), ids.end());
  return at::tensor(ids64, at::kLong).view({1, static_cast<int64_t>(ids64.size())});
}

std::vector<std::string> decoded_vocabulary(const Tokenizer& tok, int64_t vocab) {
  std::vector<std::string> out(static_cast<size_t>(vocab));
  const int64_t known = std::min<int64_t>(vocab, static_cast<int64_t>(tok.vocab_size()));
  for (int64_t id = 0; id < known; ++id) out[static_cast<size_t>(id)] = tok.decode({static_cast<int32_t>(id)});
  return out;
}

// Every pass of one model reports into one progress stage.
struct PassCounter {
  RunContext& ctx;
  int64_t passes_total, batches_per_pass, passes_done = 0;
  PassOptions options(int64_t batch_size, std::vector<int64_t> lens, bool probabilities) {
    PassOptions o;
    o.batch_size = batch_size;
    o.lens_layers = std::move(lens);
    o.token_probabilities = probabilities;
    int64_t offset = passes_done++ * batches_per_pass;
    o.on_batch = [this, offset](int64_t done, int64_t) {
      ctx.progress("interventions", offset + done, passes_total * batches_per_pass);
    };
    return o;
  }
};

int64_t batches_in(const std::vector<ScoredWindow>& w, int64_t batch_size) {
  int64_t n = 0;
  for (size_t i = 0; i < w.size();) {
    size_t j = i;
    while (j < w.size() && static_cast<int64_t>(j - i) < batch_size && w[j].ids.size() == w[i].ids.size()) ++j;
    ++n, i = j;
  }
  return n;
}

SuperWeightMeasurements measure(Model& model, const SuperWeight& w, size_t index, const std::vector<SuperWeight>& all,
                                const HeldOutText& text, const at::Tensor& stop, const PassResult& baseline,
                                std::map<std::pair<int64_t, int64_t>, PassResult>& neuron_passes, PassCounter& counter,
                                const VocabJob& job) {
  SuperWeightMeasurements m;
  m.weight = w;
  m.baseline = &baseline;
  std::vector<int64_t> lens = job.enable_cascade ? baseline.lens_layers : std::vector<int64_t>{};
  m.zeroed = evaluate_with_weight_zeroed(model, w.tensor, {w.row, w.col}, text.windows, stop,
                                         counter.options(job.batch_size, lens, true));
  std::vector<Coordinate> excluded;
  for (const SuperWeight& o : all)
    if (o.tensor == w.tensor) excluded.push_back({o.row, o.col});
  const TensorInfo& info = model.checkpoint().info(w.tensor);
  m.random_coordinate = random_control_coordinate(info.shape[0], info.shape[1], excluded, job.seed + index);
  m.random_weight_value = model.checkpoint_weight(w.tensor, m.random_coordinate.row, m.random_coordinate.col);
  m.random_control = evaluate_with_weight_zeroed(model, w.tensor, m.random_coordinate, text.windows, stop,
                                                 counter.options(job.batch_size, {}, false));
  auto key = std::make_pair(w.layer, w.col);
  if (!neuron_passes.count(key))
    neuron_passes[key] = evaluate_with_neuron_zeroed(model, w.layer, w.col, text.windows, stop,
                                                     counter.options(job.batch_size, {}, false));
  m.neuron_zeroed = neuron_passes[key];
  if (job.enable_cascade) m.cascade = cascade_deltas(baseline, m.zeroed);
  return m;
}

// One model, end to end: its cards and the summary line for cross_model_summary.json.
json analyse_model(const std::string& model_name, const VocabJob& job, RunContext& ctx) {
  Tokenizer tok = Tokenizer::from_file(model_name);
  HeldOutText text = held_out_text(job, tok, ctx);  // bad text fails before the model loads
  EngineOptions o;
  o.dtype = compute_dtype(job.torch_dtype);
  o.device = parse_device(job.device);
  o.streaming = job.streaming;
  Model model(model_name, o);
  json config = to_json(job);
  config["model"] = model_name;
  config["model_info"] = summarize_checkpoint(model.checkpoint());
  config["held_out_text"] = {{"source", text.source}, {"tokens", text.tokens}, {"documents", text.documents},
                             {"windows", text.windows.size()}, {"window_len", text.window_len}, {"stride", text.stride}};
  ctx.write_artifact("run_config.json", config);

  const std::string prompt = job.prompt.empty() ? kDefaultDetectionPrompt : job.prompt;
  ctx.progress("detection", 0, 1);
  SuperWeightDetection d = detect_super_weights(model, prompt_ids(tok, prompt), job.spike_threshold, job.max_iterations);
  ctx.progress("detection", 1, 1);
  for (const SuperWeight& w : d.super_weights)
    ctx.log("INFO", "super weight (layer " + std::to_string(w.layer) + ", row " + std::to_string(w.row) + ", col " +
                        std::to_string(w.col) + ") found in pass " + std::to_string(w.iteration));
  if (d.super_weights.empty()) ctx.log("WARNING", "no super weight found: no cards to write");

  // Neurons: one card per distinct (layer, column), in detection order.
  Unembedding u = read_unembedding(model);
  std::vector<std::string> vocabulary = job.enable_enrichment ? decoded_vocabulary(tok, u.vocab) : std::vector<std::string>{};
  std::vector<NeuronCardInput> neurons;
  for (const SuperWeight& w : d.super_weights) {
    auto same = [&](const NeuronCardInput& n) { return n.effect.layer == w.layer && n.effect.neuron == w.col; };
    auto it = std::find_if(neurons.begin(), neurons.end(), same);
    if (it == neurons.end()) {
      NeuronCardInput n{analyse_neuron_vocabulary(model, u, tok, w.layer, w.col, job.top_k, job.enable_cosine), {}, {}};
      if (job.enable_enrichment) {
        std::vector<int64_t> top;
        for (const TokenEffect& t : n.effect.top_up) top.push_back(t.id);
        n.enrichment = token_class_enrichment(vocabulary, top);
      }
      neurons.push_back(std::move(n));
      it = neurons.end() - 1;
    }
    it->super_weights.push_back(w);
  }

  std::vector<int64_t> stop_ids = stopword_token_ids(tok);
  ctx.log("INFO", std::to_string(stop_ids.size()) + " stopword token ids");
  at::Tensor stop = at::tensor(stop_ids, at::kLong);
  std::vector<SuperWeightMeasurements> measured;
  PassResult baseline;  // the cards point at it
  if (!d.super_weights.empty()) {
    std::set<std::pair<int64_t, int64_t>> distinct;
    for (const SuperWeight& w : d.super_weights) distinct.insert({w.layer, w.col});
    PassCounter counter{ctx, 1 + 2 * static_cast<int64_t>(d.super_weights.size()) + static_cast<int64_t>(distinct.size()),
                        batches_in(text.windows, job.batch_size)};
    std::vector<int64_t> lens = job.enable_cascade ? cascade_layers(model.config().num_hidden_layers, job.cascade_every)
                                                   : std::vector<int64_t>{};
    baseline = evaluate_pass(model, text.windows, stop, Hooks(), counter.options(job.batch_size, lens, true));
    std::map<std::pair<int64_t, int64_t>, PassResult> neuron_passes;
    for (size_t i = 0; i < d.super_weights.size(); ++i) {
      measured.push_back(measure(model, d.super_weights[i], i, d.super_weights, text, stop, baseline, neuron_passes,
                                 counter, job));
      TokenMetrics delta = metric_delta(mean_metrics(measured.back().zeroed.total()), mean_metrics(baseline.total()));
      ctx.log("INFO", "super weight " + std::to_string(i) + " zeroed: delta loss " + std::to_string(delta.loss) +
                          ", delta entropy " + std::to_string(delta.entropy));
    }
  }
  CardOptions card_options{model_name, job.bootstrap, job.seed, job.top_k, job.enable_cosine, job.enable_enrichment};
  return write_model_results(ctx, card_options, tok, neurons, measured, static_cast<int64_t>(text.windows.size()));
}

}  // namespace

json to_json(const VocabJob& j) {
  return {{"models", j.models}, {"dataset", j.dataset}, {"text_field", j.text_field}, {"tokens", j.tokens},
          {"window_len", j.window_len}, {"stride", j.stride}, {"drop_first_token", j.drop_first_token},
          {"output_dir", j.output_dir}, {"seed", j.seed}, {"enable_cosine", j.enable_cosine},
          {"enable_cascade", j.enable_cascade}, {"enable_enrichment", j.enable_enrichment},
          {"bootstrap", j.bootstrap}, {"top_k", j.top_k}, {"cascade_every", j.cascade_every},
          {"spike_threshold", j.spike_threshold}, {"max_iterations", j.max_iterations},
          {"prompt", j.prompt.empty() ? kDefaultDetectionPrompt : j.prompt},
          {"router_analysis_samples", j.router_analysis_samples}, {"p_active_floor", j.p_active_floor},
          {"co_spike_threshold", j.co_spike_threshold}, {"torch_dtype", j.torch_dtype}, {"device", j.device},
          {"batch_size", j.batch_size}, {"streaming", j.streaming}};
}

void validate_vocab_job(const VocabJob& j) {
  if (j.models.empty()) throw InputError("--models: give at least one model");
  if (j.dataset.empty()) throw InputError("--dataset: a text file or folder (.txt / .jsonl) of held-out text");
  if (j.tokens < 2) throw InputError("--tokens must be at least 2");
  if (j.window_len < 2) throw InputError("--window-len must be at least 2");
  if (j.stride < 1 || j.stride > j.window_len) throw InputError("--stride must be in [1, --window-len]");
  if (j.bootstrap < 0) throw InputError("--bootstrap must be 0 (off) or more");
  if (j.top_k < 1) throw InputError("--top-k must be at least 1");
  if (j.cascade_every < 1) throw InputError("--cascade-every must be at least 1");
  if (!(j.spike_threshold > 0)) throw InputError("--spike-threshold must be positive");
  if (j.max_iterations < 1) throw InputError("--max-iterations must be at least 1");
  if (j.batch_size < 1) throw InputError("--batch-size must be at least 1");
  normalize_dtype(j.torch_dtype);
}

std::string run_vocab_job(const VocabJob& job, const EventSink& sink) {
  validate_vocab_job(job);
  fs::create_directories(job.output_dir);
  json config = to_json(job);
  config["timestamp"] = iso_time_now();
  write_json_atomically((fs::path(job.output_dir) / "run_config.json").string(), config);
  json summary = {{"timestamp", iso_time_now()}, {"models", json::object()}};
  std::vector<std::string> failures;
  for (const std::string& model : job.models) {
    std::string dir = (fs::path(job.output_dir) / model_folder_name(model)).string();
    RunContext ctx(dir, "vocab", "analysis.log", job.log_level, sink);
    ctx.started({{"model", model}});
    try {
      summary["models"][model] = analyse_model(model, job, ctx);
      ctx.finished_ok();
    } catch (const std::exception& e) {
      ctx.finished_failed(e.what());
      summary["models"][model] = {{"status", "failed"}, {"error", e.what()}};
      failures.push_back(model + ": " + e.what());
    }
  }
  write_json_atomically((fs::path(job.output_dir) / "cross_model_summary.json").string(), summary);
  write_file_atomically((fs::path(job.output_dir) / "README.md").string(), vocab_readme(config, summary));
  if (!failures.empty()) throw InputError(std::to_string(failures.size()) + " model(s) failed: " + failures.front());
  return job.output_dir;
}

}  // namespace owb
