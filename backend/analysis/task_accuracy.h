#pragma once
// Task accuracy with lm-evaluation-harness conventions.
// Multiple choice: each choice is scored by the summed log-probability of its continuation
// tokens given the context, tokenized as enc(ctx + cont)[len(enc(ctx)):] with a trailing space
// of the context moved into the continuation; acc picks the highest sum, acc_norm the highest
// sum divided by the continuation's length in characters (len(str)).
// GSM8K: answer extraction ("strict" = "#### <number>", "flexible" = last number) and exact match.
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

// GSM8K answer extraction as lm-evaluation-harness's gsm8k filters do; "" when nothing matches.
std::string gsm8k_strict_answer(const std::string& completion);
std::string gsm8k_flexible_answer(const std::string& completion);
// Exact match after removing ",", "$", anything up to "#### " and a trailing ".".
bool gsm8k_answers_match(const std::string& predicted, const std::string& reference);

}  // namespace owb
