#include "damage_experiment.h"

#include "catalyst.h"
#include "checkpoint.h"
#include "damage_measurement.h"
#include "errors.h"
#include "fine_tune.h"
#include "json_file.h"
#include "model.h"
#include "model_summary.h"
#include "model_resolver.h"
#include "run_clock.h"
#include "sequence_builder.h"
#include "text_source.h"
#include "tokenizer.h"
#include "trainable_model.h"

#include <cmath>
#include <filesystem>
#include <fstream>
#include <random>
#include <regex>
#include <sstream>

namespace owb {

namespace fs = std::filesystem;
using json = nlohmann::json;

namespace {

at::ScalarType training_dtype(const std::string& quantization) {
  if (quantization == "none") return at::kFloat;
  if (quantization == "fp16") return at::kHalf;
  if (quantization == "bf16") return at::kBFloat16;
  if (quantization == "8bit" || quantization == "4bit")
    throw InputError("--quantization " + quantization + ": quantized fine-tuning is not supported (use none, fp16 or bf16)");
  throw InputError("--quantization: unknown \"" + quantization + "\" (none, fp16, bf16)");
}

std::string log_level(const std::string& verbosity) {
  if (verbosity == "quiet") return "WARNING";
  if (verbosity == "verbose") return "DEBUG";
  return "INFO";
}

// Peak resident memory of this process: reset (Linux >= 4.0) before a run, read after it.
void reset_peak_rss() { std::ofstream("/proc/self/clear_refs") << "5"; }
int64_t peak_rss_bytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line))
    if (line.rfind("VmHWM:", 0) == 0) return std::stoll(line.substr(6)) * 1024;
  return -1;
}

std::vector<int32_t> source_tokens(const std::string& source, const std::string& field, const Tokenizer& tok,
                                   int64_t min_tokens, const std::string& what) {
  auto text = open_text_source({source, "train", field});
  int64_t documents = 0;
  std::vector<int32_t> stream = build_token_stream(*text, tok, SequenceSpec(), min_tokens, &documents);
  if (static_cast<int64_t>(stream.size()) < min_tokens)
    throw InputError(what + " " + text->describe() + ": holds " + std::to_string(stream.size()) + " tokens, " +
                     std::to_string(min_tokens) + " are needed");
  return stream;
}

std::vector<std::vector<int32_t>> cut_windows(const std::vector<int32_t>& stream, int64_t first, int64_t tokens, int64_t len) {
  std::vector<std::vector<int32_t>> out;
  for (int64_t at = first; at + len <= first + tokens; at += len)
    out.emplace_back(stream.begin() + at, stream.begin() + at + len);
  return out;
}

// A catalyst given as token ids: a JSON array (e.g. a run's results.json "catalyst"."ids").
std::vector<int32_t> catalyst_ids_from_file(const std::string& path, const Tokenizer& tok) {
  json j = read_json_file(path);
  if (!j.is_array() || j.size() < 2) throw InputError(path + ": expected a JSON array of at least 2 token ids");
  std::vector<int32_t> ids;
  for (const json& v : j) {
    if (!v.is_number_integer() || v.get<int64_t>() < 0 || v.get<int64_t>() >= static_cast<int64_t>(tok.vocab_size()))
      throw InputError(path + ": " + v.dump() + " is not a token id of this vocabulary [0, " + std::to_string(tok.vocab_size()) + ")");
    ids.push_back(v.get<int32_t>());
  }
  return ids;
}

// The text a model's experiment reads: held-out windows, control text, catalyst text.
struct ExperimentText {
  std::vector<std::vector<int32_t>> held_out;
  std::vector<int32_t> control;       // empty with skip_control
  std::vector<int32_t> catalyst;      // empty: generate one per run
  int64_t train_length = 0;           // tokens per training row (the catalyst's length)
};

