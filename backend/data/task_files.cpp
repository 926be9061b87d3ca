#include "task_files.h"

#include "errors.h"

#include <nlohmann/json.hpp>

#include <fstream>
#include <regex>

namespace owb {

using nlohmann::json;

namespace {

// Each non-blank line of a JSONL file, parsed, with its line number for messages.
template <typename Fn>
void for_each_row(const std::string& path, int64_t limit, Fn fn) {
  std::ifstream in(path);
  if (!in) throw input_error(path, "cannot open the task file");
  std::string line;
  int64_t line_number = 0, rows = 0;
  while (std::getline(in, line) && (limit <= 0 || rows < limit)) {
    ++line_number;
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    std::string where = path + ":" + std::to_string(line_number);
    try {
      fn(json::parse(line), where);
    } catch (const json::exception& e) {
      throw input_error(where, std::string("malformed task row: ") + e.what());
    }
    ++rows;
  }
  if (rows == 0) throw input_error(path, "holds no task rows");
}

std::string trim(const std::string& s) {
  size_t a = s.find_first_not_of(" \t\n\r"), b = s.find_last_not_of(" \t\n\r");
  return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

std::string capitalize(std::string s) {
  // Python's str.capitalize(): first character upper, the rest lower (ASCII here).
  for (size_t i = 0; i < s.size(); ++i)
    s[i] = static_cast<char>(i == 0 ? std::toupper(static_cast<unsigned char>(s[i])) : std::tolower(static_cast<unsigned char>(s[i])));
  return s;
}

MultipleChoiceItem hellaswag_item(const json& r, const std::string& where) {
  std::string ctx = r.contains("ctx_a") ? r.at("ctx_a").get<std::string>() + " " + capitalize(r.at("ctx_b").get<std::string>())
                                        : r.at("ctx").get<std::string>();
  MultipleChoiceItem item;
  item.context = hellaswag_preprocess(r.value("activity_label", std::string()) + ": " + ctx);
  for (const auto& e : r.at("endings")) item.continuations.push_back(" " + hellaswag_preprocess(e.get<std::string>()));
  const json& label = r.at("label");
  item.answer = label.is_string() ? std::stoi(label.get<std::string>()) : label.get<int>();
  return item;
}

MultipleChoiceItem arc_item(const json& r, const std::string& where) {
  MultipleChoiceItem item;
  item.context = "Question: " + r.at("question").get<std::string>() + "\nAnswer:";
  const json& texts = r.at("choices").at("text");
  const json& labels = r.at("choices").at("label");
  std::string key = r.at("answerKey").get<std::string>();
  item.answer = -1;
  for (size_t i = 0; i < texts.size(); ++i) {
    item.continuations.push_back(" " + texts[i].get<std::string>());
    if (labels.at(i).get<std::string>() == key) item.answer = static_cast<int>(i);
  }
  if (item.answer < 0) throw input_error(where, "answerKey \"" + key + "\" is not among choices.label");
  return item;
}

MultipleChoiceItem mmlu_item(const json& r, const std::string&) {
  static const char* letters[] = {"A", "B", "C", "D", "E", "F"};
  MultipleChoiceItem item;
  std::string header;
  if (r.contains("subject") && r["subject"].is_string()) {
    std::string subject = r["subject"];
    for (char& c : subject) c = c == '_' ? ' ' : c;
    header = "The following are multiple choice questions (with answers) about " + subject + ".\n\n";
  }
  item.context = header + trim(r.at("question").get<std::string>());
  const json& choices = r.at("choices");
  for (size_t i = 0; i < choices.size() && i < 6; ++i) {
    item.context += std::string("\n") + letters[i] + ". " + choices[i].get<std::string>();
    item.continuations.push_back(std::string(" ") + letters[i]);
  }
  item.context += "\nAnswer:";
  item.answer = r.at("answer").get<int>();
  return item;
}

}  // namespace

std::string hellaswag_preprocess(const std::string& text) {
  std::string t = trim(text);
  t = std::regex_replace(t, std::regex(" \\[title\\]"), ". ");
  t = std::regex_replace(t, std::regex("\\[.*?\\]"), "");
  t = std::regex_replace(t, std::regex("  "), " ");
  return t;
}

std::string task_file(const std::string& dir, const std::string& task) { return dir + "/" + task + ".jsonl"; }

std::vector<std::string> supported_tasks() { return {"hellaswag", "arc_easy", "arc_challenge", "mmlu", "gsm8k"}; }

bool is_multiple_choice_task(const std::string& task) { return task != "gsm8k"; }

std::vector<MultipleChoiceItem> load_multiple_choice(const std::string& task, const std::string& path, int64_t limit) {
  std::vector<MultipleChoiceItem> items;
  for_each_row(path, limit, [&](const json& r, const std::string& where) {
    MultipleChoiceItem item = task == "hellaswag" ? hellaswag_item(r, where)
                              : task == "mmlu"    ? mmlu_item(r, where)
                              : (task == "arc_easy" || task == "arc_challenge")
                                  ? arc_item(r, where)
                                  : throw InputError("unknown multiple-choice task \"" + task + "\"");
    if (item.continuations.size() < 2) throw input_error(where, "fewer than two choices");
    if (item.answer < 0 || item.answer >= static_cast<int>(item.continuations.size()))
      throw input_error(where, "the answer index is outside the choices");
    items.push_back(std::move(item));
  });
  return items;
}

std::vector<GenerationItem> load_gsm8k(const std::string& path, int64_t limit) {
  std::vector<GenerationItem> items;
  for_each_row(path, limit, [&](const json& r, const std::string& where) {
    GenerationItem item;
    item.question = r.at("question").get<std::string>();
    item.full_answer = r.at("answer").get<std::string>();
    size_t mark = item.full_answer.find("####");
    if (mark == std::string::npos) throw input_error(where, "answer has no \"#### <number>\"");
    item.reference_answer = trim(item.full_answer.substr(mark + 4));
    items.push_back(std::move(item));
  });
  return items;
}

}  // namespace owb
