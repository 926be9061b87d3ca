#pragma once
// Evaluation tasks read from local files in the Hugging Face dataset row layouts (one JSON
// object per line, as the datasets' JSONL exports or the viewer's rows), turned into prompts the
// way lm-evaluation-harness builds them:
//   hellaswag  (Rowan/hellaswag):      activity_label, ctx_a, ctx_b (or ctx), endings[4], label
//   arc_easy / arc_challenge (allenai/ai2_arc): question, choices{text[], label[]}, answerKey
//   mmlu       (cais/mmlu):            question, choices[4], answer (0-3), subject (optional)
//   gsm8k      (openai/gsm8k):         question, answer ("... #### 42")
#include <string>
#include <vector>

namespace owb {

struct MultipleChoiceItem {
  std::string context;
  std::vector<std::string> continuations;  // each starts with the separator (" ...")
  int answer = 0;                          // index into continuations
};

struct GenerationItem {
  std::string question;
  std::string reference_answer;  // the number after "####"
  std::string full_answer;       // the worked solution (used for few-shot examples)
};

// The file of `task` in `dir`: <dir>/<task>.jsonl.
std::string task_file(const std::string& dir, const std::string& task);
bool is_multiple_choice_task(const std::string& task);
std::vector<std::string> supported_tasks();

// Reads at most `limit` items (0: all). Errors name the file, line and field.
std::vector<MultipleChoiceItem> load_multiple_choice(const std::string& task, const std::string& path, int64_t limit);
std::vector<GenerationItem> load_gsm8k(const std::string& path, int64_t limit);

// lm-evaluation-harness's HellaSwag text cleaning: " [title]" -> ". ", [bracketed] removed, double spaces.
std::string hellaswag_preprocess(const std::string& text);

}  // namespace owb
