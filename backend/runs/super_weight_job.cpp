#include "super_weight_job.h"

#include "errors.h"
#include "job_config.h"
#include "json_file.h"
#include "model.h"
#include "model_resolver.h"
#include "model_summary.h"
#include "moe_super_weight_cards.h"
#include "moe_super_weight_detection.h"
#include "run_clock.h"
#include "sequence_builder.h"
#include "super_weight_detection.h"
#include "super_weight_impact.h"
#include "task_accuracy.h"
#include "text_source.h"
#include "tokenizer.h"

#include <algorithm>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>

namespace owb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

at::ScalarType compute_dtype(const std::string& name) {
  std::string d = normalize_dtype(name);
  return d == "bf16" ? at::kBFloat16 : d == "f16" ? at::kHalf : at::kFloat;
}

json super_weight_json(const SuperWeight& w, size_t index) {
  json j = {{"index", index},         {"tensor", w.tensor},
            {"layer", w.layer},       {"row", w.row},
            {"col", w.col},           {"weight_value", w.weight_value},
            {"input_activation", w.input_activation}, {"output_activation", w.output_activation},
            {"position", w.position}, {"iteration", w.iteration}};
  if (w.expert >= 0) j["expert"] = w.expert, j["kind"] = "moe_expert";
  return j;
}

json detection_json(const SuperWeightDetection& d, const std::string& prompt) {
  json passes = json::array();
  for (const DetectionPass& p : d.passes) {
    json layers = json::array(), found = json::array();
    for (const LayerSpike& s : p.layers)
      layers.push_back({{"layer", s.layer}, {"max_input_channel", s.input_channel}, {"max_input_value", s.input_value},
                        {"max_output_channel", s.output_channel}, {"max_output_value", s.output_value}});
    for (const SuperWeight& w : p.found) found.push_back({{"layer", w.layer}, {"row", w.row}, {"col", w.col}});
    passes.push_back({{"iteration", p.iteration}, {"layers", layers}, {"super_weights_found", found}});
  }
  return {{"prompt", prompt}, {"spike_threshold", d.spike_threshold}, {"max_iterations", d.max_iterations},
          {"iterations", passes}};
}

json nll_json(const NllTotals& t) {
  return {{"perplexity", t.perplexity()}, {"mean_nll", t.mean()}, {"tokens", t.count},
          {"perplexity_stderr", t.perplexity_stderr()}};
}

// Zeroed vs intact: the numbers a super-weight card shows.
json change_json(const NllTotals& changed, const NllTotals& baseline) {
  json j = nll_json(changed);
  j["delta_perplexity"] = changed.perplexity() - baseline.perplexity();
  j["perplexity_ratio"] = changed.perplexity() / baseline.perplexity();
  j["delta_mean_nll"] = changed.mean() - baseline.mean();
  return j;
}

json impact_json(const SuperWeightImpact& impact, const SuperWeightJob& job, int64_t sequences) {
  json individual = json::array();
  for (size_t i = 0; i < impact.zeroed_alone.size(); ++i) {
    json j = change_json(impact.zeroed_alone[i], impact.baseline);
    j["index"] = i;
    individual.push_back(j);
  }
  json out = {{"dataset", job.dataset}, {"sequences", sequences}, {"sequence_length", job.sequence_length},
              {"baseline", nll_json(impact.baseline)}, {"individual", individual}};
  if (!impact.zeroed_alone.empty()) {
    out["combined"] = change_json(impact.zeroed_all, impact.baseline);
    out["restore_super_activation"] = change_json(impact.zeroed_all_activation_restored, impact.baseline);
  }
  return out;
}

// `count` sequences of sequence_length tokens from the job's text (the first ones: perplexity
// and the MoE routing samples read the same text from its start).
std::vector<ScoredWindow> text_windows(const SuperWeightJob& job, const Tokenizer& tok, RunContext& ctx, int64_t count,
                                       const std::string& purpose) {
  auto source = open_text_source({job.dataset, "train", job.text_field});
  SequenceSpec spec;
  spec.num_sequences = count;
  spec.sequence_length = job.sequence_length;
  TokenSequences seq = build_sequences(*source, tok, spec);
  ctx.log("INFO", purpose + " text: " + std::to_string(seq.sequences.size()) + " sequences of " +
                      std::to_string(job.sequence_length) + " tokens from " + source->describe());
  return fixed_length_windows(seq.sequences);
}