ExperimentText experiment_text(const DamageJob& job, const Tokenizer& tok) {
  ExperimentText t;
  const int64_t control_tokens = job.skip_control ? 0 : std::max<int64_t>(job.catalyst_length * 32, job.seq_len);  // rows drawn from it
  const bool control_follows = !job.skip_control && job.control_text.empty();
  std::vector<int32_t> held = source_tokens(job.eval_text, job.text_field, tok,
                                            job.eval_tokens + (control_follows ? control_tokens : 0), "--eval-text");
  t.held_out = cut_windows(held, 0, job.eval_tokens, job.seq_len);
  if (control_follows) t.control.assign(held.begin() + job.eval_tokens, held.end());
  if (!job.skip_control && !job.control_text.empty())
    t.control = source_tokens(job.control_text, job.text_field, tok, control_tokens, "--control-text");
  if (!job.catalyst_ids.empty()) {
    t.catalyst = catalyst_ids_from_file(job.catalyst_ids, tok);
  } else if (!job.catalyst.empty()) {
    t.catalyst = source_tokens(job.catalyst, job.text_field, tok, job.catalyst_length, "--catalyst");
    t.catalyst.resize(static_cast<size_t>(job.catalyst_length));
  }
  t.train_length = t.catalyst.empty() ? job.catalyst_length : static_cast<int64_t>(t.catalyst.size());
  if (!job.skip_control && static_cast<int64_t>(t.control.size()) < t.train_length)
    throw InputError("control text: " + std::to_string(t.control.size()) + " tokens, fewer than one training row of " +
                     std::to_string(t.train_length));
  return t;
}

at::Tensor repeated_rows(const std::vector<int32_t>& ids, int64_t rows) {
  at::Tensor row = at::empty({1, static_cast<int64_t>(ids.size())}, at::kLong);
  for (size_t t = 0; t < ids.size(); ++t) row[0][static_cast<int64_t>(t)] = ids[t];
  return row.expand({rows, row.size(1)}).contiguous();
}

// Control batches: windows of the catalyst's length at offsets drawn with the run's seed.
TrainingBatches control_batches(const std::vector<int32_t>& stream, int64_t len, const DamageJob& job, uint64_t seed) {
  auto rng = std::make_shared<std::mt19937_64>(seed);
  const int64_t last = static_cast<int64_t>(stream.size()) - len;
  return [&stream, rng, len, last, &job](int64_t) {
    std::uniform_int_distribution<int64_t> offset(0, last);
    at::Tensor ids = at::empty({job.batch_size, len}, at::kLong);
    for (int64_t b = 0; b < job.batch_size; ++b) {
      int64_t o = offset(*rng);
      for (int64_t t = 0; t < len; ++t) ids[b][t] = stream[static_cast<size_t>(o + t)];
    }
    return ids;
  };
}

json measurement_json(const DamageMeasurement& m) {
  json w = json::array();
  for (const auto& [name, r] : m.weight_erank) w.push_back({{"tensor", name}, {"erank", r}});
  return {{"perplexity", m.perplexity}, {"predictions", m.predictions}, {"hidden_rows", m.hidden_rows},
          {"hidden_erank", m.hidden_erank}, {"weight_erank", w}};
}

json damage_metrics(const DamageMeasurement& pre, const DamageMeasurement& post, int64_t layer) {
  const double rank_pre = pre.hidden_erank[static_cast<size_t>(layer)], rank_post = post.hidden_erank[static_cast<size_t>(layer)];
  return {{"rank_pre", rank_pre}, {"rank_post", rank_post}, {"rank_reduction", rank_pre - rank_post},
          {"perplexity_pre", pre.perplexity}, {"perplexity_post", post.perplexity},
          {"perplexity_increase", post.perplexity - pre.perplexity}};
}

json weight_erank_json(const DamageMeasurement& pre, const DamageMeasurement& post) {
  json out = json::array();
  for (size_t i = 0; i < pre.weight_erank.size() && i < post.weight_erank.size(); ++i)
    out.push_back({{"tensor", pre.weight_erank[i].first}, {"pre", pre.weight_erank[i].second}, {"post", post.weight_erank[i].second}});
  return out;
}

struct ModelUnderTest {
  std::string id, dir, name, folder_prefix;
  int64_t total_params = 0, layers = 0, rank_layer = 0;
  TrainOptions options;
};

struct GroupOutcome {
  DamageMeasurement post;
  FineTuneResult training;
  Catalyst catalyst;
};

