#include "greedy_generation.h"

#include "errors.h"
#include "model.h"
#include "tokenizer.h"

#include <algorithm>

namespace owb {

size_t first_stop(const std::string& text, const std::vector<std::string>& stop_strings) {
  size_t first = std::string::npos;
  for (const std::string& s : stop_strings)
    if (!s.empty()) first = std::min(first, text.find(s));
  return first;
}

Generation greedy_generate(Model& model, const Tokenizer& tok, const std::vector<int32_t>& prompt,
                           const GenerationOptions& o, const Hooks& hooks) {
  if (prompt.empty()) throw InputError("greedy generation: the prompt encodes to no tokens");
  if (o.max_new_tokens < 0) throw InputError("greedy generation: max_new_tokens must be 0 or more");
  const std::optional<int32_t> eos = o.stop_at_eos ? tok.eos_id() : std::nullopt;
  Generation g;
  g.stop_reason = "max_new_tokens";
  if (o.max_new_tokens == 0) return g;
  KvCache cache;
  std::vector<int64_t> ids(prompt.begin(), prompt.end());
  at::Tensor input = at::tensor(ids, at::kLong).view({1, static_cast<int64_t>(ids.size())});
  while (true) {
    at::Tensor logits = model.forward_cached(input, cache, hooks);  // [1, V]
    const int32_t next = static_cast<int32_t>(logits.argmax(-1).item<int64_t>());
    if (eos && next == *eos) {
      g.stop_reason = "eos";
      break;
    }
    g.tokens.push_back(next);
    // Decoded whole each step: a stop string may span tokens, and a multi-byte character may
    // only complete with a later token.
    g.text = tok.decode(g.tokens, /*skip_special_tokens=*/true);
    size_t stop = first_stop(g.text, o.stop_strings);
    if (stop != std::string::npos) {
      g.text.resize(stop);
      g.stop_reason = "stop_string";
      return g;
    }
    if (static_cast<int64_t>(g.tokens.size()) >= o.max_new_tokens) break;
    input = at::full({1, 1}, static_cast<int64_t>(next), at::kLong);
  }
  g.text = tok.decode(g.tokens, /*skip_special_tokens=*/true);
  return g;
}

}  // namespace owb
