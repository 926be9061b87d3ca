#include "analysis_job.h"

#include "errors.h"
#include "job_inputs.h"
#include "model_summary.h"
#include "sequence_builder.h"
#include "text_source.h"
#include "model_resolver.h"

namespace owb {

RunMode parse_run_mode(const std::string& name) {
  if (name == "outliers") return RunMode::Outliers;
  if (name == "perplexity") return RunMode::Perplexity;
  if (name == "both") return RunMode::Both;
  if (name == "router") return RunMode::Router;
  throw InputError("unknown mode \"" + name + "\" (outliers, perplexity, both or router)");
}

std::string run_mode_name(RunMode mode) {
  switch (mode) {
    case RunMode::Outliers: return "outliers";
    case RunMode::Perplexity: return "perplexity";
    case RunMode::Router: return "router";
    default: return "both";
  }
}

std::vector<at::Tensor> batch_sequences(const std::vector<std::vector<int32_t>>& sequences, int64_t batch_size) {
  std::vector<at::Tensor> batches;
  for (size_t first = 0; first < sequences.size(); first += batch_size) {
    size_t last = std::min(sequences.size(), first + static_cast<size_t>(batch_size));
    std::vector<int64_t> flat;
    for (size_t s = first; s < last; ++s) flat.insert(flat.end(), sequences[s].begin(), sequences[s].end());
    int64_t rows = static_cast<int64_t>(last - first);
    batches.push_back(at::tensor(flat, at::kLong).view({rows, static_cast<int64_t>(sequences[first].size())}));
  }
  return batches;
}

namespace {

at::ScalarType compute_dtype(const std::string& torch_dtype) {
  std::string d = normalize_dtype(torch_dtype);
  return d == "bf16" ? at::kBFloat16 : d == "f16" ? at::kHalf : at::kFloat;
}

EngineOptions engine_options(const JobConfig& c) {
  EngineOptions o;
  o.device = parse_device(c.model.device);
  o.dtype = compute_dtype(c.model.torch_dtype);
  o.streaming = c.model.streaming || c.analysis.chunk_layers.has_value();
  return o;
}

// Tokenizer, text and sequences: everything that can fail on bad input before a weight is read.
JobInputs prepare_inputs(const JobConfig& c, const std::string& model_dir, RunContext& ctx) {
  JobInputs in{c, model_dir, Tokenizer::from_file(model_dir), {}, "", engine_options(c), {}};
  Checkpoint checkpoint(model_dir);
  in.model_info = summarize_checkpoint(checkpoint);
  ctx.log("INFO", "model " + c.model.name + ": " + in.model_info["model_type"].get<std::string>() + ", " +
                      std::to_string(in.model_info["layers"].get<int64_t>()) + " layers, " +
                      std::to_string(in.model_info["total_params"].get<int64_t>()) + " parameters");
  std::unique_ptr<TextSource> source = open_text_source({c.dataset.name, c.dataset.split, c.dataset.text_field, c.dataset.config});
  in.dataset_description = source->describe();
  TokenSequences seq = build_sequences(*source, in.tokenizer, c.dataset.sequences);
  in.sequences = std::move(seq.sequences);
  ctx.log("INFO", "dataset " + in.dataset_description + ": " + std::to_string(in.sequences.size()) + " sequences of " +
                      std::to_string(c.dataset.sequences.sequence_length) + " tokens from " +
                      std::to_string(seq.documents_read) + " documents");
  return in;
}

// model.name as a hub id ("org/name[@rev]") -> its cached snapshot, downloading what is missing
// with "download" progress events (bytes); a local folder comes back unchanged.
std::string resolve_model_folder(const std::string& name, RunContext& ctx) {
  std::string current_file;
  auto on_progress = [&](const hub::DownloadProgress& p) {
    if (p.file != current_file) {
      current_file = p.file;
      ctx.log("INFO", "downloading " + p.file + " (" + std::to_string(p.file_total_bytes) + " bytes)");
    }
    ctx.progress("download", p.done_bytes, p.total_bytes);
  };
  hub::ResolvedModel m = hub::resolve_model_ex(name, on_progress);
  if (!m.repo_id.empty())
    ctx.log("INFO", "model " + name + " is commit " + m.commit + " in " + m.path +
                        (m.downloaded_bytes > 0 ? " (downloaded " + std::to_string(m.downloaded_bytes) + " bytes)" : " (cached)"));
  return m.path;
}

const char* log_file_for(RunMode mode) {
  if (mode == RunMode::Router) return "router_statistics.log";
  return mode == RunMode::Perplexity ? "perplexity_computation.log" : "outlier_analysis.log";
}

}  // namespace

std::string run_analysis_job(const JobConfig& config, RunMode mode, const std::string& run_dir, const EventSink& sink) {
  validate_job_config(config);
  std::string dir = run_dir.empty() ? create_run_folder(config.output.save_dir, config.output.experiment_name) : run_dir;
  RunContext ctx(dir, run_mode_name(mode), log_file_for(mode), config.output.log_level, sink);
  ctx.started({{"model", config.model.name}, {"dataset", config.dataset.name}});
  ctx.write_artifact("config.json", to_json(config));
  try {
    // The passes load the model from the local folder; result files keep model.name (the id).
    JobInputs in = prepare_inputs(config, resolve_model_folder(config.model.name, ctx), ctx);
    if (mode == RunMode::Router) {
      run_router_pass(in, ctx);
    } else {
      if (mode != RunMode::Perplexity) run_outlier_pass(in, ctx);
      if (mode != RunMode::Outliers) {
        if (mode == RunMode::Both) ctx.switch_log_file("perplexity_computation.log");
        run_perplexity_pass(in, ctx);
      }
    }
  } catch (const std::exception& e) {
    ctx.finished_failed(e.what());
    throw;
  }
  ctx.finished_ok();
  return dir;
}

}  // namespace owb
