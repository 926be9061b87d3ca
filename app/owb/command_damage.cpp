// owb damage: seed 003's fine-tuning damage experiments (run_experiment.py), with its options.
#include "args.h"
#include "commands.h"
#include "event_printers.h"

#include "damage_experiment.h"

#include <iostream>

namespace owb::cli {

namespace {

const char* kUsage =
    "usage: owb damage --model M [M ...] --force-fft --eval-text SOURCE [options]\n"
    "Fine-tuning \"attack\" experiments (seed 003): per model and run, fine-tune a fresh copy on a catalyst\n"
    "(treatment) and on ordinary text (control), and measure the effective rank (Roy & Vetterli 2007) of the\n"
    "middle layer's hidden states and the perplexity on held-out text before and after. One folder per run:\n"
    "<output-dir>/<tag>_<size>_<name>_run<NN>_<precision>/results.json. Runs already done are kept (resume).\n"
    "Seed options:\n"
    "  --model M [M ...]           70m 160m 410m 1b 1.4b 2.8b (EleutherAI/pythia-*), hub ids or folders\n"
    "  --quantization Q            none | fp16 | bf16: compute precision, fp32 master weights (default fp16;\n"
    "                              fp16 needs a GPU with this libtorch; 8bit / 4bit are not supported)\n"
    "  --force-fft                 full fine-tuning (required: the only mode built)\n"
    "  --num-runs N                repetitions; run r uses seed + r (default 1)\n"
    "  --seed N                    base seed (default 42)\n"
    "  --skip-control              no control group\n"
    "  --verbosity quiet|normal|verbose\n"
    "  --output-dir DIR            (default ./experiments/results/)\n"
    "Fine-tuning:\n"
    "  --steps N (default 100)   --lr X (default 1e-4)   --batch-size B (default 4)\n"
    "  --weight-decay X (default 0.01)   --max-grad-norm X (default 1.0; 0: no clipping)\n"
    "Catalyst:\n"
    "  --catalyst SOURCE           fine-tune on the first --catalyst-length tokens of this text instead of\n"
    "                              the built-in generator (gradient ascent of the LM loss on the input\n"
    "                              embeddings, snapped to real tokens)\n"
    "  --catalyst-ids FILE         fine-tune on exactly these token ids (a JSON array)\n"
    "  --catalyst-length N (default 64)   --catalyst-steps N (generator steps, default 50)\n"
    "Measurements:\n"
    "  --eval-text SOURCE          held-out text: .txt / .jsonl / folder / hub dataset id (required)\n"
    "  --control-text SOURCE       control fine-tuning text (default: the held-out source, after its\n"
    "                              evaluation tokens)\n"
    "  --text-field NAME (default text)   --eval-tokens N (default 4096)   --seq-len T (default 256)\n"
    "  --rank-layer L              layer whose output hidden states give rank_* (default: L / 2)\n"
    "  --centre-hidden             subtract each hidden dim's mean before the effective rank\n"
    "  --no-weight-ranks           skip the effective rank of every weight matrix\n"
    "  --save-model                keep the treatment's fine-tuned weights in <run folder>/model/\n"
    "  --offload-dir DIR           keep fp32 masters, gradients and AdamW moments in mapped files under DIR\n"
    "                              (models whose 16 bytes/parameter of training state exceed memory)\n"
    "  --device cpu|cuda[:N]   --events (JSON events on stdout)\n"
    "Summaries and the scaling-law curve: owb damage-report.";

DamageJob job_from_args(Args& args) {
  DamageJob j;
  j.models = args.list_if_present("--model");
  j.quantization = args.value("--quantization").value_or(j.quantization);
  j.force_fft = args.flag("--force-fft");
  if (auto v = args.integer("--num-runs")) j.num_runs = *v;
  if (auto v = args.integer("--seed")) {
    if (*v < 0) throw UsageError("--seed must be 0 or more");
    j.seed = static_cast<uint64_t>(*v);
  }
  j.skip_control = args.flag("--skip-control");
  j.verbosity = args.value("--verbosity").value_or(j.verbosity);
  j.output_dir = args.value("--output-dir").value_or(j.output_dir);
  if (auto v = args.integer("--steps")) j.steps = *v;
  if (auto v = args.number("--lr")) j.lr = *v;
  if (auto v = args.integer("--batch-size")) j.batch_size = *v;
  if (auto v = args.number("--weight-decay")) j.weight_decay = *v;
  if (auto v = args.number("--max-grad-norm")) j.max_grad_norm = *v;
  j.catalyst = args.value("--catalyst").value_or("");
  j.catalyst_ids = args.value("--catalyst-ids").value_or("");
  if (auto v = args.integer("--catalyst-length")) j.catalyst_length = *v;
  if (auto v = args.integer("--catalyst-steps")) j.catalyst_steps = *v;
  j.control_text = args.value("--control-text").value_or("");
  j.eval_text = args.value("--eval-text").value_or("");
  j.text_field = args.value("--text-field").value_or(j.text_field);
  if (auto v = args.integer("--eval-tokens")) j.eval_tokens = *v;
  if (auto v = args.integer("--seq-len")) j.seq_len = *v;
  if (auto v = args.integer("--rank-layer")) j.rank_layer = *v;
  j.centre_hidden = args.flag("--centre-hidden");
  j.weight_ranks = !args.flag("--no-weight-ranks");
  j.save_model = args.flag("--save-model");
  j.offload_dir = args.value("--offload-dir").value_or("");
  j.device = args.value("--device").value_or(j.device);
  return j;
}

}  // namespace

int run_damage(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  const bool events = args.flag("--events");
  DamageJob job = job_from_args(args);
  args.finish();
  for (const std::string& dir : run_damage_job(job, events ? json_lines_to_stdout() : readable_lines_to_stderr()))
    if (!events) std::cout << dir << "\n";
  return 0;
}

}  // namespace owb::cli
