#include "analysis_fixtures.h"

#include "sequence_builder.h"
#include "text_source.h"
#include "tokenizer.h"

#include <QtTest>

#include <fstream>

namespace owb::test {

std::string fixture_tokenizer_dir() { return std::string(OWB_SOURCE_DIR) + "/tests/tokenizer/fixtures/model_dir"; }
std::string corpus_path() { return std::string(OWB_TEST_DATA_DIR) + "/tokenizer_corpus/corpus.jsonl"; }

QStringList strings(const std::vector<std::string>& items) {
  QStringList out;
  for (const auto& s : items) out << QString::fromStdString(s);
  return out;
}

void write_planted_model(const std::string& dir, int64_t layers, const std::vector<std::string>& outlier_plants) {
  std::vector<std::string> args = {"make-test-model", "--arch", "llama", "--out", dir, "--layers", std::to_string(layers),
                                   "--tokenizer", fixture_tokenizer_dir()};
  for (const auto& p : outlier_plants) args.insert(args.end(), {"--plant-outlier", p});
  OwbRun r = run_owb(strings(args));
  if (r.exit_code != 0) throw std::runtime_error("make-test-model failed: " + r.err.toStdString());
}

std::vector<std::vector<int32_t>> corpus_sequences(int64_t n, int64_t T) {
  Tokenizer tok = Tokenizer::from_file(fixture_tokenizer_dir());
  auto source = open_text_source({corpus_path(), "train", "text"});
  SequenceSpec spec;
  spec.num_sequences = n;
  spec.sequence_length = T;
  return build_sequences(*source, tok, spec).sequences;
}

std::string run_owb_job(const QStringList& args) {
  OwbRun r = run_owb(args);
  if (r.exit_code != 0)
    throw std::runtime_error("owb " + args.join(' ').toStdString() + " failed (" + std::to_string(r.exit_code) +
                             "): " + r.err.toStdString());
  QStringList lines = r.out.trimmed().split('\n');
  return lines.last().trimmed().toStdString();
}

nlohmann::json read_json(const std::string& path) { return nlohmann::json::parse(read_file(path)); }

bool token_carries_plant(int64_t id, double share) {
  uint32_t h = static_cast<uint32_t>(static_cast<uint64_t>(id) * 2654435761u);
  return h < share * 4294967296.0;
}

}  // namespace owb::test
