// owb eval: multiple-choice task accuracy of one model (lm-evaluation-harness conventions),
// with the per-choice log-likelihoods, as JSON on stdout.
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
    "Scores hellaswag, arc_easy, arc_challenge and mmlu items from <DIR>/<task>.jsonl (Hugging Face\n"
    "dataset rows): acc (highest summed continuation log-likelihood) and acc_norm (per character).\n"
    "Prints {task: {acc, acc_norm, items, loglikelihoods[item][choice]}}.";
}

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
  auto model_dir = args.positional();
  args.finish();
  if (!model_dir) throw UsageError("missing MODEL_DIR");
  EngineOptions o;
  o.dtype = dtype == "bf16" ? at::kBFloat16 : dtype == "f16" ? at::kHalf : at::kFloat;
  o.device = parse_device(device);
  Tokenizer tok = Tokenizer::from_file(*model_dir);
  Model model(*model_dir, o);
  nlohmann::json out = nlohmann::json::object();
  for (const std::string& task : tasks) {
    if (!is_multiple_choice_task(task)) throw InputError("task \"" + task + "\": only multiple-choice tasks are built");
    MultipleChoiceResult r = score_multiple_choice(model, tok, task, load_multiple_choice(task, task_file(dir, task), samples));
    out[task] = {{"acc", r.acc}, {"acc_norm", r.acc_norm}, {"items", r.items}, {"loglikelihoods", r.loglikelihoods}};
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace owb::cli
