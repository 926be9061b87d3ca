#include "pre_tokenizers.h"

#include "byte_level.h"
#include "regex_pattern.h"
#include "split_behavior.h"
#include "unicode_text.h"
#include "utf8.h"

#include <unicode/uchar.h>

#include <string>
#include <vector>

namespace owb {

namespace {

// Emits the kept ranges of `text`, marking only a range that starts at 0 of a `first` text.
void emit_ranges(std::string_view text, bool first, const std::vector<Range>& ranges, const PieceSink& sink) {
  for (const Range& r : ranges)
    if (r.end > r.begin) sink(text.substr(r.begin, r.end - r.begin), first && r.begin == 0);
}

class Split : public PreTokenizer {
 public:
  Split(Regex pattern, SplitBehavior behavior, bool invert)
      : pattern_(std::move(pattern)), behavior_(behavior), invert_(invert) {}
  void pre_tokenize(std::string_view text, bool first, const PieceSink& sink) const override {
    auto pieces = pattern_.find_matches(text);
    if (invert_)
      for (auto& p : pieces) p.is_match = !p.is_match;
    emit_ranges(text, first, apply_split_behavior(pieces, behavior_), sink);
  }

 private:
  Regex pattern_;
  SplitBehavior behavior_;
  bool invert_;
};

// Splits where a character predicate holds, each such character being a match of its own.
template <class Predicate>
class CharSplit : public PreTokenizer {
 public:
  CharSplit(Predicate pred, SplitBehavior behavior) : pred_(pred), behavior_(behavior) {}
  void pre_tokenize(std::string_view text, bool first, const PieceSink& sink) const override {
    emit_ranges(text, first, apply_split_behavior(char_pieces(text, pred_), behavior_), sink);
  }

 private:
  Predicate pred_;
  SplitBehavior behavior_;
};

template <class Predicate>
std::shared_ptr<const PreTokenizer> char_split(Predicate pred, SplitBehavior behavior) {
  return std::make_shared<CharSplit<Predicate>>(pred, behavior);
}

// ByteLevel: optional leading space, optional GPT-2 regex split, then every byte spelled as
// its printable stand-in character.
class ByteLevel : public PreTokenizer {
 public:
  ByteLevel(bool add_prefix_space, bool use_regex) : add_prefix_space_(add_prefix_space) {
    if (use_regex) regex_ = std::make_shared<Regex>(Regex::from_oniguruma(byte_level::kGpt2Pattern, "GPT-2 regex"));
  }
  void pre_tokenize(std::string_view text, bool first, const PieceSink& sink) const override {
    if (text.empty()) return;
    std::string spaced;
    if (add_prefix_space_ && text.front() != ' ') {
      spaced.reserve(text.size() + 1);
      spaced += ' ';
      spaced += text;
      text = spaced;
    }
    std::string mapped;
    auto emit = [&](std::string_view piece, bool piece_first) {
      mapped.clear();
      byte_level::encode(piece, mapped);
      sink(mapped, piece_first);
    };
    if (!regex_) {
      emit(text, first);
      return;
    }
    size_t prev = 0;
    for (auto [begin, end] : regex_->find_all(text)) {
      if (begin > prev) emit(text.substr(prev, begin - prev), first && prev == 0);
      if (end > begin) emit(text.substr(begin, end - begin), first && begin == 0);
      prev = end;
    }
    if (prev < text.size()) emit(text.substr(prev), first && prev == 0);
  }

 private:
  bool add_prefix_space_;
  std::shared_ptr<const Regex> regex_;
};

enum class PrependScheme { Always, First, Never };

// Metaspace: spaces become the replacement character ("▁"), which is prepended as the scheme
// says, and pieces are cut before each replacement character.
class Metaspace : public PreTokenizer {
 public:
  Metaspace(std::string replacement, PrependScheme scheme, bool split)
      : replacement_(std::move(replacement)), scheme_(scheme), split_(split) {
    size_t pos = 0;
    replacement_cp_ = utf8::next(replacement_, pos);
  }
  void pre_tokenize(std::string_view text, bool first, const PieceSink& sink) const override {
    if (text.empty()) return;
    std::string s;
    s.reserve(text.size() + 8);
    bool prepend = scheme_ == PrependScheme::Always || (scheme_ == PrependScheme::First && first);
    if (prepend && !starts_with_replacement(text)) s += replacement_;
    for (char c : text) {
      if (c == ' ')
        s += replacement_;
      else
        s += c;
    }
    if (!split_) {
      sink(s, first);
      return;
    }
    char32_t rep = replacement_cp_;
    auto pieces = char_pieces(s, [rep](char32_t c) { return c == rep; });
    emit_ranges(s, first, apply_split_behavior(pieces, SplitBehavior::MergedWithNext), sink);
  }

