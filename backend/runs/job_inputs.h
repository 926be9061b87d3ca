#pragma once
// What the outlier and perplexity passes share: the validated config, the tokenizer, the token
// sequences and the engine options.
#include "job_config.h"
#include "model.h"
#include "run_context.h"
#include "tokenizer.h"

#include <nlohmann/json.hpp>

#include <vector>

namespace owb {

struct JobInputs {
  const JobConfig& config;
  std::string model_dir;  // the local folder model.name resolved to (a hub id's cached snapshot)
  Tokenizer tokenizer;
  std::vector<std::vector<int32_t>> sequences;
  std::string dataset_description;
  EngineOptions engine;
  nlohmann::json model_info;
};

// [B, T] int64 batches of `batch_size` consecutive sequences (the last may be smaller).
std::vector<at::Tensor> batch_sequences(const std::vector<std::vector<int32_t>>& sequences, int64_t batch_size);

void run_outlier_pass(const JobInputs& in, RunContext& ctx);
void run_perplexity_pass(const JobInputs& in, RunContext& ctx);

}  // namespace owb