at::Tensor prompt_ids(const Tokenizer& tok, const std::string& prompt) {
  std::vector<int32_t> ids = tok.encode(prompt, /*add_special_tokens=*/true);
  if (ids.empty()) throw InputError("the detection prompt encodes to no tokens");
  std::vector<int64_t> ids64(ids.begin(), ids.end());
  return at::tensor(ids64, at::kLong).view({1, static_cast<int64_t>(ids64.size())});
}

// One task's scores with the model's current weights, by metric name (acc, acc_norm for multiple
// choice; exact_match_strict, exact_match_flexible for gsm8k).
using TaskScores = std::map<std::string, double>;

json scores_json(const TaskScores& scores, int64_t items) {
  json j = {{"items", items}};
  for (const auto& [metric, value] : scores) j[metric] = value;
  return j;
}

json scores_change_json(const TaskScores& changed, const TaskScores& baseline, int64_t items) {
  json j = scores_json(changed, items);
  for (const auto& [metric, value] : changed) j["delta_" + metric] = value - baseline.at(metric);
  return j;
}

// A task ready to score repeatedly: how many items, and a scorer.
struct TaskRunner {
  int64_t items = 0;
  std::function<TaskScores()> score;
};

TaskRunner task_runner(Model& model, const Tokenizer& tok, const SuperWeightJob& job, const std::string& task) {
  if (task == "gsm8k") {
    auto gsm8k = std::make_shared<Gsm8kTask>(load_gsm8k_task(job.tasks_dir, job.accuracy_samples));
    return {static_cast<int64_t>(gsm8k->items.size()), [&model, &tok, &job, gsm8k] {
              GenerationTaskResult r = score_gsm8k(model, tok, *gsm8k, job.max_gen_tokens);
              return TaskScores{{"exact_match_strict", r.exact_match_strict}, {"exact_match_flexible", r.exact_match_flexible}};
            }};
  }
  auto items = std::make_shared<std::vector<MultipleChoiceItem>>(
      load_multiple_choice(task, task_file(job.tasks_dir, task), job.accuracy_samples));
  return {static_cast<int64_t>(items->size()), [&model, &tok, &job, task, items] {
            MultipleChoiceResult r = score_multiple_choice(model, tok, task, *items, job.batch_size);
            return TaskScores{{"acc", r.acc}, {"acc_norm", r.acc_norm}};
          }};
}

std::string scores_text(const TaskScores& scores) {
  std::string out;
  for (const auto& [metric, value] : scores) out += (out.empty() ? "" : ", ") + metric + " " + std::to_string(value);
  return out;
}

// Accuracy of every task intact, with each super weight zeroed, and with all zeroed.
json measure_accuracy(Model& model, const Tokenizer& tok, const SuperWeightJob& job,
                      const std::vector<SuperWeight>& sws, RunContext& ctx) {
  json out = json::object();
  for (const std::string& task : job.accuracy_tasks) {
    TaskRunner runner = task_runner(model, tok, job, task);
    model.restore_weights();
    TaskScores baseline = runner.score();
    json individual = json::array();
    for (size_t i = 0; i < sws.size(); ++i) {
      model.set_weight(sws[i].tensor, sws[i].row, sws[i].col, 0.0);
      json j = scores_change_json(runner.score(), baseline, runner.items);
      j["index"] = i;
      individual.push_back(j);
      model.restore_weights();
    }
    json t = {{"baseline", scores_json(baseline, runner.items)}, {"individual", individual}};
    if (!sws.empty()) {
      for (const SuperWeight& w : sws) model.set_weight(w.tensor, w.row, w.col, 0.0);
      t["combined"] = scores_change_json(runner.score(), baseline, runner.items);
      model.restore_weights();
    }
    ctx.log("INFO", task + ": " + scores_text(baseline) + " over " + std::to_string(runner.items) + " items (intact)");
    out[task] = t;
  }
  return out;
}

