#include "decoders.h"

#include "byte_level.h"
#include "regex_pattern.h"
#include "utf8.h"

namespace owb {

std::string Decoder::decode(std::vector<std::string> tokens) const {
  decode_chain(tokens);
  std::string out;
  for (const auto& t : tokens) out += t;
  return out;
}

namespace {

// Byte-level characters back to bytes; a token with any other character keeps its own UTF-8.
// The bytes of all tokens are joined, then decoded lossily (U+FFFD for broken sequences).
class ByteLevelDecoder : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override {
    std::string bytes, token_bytes;
    for (const std::string& t : tokens) {
      token_bytes.clear();
      bool all_mapped = true;
      for (size_t pos = 0; pos < t.size();) {
        auto b = byte_level::byte_for_char(utf8::next(t, pos));
        if (!b) {
          all_mapped = false;
          break;
        }
        token_bytes.push_back(static_cast<char>(*b));
      }
      bytes += all_mapped ? token_bytes : t;
    }
    tokens.assign(1, utf8::repair(bytes));
  }
};

class MetaspaceDecoder : public Decoder {
 public:
  MetaspaceDecoder(char32_t replacement, bool prepends) : replacement_(replacement), prepends_(prepends) {}
  void decode_chain(std::vector<std::string>& tokens) const override {
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::string out;
      for (size_t pos = 0; pos < tokens[i].size();) {
        char32_t cp = utf8::next(tokens[i], pos);
        if (cp != replacement_) {
          utf8::append(out, cp);
        } else if (i != 0 || !prepends_) {
          out += ' ';
        }
      }
      tokens[i] = std::move(out);
    }
  }

 private:
  char32_t replacement_;
  bool prepends_;
};

class ReplaceDecoder : public Decoder {
 public:
  ReplaceDecoder(Regex pattern, std::string content) : pattern_(std::move(pattern)), content_(std::move(content)) {}
  void decode_chain(std::vector<std::string>& tokens) const override {
    for (std::string& t : tokens) {
      std::string out;
      for (const auto& piece : pattern_.find_matches(t)) {
        if (piece.is_match)
          out += content_;
        else
          out.append(t, piece.begin, piece.end - piece.begin);
      }
      t = std::move(out);
    }
  }

 private:
  Regex pattern_;
  std::string content_;
};

// Runs of <0xNN> tokens become the text they spell, or one U+FFFD per byte when not valid UTF-8.
class ByteFallbackDecoder : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override {
    std::vector<std::string> out;
    std::string pending;
    auto flush = [&] {
      if (pending.empty()) return;
      if (utf8::is_valid(pending))
        out.push_back(pending);
      else
        for (size_t i = 0; i < pending.size(); ++i) out.emplace_back("\xEF\xBF\xBD");
      pending.clear();
    };
    for (std::string& t : tokens) {
      int byte = parse_byte_token(t);
      if (byte >= 0) {
        pending.push_back(static_cast<char>(byte));
        continue;
      }
      flush();
      out.push_back(std::move(t));
    }
    flush();
    tokens = std::move(out);
  }

 private:
  static int parse_byte_token(const std::string& t) {
    if (t.size() != 6 || t.compare(0, 3, "<0x") != 0 || t[5] != '>') return -1;
    int value = 0;
    for (int i = 3; i < 5; ++i) {
      char c = t[i];
      int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
      if (d < 0) return -1;
      value = value * 16 + d;
    }
    return value;
  }
};

class FuseDecoder : public Decoder {
 public:
  void decode_chain(std::vector<std::string>& tokens) const override {
    std::string joined;
    for (const auto& t : tokens) joined += t;
    tokens.assign(1, std::move(joined));
  }
};