GroupOutcome run_group(const ModelUnderTest& mut, const DamageJob& job, const ExperimentText& text, bool treatment,
                       uint64_t seed, RunContext& ctx) {
  TrainOptions options = mut.options;
  if (!job.offload_dir.empty())
    options.offload_dir = (fs::path(job.offload_dir) / (fs::path(ctx.dir()).filename().string() +
                                                         (treatment ? "_treatment" : "_control"))).string();
  TrainableModel model(mut.dir, options);
  GroupOutcome out;
  const std::string stage = treatment ? "treatment" : "control";
  TrainingBatches batches;
  if (treatment) {
    if (text.catalyst.empty()) {
      ctx.progress("catalyst", 0, 1);
      out.catalyst = generate_catalyst(model, {job.catalyst_length, job.catalyst_steps, 0.5, seed});
      ctx.log("INFO", "catalyst: loss " + std::to_string(out.catalyst.initial_loss) + " (random start) -> " +
                          std::to_string(out.catalyst.loss));
    } else {
      out.catalyst.ids = text.catalyst;
    }
    at::Tensor batch = repeated_rows(out.catalyst.ids, job.batch_size);
    batches = [batch](int64_t) { return batch; };
  } else {
    batches = control_batches(text.control, text.train_length, job, seed);
  }
  FineTuneSettings s;
  s.steps = job.steps;
  s.adamw.lr = job.lr;
  s.adamw.weight_decay = job.weight_decay;
  s.max_grad_norm = job.max_grad_norm;
  out.training = fine_tune(model, batches, s, [&](int64_t step, double loss) {
    ctx.progress(stage, step + 1, job.steps);
    ctx.log("DEBUG", stage + " step " + std::to_string(step + 1) + ": loss " + std::to_string(loss));
  });
  if (out.training.skipped_steps > 0)
    ctx.log("WARNING", stage + ": " + std::to_string(out.training.skipped_steps) + " step(s) skipped (non-finite gradients)");
  if (treatment && job.save_model) model.save(ctx.file("model"));
  ctx.progress("measure " + stage, 0, 1);
  out.post = measure_damage_state(model, text.held_out, {job.batch_size, job.centre_hidden, job.weight_ranks});
  return out;
}

ModelUnderTest open_model(const std::string& model, const DamageJob& job, const EventSink& sink) {
  ModelUnderTest m;
  m.id = damage_model_id(model);
  m.dir = hub::resolve_model(m.id, [&](const hub::DownloadProgress& p) {
    sink({{"v", 1}, {"type", "progress"}, {"stage", "download"}, {"done", p.done_bytes}, {"total", p.total_bytes}});
  });
  Checkpoint ckpt(m.dir);
  m.layers = ckpt.config().num_hidden_layers;
  m.rank_layer = job.rank_layer < 0 ? m.layers / 2 : job.rank_layer;
  if (m.rank_layer >= m.layers)
    throw InputError("--rank-layer " + std::to_string(job.rank_layer) + ": the model has " + std::to_string(m.layers) + " layers");
  m.total_params = summarize_checkpoint(ckpt)["total_params"].get<int64_t>();  // as `owb inspect` counts them
  m.name = fs::is_directory(model) ? fs::path(model).lexically_normal().filename().string() : m.id.substr(m.id.rfind('/') + 1);
  if (m.name.empty()) m.name = fs::path(model).lexically_normal().parent_path().filename().string();
  std::string lower = m.name;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const std::string tag = lower.rfind("pythia", 0) == 0 ? "pythia" : ckpt.config().model_type;
  m.folder_prefix = tag + "_" + size_label(m.name, m.total_params) + "_" + m.name;
  m.options.device = parse_device(job.device);
  m.options.compute_dtype = training_dtype(job.quantization);
  return m;
}

std::string run_folder(const DamageJob& job, const ModelUnderTest& m, int64_t run) {
  std::ostringstream name;
  name << m.folder_prefix << "_run" << (run < 10 ? "0" : "") << run << "_" << job.quantization;
  return (fs::path(job.output_dir) / name.str()).string();
}

std::string catalyst_source(const DamageJob& job) {
  if (!job.catalyst_ids.empty()) return "ids:" + job.catalyst_ids;
  return job.catalyst.empty() ? "generated" : job.catalyst;
}