void log_detection(const SuperWeightDetection& d, RunContext& ctx) {
  for (const DetectionPass& p : d.passes) {
    std::string found;
    for (const SuperWeight& w : p.found)
      found += " (" + std::to_string(w.layer) + ", " + std::to_string(w.row) + ", " + std::to_string(w.col) + ")";
    ctx.log("INFO", "detection pass " + std::to_string(p.iteration) + ": " + std::to_string(p.found.size()) +
                        " new super weight(s)" + found);
  }
}

void write_expert_cards(const MoeSuperWeightDetection& d, const std::string& model, RunContext& ctx) {
  const std::string relative = "metrics/super_weights/super_weights.jsonl";
  std::string text;
  for (const ExpertSuperWeight& w : d.candidates) text += expert_card(w, d, model).dump() + "\n";
  fs::create_directories(fs::path(ctx.file(relative)).parent_path());
  write_file_atomically(ctx.file(relative), text);
  ctx.event({{"event", "artifact"}, {"path", relative}});
}

// The MoE detector (moe_super_weight_detection.h) over --router-analysis-samples texts of the
// dataset (the detection prompt alone without one); returns the candidates as super weights.
std::vector<SuperWeight> detect_in_experts(Model& model, const Tokenizer& tok, const SuperWeightJob& job,
                                           const std::string& prompt, json& analysis, RunContext& ctx) {
  if (!supports_moe_super_weight_detection(model)) {
    const std::string why = model.config().model_type + " keeps no per-expert down projections to edit";
    ctx.log("WARNING", "MoE super-weight detection skipped: " + why);
    analysis["moe_detection"] = {{"skipped", why}};
    return {};
  }
  std::vector<ScoredWindow> samples;
  std::string source = "detection prompt";
  if (!job.dataset.empty()) {
    samples = text_windows(job, tok, ctx, job.router_analysis_samples, "MoE routing");
    source = job.dataset;
  } else {
    std::vector<int32_t> ids = tok.encode(prompt, /*add_special_tokens=*/true);
    samples.push_back({ids, 1});
    ctx.log("WARNING", "MoE super-weight detection on the detection prompt alone (give --dataset for routing samples)");
  }
  MoeDetectionOptions o;
  o.p_active_floor = job.p_active_floor;
  o.co_spike_threshold = job.co_spike_threshold;
  o.spike_threshold = job.spike_threshold;
  o.causal_scoring = job.enable_causal_scoring;
  o.batch_size = job.batch_size;
  ctx.progress("moe_detection", 0, 1);
  MoeSuperWeightDetection d = detect_moe_super_weights(model, samples, o);
  ctx.progress("moe_detection", 1, 1);
  analysis["moe_detection"] = moe_detection_json(d, source);
  write_expert_cards(d, analysis["model"].get<std::string>(), ctx);
  int64_t analysed = 0;
  for (const ExpertActivity& a : d.experts) analysed += a.analysed;
  ctx.log("INFO", "MoE detection: " + std::to_string(analysed) + " of " + std::to_string(d.experts.size()) +
                      " experts routed at least " + std::to_string(o.p_active_floor) + " of tokens, " +
                      std::to_string(d.candidates.size()) + " candidate(s)");
  std::vector<SuperWeight> out;
  for (const ExpertSuperWeight& c : d.candidates) {
    SuperWeight w;
    w.tensor = c.tensor;
    w.layer = c.layer, w.row = c.row, w.col = c.col, w.expert = c.expert;
    w.weight_value = c.weight_value;
    w.input_activation = c.max_abs_input, w.output_activation = c.max_abs_output;
    w.iteration = 1;
    w.position = -1;  // routed tokens of many texts: no single position
    out.push_back(w);
  }
  return out;
}

