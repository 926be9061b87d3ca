// owb superweights: super-weight detection (dense and, on MoE models, per expert), perplexity and
// task accuracy under interventions, with the seed's comprehensive_super_weight_analysis.py options
// and result layout.
#include "args.h"
#include "commands.h"
#include "event_printers.h"

#include "errors.h"
#include "super_weight_job.h"

#include <iostream>

namespace owb::cli {

namespace {

const char* kUsage =
    "usage: owb superweights --models MODEL [MODEL ...] [options]\n"
    "Detects super weights (Yu et al. 2024) in each model's mlp.down_proj and measures perplexity\n"
    "with each zeroed, all zeroed, and all zeroed with their super activations restored.\n"
    "  --models M [M ...]          checkpoint folders (required)\n"
    "  --spike-threshold X         |down_proj input| and |output| maxima must both exceed X (default 50)\n"
    "  --max-iterations N          detection passes, zeroing what was found before each (default 10)\n"
    "  --prompt TEXT               detection prompt (default \"Apple Inc. is a worldwide tech company.\")\n"
    "  --dataset PATH              text for perplexity (.txt / .jsonl / folder); required unless --skip-perplexity\n"
    "  --text-field NAME           JSONL field (default text)\n"
    "  --perplexity-samples N      sequences for perplexity (default 500)\n"
    "  --sequence-length T         tokens per sequence (default 512)\n"
    "  --batch-size B              sequences per forward batch (default 4)\n"
    "  --skip-perplexity           detection only\n"
    "  --dtype bfloat16|float16|float32 (default bfloat16)   --device cpu|cuda[:N]   --streaming\n"
    "  --results-dir DIR           (default results/comprehensive_super_weight_analysis)\n"
    "  --verbose, -v / --quiet, -q  log level DEBUG / WARNING\n"
    "  --events                    JSON events on stdout instead of progress on stderr\n"
    "  MoE models: per routed expert, over the tokens routed to it (moe_super_weight_detection.h)\n"
    "  --router-analysis-samples N sequences of --sequence-length tokens from --dataset for routing\n"
    "                              and expert activations (default 10; the prompt alone without --dataset)\n"
    "  --p-active-floor F          skip experts routed for less than this share of tokens (default 0.01)\n"
    "  --co-spike-threshold F      keep down_proj[r, c] with S(r, c) above F (default 0.12) and both\n"
    "                              |input c| and |output r| maxima above --spike-threshold; 3 per expert\n"
    "  --enable-causal-scoring     rank candidates by (loss zeroed - loss intact) x p_active\n"
    "  Expert candidates join the zeroing experiments and metrics/super_weights/super_weights.jsonl.\n"
    "  --accuracy-tasks T [T ...]  hellaswag, arc_easy, arc_challenge, mmlu (acc, acc_norm), gsm8k\n"
    "                              (5-shot greedy generation, exact_match strict/flexible): intact / zeroed\n"
    "  --max-gen-tokens N          gsm8k: new tokens per answer at most (default 256)\n"
    "  --accuracy-samples N        items per task (default 100)\n"
    "  --tasks-dir DIR             <task>.jsonl files in the Hugging Face dataset row layout";

SuperWeightJob job_from_args(Args& args) {
  SuperWeightJob j;
  j.models = args.list("--models");
  if (auto v = args.number("--spike-threshold")) j.spike_threshold = *v;
  if (auto v = args.integer("--max-iterations")) j.max_iterations = static_cast<int>(*v);
  j.prompt = args.value("--prompt").value_or("");
  j.dataset = args.value("--dataset").value_or("");
  j.text_field = args.value("--text-field").value_or(j.text_field);
  if (auto v = args.integer("--perplexity-samples")) j.perplexity_samples = *v;
  if (auto v = args.integer("--sequence-length")) j.sequence_length = *v;
  if (auto v = args.integer("--batch-size")) j.batch_size = *v;
  j.skip_perplexity = args.flag("--skip-perplexity");
  j.torch_dtype = args.value("--dtype").value_or(j.torch_dtype);
  j.device = args.value("--device").value_or(j.device);
  j.streaming = args.flag("--streaming");
  j.results_dir = args.value("--results-dir").value_or(j.results_dir);
  if (args.flag("--verbose") || args.flag("-v")) j.log_level = "DEBUG";
  if (args.flag("--quiet") || args.flag("-q")) j.log_level = "WARNING";
  if (auto v = args.integer("--router-analysis-samples")) j.router_analysis_samples = *v;
  if (auto v = args.number("--p-active-floor")) j.p_active_floor = *v;
  if (auto v = args.number("--co-spike-threshold")) j.co_spike_threshold = *v;
  j.enable_causal_scoring = args.flag("--enable-causal-scoring");
  j.accuracy_tasks = args.list_if_present("--accuracy-tasks");
  if (auto v = args.integer("--accuracy-samples")) j.accuracy_samples = *v;
  j.tasks_dir = args.value("--tasks-dir").value_or("");
  if (auto v = args.integer("--max-gen-tokens")) j.max_gen_tokens = *v;
  return j;
}

}  // namespace

int run_superweights(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  bool events = args.flag("--events");
  SuperWeightJob job = job_from_args(args);
  args.finish();
  std::string path = run_super_weight_job(job, events ? json_lines_to_stdout() : readable_lines_to_stderr());
  if (!events) std::cout << path << "\n";
  return 0;
}

}  // namespace owb::cli