 private:
  bool starts_with_replacement(std::string_view text) const {
    // After replacement a leading space also counts as the replacement character.
    return text.front() == ' ' || text.substr(0, replacement_.size()) == replacement_;
  }
  std::string replacement_;
  char32_t replacement_cp_;
  PrependScheme scheme_;
  bool split_;
};

class Sequence : public PreTokenizer {
 public:
  explicit Sequence(std::vector<std::shared_ptr<const PreTokenizer>> steps) : steps_(std::move(steps)) {}
  void pre_tokenize(std::string_view text, bool first, const PieceSink& sink) const override {
    run(0, text, first, sink);
  }

 private:
  void run(size_t step, std::string_view text, bool first, const PieceSink& sink) const {
    if (step == steps_.size()) {
      sink(text, first);
      return;
    }
    steps_[step]->pre_tokenize(text, first, [&](std::string_view piece, bool f) { run(step + 1, piece, f, sink); });
  }
  std::vector<std::shared_ptr<const PreTokenizer>> steps_;
};

bool is_numeric(char32_t c) { return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_N_MASK) != 0; }

bool is_punctuation(char32_t c) {
  if (c < 0x80) return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') || (c >= '{' && c <= '~');
  return (U_GET_GC_MASK(static_cast<UChar32>(c)) & U_GC_P_MASK) != 0;
}

PrependScheme parse_prepend_scheme(const JsonField& config) {
  PrependScheme scheme = PrependScheme::Always;
  if (auto s = config.optional("prepend_scheme")) {
    std::string v = s->string();
    if (v == "always") scheme = PrependScheme::Always;
    else if (v == "first") scheme = PrependScheme::First;
    else if (v == "never") scheme = PrependScheme::Never;
    else s->fail("expected \"always\", \"first\" or \"never\", got \"" + v + "\"");
  }
  // Older files say add_prefix_space instead; false means never.
  if (auto a = config.optional("add_prefix_space"); a && !a->boolean()) scheme = PrependScheme::Never;
  return scheme;
}

}  // namespace

std::shared_ptr<const PreTokenizer> make_pre_tokenizer(const JsonField& config) {
  std::string type = config["type"].string();
  if (type == "Split")
    return std::make_shared<Split>(pattern_from_json(config["pattern"]), parse_split_behavior(config["behavior"]),
                                   config.boolean_or("invert", false));
  if (type == "ByteLevel")
    return std::make_shared<ByteLevel>(config.boolean_or("add_prefix_space", true), config.boolean_or("use_regex", true));
  if (type == "Metaspace") {
    std::string replacement = config["replacement"].string();
    if (replacement.empty() || utf8::count_code_points(replacement) != 1)
      config["replacement"].fail("expected a single character");
    return std::make_shared<Metaspace>(replacement, parse_prepend_scheme(config), config.boolean_or("split", true));
  }
  if (type == "Digits")
    return char_split(is_numeric, config.boolean_or("individual_digits", false) ? SplitBehavior::Isolated
                                                                                : SplitBehavior::Contiguous);
  if (type == "WhitespaceSplit") return char_split(unicode::is_whitespace, SplitBehavior::Removed);
  if (type == "Punctuation") {
    SplitBehavior b = config.has("behavior") ? parse_split_behavior(config["behavior"]) : SplitBehavior::Isolated;
    return char_split(is_punctuation, b);
  }
  if (type == "Whitespace") {
    // tokenizers builds this one with the Rust regex crate, whose \w is UTS #18's (Alphabetic,
    // marks, decimal digits, connectors, joiners), not Oniguruma's; \s is White_Space in both.
    const char* word = R"(\p{Alphabetic}\p{M}\p{Nd}\p{Pc}\x{200C}\x{200D})";
    std::string pattern = std::string("[") + word + "]+|[^" + word + R"(\s]+)";
    return std::make_shared<Split>(Regex::from_oniguruma(pattern, config.where()), SplitBehavior::Removed, true);
  }
  if (type == "Sequence") {
    JsonField list = config["pretokenizers"];
    list.require_array();
    std::vector<std::shared_ptr<const PreTokenizer>> steps;
    for (size_t i = 0; i < list.size(); ++i) steps.push_back(make_pre_tokenizer(list.at(i)));
    return std::make_shared<Sequence>(std::move(steps));
  }
  config["type"].fail("unsupported pre_tokenizer type \"" + type +
                      "\" (supported: Split, ByteLevel, Metaspace, Digits, Whitespace, WhitespaceSplit, "
                      "Punctuation, Sequence)");
}

}  // namespace owb
