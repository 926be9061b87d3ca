// owb vocab: vocabulary effects and interventional deltas of super weights, with the seed's
// run_vocab_analyses.py options and result layout.
#include "args.h"
#include "commands.h"
#include "event_printers.h"

#include "vocab_job.h"

#include <iostream>

namespace owb::cli {

namespace {

const char* kUsage =
    "usage: owb vocab --models MODEL [MODEL ...] --dataset PATH [options]\n"
    "Finds each model's super weights (Yu et al. 2024) and, for each: its neuron's direct effect on the\n"
    "vocabulary (down_proj column through the final norm's scale and the unembedding), and what zeroing it\n"
    "does to loss, entropy, top-1 - top-2 margin and stopword mass over sliding windows of held-out text,\n"
    "against two controls (a random coordinate of the same tensor zeroed, the whole neuron zeroed).\n"
    "  --models M [M ...]          checkpoint folders (required)\n"
    "  --dataset PATH              held-out text (.txt / .jsonl / folder) (required)\n"
    "  --text-field NAME           JSONL field (default text)\n"
    "  --tokens N                  tokens of held-out text (default 30000)\n"
    "  --window-len W              sliding window length (default 1024)\n"
    "  --stride S                  window stride (default 512)\n"
    "  --drop-first-token          do not score the prediction made at a window's first position\n"
    "  --output-dir DIR            (default results/vocab-analysis)\n"
    "  --seed N                    random control coordinate and bootstrap (default 42)\n"
    "  --enable-cosine             cosine variant of the vocabulary effect\n"
    "  --enable-cascade            per-layer delta entropy / margin through the logit lens\n"
    "  --cascade-every K           lens every K layers (and the last) (default 1)\n"
    "  --enable-enrichment         token-class enrichment of the top tokens\n"
    "  --bootstrap N               percentile-bootstrap resamples over windows (default 0: off)\n"
    "  --top-k K                   top tokens up / down (default 20)\n"
    "  --spike-threshold X         detection: |down_proj input| and |output| maxima above X (default 50)\n"
    "  --max-iterations N          detection passes (default 10)\n"
    "  --prompt TEXT               detection prompt (default \"Apple Inc. is a worldwide tech company.\")\n"
    "  --dtype bfloat16|float16|float32 (default bfloat16)   --device cpu|cuda[:N]   --streaming\n"
    "  --batch-size B              windows per forward batch (default 1)\n"
    "  --verbose, -v / --quiet, -q  log level DEBUG / WARNING\n"
    "  --events                    JSON events on stdout instead of progress on stderr\n"
    "  MoE options (recorded; MoE vocabulary analyses are not built yet): --router-analysis-samples N,\n"
    "  --p-active-floor F, --co-spike-threshold F\n"
    "Plots are not written: the GUI draws them from the result files.";

VocabJob job_from_args(Args& args) {
  VocabJob j;
  j.models = args.list("--models");
  j.dataset = args.value("--dataset").value_or("");
  j.text_field = args.value("--text-field").value_or(j.text_field);
  if (auto v = args.integer("--tokens")) j.tokens = *v;
  if (auto v = args.integer("--window-len")) j.window_len = *v;
  if (auto v = args.integer("--stride")) j.stride = *v;
  j.drop_first_token = args.flag("--drop-first-token");
  j.output_dir = args.value("--output-dir").value_or(j.output_dir);
  if (auto v = args.integer("--seed")) {
    if (*v < 0) throw UsageError("--seed must be 0 or more");
    j.seed = static_cast<uint64_t>(*v);
  }
  j.enable_cosine = args.flag("--enable-cosine");
  j.enable_cascade = args.flag("--enable-cascade");
  if (auto v = args.integer("--cascade-every")) j.cascade_every = *v;
  j.enable_enrichment = args.flag("--enable-enrichment");
  if (auto v = args.integer("--bootstrap")) j.bootstrap = static_cast<int>(*v);
  if (auto v = args.integer("--top-k")) j.top_k = *v;
  if (auto v = args.number("--spike-threshold")) j.spike_threshold = *v;
  if (auto v = args.integer("--max-iterations")) j.max_iterations = static_cast<int>(*v);
  j.prompt = args.value("--prompt").value_or("");
  j.torch_dtype = args.value("--dtype").value_or(j.torch_dtype);
  j.device = args.value("--device").value_or(j.device);
  j.streaming = args.flag("--streaming");
  if (auto v = args.integer("--batch-size")) j.batch_size = *v;
  if (args.flag("--verbose") || args.flag("-v")) j.log_level = "DEBUG";
  if (args.flag("--quiet") || args.flag("-q")) j.log_level = "WARNING";
  if (auto v = args.integer("--router-analysis-samples")) j.router_analysis_samples = *v;
  if (auto v = args.number("--p-active-floor")) j.p_active_floor = *v;
  if (auto v = args.number("--co-spike-threshold")) j.co_spike_threshold = *v;
  return j;
}

}  // namespace

int run_vocab(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  bool events = args.flag("--events");
  VocabJob job = job_from_args(args);
  args.finish();
  std::string dir = run_vocab_job(job, events ? json_lines_to_stdout() : readable_lines_to_stderr());
  if (!events) std::cout << dir << "\n";
  return 0;
}

}  // namespace owb::cli