json run_results(const DamageJob& job, const ModelUnderTest& m, int64_t run, uint64_t seed, const DamageMeasurement& pre,
                 const GroupOutcome& treatment, const GroupOutcome* control) {
  json r = {{"schema", "owb.damage_run/1"}, {"model", m.id}, {"model_name", m.name},
            {"size_label", size_label(m.name, m.total_params)}, {"total_params", m.total_params},
            {"run", run}, {"seed", seed}, {"precision", job.quantization}, {"group", "treatment"},
            {"rank_layer", m.rank_layer}, {"timestamp", iso_time_now()}};
  r.update(damage_metrics(pre, treatment.post, m.rank_layer));
  if (control) {
    r["control"] = damage_metrics(pre, control->post, m.rank_layer);
    r["control"]["train"] = {{"steps", job.steps}, {"loss", control->training.losses}};
    r["control"]["hidden_erank_post"] = control->post.hidden_erank;
  }
  json layers = json::array();
  for (int64_t i = 0; i < m.layers; ++i) layers.push_back(i);
  r["hidden_erank"] = {{"layers", layers}, {"pre", pre.hidden_erank}, {"post", treatment.post.hidden_erank},
                       {"rows", pre.hidden_rows}, {"centred", job.centre_hidden}, {"first_position_dropped", true}};
  r["weight_erank"] = weight_erank_json(pre, treatment.post);
  r["train"] = {{"steps", job.steps}, {"loss", treatment.training.losses},
                {"skipped_steps", treatment.training.skipped_steps}};
  r["catalyst"] = {{"ids", treatment.catalyst.ids}, {"source", catalyst_source(job)},
                   {"loss", treatment.catalyst.loss}, {"initial_loss", treatment.catalyst.initial_loss}};
  r["peak_memory_bytes"] = peak_rss_bytes();
  r["peak_memory_kind"] = "host RSS (VmHWM) of the run";
  r["config"] = to_json(job);
  return r;
}

void run_one(const DamageJob& job, const ModelUnderTest& m, const ExperimentText& text, const DamageMeasurement& pre,
             int64_t run, const std::string& dir, const EventSink& sink) {
  const uint64_t seed = job.seed + static_cast<uint64_t>(run);
  RunContext ctx(dir, "damage", "experiment.log", log_level(job.verbosity), sink);
  ctx.started({{"model", m.id}, {"run", run}, {"seed", seed}});
  try {
    reset_peak_rss();
    GroupOutcome treatment = run_group(m, job, text, true, seed, ctx);
    std::unique_ptr<GroupOutcome> control;
    if (!job.skip_control) control = std::make_unique<GroupOutcome>(run_group(m, job, text, false, seed, ctx));
    json r = run_results(job, m, run, seed, pre, treatment, control.get());
    ctx.log("INFO", "run " + std::to_string(run) + ": rank " + std::to_string(r["rank_pre"].get<double>()) + " -> " +
                        std::to_string(r["rank_post"].get<double>()) + ", perplexity " +
                        std::to_string(r["perplexity_pre"].get<double>()) + " -> " +
                        std::to_string(r["perplexity_post"].get<double>()));
    ctx.write_artifact("run_config.json", to_json(job));
    ctx.write_artifact("results.json", r);  // last: its presence marks the run done
    ctx.finished_ok();
  } catch (const std::exception& e) {
    ctx.finished_failed(e.what());
    throw;
  }
}

}  // namespace

std::string damage_model_id(const std::string& model) {
  static const std::regex shorthand("^[0-9]+(\\.[0-9]+)?[mb]$");
  if (!fs::exists(model) && std::regex_match(model, shorthand)) return "EleutherAI/pythia-" + model;
  return model;
}

std::string size_label(const std::string& model_name, int64_t total_params) {
  static const std::regex in_name("(^|[-_])([0-9]+(\\.[0-9]+)?[mMbB])($|[-_])");
  std::smatch match;
  if (std::regex_search(model_name, match, in_name)) {
    std::string s = match[2];
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  }
  std::ostringstream out;
  const double p = static_cast<double>(total_params);
  if (p >= 1e9)
    out << std::round(p / 1e8) / 10 << "b";
  else if (p >= 1e6)
    out << std::llround(p / 1e6) << "m";
  else
    out << std::llround(p / 1e3) << "k";
  return out.str();
}

