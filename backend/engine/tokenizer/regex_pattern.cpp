#define PCRE2_CODE_UNIT_WIDTH 8
#include "regex_pattern.h"

#include "errors.h"
#include "json_field.h"
#include "utf8.h"

#include <pcre2.h>

namespace owb {

namespace {

// Unicode White_Space, spelled out: PCRE2 10.42's UCP \s misses U+0085 and still matches
// U+180E (a space before Unicode 6.3), while Oniguruma follows the current property.
constexpr const char* kSpace = "\\t\\n\\x{0B}\\f\\r\\x{20}\\x{85}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}";
// Oniguruma's Unicode \w: Letter | Mark | Number | Connector_Punctuation.
constexpr const char* kWord = "\\p{L}\\p{M}\\p{N}\\p{Pc}";
constexpr const char* kHex = "0-9a-fA-F";

// Replacement for a class shorthand outside a [...] class (negated or not) and inside one.
bool translate_escape(char e, bool in_class, std::string& out) {
  const char* set = nullptr;
  bool negated = false;
  switch (e) {
    case 's': set = kSpace; break;
    case 'S': set = kSpace, negated = true; break;
    case 'w': set = kWord; break;
    case 'W': set = kWord, negated = true; break;
    case 'h': set = kHex; break;
    case 'H': set = kHex, negated = true; break;
    default: return false;
  }
  if (in_class) {
    // A negated shorthand inside a class cannot be rewritten without set operations; PCRE2's
    // own meaning is kept (it differs from Oniguruma only on U+0085 and a few \w characters).
    if (negated) return false;
    out += set;
  } else {
    out += negated ? "[^" : "[";
    out += set;
    out += "]";
  }
  return true;
}

bool is_hex(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

std::string pcre2_message(int code) {
  PCRE2_UCHAR buffer[256];
  pcre2_get_error_message(code, buffer, sizeof buffer);
  return reinterpret_cast<const char*>(buffer);
}

}  // namespace

std::string translate_oniguruma_pattern(std::string_view p) {
  std::string out;
  out.reserve(p.size() + 32);
  int class_depth = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    char c = p[i];
    if (c == '\\' && i + 1 < p.size()) {
      char e = p[i + 1];
      if (e == 'u' && i + 5 < p.size() && is_hex(p[i + 2]) && is_hex(p[i + 3]) &&
          is_hex(p[i + 4]) && is_hex(p[i + 5])) {
        out += "\\x{" + std::string(p.substr(i + 2, 4)) + "}";
        i += 5;
        continue;
      }
      if (!translate_escape(e, class_depth > 0, out)) {
        out += c;
        out += e;
      }
      ++i;
      continue;
    }
    if (c == '[') {
      if (class_depth > 0 && i + 1 < p.size() && p[i + 1] == ':') {
        size_t close = p.find(":]", i + 2);
        if (close != std::string_view::npos) {  // POSIX class such as [:alpha:]
          out.append(p.substr(i, close + 2 - i));
          i = close + 1;
          continue;
        }
      }
      ++class_depth;
      out += c;
      // A ']' right after '[' or '[^' is a literal member, not the end of the class.
      if (i + 1 < p.size() && p[i + 1] == '^') out += p[++i];
      if (i + 1 < p.size() && p[i + 1] == ']') out += p[++i];
      continue;
    }
    if (c == ']' && class_depth > 0) --class_depth;
    out += c;
  }
  return out;
}

struct Regex::Compiled {
  std::string source;
  pcre2_code* code = nullptr;
  bool jit = false;
  ~Compiled() { pcre2_code_free(code); }
};

namespace {

pcre2_code* compile_or_throw(const std::string& pattern, uint32_t extra_options, const std::string& where,
                             const std::string& shown) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  // Oniguruma's Ruby syntax treats ^ and $ as line anchors, hence MULTILINE.
  uint32_t options = PCRE2_UTF | PCRE2_NO_UTF_CHECK | extra_options;
  if (!(extra_options & PCRE2_LITERAL)) options |= PCRE2_UCP | PCRE2_MULTILINE;
  pcre2_code* code = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.data()), pattern.size(), options, &error,
                                   &offset, nullptr);
  if (code == nullptr)
    throw input_error(where, "cannot compile regex \"" + shown + "\": " + pcre2_message(error) + " at offset " +
                                 std::to_string(offset));
  return code;
}

