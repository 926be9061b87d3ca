// owb forward: token ids through a model; logits to .npy, hooked activations to .safetensors.
#include "args.h"
#include "commands.h"

#include "errors.h"
#include "json_file.h"
#include "model.h"
#include "model_resolver.h"
#include "npy.h"
#include "safetensors_file.h"

#include <ATen/ATen.h>

#include <iostream>
#include <map>

namespace owb::cli {

namespace {

const char* kUsage =
    "usage: owb forward MODEL_DIR --ids-file IDS.json --logits-out OUT.npy [options]\n"
    "  IDS.json               a JSON array of token ids (one sequence) or an array of equal-length arrays\n"
    "  --logits-out OUT.npy   float32 [T, vocab] (or [B, T, vocab])\n"
    "  --dtype f32|bf16|f16   compute dtype (default f32)\n"
    "  --device cpu|cuda[:N]  (default cpu)\n"
    "  --streaming            load one layer at a time (identical results, bounded memory)\n"
    "  --hooks PATTERN        hook points to save, e.g. 'layer_*_ln_mlp' (repeatable)\n"
    "  --hooks-out H.safetensors   the hooked activations, float32, one tensor per hook point";

// Reads [ids] or [[ids], ...]; returns [B, T] int64 and whether the input was a single sequence.
at::Tensor read_ids(const std::string& path, bool* single) {
  nlohmann::json j = read_json_file(path);
  if (!j.is_array() || j.empty()) throw input_error(path, "expected a non-empty JSON array of token ids");
  *single = !j[0].is_array();
  nlohmann::json rows = *single ? nlohmann::json::array({j}) : j;
  std::vector<int64_t> flat;
  size_t T = rows[0].size();
  for (size_t r = 0; r < rows.size(); ++r) {
    if (!rows[r].is_array() || rows[r].size() != T || T == 0)
      throw input_error(path, "sequence " + std::to_string(r) + " is not an array of " + std::to_string(T) + " ids (all sequences must have equal, non-zero length)");
    for (const auto& id : rows[r]) {
      if (!id.is_number_integer()) throw input_error(path, "sequence " + std::to_string(r) + " holds a non-integer id");
      flat.push_back(id.get<int64_t>());
    }
  }
  return at::tensor(flat, at::kLong).view({static_cast<int64_t>(rows.size()), static_cast<int64_t>(T)});
}

void save_npy(const std::string& path, at::Tensor t, bool single) {
  if (single) t = t.squeeze(0);
  t = t.to(at::kCPU, at::kFloat).contiguous();
  write_npy_f32(path, t.data_ptr<float>(), t.sizes().vec());
}

}  // namespace

int run_forward(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  auto dir = args.positional();
  std::string ids_file = args.required("--ids-file");
  std::string logits_out = args.required("--logits-out");
  EngineOptions opt;
  try {
    opt.dtype = parse_compute_dtype(args.value("--dtype").value_or("f32"));
  } catch (const InputError& e) {
    throw UsageError(e.what());  // a bad option value, not bad input data: exit 2
  }
  opt.device = parse_device(args.value("--device").value_or("cpu"));
  opt.streaming = args.flag("--streaming");
  std::vector<std::string> patterns = args.values("--hooks");
  auto hooks_out = args.value("--hooks-out");
  args.finish();
  if (!dir) throw UsageError("missing MODEL_DIR");
  if (!patterns.empty() && !hooks_out) throw UsageError("--hooks needs --hooks-out");

  bool single = false;
  at::Tensor ids = read_ids(ids_file, &single);
  Model model(hub::resolve_model(*dir), opt);  // a folder, or a hub id's cached snapshot
  Hooks hooks;
  std::map<std::string, at::Tensor> captured;
  for (const auto& p : patterns)
    hooks.add(p, [&](const HookSite& site, at::Tensor& x) { captured[site.name] = x.to(at::kCPU, at::kFloat).clone(); });
  at::Tensor logits;
  model.run({ids}, hooks, [&](int64_t, const at::Tensor& h) { logits = model.logits(h); });
  save_npy(logits_out, logits, single);
  if (hooks_out) {
    std::vector<TensorBlob> blobs;
    for (auto& [name, t] : captured) {
      at::Tensor c = (single ? t.squeeze(0) : t).contiguous();
      blobs.push_back({name, "F32", c.sizes().vec(), std::string(static_cast<const char*>(c.data_ptr()), c.numel() * 4)});
    }
    write_safetensors(*hooks_out, blobs);
  }
  return 0;
}

}  // namespace owb::cli
