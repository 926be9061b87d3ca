// owb estimate-vram MODEL: the accelerator memory a run needs, from the checkpoint's headers and
// config (no weight is read). The terms and their formulas: backend/engine/vram_estimate.h.
#include "args.h"
#include "commands.h"

#include "checkpoint.h"
#include "errors.h"
#include "hub_client.h"
#include "model_resolver.h"
#include "vram_estimate.h"

#include <algorithm>
#include <filesystem>
#include <iostream>

#include <unistd.h>

namespace owb::cli {

namespace {

int64_t dtype_bytes(const std::string& name) {
  if (name == "bf16" || name == "bfloat16" || name == "f16" || name == "float16" || name == "half") return 2;
  if (name == "f32" || name == "float32" || name == "float") return 4;
  throw UsageError("--dtype \"" + name + "\" is not bf16, f16 or f32");
}

// config.json of a local folder or file, or of a hub id (org/name[@rev]) fetched alone: the
// weights stay on the hub (a sweep estimates models that only its pods will download).
ModelConfig config_of(const std::string& model) {
  if (std::filesystem::exists(model)) return load_model_config(model);
  const size_t at = model.find('@');
  const std::string repo = model.substr(0, at), revision = at == std::string::npos ? "main" : model.substr(at + 1);
  const bool hub_id = std::count(repo.begin(), repo.end(), '/') == 1 && repo[0] != '/' && repo[0] != '.';
  if (!hub_id) throw InputError(model + ": no such folder, and not a hub id (org/name)");
  hub::HubClient client;
  auto meta = client.file_metadata(hub::RepoType::Model, repo, revision, "config.json");
  if (!meta) throw InputError(model + ": the repo has no config.json");
  const auto file = std::filesystem::temp_directory_path() / ("owb-config-" + std::to_string(::getpid()) + ".json");
  client.download(meta->location, file.string(), meta->size, "config.json", {});
  ModelConfig config = load_model_config(file.string());
  std::filesystem::remove(file);
  return config;
}

}  // namespace

int run_estimate_vram(const CommandArgs& argv) {
  Args args(argv,
            "usage: owb estimate-vram MODEL [--batch-size N] [--seq-len T] [--dtype bf16|f16|f32]\n"
            "                         [--mode outliers|perplexity|superweights] [--num-sequences S]\n"
            "                         [--query-tile Q] [--config-only]\n"
            "Prints JSON: weights_bytes (at the compute dtype; MXFP4 experts dequantised), activations_bytes\n"
            "(hidden states of all sequences, one layer's peak intermediates for one batch, the LM head's\n"
            "chunk when the mode computes logits), kv_bytes (0: these passes cache nothing), resident_bytes,\n"
            "streaming_bytes (two layers + top tensors + activations), min_vram_gib (resident + 20 %\n"
            "headroom, rounded up), and every part with its formula. MODEL is a folder or a hub id\n"
            "(org/name[@rev], resolved as `owb inspect` does). No weight is read.\n"
            "  --batch-size N     sequences per batch (default 1)\n"
            "  --seq-len T        tokens per sequence (default 2048)\n"
            "  --num-sequences S  sequences in the run: streaming keeps all their hidden states (default N)\n"
            "  --dtype D          compute dtype (default bf16)\n"
            "  --mode M           outliers (default; no logits), perplexity or superweights (logits)\n"
            "  --query-tile Q     attention query tile (default 256, the engine's)\n"
            "  --config-only      read config.json alone (a hub id's is fetched without the weights):\n"
            "                     weights from the family's tensor table");
  if (args.help_requested()) {
    std::cout << args.usage() << "\n";
    return 0;
  }
  VramRequest request;
  if (auto v = args.integer("--batch-size")) request.batch_size = *v;
  if (auto v = args.integer("--seq-len")) request.seq_len = *v;
  if (auto v = args.integer("--num-sequences")) request.num_sequences = *v;
  if (auto v = args.integer("--query-tile")) request.query_tile = *v;
  if (auto v = args.value("--dtype")) request.dtype = *v;
  request.dtype_bytes = dtype_bytes(request.dtype);
  if (auto v = args.value("--mode")) request.mode = parse_vram_mode(*v);
  const bool config_only = args.flag("--config-only");
  auto model = args.positional();
  args.finish();
  if (!model) throw UsageError("missing MODEL");
  if (request.batch_size < 1) throw UsageError("--batch-size must be at least 1");
  if (request.seq_len < 1) throw UsageError("--seq-len must be at least 1");
  if (request.query_tile < 1) throw UsageError("--query-tile must be at least 1");
  nlohmann::json out;
  if (config_only) {
    const ModelConfig config = config_of(*model);
    out = to_json(estimate_vram(config, weight_bytes(config, request.dtype_bytes), request), config, request);
    out["config_only"] = true;
  } else {
    Checkpoint checkpoint(hub::resolve_model(*model));  // a hub id: its cached snapshot, downloaded if missing
    const ModelConfig& config = checkpoint.config();
    out = to_json(estimate_vram(config, weight_bytes(checkpoint, request.dtype_bytes), request), config, request);
  }
  out["model"] = *model;
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace owb::cli
