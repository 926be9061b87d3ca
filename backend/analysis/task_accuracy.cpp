#include "task_accuracy.h"

#include "errors.h"
#include "greedy_generation.h"
#include "model.h"
#include "perplexity.h"
#include "tokenizer.h"

#include <filesystem>
#include <regex>

namespace owb {

ContextContinuation split_context_continuation(const Tokenizer& tok, const std::string& context_in,
                                               const std::string& continuation_in) {
  std::string context = context_in, continuation = continuation_in;
  size_t kept = context.find_last_not_of(' ');
  size_t spaces = kept == std::string::npos ? context.size() : context.size() - kept - 1;
  if (spaces > 0) {
    continuation = context.substr(context.size() - spaces) + continuation;
    context.resize(context.size() - spaces);
  }
  ContextContinuation out;
  std::vector<int32_t> whole = tok.encode(context + continuation);
  out.context = tok.encode(context);
  if (out.context.empty()) {
    // lm-eval scores a continuation without context after the end-of-text token.
    std::optional<int32_t> eot = tok.eos_id();
    if (!eot) throw input_error(tok.source(), "an empty context needs an EOS token to condition on");
    out.context = {*eot};
    out.continuation = whole;
    return out;
  }
  out.continuation.assign(whole.begin() + std::min(out.context.size(), whole.size()), whole.end());
  return out;
}

MultipleChoiceResult score_multiple_choice(Model& model, const Tokenizer& tok, const std::string& task,
                                           const std::vector<MultipleChoiceItem>& items, int64_t batch_size) {
  std::vector<ScoredWindow> windows;
  std::vector<std::pair<size_t, size_t>> owner;  // window -> (item, choice)
  for (size_t i = 0; i < items.size(); ++i)
    for (size_t c = 0; c < items[i].continuations.size(); ++c) {
      ContextContinuation cc = split_context_continuation(tok, items[i].context, items[i].continuations[c]);
      if (cc.continuation.empty()) throw InputError(task + " item " + std::to_string(i) + ": a choice encodes to no tokens");
      ScoredWindow w;
      w.ids = cc.context;
      w.ids.insert(w.ids.end(), cc.continuation.begin(), cc.continuation.end());
      w.score_from = static_cast<int64_t>(cc.context.size());
      windows.push_back(std::move(w));
      owner.emplace_back(i, c);
    }
  MultipleChoiceResult r;
  r.task = task;
  r.items = static_cast<int64_t>(items.size());
  r.loglikelihoods.resize(items.size());
  for (size_t i = 0; i < items.size(); ++i) r.loglikelihoods[i].resize(items[i].continuations.size());
  evaluate_windows(model, windows, batch_size, Hooks(), [&](size_t w, const std::vector<double>& nll) {
    double ll = 0;
    for (double v : nll) ll -= v;
    r.loglikelihoods[owner[w].first][owner[w].second] = ll;
  });
  int64_t correct = 0, correct_norm = 0;
  for (size_t i = 0; i < items.size(); ++i) {
    size_t best = 0, best_norm = 0;
    for (size_t c = 1; c < items[i].continuations.size(); ++c) {
      const auto& ll = r.loglikelihoods[i];
      if (ll[c] > ll[best]) best = c;
      double norm_c = ll[c] / items[i].continuations[c].size(), norm_b = ll[best_norm] / items[i].continuations[best_norm].size();
      if (norm_c > norm_b) best_norm = c;
    }
    correct += static_cast<int>(best) == items[i].answer;
    correct_norm += static_cast<int>(best_norm) == items[i].answer;
  }
  r.acc = items.empty() ? 0 : static_cast<double>(correct) / items.size();
  r.acc_norm = items.empty() ? 0 : static_cast<double>(correct_norm) / items.size();
  return r;
}

std::string gsm8k_strict_answer(const std::string& completion) {
  static const std::regex strict("#### (\\-?[0-9\\.\\,]+)");
  std::smatch m;
  return std::regex_search(completion, m, strict) ? m[1].str() : "";
}

std::string gsm8k_flexible_answer(const std::string& completion) {
  static const std::regex flexible("(-?[$0-9.,]{2,})|(-?[0-9]+)");
  std::string last;
  for (auto it = std::sregex_iterator(completion.begin(), completion.end(), flexible); it != std::sregex_iterator(); ++it)
    last = (*it)[1].matched ? (*it)[1].str() : (*it)[2].str();
  return last;
}

namespace {
std::string normalize_answer(std::string s) {
  s = std::regex_replace(s, std::regex("[\\s\\S]*#### "), "");
  s = std::regex_replace(s, std::regex("[,$]"), "");
  if (!s.empty() && s.back() == '.') s.pop_back();
  size_t a = s.find_first_not_of(" \t\n"), b = s.find_last_not_of(" \t\n");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}
}  // namespace

bool gsm8k_answers_match(const std::string& predicted, const std::string& reference) {
  std::string p = normalize_answer(predicted);
  return !p.empty() && p == normalize_answer(reference);
}

const std::vector<std::string> kGsm8kStopStrings = {"Question:", "</s>", "<|im_end|>"};

std::string gsm8k_train_file(const std::string& dir) { return dir + "/gsm8k_train.jsonl"; }

Gsm8kTask load_gsm8k_task(const std::string& dir, int64_t limit, int64_t shots) {
  if (shots < 0) throw InputError("gsm8k: the number of shots must be 0 or more");
  Gsm8kTask t;
  const std::string test = task_file(dir, "gsm8k"), train = gsm8k_train_file(dir);
  if (shots == 0) {
    t.items = load_gsm8k(test, limit);
    return t;
  }
  if (std::filesystem::exists(train)) {
    t.shots = load_gsm8k(train, shots);
    t.shots_file = train;
    t.items = load_gsm8k(test, limit);
  } else {
    std::vector<GenerationItem> rows = load_gsm8k(test, limit > 0 ? limit + shots : 0);
    if (static_cast<int64_t>(rows.size()) <= shots)
      throw input_error(test, "needs more than " + std::to_string(shots) + " rows: the first " + std::to_string(shots) +
                                  " are the few-shot examples (or give " + train + ")");
    t.shots.assign(rows.begin(), rows.begin() + shots);
    t.items.assign(rows.begin() + shots, rows.end());
    t.shots_file = test;
  }
  if (static_cast<int64_t>(t.shots.size()) < shots)
    throw input_error(train, "holds " + std::to_string(t.shots.size()) + " rows, " + std::to_string(shots) + " few-shot examples needed");
  return t;
}

std::string gsm8k_prompt(const std::vector<GenerationItem>& shots, const std::string& question) {
  std::string prompt;
  for (const GenerationItem& s : shots) prompt += "Question: " + s.question + "\nAnswer: " + s.full_answer + "\n\n";
  return prompt + "Question: " + question + "\nAnswer:";
}

GenerationTaskResult score_gsm8k(Model& model, const Tokenizer& tok, const Gsm8kTask& task, int64_t max_new_tokens) {
  GenerationTaskResult r;
  r.task = "gsm8k";
  r.items = static_cast<int64_t>(task.items.size());
  r.shots = static_cast<int64_t>(task.shots.size());
  GenerationOptions o;
  o.max_new_tokens = max_new_tokens;
  o.stop_strings = kGsm8kStopStrings;
  int64_t strict = 0, flexible = 0;
  for (size_t i = 0; i < task.items.size(); ++i) {
    const GenerationItem& item = task.items[i];
    Generation g = greedy_generate(model, tok, tok.encode(gsm8k_prompt(task.shots, item.question)), o);
    r.completions.push_back(g.text);
    r.stop_reasons.push_back(g.stop_reason);
    r.strict_answers.push_back(gsm8k_strict_answer(g.text));
    r.flexible_answers.push_back(gsm8k_flexible_answer(g.text));
    strict += gsm8k_answers_match(r.strict_answers.back(), item.reference_answer);
    flexible += gsm8k_answers_match(r.flexible_answers.back(), item.reference_answer);
  }
  r.exact_match_strict = r.items ? static_cast<double>(strict) / r.items : 0.0;
  r.exact_match_flexible = r.items ? static_cast<double>(flexible) / r.items : 0.0;
  return r;
}

}  // namespace owb
