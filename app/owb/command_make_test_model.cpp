// owb make-test-model: tiny random checkpoints in real HF format with planted structure.
#include "args.h"
#include "commands.h"

#include "synthetic_checkpoint.h"

#include <iostream>

namespace owb::cli {

namespace {

const char* kUsage =
    "usage: owb make-test-model --arch FAMILY --out DIR [options]\n"
    "Writes config.json + model.safetensors (random weights, fixed seed) in Hugging Face format.\n"
    "  --arch FAMILY          llama | mistral | qwen2 | qwen3 | olmo | olmo2 | gpt_neox |\n"
    "                         olmoe | mixtral | qwen2_moe | qwen3_moe | glm4_moe | gpt_oss |\n"
    "                         qwen3_next (Gated DeltaNet and gated attention alternating)\n"
    "                         (gpt_oss: experts written in MXFP4, sliding/full layers alternating)\n"
    "  --gpt-oss-unquantized  gpt_oss experts unquantised in --dtype (gate_up_proj [E, D, 2I],\n"
    "                         down_proj [E, I, D], no quantization_config); planting needs it"
    "  --layers N (4) --hidden D (64) --heads H (4) --kv-heads K (2) --head-dim E (D/H)\n"
    "  --intermediate I (128) --vocab V (256) --seed S (0) --dtype f32|bf16|f16 (f32)\n"
    "  --experts E (4) --top-k K (2) --expert-intermediate I (intermediate/2)   MoE families;\n"
    "                         qwen2_moe's shared expert has width --intermediate\n"
    "  --shards N             write N shards + model.safetensors.index.json\n"
    "  --tie                  tie_word_embeddings (no lm_head tensor)\n"
    "  --sliding-window W     mistral / qwen2 sliding window\n"
    "  --rope-scaling JSON    e.g. '{\"rope_type\":\"yarn\",\"factor\":4}'\n"
    "  --config-patch JSON    merged into config.json before the weights are made (shapes follow),\n"
    "                         e.g. '{\"layer_types\":[\"linear_attention\",\"full_attention\"]}'\n"
    "  --tokenizer FILE|DIR   copy tokenizer.json (+ tokenizer_config.json); vocab follows it\n"
    "  --plant-outlier dim=D,gamma=G[,layers=A-B][,share=S]   (repeatable)\n"
    "      embedding[:, D] = 1 for a share S of token ids (default all), and both pre-norm weights\n"
    "      at D = G in layers A..B (default all): |ln_attn|, |ln_mlp| ~ G at D there, ~1 elsewhere.\n"
    "      Column D of the projections reading those norms is divided by G and no layer writes to\n"
    "      residual dim D, so the rest of the model behaves as without the plant.\n"
    "      olmo/olmo2 have no norm weights: the embedding carries G itself, all layers only.\n"
    "  --plant-super-weight layer=L,row=R,col=C[,value=V][,anchor=K][,expert=E]   (repeatable)\n"
    "      embedding[:, K] = 1 (K default hidden-1); in layer L gate/up row C read only dim K, so\n"
    "      mlp_down_in[..., C] ~ 100 at every position, and down_proj[R, C] = V (default 2), so\n"
    "      mlp_down_out[..., R] ~ 100 V: a super weight at down_proj[R, C] of layer L (dense layers).\n"
    "      With expert=E (MoE layer): the same in routed expert E's gate/up/down, so its down_proj\n"
    "      input C and output R spike on every token routed to E.\n"
    "  --plant-router expert=E[,value=V][,layers=A-B][,anchor=K]   (repeatable, MoE families)\n"
    "      embedding[:, K] = 1 (K default hidden-2, no layer writes to it) and router[E, K] = V\n"
    "      (default 4) in layers A..B: expert E's logit rises by ~V for every token.";

}  // namespace

int run_make_test_model(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  SyntheticModelSpec s;
  s.arch = args.required("--arch");
  std::string out = args.required("--out");
  s.layers = args.integer("--layers").value_or(s.layers);
  s.hidden = args.integer("--hidden").value_or(s.hidden);
  s.heads = args.integer("--heads").value_or(s.heads);
  s.kv_heads = args.integer("--kv-heads").value_or(s.kv_heads);
  s.head_dim = args.integer("--head-dim").value_or(0);
  s.intermediate = args.integer("--intermediate").value_or(s.intermediate);
  s.vocab = args.integer("--vocab").value_or(s.vocab);
  s.seed = static_cast<uint64_t>(args.integer("--seed").value_or(0));
  s.dtype = args.value("--dtype").value_or("f32");
  s.shards = static_cast<int>(args.integer("--shards").value_or(1));
  s.tie_word_embeddings = args.flag("--tie");
  s.sliding_window = args.integer("--sliding-window").value_or(0);
  s.rope_scaling_json = args.value("--rope-scaling").value_or("");
  s.config_patch_json = args.value("--config-patch").value_or("");
  s.tokenizer_path = args.value("--tokenizer").value_or("");
  for (const auto& p : args.values("--plant-outlier")) s.outliers.push_back(parse_planted_outlier(p));
  for (const auto& p : args.values("--plant-super-weight")) s.super_weights.push_back(parse_planted_super_weight(p));
  for (const auto& p : args.values("--plant-router")) s.router_biases.push_back(parse_planted_router_bias(p));
  s.experts = args.integer("--experts").value_or(s.experts);
  s.top_k = args.integer("--top-k").value_or(s.top_k);
  s.expert_intermediate = args.integer("--expert-intermediate").value_or(0);
  s.gpt_oss_unquantized = args.flag("--gpt-oss-unquantized");
  args.finish();
  if (s.layers < 1 || s.hidden < 2 || s.heads < 1 || s.kv_heads < 1 || s.intermediate < 1 || s.vocab < 2 || s.shards < 1)
    throw UsageError("sizes must be positive");
  if (s.experts < 1 || s.top_k < 1 || s.top_k > s.experts || s.expert_intermediate < 0)
    throw UsageError("need 1 <= --top-k <= --experts");
  if (s.hidden % s.heads != 0 && s.head_dim == 0) throw UsageError("--hidden must be a multiple of --heads (or give --head-dim)");
  write_synthetic_checkpoint(s, out);
  std::cout << out << "\n";
  return 0;
}

}  // namespace owb::cli
