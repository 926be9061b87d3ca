#include "json_field.h"

#include "errors.h"

namespace owb {

namespace {

const char* kind(const nlohmann::json& j) {
  switch (j.type()) {
    case nlohmann::json::value_t::null: return "null";
    case nlohmann::json::value_t::object: return "an object";
    case nlohmann::json::value_t::array: return "an array";
    case nlohmann::json::value_t::string: return "a string";
    case nlohmann::json::value_t::boolean: return "a boolean";
    case nlohmann::json::value_t::number_float: return "a float";
    case nlohmann::json::value_t::number_integer:
    case nlohmann::json::value_t::number_unsigned: return "an integer";
    default: return "an unsupported value";
  }
}

}  // namespace

std::string JsonField::child_path(const std::string& key) const { return path_.empty() ? key : path_ + "." + key; }

std::string JsonField::where() const { return path_.empty() ? file_ : file_ + ": " + path_; }

void JsonField::fail(const std::string& what) const { throw InputError(where() + ": " + what); }

void JsonField::require_object() const {
  if (!value_->is_object()) fail(std::string("expected an object, got ") + kind(*value_));
}

void JsonField::require_array() const {
  if (!value_->is_array()) fail(std::string("expected an array, got ") + kind(*value_));
}

JsonField JsonField::operator[](const char* key) const {
  require_object();
  auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) throw InputError(file_ + ": " + child_path(key) + ": missing");
  return JsonField(*it, file_, child_path(key));
}

std::optional<JsonField> JsonField::optional(const char* key) const {
  require_object();
  auto it = value_->find(key);
  if (it == value_->end() || it->is_null()) return std::nullopt;
  return JsonField(*it, file_, child_path(key));
}

bool JsonField::has(const char* key) const {
  if (!value_->is_object()) return false;
  auto it = value_->find(key);
  return it != value_->end() && !it->is_null();
}

JsonField JsonField::at(size_t index) const {
  require_array();
  if (index >= value_->size()) fail("index " + std::to_string(index) + " out of range");
  return JsonField((*value_)[index], file_, path_ + "[" + std::to_string(index) + "]");
}

size_t JsonField::size() const {
  if (!value_->is_array() && !value_->is_object()) fail(std::string("expected an array or object, got ") + kind(*value_));
  return value_->size();
}

std::string JsonField::string() const {
  if (!value_->is_string()) fail(std::string("expected a string, got ") + kind(*value_));
  return value_->get<std::string>();
}

bool JsonField::boolean() const {
  if (!value_->is_boolean()) fail(std::string("expected a boolean, got ") + kind(*value_));
  return value_->get<bool>();
}

int64_t JsonField::integer() const {
  if (!value_->is_number_integer()) fail(std::string("expected an integer, got ") + kind(*value_));
  return value_->get<int64_t>();
}

bool JsonField::boolean_or(const char* key, bool fallback) const {
  auto f = optional(key);
  return f ? f->boolean() : fallback;
}

std::string JsonField::string_or(const char* key, const std::string& fallback) const {
  auto f = optional(key);
  return f ? f->string() : fallback;
}

}  // namespace owb
