// Tokenizer::from_file: reads tokenizer.json (+ tokenizer_config.json) into a TokenizerState.
#include "tokenizer.h"

#include "errors.h"
#include "tokenizer_state.h"
#include "utf8.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace owb {

namespace fs = std::filesystem;

namespace {

nlohmann::json parse_json_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path.string(), std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(path.string(), std::string("malformed JSON: ") + e.what());
  }
}

std::unique_ptr<BpeModel> load_model(const JsonField& root) {
  JsonField model = root["model"];
  model.require_object();
  // Files written before model types were tagged have no "type"; those with merges are BPE.
  std::string type = model.has("type") ? model["type"].string() : (model.has("merges") ? "BPE" : "");
  if (type.empty()) model.fail("no \"type\" and no \"merges\": cannot tell the model type");
  if (type != "BPE")
    model["type"].fail("unsupported model type \"" + type + "\" (only BPE is supported; WordPiece, Unigram and WordLevel are not)");
  // "dropout" is a training-time option: ignored, encoding stays deterministic.
  return std::make_unique<BpeModel>(model);
}

void load_added_tokens(const JsonField& root, TokenizerState& s) {
  auto list = root.optional("added_tokens");
  std::vector<AddedToken> raw, normalized;
  std::vector<std::string> raw_patterns, normalized_patterns;
  if (list) {
    list->require_array();
    for (size_t i = 0; i < list->size(); ++i) {
      JsonField entry = list->at(i);
      AddedToken t;
      t.content = entry["content"].string();
      if (t.content.empty()) continue;  // tokenizers ignores empty added tokens
      t.special = entry.boolean_or("special", false);
      t.single_word = entry.boolean_or("single_word", false);
      t.lstrip = entry.boolean_or("lstrip", false);
      t.rstrip = entry.boolean_or("rstrip", false);
      t.normalized = entry.boolean_or("normalized", !t.special);
      int64_t id = entry["id"].integer();
      if (id < 0 || id > INT32_MAX) entry["id"].fail("expected a non-negative 32-bit id");
      // As tokenizers: a content already in the model's vocabulary keeps the model's id.
      t.id = s.model->token_to_id(t.content).value_or(static_cast<int32_t>(id));
      std::string shown = t.content;
      if (t.normalized && s.normalizer) s.normalizer->normalize(shown);
      s.added_ids[t.content] = t.id;
      s.added_content[t.id] = shown;
      if (t.special) s.special_contents.insert(t.content), s.special_ids.insert(t.id);
      if (t.normalized) {
        normalized_patterns.push_back(shown);
        normalized.push_back(std::move(t));
      } else {
        raw_patterns.push_back(t.content);
        raw.push_back(std::move(t));
      }
    }
  }
  s.raw_matcher = AddedTokenMatcher(std::move(raw), std::move(raw_patterns));
  s.normalized_matcher = AddedTokenMatcher(std::move(normalized), std::move(normalized_patterns));
}

std::optional<int32_t> lookup(const TokenizerState& s, const std::string& token) {
  if (auto it = s.added_ids.find(token); it != s.added_ids.end()) return it->second;
  return s.model->token_to_id(token);
}

// bos_token / eos_token: a string, or an AddedToken object {"content": ...}; null means none.
std::optional<int32_t> config_token(const JsonField& config, const char* key, const TokenizerState& s) {
  auto field = config.optional(key);
  if (!field) return std::nullopt;
  std::string token = field->json().is_object() ? (*field)["content"].string() : field->string();
  auto id = lookup(s, token);
  if (!id) field->fail("token \"" + token + "\" is not in the vocabulary of " + s.source);
  return id;
}

void load_config(const fs::path& path, TokenizerState& s) {
  std::vector<int32_t> before, after;
  if (s.post_processor) s.post_processor->wrap(before, after);
  if (!before.empty()) s.bos = before.front();
  if (!after.empty()) s.eos = after.back();
  std::error_code ec;
  if (!fs::is_regular_file(path, ec)) return;
  nlohmann::json doc = parse_json_file(path);
  JsonField config(doc, path.string(), "");
  config.require_object();
  if (config.has("bos_token")) s.bos = config_token(config, "bos_token", s);
  if (config.has("eos_token")) s.eos = config_token(config, "eos_token", s);
}

}  // namespace

Tokenizer Tokenizer::from_file(const std::string& path) {
  std::error_code ec;
  fs::path given(path);
  if (!fs::exists(given, ec)) throw input_error(path, "no such file or folder");
  fs::path json_path = fs::is_directory(given, ec) ? given / "tokenizer.json" : given;
  if (!fs::exists(json_path, ec)) throw input_error(path, "folder has no tokenizer.json");

  nlohmann::json doc = parse_json_file(json_path);
  JsonField root(doc, json_path.string(), "");
  root.require_object();
  auto state = std::make_shared<TokenizerState>();
  TokenizerState& s = *state;
  s.source = json_path.string();
  if (auto n = root.optional("normalizer")) s.normalizer = make_normalizer(*n);
  if (auto p = root.optional("pre_tokenizer")) s.pre_tokenizer = make_pre_tokenizer(*p);
  s.model = load_model(root);
  if (auto p = root.optional("post_processor")) s.post_processor = make_post_processor(*p);
  if (auto d = root.optional("decoder")) s.decoder = make_decoder(*d);
  load_added_tokens(root, s);
  s.split_before_metaspace = !s.pre_tokenizer && s.model->merges_never_cross_before(U'\u2581');
  load_config(json_path.parent_path() / "tokenizer_config.json", s);
  return Tokenizer(std::move(state));
}

}  // namespace owb
