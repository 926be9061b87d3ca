#include "token_class_enrichment.h"

#include <algorithm>
#include <cctype>
#include <set>
#include <stdexcept>

namespace owb {

const std::vector<std::string>& english_function_words() {
  static const std::vector<std::string> words = {
      "a", "an", "the", "this", "that", "these", "those", "some", "any", "no", "each", "every", "all", "both",
      "i", "me", "my", "we", "us", "our", "you", "your", "he", "him", "his", "she", "her", "it", "its", "they",
      "them", "their", "who", "whom", "whose", "which", "what", "there", "here",
      "of", "in", "on", "at", "to", "for", "with", "by", "from", "into", "onto", "about", "as", "over", "under",
      "between", "through", "after", "before", "during", "against", "among", "without", "within", "up", "down",
      "out", "off", "than",
      "and", "or", "but", "nor", "so", "yet", "if", "because", "while", "although", "though", "when", "where",
      "whether", "not",
      "is", "am", "are", "was", "were", "be", "been", "being", "have", "has", "had", "do", "does", "did",
      "will", "would", "shall", "should", "can", "could", "may", "might", "must"};
  return words;
}

const std::vector<std::string>& token_class_names() {
  static const std::vector<std::string> names = {"digits_years", "parentheses_brackets", "punctuation",
                                                 "function_words", "capitalized", "whitespace_newline"};
  return names;
}

namespace {

bool is_space(unsigned char c) { return std::isspace(c) != 0; }

std::string strip(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && is_space(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && is_space(static_cast<unsigned char>(s[e - 1]))) --e;
  return s.substr(b, e - b);
}

template <typename Pred>
bool all_of_chars(const std::string& s, Pred p) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [&](char c) { return p(static_cast<unsigned char>(c)); });
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

}  // namespace

bool token_in_class(const std::string& text, const std::string& c) {
  const std::string t = strip(text);
  if (c == "digits_years") return all_of_chars(t, [](unsigned char ch) { return std::isdigit(ch) != 0; });
  if (c == "parentheses_brackets") return t.find_first_of("()[]{}") != std::string::npos;
  if (c == "punctuation") return all_of_chars(t, [](unsigned char ch) { return std::ispunct(ch) != 0; });
  if (c == "function_words") {
    static const std::set<std::string> words(english_function_words().begin(), english_function_words().end());
    return words.count(lower(t)) != 0;
  }
  if (c == "capitalized")
    return !t.empty() && std::isupper(static_cast<unsigned char>(t[0])) &&
           (t.size() == 1 || std::islower(static_cast<unsigned char>(t[1])));
  if (c == "whitespace_newline") return all_of_chars(text, is_space) || text.find('\n') != std::string::npos;
  throw std::invalid_argument("unknown token class \"" + c + "\"");
}

std::vector<ClassEnrichment> token_class_enrichment(const std::vector<std::string>& vocabulary,
                                                    const std::vector<int64_t>& top_ids, size_t max_examples) {
  std::vector<ClassEnrichment> out;
  if (vocabulary.empty() || top_ids.empty()) return out;
  for (const std::string& c : token_class_names()) {
    ClassEnrichment e;
    e.token_class = c;
    int64_t in_vocab = 0;
    for (const std::string& text : vocabulary) in_vocab += token_in_class(text, c) ? 1 : 0;
    for (int64_t id : top_ids) {
      if (id < 0 || id >= static_cast<int64_t>(vocabulary.size())) continue;  // padding rows: no class
      const std::string& text = vocabulary[static_cast<size_t>(id)];
      if (!token_in_class(text, c)) continue;
      ++e.top_count;
      if (e.examples.size() < max_examples) e.examples.push_back(c == "whitespace_newline" ? text : strip(text));
    }
    e.top_share = static_cast<double>(e.top_count) / static_cast<double>(top_ids.size());
    e.vocab_share = static_cast<double>(in_vocab) / static_cast<double>(vocabulary.size());
    e.score = e.top_share - e.vocab_share;
    out.push_back(std::move(e));
  }
  return out;
}

}  // namespace owb