// Per-thread matching scratch: match data with one ovector pair and a JIT stack large enough
// for long whitespace runs.
struct MatchScratch {
  pcre2_match_data* data = pcre2_match_data_create(1, nullptr);
  pcre2_match_context* context = pcre2_match_context_create(nullptr);
  pcre2_jit_stack* stack = pcre2_jit_stack_create(64 * 1024, 8 * 1024 * 1024, nullptr);
  MatchScratch() { pcre2_jit_stack_assign(context, nullptr, stack); }
  ~MatchScratch() {
    pcre2_jit_stack_free(stack);
    pcre2_match_context_free(context);
    pcre2_match_data_free(data);
  }
};

MatchScratch& scratch() {
  thread_local MatchScratch s;
  return s;
}

}  // namespace

Regex Regex::from_oniguruma(std::string_view pattern, const std::string& where) {
  auto c = std::make_shared<Compiled>();
  c->source = std::string(pattern);
  c->code = compile_or_throw(translate_oniguruma_pattern(pattern), 0, where, c->source);
  c->jit = pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE) == 0;
  return Regex(std::move(c));
}

Regex Regex::literal(std::string_view text, const std::string& where) {
  auto c = std::make_shared<Compiled>();
  c->source = std::string(text);
  c->code = compile_or_throw(c->source, PCRE2_LITERAL, where, c->source);
  c->jit = pcre2_jit_compile(c->code, PCRE2_JIT_COMPLETE) == 0;
  return Regex(std::move(c));
}

const std::string& Regex::pattern() const { return compiled_->source; }

std::vector<std::pair<size_t, size_t>> Regex::find_all(std::string_view text) const {
  std::vector<std::pair<size_t, size_t>> matches;
  MatchScratch& s = scratch();
  auto subject = reinterpret_cast<PCRE2_SPTR>(text.data());
  size_t search_from = 0;
  bool have_last = false;
  size_t last_end = 0;
  while (search_from <= text.size()) {
    int rc = pcre2_match(compiled_->code, subject, text.size(), search_from, PCRE2_NO_UTF_CHECK, s.data, s.context);
    if (rc == PCRE2_ERROR_NOMATCH) break;
    if (rc < 0) throw std::runtime_error("regex match failed (" + pcre2_message(rc) + ") for /" + compiled_->source + "/");
    const PCRE2_SIZE* ov = pcre2_get_ovector_pointer(s.data);
    size_t begin = ov[0], end = ov[1];
    // As Oniguruma's find_iter: an empty match right after the previous match is skipped by
    // moving one character on and searching again.
    if (begin == end && have_last && last_end == end) {
      if (search_from >= text.size()) break;
      search_from += utf8::sequence_length(static_cast<unsigned char>(text[search_from]));
      continue;
    }
    matches.emplace_back(begin, end);
    search_from = end;
    last_end = end;
    have_last = true;
  }
  return matches;
}

std::vector<Regex::Piece> Regex::find_matches(std::string_view text) const {
  std::vector<Piece> pieces;
  if (text.empty()) {
    pieces.push_back({0, 0, false});
    return pieces;
  }
  size_t prev = 0;
  for (auto [begin, end] : find_all(text)) {
    if (prev != begin) pieces.push_back({prev, begin, false});
    pieces.push_back({begin, end, true});
    prev = end;
  }
  if (prev != text.size()) pieces.push_back({prev, text.size(), false});
  return pieces;
}

Regex pattern_from_json(const JsonField& pattern) {
  pattern.require_object();
  if (auto s = pattern.optional("String")) return Regex::literal(s->string(), s->where());
  if (auto r = pattern.optional("Regex")) return Regex::from_oniguruma(r->string(), r->where());
  pattern.fail("expected {\"String\": ...} or {\"Regex\": ...}");
}

}  // namespace owb