json to_json(const DamageJob& j) {
  return {{"models", j.models}, {"quantization", j.quantization}, {"force_fft", j.force_fft}, {"num_runs", j.num_runs},
          {"seed", j.seed}, {"skip_control", j.skip_control}, {"verbosity", j.verbosity}, {"output_dir", j.output_dir},
          {"steps", j.steps}, {"lr", j.lr}, {"batch_size", j.batch_size}, {"weight_decay", j.weight_decay},
          {"max_grad_norm", j.max_grad_norm}, {"optimizer", "AdamW"}, {"catalyst", j.catalyst}, {"catalyst_ids", j.catalyst_ids},
          {"catalyst_length", j.catalyst_length}, {"catalyst_steps", j.catalyst_steps}, {"control_text", j.control_text},
          {"eval_text", j.eval_text}, {"text_field", j.text_field}, {"eval_tokens", j.eval_tokens}, {"seq_len", j.seq_len},
          {"rank_layer", j.rank_layer}, {"centre_hidden", j.centre_hidden}, {"weight_ranks", j.weight_ranks}, {"save_model", j.save_model},
          {"device", j.device}, {"offload_dir", j.offload_dir}};
}

void validate_damage_job(const DamageJob& j) {
  if (j.models.empty()) throw InputError("--model: give at least one model (70m, 160m, ..., a hub id or a folder)");
  if (!j.force_fft)
    throw InputError("only full fine-tuning is implemented: pass --force-fft (LoRA / adapter attacks are not built)");
  training_dtype(j.quantization);
  if (j.verbosity != "quiet" && j.verbosity != "normal" && j.verbosity != "verbose")
    throw InputError("--verbosity: quiet, normal or verbose");
  if (j.num_runs < 1) throw InputError("--num-runs must be at least 1");
  if (j.steps < 1) throw InputError("--steps must be at least 1");
  if (!(j.lr > 0)) throw InputError("--lr must be positive");
  if (j.batch_size < 1) throw InputError("--batch-size must be at least 1");
  if (j.catalyst_length < 2) throw InputError("--catalyst-length must be at least 2");
  if (j.catalyst_steps < 0) throw InputError("--catalyst-steps must be 0 or more");
  if (j.eval_text.empty()) throw InputError("--eval-text: held-out text (.txt / .jsonl / folder / hub dataset id) for perplexity and ranks");
  if (j.seq_len < 2) throw InputError("--seq-len must be at least 2");
  if (j.eval_tokens < j.seq_len) throw InputError("--eval-tokens must be at least --seq-len");
  // Before any model loads: libtorch 1.13 has no fp16 matmul on the CPU.
  EngineOptions probe;
  probe.device = parse_device(j.device);
  probe.dtype = training_dtype(j.quantization);
  try {
    check_compute_dtype(probe);
  } catch (const InputError& e) {
    throw InputError("--quantization " + j.quantization + ": " + e.what() + " (--quantization none is f32)");
  }
}

std::vector<std::string> run_damage_job(const DamageJob& job, const EventSink& sink) {
  validate_damage_job(job);
  fs::create_directories(job.output_dir);
  std::vector<std::string> folders, failures;
  for (const std::string& model : job.models) {
    ModelUnderTest m = open_model(model, job, sink);
    Tokenizer tok = Tokenizer::from_file(m.dir);
    ExperimentText text = experiment_text(job, tok);
    std::unique_ptr<DamageMeasurement> pre;
    for (int64_t run = 1; run <= job.num_runs; ++run) {
      const std::string dir = run_folder(job, m, run);
      folders.push_back(dir);
      if (fs::exists(fs::path(dir) / "results.json")) continue;  // finished earlier: kept
      try {
        if (!pre) {
          TrainableModel base(m.dir, m.options);
          pre = std::make_unique<DamageMeasurement>(
              measure_damage_state(base, text.held_out, {job.batch_size, job.centre_hidden, job.weight_ranks}));
        }
        fs::create_directories(dir);
        run_one(job, m, text, *pre, run, dir, sink);
      } catch (const std::exception& e) {
        failures.push_back(fs::path(dir).filename().string() + ": " + e.what());
      }
    }
  }
  if (!failures.empty()) throw InputError(std::to_string(failures.size()) + " run(s) failed: " + failures.front());
  return folders;
}

}  // namespace owb
