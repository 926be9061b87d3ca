#include "normalizers.h"

#include "regex_pattern.h"
#include "unicode_text.h"
#include "utf8.h"

#include <vector>

namespace owb {

namespace {

class UnicodeForm : public Normalizer {
 public:
  explicit UnicodeForm(unicode::NormalForm form) : form_(form) {}
  void normalize(std::string& text) const override { text = unicode::normalize(text, form_); }

 private:
  unicode::NormalForm form_;
};

class Lowercase : public Normalizer {
 public:
  void normalize(std::string& text) const override { text = unicode::to_lower(text); }
};

// Removes White_Space characters at either end (NormalizedString::lstrip / rstrip).
class Strip : public Normalizer {
 public:
  Strip(bool left, bool right) : left_(left), right_(right) {}
  void normalize(std::string& text) const override {
    size_t begin = 0, end = text.size();
    if (left_) {
      while (begin < end) {
        size_t pos = begin;
        if (!unicode::is_whitespace(utf8::next(text, pos))) break;
        begin = pos;
      }
    }
    if (right_) {
      while (end > begin) {
        size_t start = utf8::previous_start(text, end), pos = start;
        if (!unicode::is_whitespace(utf8::next(text, pos))) break;
        end = start;
      }
    }
    text = text.substr(begin, end - begin);
  }

 private:
  bool left_, right_;
};

class StripAccents : public Normalizer {
 public:
  void normalize(std::string& text) const override {
    std::string out;
    out.reserve(text.size());
    for (size_t pos = 0; pos < text.size();) {
      size_t start = pos;
      if (!unicode::is_mark(utf8::next(text, pos))) out.append(text, start, pos - start);
    }
    text = std::move(out);
  }
};

// Prepends a string to non-empty text (Llama 2 / Mistral prepend "▁").
class Prepend : public Normalizer {
 public:
  explicit Prepend(std::string prefix) : prefix_(std::move(prefix)) {}
  void normalize(std::string& text) const override {
    if (!text.empty()) text.insert(0, prefix_);
  }

 private:
  std::string prefix_;
};

class Replace : public Normalizer {
 public:
  Replace(Regex pattern, std::string content) : pattern_(std::move(pattern)), content_(std::move(content)) {}
  void normalize(std::string& text) const override {
    auto matches = pattern_.find_all(text);
    if (matches.empty()) return;
    std::string out;
    out.reserve(text.size() + text.size() / 4);
    size_t prev = 0;
    for (auto [begin, end] : matches) {
      out.append(text, prev, begin - prev);
      out += content_;
      prev = end;
    }
    out.append(text, prev, std::string::npos);
    text = std::move(out);
  }

 private:
  Regex pattern_;
  std::string content_;
};

class Sequence : public Normalizer {
 public:
  explicit Sequence(std::vector<std::shared_ptr<const Normalizer>> steps) : steps_(std::move(steps)) {}
  void normalize(std::string& text) const override {
    for (const auto& s : steps_) s->normalize(text);
  }

 private:
  std::vector<std::shared_ptr<const Normalizer>> steps_;
};

}  // namespace

std::shared_ptr<const Normalizer> make_normalizer(const JsonField& config) {
  std::string type = config["type"].string();
  if (type == "NFC") return std::make_shared<UnicodeForm>(unicode::NormalForm::NFC);
  if (type == "NFD") return std::make_shared<UnicodeForm>(unicode::NormalForm::NFD);
  if (type == "NFKC") return std::make_shared<UnicodeForm>(unicode::NormalForm::NFKC);
  if (type == "NFKD") return std::make_shared<UnicodeForm>(unicode::NormalForm::NFKD);
  if (type == "Lowercase") return std::make_shared<Lowercase>();
  if (type == "StripAccents") return std::make_shared<StripAccents>();
  if (type == "Strip")
    return std::make_shared<Strip>(config.boolean_or("strip_left", true), config.boolean_or("strip_right", true));
  if (type == "Prepend") return std::make_shared<Prepend>(config["prepend"].string());
  if (type == "Replace") return std::make_shared<Replace>(pattern_from_json(config["pattern"]), config["content"].string());
  if (type == "Sequence") {
    JsonField list = config["normalizers"];
    list.require_array();
    std::vector<std::shared_ptr<const Normalizer>> steps;
    for (size_t i = 0; i < list.size(); ++i) steps.push_back(make_normalizer(list.at(i)));
    return std::make_shared<Sequence>(std::move(steps));
  }
  config["type"].fail("unsupported normalizer type \"" + type +
                      "\" (supported: NFC, NFD, NFKC, NFKD, Lowercase, Strip, StripAccents, Prepend, Replace, Sequence)");
}

}  // namespace owb