// One model, end to end; returns its analysis JSON.
json analyse_model(const std::string& model_id, const SuperWeightJob& job, const std::string& ts, RunContext& ctx) {
  const std::string prompt = job.prompt.empty() ? kDefaultDetectionPrompt : job.prompt;
  // A hub id resolves to its cached snapshot (downloaded if missing); a folder passes through.
  const std::string model_name = hub::resolve_model(model_id, [&](const hub::DownloadProgress& p) {
    ctx.progress("download", p.done_bytes, p.total_bytes);
  });
  Tokenizer tok = Tokenizer::from_file(model_name);
  EngineOptions o;
  o.dtype = compute_dtype(job.torch_dtype);
  o.device = parse_device(job.device);
  o.streaming = job.streaming;
  std::vector<ScoredWindow> windows;
  if (!job.skip_perplexity) windows = text_windows(job, tok, ctx, job.perplexity_samples, "perplexity");  // bad text fails before the model loads
  Model model(model_name, o);
  json analysis = {{"model", model_id}, {"model_info", summarize_checkpoint(model.checkpoint())}, {"timestamp", iso_time_now()}};
  ctx.progress("detection", 0, 1);
  SuperWeightDetection d = detect_super_weights(model, prompt_ids(tok, prompt), job.spike_threshold, job.max_iterations);
  ctx.progress("detection", 1, 1);
  log_detection(d, ctx);
  analysis["detection"] = detection_json(d, prompt);
  // The weights the interventions zero: the dense detector's, then the experts' candidates.
  std::vector<SuperWeight> found = d.super_weights;
  if (model.config().moe.num_experts > 0) {
    for (const SuperWeight& w : detect_in_experts(model, tok, job, prompt, analysis, ctx)) found.push_back(w);
  }
  json sws = json::array();
  for (size_t i = 0; i < found.size(); ++i) sws.push_back(super_weight_json(found[i], i));
  analysis["super_weights"] = sws;
  if (!job.skip_perplexity) {
    ctx.log("INFO", "perplexity: baseline, " + std::to_string(found.size()) + " single ablations" +
                        (found.empty() ? "" : ", all zeroed, super activations restored"));
    SuperWeightImpact impact = measure_super_weight_impact(model, found, windows, job.batch_size);
    analysis["perplexity"] = impact_json(impact, job, static_cast<int64_t>(windows.size()));
    ctx.log("INFO", "perplexity baseline " + std::to_string(impact.baseline.perplexity()) +
                        (found.empty() ? "" : ", all zeroed " + std::to_string(impact.zeroed_all.perplexity())));
  }
  if (!job.accuracy_tasks.empty()) analysis["accuracy"] = measure_accuracy(model, tok, job, found, ctx);
  return analysis;
}

void write_model_files(const json& analysis, const std::string& ts, RunContext& ctx) {
  ctx.write_artifact("data/analysis_" + ts + ".json", analysis);
  if (!analysis.contains("perplexity")) return;
  const json& p = analysis["perplexity"];
  if (p.contains("combined"))
    ctx.write_artifact("data/combined_analysis_" + ts + ".json",
                       {{"model", analysis["model"]}, {"super_weights", analysis["super_weights"]},
                        {"baseline", p["baseline"]}, {"combined", p["combined"]},
                        {"restore_super_activation", p["restore_super_activation"]}});
  for (const json& single : p["individual"]) {
    size_t i = single["index"];
    ctx.write_artifact("data/individual_analyses/sw_" + std::to_string(i) + "_analysis_" + ts + ".json",
                       {{"model", analysis["model"]}, {"super_weight", analysis["super_weights"][i]},
                        {"baseline", p["baseline"]}, {"zeroed", single}});
  }
}

}  // namespace

std::string model_folder_name(const std::string& model) {
  if (fs::is_directory(model)) {
    std::string name = fs::path(model).lexically_normal().filename().string();
    if (name.empty()) name = fs::path(model).lexically_normal().parent_path().filename().string();
    return name.empty() ? "model" : name;
  }
  std::string out = model;
  for (char& c : out)
    if (c == '/' || c == '\\' || c == ':') c = '_';
  return out;
}

