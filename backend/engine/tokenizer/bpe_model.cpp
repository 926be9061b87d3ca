#include "bpe_model.h"

#include "errors.h"
#include "utf8.h"
#include "word_cache.h"

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <queue>

namespace owb {

namespace {

constexpr char32_t kSmallChars = 0x3000;    // direct id table for single characters below this
constexpr size_t kSmallWord = 48;           // symbols; above this the heap-based merge is used
constexpr size_t kMaxCachedWordBytes = 256;  // as tokenizers' BPE cache

std::atomic<uint64_t> next_cache_owner{1};

// "a b" (legacy) or ["a", "b"].
std::pair<std::string, std::string> parse_merge(const nlohmann::json& m, const JsonField& merges, size_t i) {
  if (m.is_string()) {
    const std::string& s = m.get_ref<const std::string&>();
    size_t space = s.find(' ');
    if (space == std::string::npos || s.find(' ', space + 1) != std::string::npos)
      merges.at(i).fail("expected \"left right\" with exactly one space, got \"" + s + "\"");
    return {s.substr(0, space), s.substr(space + 1)};
  }
  if (m.is_array() && m.size() == 2 && m[0].is_string() && m[1].is_string())
    return {m[0].get<std::string>(), m[1].get<std::string>()};
  merges.at(i).fail("expected a string \"left right\" or a pair [\"left\", \"right\"]");
}

}  // namespace

BpeModel::BpeModel(const JsonField& model) : where_(model.where()), cache_owner_(next_cache_owner++) {
  JsonField vocab = model["vocab"];
  vocab.require_object();
  int32_t max_id = -1;
  for (auto it = vocab.json().begin(); it != vocab.json().end(); ++it) {
    if (!it.value().is_number_integer() || it.value().get<int64_t>() < 0 || it.value().get<int64_t>() > INT32_MAX)
      throw InputError(vocab.where() + "[\"" + it.key() + "\"]: expected a non-negative integer id");
    max_id = std::max(max_id, static_cast<int32_t>(it.value().get<int64_t>()));
  }
  id_to_token_.resize(static_cast<size_t>(max_id + 1));
  for (auto it = vocab.json().begin(); it != vocab.json().end(); ++it) {
    auto id = static_cast<int32_t>(it.value().get<int64_t>());
    vocab_.insert(it.key(), id);
    if (id_to_token_[id].empty()) id_to_token_[id] = it.key();
  }

  if (auto p = model.optional("continuing_subword_prefix")) continuing_subword_prefix_ = p->string();
  if (auto s = model.optional("end_of_word_suffix")) end_of_word_suffix_ = s->string();
  if (auto u = model.optional("unk_token")) unk_token_ = u->string();
  fuse_unk_ = model.boolean_or("fuse_unk", false);
  byte_fallback_ = model.boolean_or("byte_fallback", false);
  ignore_merges_ = model.boolean_or("ignore_merges", false);

  JsonField merges = model["merges"];
  merges.require_array();
  const size_t prefix_len = continuing_subword_prefix_.size();
  uint32_t rank = 0;
  std::string joined;
  for (size_t i = 0; i < merges.size(); ++i) {
    const nlohmann::json& m = merges.json()[i];
    if (m.is_string() && m.get_ref<const std::string&>().rfind("#version", 0) == 0) continue;
    auto [left, right] = parse_merge(m, merges, i);
    int32_t left_id = vocab_.find(left), right_id = vocab_.find(right);
    if (left_id < 0) merges.at(i).fail("token \"" + left + "\" is not in model.vocab");
    if (right_id < 0) merges.at(i).fail("token \"" + right + "\" is not in model.vocab");
    if (right.size() < prefix_len) merges.at(i).fail("token \"" + right + "\" lacks the continuing_subword_prefix");
    joined.assign(left).append(right, prefix_len, std::string::npos);
    int32_t new_id = vocab_.find(joined);
    if (new_id < 0) merges.at(i).fail("merged token \"" + joined + "\" is not in model.vocab");
    merges_.insert(left_id, right_id, {rank++, new_id});
  }

  for (int b = 0; b < 256; ++b) {
    char name[8];
    std::snprintf(name, sizeof name, "<0x%02X>", b);
    byte_ids_[b] = vocab_.find(name);
  }
  if (continuing_subword_prefix_.empty() && end_of_word_suffix_.empty()) {
    small_char_ids_.assign(kSmallChars, -1);
    for (size_t id = 0; id < id_to_token_.size(); ++id) {
      const std::string& t = id_to_token_[id];
      if (t.empty() || utf8::sequence_length(static_cast<unsigned char>(t[0])) != t.size()) continue;
      size_t pos = 0;
      char32_t cp = utf8::next(t, pos);
      if (cp < kSmallChars) small_char_ids_[cp] = vocab_.find(t);
    }
  }
}

std::optional<int32_t> BpeModel::token_to_id(std::string_view token) const {
  int32_t id = vocab_.find(token);
  if (id < 0) return std::nullopt;
  return id;
}

const std::string* BpeModel::id_to_token(int32_t id) const {
  if (id < 0 || static_cast<size_t>(id) >= id_to_token_.size() || id_to_token_[id].empty()) return nullptr;
  return &id_to_token_[id];
}

bool BpeModel::merges_never_cross_before(char32_t c) const {
  if (ignore_merges_ || !continuing_subword_prefix_.empty() || !end_of_word_suffix_.empty()) return false;
  std::string boundary = utf8::encode(c);
  if (vocab_.find(boundary) < 0) return false;
  for (const std::string& t : id_to_token_) {
    bool previous_other = false;
    for (size_t pos = 0; pos < t.size();) {
      char32_t cp = utf8::next(t, pos);
      if (cp == c && previous_other) return false;
      previous_other = cp != c;
    }
  }
  return true;
}

int32_t BpeModel::char_id(std::string_view ch) const {
  if (!small_char_ids_.empty()) {
    size_t pos = 0;
    char32_t cp = utf8::next(ch, pos);
    if (cp < kSmallChars) return small_char_ids_[cp];
  }
  return vocab_.find(ch);
}

void BpeModel::split_into_symbols(std::string_view word, std::vector<Symbol>& symbols) const {
  symbols.clear();
  auto add = [&symbols](int32_t id, size_t length) {
    auto index = static_cast<int32_t>(symbols.size());
    symbols.push_back({id, index - 1, index + 1, static_cast<uint32_t>(length)});
  };
  int32_t unk_id = -1;  // a pending unknown: its id and byte length
  size_t unk_len = 0;
  auto flush_unk = [&] {
    if (unk_id >= 0) add(unk_id, unk_len);
    unk_id = -1;
  };
  std::string decorated;
  for (size_t pos = 0; pos < word.size();) {
    size_t start = pos;
    utf8::next(word, pos);
    std::string_view s = word.substr(start, pos - start);
    const size_t byte_len = s.size();
    int32_t id;
    if (continuing_subword_prefix_.empty() && end_of_word_suffix_.empty()) {
      id = char_id(s);
    } else {
      decorated.assign(start > 0 ? continuing_subword_prefix_ : std::string()).append(s);
      if (pos == word.size()) decorated += end_of_word_suffix_;
      s = decorated;
      id = vocab_.find(s);
    }
    if (id >= 0) {
      flush_unk();
      add(id, byte_len);
      continue;
    }
    if (byte_fallback_ && std::all_of(s.begin(), s.end(), [this](char b) { return byte_ids_[static_cast<uint8_t>(b)] >= 0; })) {
      // As tokenizers: a pending unknown is not flushed before byte-fallback tokens.
      for (char b : s) add(byte_ids_[static_cast<uint8_t>(b)], 1);
      continue;
    }
    if (!unk_token_) continue;  // no unk token: the character is dropped, as tokenizers does
    int32_t id_of_unk = vocab_.find(*unk_token_);
    if (id_of_unk < 0) throw InputError(where_ + ".unk_token: \"" + *unk_token_ + "\" is not in model.vocab");
    if (unk_id >= 0 && fuse_unk_) {
      unk_len += byte_len;
    } else {
      flush_unk();
      unk_id = id_of_unk;
      unk_len = byte_len;
    }
  }
  flush_unk();
  if (!symbols.empty()) symbols.back().next = -1;
}

// Few symbols: rescan the pair ranks after every merge (cheaper than a heap for short words).
void BpeModel::merge_small(std::vector<Symbol>& symbols) const {
  size_t n = symbols.size();
  int32_t ids[kSmallWord];
  const PairMap::Merge* ranks[kSmallWord];
  for (size_t i = 0; i < n; ++i) ids[i] = symbols[i].id;
  for (size_t i = 0; i + 1 < n; ++i) ranks[i] = merges_.find(ids[i], ids[i + 1]);
  while (n > 1) {
    size_t best = n;
    uint32_t best_rank = UINT32_MAX;
    for (size_t i = 0; i + 1 < n; ++i)
      if (ranks[i] && ranks[i]->rank < best_rank) best_rank = ranks[i]->rank, best = i;
    if (best == n) break;
    ids[best] = ranks[best]->new_id;
    for (size_t i = best + 1; i + 1 < n; ++i) ids[i] = ids[i + 1];
    for (size_t i = best + 1; i + 2 < n; ++i) ranks[i] = ranks[i + 1];
    --n;
    if (best > 0) ranks[best - 1] = merges_.find(ids[best - 1], ids[best]);
    if (best + 1 < n) ranks[best] = merges_.find(ids[best], ids[best + 1]);
  }
  symbols.resize(n);
  for (size_t i = 0; i < n; ++i) symbols[i].id = ids[i];
}

// tokenizers' Word::merge_all: a min-heap on (rank, position) with lazily dropped stale entries.
void BpeModel::merge_large(std::vector<Symbol>& symbols) const {
  struct Candidate {
    uint32_t rank;
    int32_t pos;
    int32_t new_id;
    bool operator>(const Candidate& o) const { return rank != o.rank ? rank > o.rank : pos > o.pos; }
  };
  std::priority_queue<Candidate, std::vector<Candidate>, std::greater<Candidate>> queue;
  for (size_t i = 0; i + 1 < symbols.size(); ++i)
    if (auto m = merges_.find(symbols[i].id, symbols[i + 1].id))
      queue.push({m->rank, static_cast<int32_t>(i), m->new_id});
  while (!queue.empty()) {
    Candidate top = queue.top();
    queue.pop();
    Symbol& left = symbols[top.pos];
    if (left.length == 0 || left.next < 0) continue;
    Symbol right = symbols[left.next];
    auto current = merges_.find(left.id, right.id);
    if (!current || current->new_id != top.new_id) continue;  // stale entry
    int32_t right_pos = left.next;
    left.id = top.new_id;
    left.length += right.length;
    left.next = right.next;
    symbols[right_pos].length = 0;
    if (right.next >= 0) symbols[right.next].prev = top.pos;
    if (left.prev >= 0)
      if (auto m = merges_.find(symbols[left.prev].id, left.id)) queue.push({m->rank, left.prev, m->new_id});
    if (left.next >= 0)
      if (auto m = merges_.find(left.id, symbols[left.next].id)) queue.push({m->rank, top.pos, m->new_id});
  }
  symbols.erase(std::remove_if(symbols.begin(), symbols.end(), [](const Symbol& s) { return s.length == 0; }),
                symbols.end());
}

void BpeModel::encode_uncached(std::string_view word, std::vector<int32_t>& out) const {
  thread_local std::vector<Symbol> symbols;
  split_into_symbols(word, symbols);
  if (symbols.size() <= kSmallWord)
    merge_small(symbols);
  else
    merge_large(symbols);
  for (const Symbol& s : symbols) out.push_back(s.id);
  if (symbols.capacity() > (1u << 16)) std::vector<Symbol>().swap(symbols);  // keep no huge buffer per thread
}

void BpeModel::encode_word(std::string_view word, std::vector<int32_t>& out) const {
  if (word.empty()) return;
  if (ignore_merges_) {
    int32_t id = vocab_.find(word);
    if (id >= 0) {
      out.push_back(id);
      return;
    }
  }
  if (word.size() >= kMaxCachedWordBytes) {
    encode_uncached(word, out);
    return;
  }
  WordCache& cache = WordCache::for_owner(cache_owner_);
  if (cache.lookup(word, out)) return;
  size_t before = out.size();
  encode_uncached(word, out);
  cache.store(word, out.data() + before, out.size() - before);
}

}  // namespace owb
