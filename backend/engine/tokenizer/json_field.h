#pragma once
// A JSON value together with where it came from, so that every loading error names the file
// and the field ("tokenizer.json: model.merges[12]: expected ...").
#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace owb {

class JsonField {
 public:
  JsonField(const nlohmann::json& value, std::string file, std::string path)
      : value_(&value), file_(std::move(file)), path_(std::move(path)) {}

  const nlohmann::json& json() const { return *value_; }
  const std::string& file() const { return file_; }
  const std::string& path() const { return path_; }
  bool is_null() const { return value_->is_null(); }

  // A member that must be present (and not null).
  JsonField operator[](const char* key) const;
  // A member that may be absent or null.
  std::optional<JsonField> optional(const char* key) const;
  bool has(const char* key) const;
  JsonField at(size_t index) const;
  size_t size() const;  // array or object size; fails on other kinds

  std::string string() const;
  bool boolean() const;
  int64_t integer() const;
  // Scalar members with a default when absent or null.
  bool boolean_or(const char* key, bool fallback) const;
  std::string string_or(const char* key, const std::string& fallback) const;

  // "<file>: <path>"; the prefix of every message about this field.
  std::string where() const;
  [[noreturn]] void fail(const std::string& what) const;
  void require_object() const;
  void require_array() const;

 private:
  std::string child_path(const std::string& key) const;
  const nlohmann::json* value_;
  std::string file_;
  std::string path_;
};

}  // namespace owb
