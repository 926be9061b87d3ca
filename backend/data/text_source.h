#pragma once
// Where text comes from: a stream of documents, read lazily.
// Local sources now: a .txt file (one document), a .jsonl file (one document per line, the
// text in a chosen field), or a folder of such files (sorted by path, recursively).
// A name that is no existing path but looks like a Hugging Face dataset id is read through the
// dataset viewer, page by page, cached as JSONL (backend/hub/dataset_rows.h).
#include <memory>
#include <optional>
#include <string>

namespace owb {

class TextSource {
 public:
  virtual ~TextSource() = default;
  // The next document, or nullopt at the end. Throws InputError naming file and line.
  virtual std::optional<std::string> next_document() = 0;
  // Where the text comes from, for messages and result files.
  virtual std::string describe() const = 0;
};

struct TextSourceSpec {
  std::string name;                // a path (file or folder) or a hub dataset id ("org/name")
  std::string split = "train";     // hub datasets only
  std::string text_field = "text"; // JSONL field (or hub dataset column) holding the text
  std::string config;              // hub datasets only; empty: the only one, or "default"
};

// Opens the source `spec.name` names; throws InputError when it does not exist or is of an
// unsupported kind (the message says what is supported).
std::unique_ptr<TextSource> open_text_source(const TextSourceSpec& spec);

}  // namespace owb
