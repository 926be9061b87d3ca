#pragma once
// Task accuracy with lm-evaluation-harness conventions.
// Multiple choice: each choice is scored by the summed log-probability of its continuation
// tokens given the context, tokenized as enc(ctx + cont)[len(enc(ctx)):] with a trailing space
// of the context moved into the continuation; acc picks the highest sum, acc_norm the highest
// sum divided by the continuation's length in characters (len(str)).
// GSM8K (lm-evaluation-harness's gsm8k task): 5-shot prompts, each shot "Question: q\nAnswer: a"
// (target delimiter " ", shots joined by "\n\n"), greedy generation with the KV cache until
// "Question:", "</s>" or "<|im_end|>" (or EOS, or max_new_tokens, 256 by default), answers
// extracted "strict" ("#### <number>") and "flexible" (the last number), exact match against the
// reference after removing ",", "$", anything up to "#### " and a trailing ".".
#include "task_files.h"

#include <string>
#include <vector>

namespace owb {

class Model;
class Tokenizer;

struct MultipleChoiceResult {
  std::string task;
  int64_t items = 0;
  double acc = 0, acc_norm = 0;
  std::vector<std::vector<double>> loglikelihoods;  // [item][choice]
};

MultipleChoiceResult score_multiple_choice(Model& model, const Tokenizer& tokenizer, const std::string& task,
                                           const std::vector<MultipleChoiceItem>& items, int64_t batch_size = 8);

// The token split lm-evaluation-harness uses for (context, continuation).
struct ContextContinuation {
  std::vector<int32_t> context, continuation;
};
ContextContinuation split_context_continuation(const Tokenizer& tokenizer, const std::string& context,
                                               const std::string& continuation);

// The few-shot rows and the evaluated rows of GSM8K in a tasks folder: the shots are the first
// `shots` rows of <dir>/gsm8k_train.jsonl when it exists (the harness draws them from the train
// split), otherwise the first `shots` rows of <dir>/gsm8k.jsonl, which are then not evaluated (a
// question never appears among its own shots). `limit` (0: all) caps the evaluated rows.
struct Gsm8kTask {
  std::vector<GenerationItem> shots, items;
  std::string shots_file;
};
Gsm8kTask load_gsm8k_task(const std::string& dir, int64_t limit, int64_t shots = 5);
std::string gsm8k_train_file(const std::string& dir);
extern const std::vector<std::string> kGsm8kStopStrings;  // "Question:", "</s>", "<|im_end|>"
constexpr int64_t kGsm8kMaxNewTokens = 256;                // the harness's max_gen_toks default

// The prompt for one question: the shots, then "Question: <q>\nAnswer:".
std::string gsm8k_prompt(const std::vector<GenerationItem>& shots, const std::string& question);

struct GenerationTaskResult {
  std::string task;
  int64_t items = 0, shots = 0;
  double exact_match_strict = 0, exact_match_flexible = 0;
  // Per item: the generated text (cut before the stop string), the extracted answers, why it stopped.
  std::vector<std::string> completions, strict_answers, flexible_answers, stop_reasons;
};

// Scores GSM8K items with the model's current weights (weight edits apply). Resident mode only.
GenerationTaskResult score_gsm8k(Model& model, const Tokenizer& tokenizer, const Gsm8kTask& task,
                                 int64_t max_new_tokens = kGsm8kMaxNewTokens);

// GSM8K answer extraction as lm-evaluation-harness's gsm8k filters do; "" when nothing matches.
std::string gsm8k_strict_answer(const std::string& completion);
std::string gsm8k_flexible_answer(const std::string& completion);
// Exact match after removing ",", "$", anything up to "#### " and a trailing ".".
bool gsm8k_answers_match(const std::string& predicted, const std::string& reference);

}  // namespace owb