json to_json(const SuperWeightJob& j) {
  return {{"models", j.models}, {"spike_threshold", j.spike_threshold}, {"max_iterations", j.max_iterations},
          {"prompt", j.prompt.empty() ? kDefaultDetectionPrompt : j.prompt}, {"skip_perplexity", j.skip_perplexity},
          {"dataset", j.dataset}, {"text_field", j.text_field}, {"perplexity_samples", j.perplexity_samples},
          {"sequence_length", j.sequence_length}, {"batch_size", j.batch_size}, {"torch_dtype", j.torch_dtype},
          {"device", j.device}, {"streaming", j.streaming}, {"results_dir", j.results_dir},
          {"accuracy_tasks", j.accuracy_tasks}, {"accuracy_samples", j.accuracy_samples}, {"tasks_dir", j.tasks_dir},
          {"max_gen_tokens", j.max_gen_tokens},
          {"router_analysis_samples", j.router_analysis_samples}, {"p_active_floor", j.p_active_floor},
          {"co_spike_threshold", j.co_spike_threshold}, {"enable_causal_scoring", j.enable_causal_scoring}};
}

void validate_super_weight_job(const SuperWeightJob& j) {
  if (j.models.empty()) throw InputError("--models: give at least one model");
  if (!(j.spike_threshold > 0)) throw InputError("--spike-threshold must be positive");
  if (j.max_iterations < 1) throw InputError("--max-iterations must be at least 1");
  if (!j.skip_perplexity && j.dataset.empty())
    throw InputError("--dataset: a text file or folder for the perplexity evaluation (or --skip-perplexity)");
  if (j.perplexity_samples < 1) throw InputError("--perplexity-samples must be at least 1");
  if (j.sequence_length < 2) throw InputError("--sequence-length must be at least 2");
  if (j.batch_size < 1) throw InputError("--batch-size must be at least 1");
  normalize_dtype(j.torch_dtype);
  for (const std::string& task : j.accuracy_tasks) {
    if (task == "gsm8k" && j.streaming)
      throw InputError("--accuracy-tasks gsm8k: generation uses the KV cache, which needs resident mode (drop --streaming)");
    const auto known = supported_tasks();
    if (std::find(known.begin(), known.end(), task) == known.end())
      throw InputError("--accuracy-tasks: unknown task \"" + task + "\" (hellaswag, arc_easy, arc_challenge, mmlu, gsm8k)");
  }
  if (j.max_gen_tokens < 1) throw InputError("--max-gen-tokens must be at least 1");
  if (!j.accuracy_tasks.empty() && j.tasks_dir.empty())
    throw InputError("--tasks-dir: the folder holding <task>.jsonl files (Hugging Face dataset rows)");
  if (j.accuracy_samples < 1) throw InputError("--accuracy-samples must be at least 1");
  if (j.router_analysis_samples < 1) throw InputError("--router-analysis-samples must be at least 1");
  if (j.p_active_floor < 0 || j.p_active_floor > 1) throw InputError("--p-active-floor must be in [0, 1]");
  if (!(j.co_spike_threshold >= 0)) throw InputError("--co-spike-threshold must be 0 or more");
}

std::string run_super_weight_job(const SuperWeightJob& job, const EventSink& sink) {
  validate_super_weight_job(job);
  const std::string ts = file_timestamp_now();
  json complete = {{"timestamp", iso_time_now()}, {"config", to_json(job)}, {"models", json::object()}};
  std::vector<std::string> failures;
  for (const std::string& model : job.models) {
    std::string dir = (fs::path(job.results_dir) / model_folder_name(model)).string();
    fs::create_directories(fs::path(dir) / "logs");
    RunContext ctx(dir, "superweights", "logs/analysis_" + ts + ".log", job.log_level, sink);
    ctx.started({{"model", model}});
    try {
      json analysis = analyse_model(model, job, ts, ctx);
      write_model_files(analysis, ts, ctx);
      complete["models"][model] = analysis;
      ctx.finished_ok();
    } catch (const std::exception& e) {
      ctx.finished_failed(e.what());
      complete["models"][model] = {{"error", e.what()}};
      failures.push_back(model + ": " + e.what());
    }
  }
  std::string path = (fs::path(job.results_dir) / ("complete_analysis_" + ts + ".json")).string();
  write_json_atomically(path, complete);
  if (!failures.empty()) throw InputError(std::to_string(failures.size()) + " model(s) failed: " + failures.front());
  return path;
}

}  // namespace owb
