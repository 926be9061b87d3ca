#pragma once
// Token-class enrichment of a neuron's top tokens (seed 004): which kinds of tokens a neuron
// promotes more often than the vocabulary holds them. For each class,
//   score = (share of the class among the top-k up tokens) - (share of the class in the vocabulary),
// so 0 means "as common as anywhere", positive means enriched. Classes are tested on the decoded
// token text (leading/trailing whitespace stripped except for the whitespace class) and may
// overlap ("(" is both a bracket and punctuation):
//   digits_years          only ASCII digits ("1999", "7")
//   parentheses_brackets  contains one of ()[]{}
//   punctuation           only ASCII punctuation
//   function_words        an English function word, any case (english_function_words())
//   capitalized           starts with an ASCII capital letter followed by a lower-case one or nothing
//   whitespace_newline    only whitespace, or contains a newline
#include <cstdint>
#include <string>
#include <vector>

namespace owb {

// English function words: articles, pronouns, prepositions, conjunctions, auxiliaries (lower case).
// Also the stopword set of the interventional deltas.
const std::vector<std::string>& english_function_words();

// The class names above, in report order.
const std::vector<std::string>& token_class_names();
// Whether decoded token text belongs to a class (throws for an unknown class name).
bool token_in_class(const std::string& text, const std::string& token_class);

struct ClassEnrichment {
  std::string token_class;
  double score = 0;         // top_share - vocab_share
  double top_share = 0;
  double vocab_share = 0;
  int64_t top_count = 0;
  std::vector<std::string> examples;  // its top tokens in rank order (stripped), at most `max_examples`
};

// `vocabulary`: decoded text of every token id (empty strings, e.g. unknown ids, count as tokens
// of no class); `top_ids`: the neuron's top-k up tokens, best first.
std::vector<ClassEnrichment> token_class_enrichment(const std::vector<std::string>& vocabulary,
                                                    const std::vector<int64_t>& top_ids, size_t max_examples = 5);

}  // namespace owb
