#include "text_source.h"

#include "errors.h"
#include "dataset_rows.h"
#include "hub_env.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <vector>

namespace owb {

namespace fs = std::filesystem;

namespace {

bool has_extension(const fs::path& p, const char* ext) { return p.extension() == ext; }

bool is_text_file(const fs::path& p) { return has_extension(p, ".txt") || has_extension(p, ".jsonl"); }

// A .txt file is one document (its whole content).
class PlainTextFile : public TextSource {
 public:
  explicit PlainTextFile(std::string path) : path_(std::move(path)) {}
  std::optional<std::string> next_document() override {
    if (done_) return std::nullopt;
    done_ = true;
    std::ifstream in(path_, std::ios::binary);
    if (!in) throw input_error(path_, "cannot open text file");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
  }
  std::string describe() const override { return path_; }

 private:
  std::string path_;
  bool done_ = false;
};

// One JSON object per line; the document is its `field` (a string). Blank lines are skipped.
class JsonlFile : public TextSource {
 public:
  JsonlFile(std::string path, std::string field) : path_(std::move(path)), field_(std::move(field)), in_(path_) {
    if (!in_) throw input_error(path_, "cannot open JSONL file");
  }
  std::optional<std::string> next_document() override {
    std::string line;
    while (std::getline(in_, line)) {
      ++line_number_;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      return field_of(line);
    }
    if (in_.bad()) throw input_error(path_, "read error after line " + std::to_string(line_number_));
    return std::nullopt;
  }
  std::string describe() const override { return path_; }

 private:
  std::string where() const { return path_ + ":" + std::to_string(line_number_); }
  std::string field_of(const std::string& line) const {
    nlohmann::json j;
    try {
      j = nlohmann::json::parse(line);
    } catch (const nlohmann::json::parse_error& e) {
      throw input_error(where(), std::string("not a JSON object: ") + e.what());
    }
    if (!j.is_object()) throw input_error(where(), "not a JSON object");
    auto it = j.find(field_);
    if (it == j.end()) throw input_error(where(), "no field \"" + field_ + "\" (set dataset.text_field)");
    if (!it->is_string()) throw input_error(where(), "field \"" + field_ + "\" is not a string");
    return it->get<std::string>();
  }

  std::string path_, field_;
  std::ifstream in_;
  int64_t line_number_ = 0;
};

std::unique_ptr<TextSource> open_file(const fs::path& p, const std::string& field) {
  if (has_extension(p, ".jsonl")) return std::make_unique<JsonlFile>(p.string(), field);
  return std::make_unique<PlainTextFile>(p.string());
}

// Every .txt / .jsonl under a folder, in path order, read one after the other.
class TextFolder : public TextSource {
 public:
  TextFolder(const std::string& dir, std::string field) : dir_(dir), field_(std::move(field)) {
    for (const auto& e : fs::recursive_directory_iterator(dir))
      if (e.is_regular_file() && is_text_file(e.path())) files_.push_back(e.path());
    std::sort(files_.begin(), files_.end());
    if (files_.empty()) throw input_error(dir, "folder holds no .txt or .jsonl file");
  }
  std::optional<std::string> next_document() override {
    while (true) {
      if (!current_) {
        if (next_file_ == files_.size()) return std::nullopt;
        current_ = open_file(files_[next_file_++], field_);
      }
      if (auto doc = current_->next_document()) return doc;
      current_.reset();
    }
  }
  std::string describe() const override { return dir_; }

 private:
  std::string dir_, field_;
  std::vector<fs::path> files_;
  size_t next_file_ = 0;
  std::unique_ptr<TextSource> current_;
};

// Rows of a hub dataset (dataset viewer pages, cached as JSONL); the document is `field`.
class HubDataset : public TextSource {
 public:
  HubDataset(const TextSourceSpec& spec)
      : rows_({hub::parse_repo_ref(spec.name).id, spec.config, spec.split}), field_(spec.text_field) {}
  std::optional<std::string> next_document() override {
    std::optional<nlohmann::json> row = rows_.next_row();
    if (!row) return std::nullopt;
    ++row_number_;
    auto it = row->find(field_);
    if (it == row->end()) throw input_error(where(), "no column \"" + field_ + "\" (set dataset.text_field)");
    if (!it->is_string()) throw input_error(where(), "column \"" + field_ + "\" is not a string");
    return it->get<std::string>();
  }
  std::string describe() const override { return rows_.describe(); }

 private:
  std::string where() const { return rows_.describe() + " row " + std::to_string(row_number_ - 1); }
  hub::DatasetRows rows_;
  std::string field_;
  int64_t row_number_ = 0;
};

bool looks_like_a_file_name(const std::string& name) {
  for (const char* ext : {".txt", ".jsonl", ".json", ".parquet", ".csv"})
    if (fs::path(name).extension() == ext) return true;
  return false;
}

}  // namespace

std::unique_ptr<TextSource> open_text_source(const TextSourceSpec& spec) {
  if (spec.name.empty()) throw InputError("dataset.name is empty: give a .txt or .jsonl file or a folder of them");
  fs::path p(spec.name);
  std::error_code ec;
  if (fs::is_directory(p, ec)) return std::make_unique<TextFolder>(spec.name, spec.text_field);
  if (fs::is_regular_file(p, ec)) {
    if (!is_text_file(p)) throw input_error(spec.name, "unsupported text file type (use .txt or .jsonl)");
    return open_file(p, spec.text_field);
  }
  if (hub::looks_like_repo_id(spec.name) && !looks_like_a_file_name(spec.name)) {
    try {
      return std::make_unique<HubDataset>(spec);
    } catch (const InputError& e) {
      throw InputError(std::string(e.what()) + " (\"" + spec.name + "\" is no local file or folder either)");
    }
  }
  throw input_error(spec.name, "no such file or folder (nor a Hugging Face dataset id: org/name)");
}

}  // namespace owb
