#pragma once
// What the analysis suites share: a planted checkpoint with a real tokenizer, the text corpus,
// the token sequences a run will see (rebuilt in the test), and helpers to run owb and read
// the run folder it prints.
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <QStringList>

#include <string>
#include <vector>

namespace owb::test {

// The byte-level BPE fixture tokenizer (279 ids) and the 410-document corpus (JSONL, "text").
std::string fixture_tokenizer_dir();
std::string corpus_path();

// A llama checkpoint of `layers` layers (hidden 64) using the fixture tokenizer, with plants.
void write_planted_model(const std::string& dir, int64_t layers, const std::vector<std::string>& outlier_plants);

// The sequences `owb outliers --dataset corpus --num-sequences n --sequence-length T` analyses.
std::vector<std::vector<int32_t>> corpus_sequences(int64_t n, int64_t T);

// Runs owb with `args`; on success returns the run folder it printed (last stdout line).
std::string run_owb_job(const QStringList& args);
nlohmann::json read_json(const std::string& path);

// Whether make-test-model's embedding carries an outlier plant of share `share` for token `id`
// (its documented rule, re-derived here: Knuth multiplicative hash below share x 2^32).
bool token_carries_plant(int64_t id, double share);

QStringList strings(const std::vector<std::string>& items);

}  // namespace owb::test