// Removes up to `start` leading and `stop` trailing `content` characters from every token.
class StripDecoder : public Decoder {
 public:
  StripDecoder(char32_t content, size_t start, size_t stop) : content_(content), start_(start), stop_(stop) {}
  void decode_chain(std::vector<std::string>& tokens) const override {
    for (std::string& t : tokens) {
      std::u32string chars;
      for (size_t pos = 0; pos < t.size();) chars.push_back(utf8::next(t, pos));
      size_t begin = 0, end = chars.size();
      while (begin < start_ && begin < end && chars[begin] == content_) ++begin;
      for (size_t i = 0; i < stop_ && end > begin && chars[end - 1] == content_; ++i) --end;
      std::string out;
      for (size_t i = begin; i < end; ++i) utf8::append(out, chars[i]);
      t = std::move(out);
    }
  }

 private:
  char32_t content_;
  size_t start_, stop_;
};

// Classic BPE end-of-word suffix: the suffix becomes a space, except at the very end.
class BpeSuffixDecoder : public Decoder {
 public:
  explicit BpeSuffixDecoder(std::string suffix) : suffix_(std::move(suffix)) {}
  void decode_chain(std::vector<std::string>& tokens) const override {
    for (size_t i = 0; i < tokens.size(); ++i) {
      std::string& t = tokens[i];
      std::string replacement = i + 1 == tokens.size() ? "" : " ";
      for (size_t at = t.find(suffix_); !suffix_.empty() && at != std::string::npos; at = t.find(suffix_, at + replacement.size()))
        t.replace(at, suffix_.size(), replacement);
    }
  }

 private:
  std::string suffix_;
};

class SequenceDecoder : public Decoder {
 public:
  explicit SequenceDecoder(std::vector<std::shared_ptr<const Decoder>> steps) : steps_(std::move(steps)) {}
  void decode_chain(std::vector<std::string>& tokens) const override {
    for (const auto& s : steps_) s->decode_chain(tokens);
  }

 private:
  std::vector<std::shared_ptr<const Decoder>> steps_;
};

char32_t single_char(const JsonField& field) {
  std::string s = field.string();
  if (s.empty() || utf8::count_code_points(s) != 1) field.fail("expected a single character");
  size_t pos = 0;
  return utf8::next(s, pos);
}

}  // namespace

std::shared_ptr<const Decoder> make_decoder(const JsonField& config) {
  std::string type = config["type"].string();
  if (type == "ByteLevel") return std::make_shared<ByteLevelDecoder>();
  if (type == "Metaspace") {
    bool prepends = config.string_or("prepend_scheme", "always") != "never";
    if (auto a = config.optional("add_prefix_space"); a && !a->boolean()) prepends = false;
    return std::make_shared<MetaspaceDecoder>(single_char(config["replacement"]), prepends);
  }
  if (type == "Replace") return std::make_shared<ReplaceDecoder>(pattern_from_json(config["pattern"]), config["content"].string());
  if (type == "ByteFallback") return std::make_shared<ByteFallbackDecoder>();
  if (type == "Fuse") return std::make_shared<FuseDecoder>();
  if (type == "Strip") {
    auto count = [&](const char* key) {
      int64_t v = config[key].integer();
      if (v < 0) config[key].fail("expected a non-negative count");
      return static_cast<size_t>(v);
    };
    return std::make_shared<StripDecoder>(single_char(config["content"]), count("start"), count("stop"));
  }
  if (type == "BPEDecoder") return std::make_shared<BpeSuffixDecoder>(config.string_or("suffix", "</w>"));
  if (type == "Sequence") {
    JsonField list = config["decoders"];
    list.require_array();
    std::vector<std::shared_ptr<const Decoder>> steps;
    for (size_t i = 0; i < list.size(); ++i) steps.push_back(make_decoder(list.at(i)));
    return std::make_shared<SequenceDecoder>(std::move(steps));
  }
  config["type"].fail("unsupported decoder type \"" + type +
                      "\" (supported: ByteLevel, Metaspace, Replace, ByteFallback, Fuse, Strip, BPEDecoder, Sequence)");
}

}  // namespace owb
