// owb eval: task accuracy of one model (lm-evaluation-harness conventions) as JSON on stdout:
// multiple choice with the per-choice log-likelihoods, GSM8K with the generated completions.
#include "args.h"
#include "commands.h"

#include "errors.h"
#include "job_config.h"
#include "model.h"
#include "task_accuracy.h"
#include "tokenizer.h"

#include <nlohmann/json.hpp>

#include <iostream>

namespace owb::cli {

namespace {
const char* kUsage =
    "usage: owb eval MODEL_DIR --tasks T [T ...] --tasks-dir DIR [--samples N] [--dtype D] [--device D]\n"
    "                [--max-gen-tokens N] [--num-fewshot K]\n"
    "Scores hellaswag, arc_easy, arc_challenge and mmlu items from <DIR>/<task>.jsonl (Hugging Face\n"
    "dataset rows): acc (highest summed continuation log-likelihood) and acc_norm (per character);\n"
    "prints {task: {acc, acc_norm, items, loglikelihoods[item][choice]}}.\n"
    "gsm8k: K-shot (default 5) \"Question: ...\\nAnswer:\" prompts, shots from <DIR>/gsm8k_train.jsonl\n"
    "(else the first K rows of gsm8k.jsonl, then not scored), greedy generation with a KV cache until\n"
    "\"Question:\", \"</s>\", \"<|im_end|>\", EOS or N new tokens (default 256); prints {gsm8k:\n"
    "{exact_match_strict, exact_match_flexible, items, shots, completions, strict_answers,\n"
    "flexible_answers, references, stop_reasons}}.";

nlohmann::json gsm8k_json(const GenerationTaskResult& r, const Gsm8kTask& task) {
  std::vector<std::string> references;
  for (const GenerationItem& item : task.items) references.push_back(item.reference_answer);
  return {{"exact_match_strict", r.exact_match_strict}, {"exact_match_flexible", r.exact_match_flexible},
          {"items", r.items}, {"shots", r.shots}, {"shots_file", task.shots_file}, {"completions", r.completions},
          {"strict_answers", r.strict_answers}, {"flexible_answers", r.flexible_answers}, {"references", references},
          {"stop_reasons", r.stop_reasons}};
}

}  // namespace

int run_eval(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << kUsage << "\n";
    return 0;
  }
  std::vector<std::string> tasks = args.list("--tasks");
  std::string dir = args.required("--tasks-dir");
  int64_t samples = args.integer("--samples").value_or(0);
  std::string dtype = normalize_dtype(args.value("--dtype").value_or("float32"));
  std::string device = args.value("--device").value_or("cpu");
  int64_t max_gen_tokens = args.integer("--max-gen-tokens").value_or(kGsm8kMaxNewTokens);
  int64_t shots = args.integer("--num-fewshot").value_or(5);
  auto model_dir = args.positional();
  args.finish();
  if (!model_dir) throw UsageError("missing MODEL_DIR");
  if (max_gen_tokens < 1) throw UsageError("--max-gen-tokens must be at least 1");
  if (shots < 0) throw UsageError("--num-fewshot must be 0 or more");
  EngineOptions o;
  o.dtype = dtype == "bf16" ? at::kBFloat16 : dtype == "f16" ? at::kHalf : at::kFloat;
  o.device = parse_device(device);
  Tokenizer tok = Tokenizer::from_file(*model_dir);
  Model model(*model_dir, o);
  nlohmann::json out = nlohmann::json::object();
  for (const std::string& task : tasks) {
    if (task == "gsm8k") {
      Gsm8kTask gsm8k = load_gsm8k_task(dir, samples, shots);
      out[task] = gsm8k_json(score_gsm8k(model, tok, gsm8k, max_gen_tokens), gsm8k);
      continue;
    }
    MultipleChoiceResult r = score_multiple_choice(model, tok, task, load_multiple_choice(task, task_file(dir, task), samples));
    out[task] = {{"acc", r.acc}, {"acc_norm", r.acc_norm}, {"items", r.items}, {"loglikelihoods", r.loglikelihoods}};
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace owb::cli
