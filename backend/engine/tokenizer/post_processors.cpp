#include "post_processors.h"

#include <string>

namespace owb {

namespace {

class Template : public PostProcessor {
 public:
  Template(std::vector<int32_t> before, std::vector<int32_t> after) : before_(std::move(before)), after_(std::move(after)) {}
  void wrap(std::vector<int32_t>& before, std::vector<int32_t>& after) const override {
    before.insert(before.end(), before_.begin(), before_.end());
    after.insert(after.end(), after_.begin(), after_.end());
  }

 private:
  std::vector<int32_t> before_, after_;
};

class Sequence : public PostProcessor {
 public:
  explicit Sequence(std::vector<std::shared_ptr<const PostProcessor>> steps) : steps_(std::move(steps)) {}
  void wrap(std::vector<int32_t>& before, std::vector<int32_t>& after) const override {
    // Each step wraps the result of the previous one.
    for (const auto& s : steps_) {
      std::vector<int32_t> b, a;
      s->wrap(b, a);
      before.insert(before.begin(), b.begin(), b.end());
      after.insert(after.end(), a.begin(), a.end());
    }
  }

 private:
  std::vector<std::shared_ptr<const PostProcessor>> steps_;
};

// The ids a template's special token name stands for (special_tokens.<name>.ids).
std::vector<int32_t> special_ids(const JsonField& config, const std::string& name, const JsonField& where) {
  JsonField specials = config["special_tokens"];
  specials.require_object();
  auto it = specials.json().find(name);
  if (it == specials.json().end()) where.fail("special token \"" + name + "\" is not in special_tokens");
  JsonField entry(*it, specials.file(), specials.path() + "." + name);
  JsonField ids = entry["ids"];
  ids.require_array();
  std::vector<int32_t> out;
  for (size_t i = 0; i < ids.size(); ++i) out.push_back(static_cast<int32_t>(ids.at(i).integer()));
  return out;
}

std::shared_ptr<const PostProcessor> make_template(const JsonField& config) {
  JsonField single = config["single"];
  single.require_array();
  std::vector<int32_t> before, after;
  bool seen_sequence = false;
  for (size_t i = 0; i < single.size(); ++i) {
    JsonField piece = single.at(i);
    std::string special;
    if (piece.json().is_string()) {  // compact form: "$A", "$0", "[CLS]", "[CLS]:1"
      std::string s = piece.string();
      if (!s.empty() && s[0] == '$') {
        seen_sequence = true;
        continue;
      }
      size_t colon = s.rfind(':');
      bool type_suffix = colon != std::string::npos && colon + 1 < s.size() &&
                         s.find_first_not_of("0123456789", colon + 1) == std::string::npos;
      special = type_suffix ? s.substr(0, colon) : s;
    } else if (piece.has("Sequence")) {
      seen_sequence = true;
      continue;
    } else if (piece.has("SpecialToken")) {
      special = piece["SpecialToken"]["id"].string();
    } else {
      piece.fail("expected {\"Sequence\": ...} or {\"SpecialToken\": ...}");
    }
    auto ids = special_ids(config, special, piece);
    (seen_sequence ? after : before).insert((seen_sequence ? after : before).end(), ids.begin(), ids.end());
  }
  return std::make_shared<Template>(std::move(before), std::move(after));
}

// Roberta/Bert: "cls": ["<s>", 0], "sep": ["</s>", 2].
int32_t pair_id(const JsonField& config, const char* key) {
  JsonField p = config[key];
  p.require_array();
  if (p.size() != 2) p.fail("expected [token, id]");
  return static_cast<int32_t>(p.at(1).integer());
}

}  // namespace

std::shared_ptr<const PostProcessor> make_post_processor(const JsonField& config) {
  std::string type = config["type"].string();
  if (type == "TemplateProcessing") return make_template(config);
  if (type == "ByteLevel") return std::make_shared<Template>(std::vector<int32_t>{}, std::vector<int32_t>{});
  if (type == "RobertaProcessing" || type == "BertProcessing")
    return std::make_shared<Template>(std::vector<int32_t>{pair_id(config, "cls")}, std::vector<int32_t>{pair_id(config, "sep")});
  if (type == "Sequence") {
    JsonField list = config["processors"];
    list.require_array();
    std::vector<std::shared_ptr<const PostProcessor>> steps;
    for (size_t i = 0; i < list.size(); ++i) steps.push_back(make_post_processor(list.at(i)));
    return std::make_shared<Sequence>(std::move(steps));
  }
  config["type"].fail("unsupported post_processor type \"" + type +
                      "\" (supported: TemplateProcessing, ByteLevel, RobertaProcessing, BertProcessing, Sequence)");
}

}  // namespace owb
