#include "split_behavior.h"

#include <algorithm>

namespace owb {

SplitBehavior parse_split_behavior(const JsonField& field) {
  std::string v = field.string();
  if (v == "Removed") return SplitBehavior::Removed;
  if (v == "Isolated") return SplitBehavior::Isolated;
  if (v == "MergedWithPrevious") return SplitBehavior::MergedWithPrevious;
  if (v == "MergedWithNext") return SplitBehavior::MergedWithNext;
  if (v == "Contiguous") return SplitBehavior::Contiguous;
  field.fail("unknown split behavior \"" + v +
             "\" (expected Removed, Isolated, MergedWithPrevious, MergedWithNext or Contiguous)");
}

std::vector<Range> apply_split_behavior(const std::vector<Regex::Piece>& pieces, SplitBehavior behavior) {
  std::vector<Range> out;
  out.reserve(pieces.size());
  bool previous_match = false;
  switch (behavior) {
    case SplitBehavior::Isolated:
      for (const auto& p : pieces) out.push_back({p.begin, p.end});
      break;
    case SplitBehavior::Removed:
      for (const auto& p : pieces)
        if (!p.is_match) out.push_back({p.begin, p.end});
      break;
    case SplitBehavior::Contiguous:
      for (const auto& p : pieces) {
        if (p.is_match == previous_match && !out.empty())
          out.back().end = p.end;
        else
          out.push_back({p.begin, p.end});
        previous_match = p.is_match;
      }
      break;
    case SplitBehavior::MergedWithPrevious:
      for (const auto& p : pieces) {
        if (p.is_match && !previous_match && !out.empty())
          out.back().end = p.end;
        else
          out.push_back({p.begin, p.end});
        previous_match = p.is_match;
      }
      break;
    case SplitBehavior::MergedWithNext:
      for (auto it = pieces.rbegin(); it != pieces.rend(); ++it) {
        if (it->is_match && !previous_match && !out.empty())
          out.back().begin = it->begin;
        else
          out.push_back({it->begin, it->end});
        previous_match = it->is_match;
      }
      std::reverse(out.begin(), out.end());
      break;
  }
  return out;
}

}  // namespace owb
