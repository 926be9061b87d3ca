#pragma once
// What `owb inspect` reports about a checkpoint, computed from its header and config alone
// (no weight is read): family, shapes, parameter counts, bytes per layer, hook points.
#include "model_config.h"

#include <nlohmann/json.hpp>

#include <string>

namespace owb {

class Checkpoint;

// Parameters as the config implies them (the family's tensor table): every parameter, and those
// one token uses (all but the routed experts it is not sent to: top_k of num_experts).
struct ParameterCounts {
  int64_t total = 0;
  int64_t active = 0;
};
ParameterCounts count_parameters(const ModelConfig& config);

nlohmann::json summarize_checkpoint(const Checkpoint& checkpoint);
// The same from config.json alone (`owb inspect --config-only`): no storage dtype or bytes.
nlohmann::json summarize_config(const ModelConfig& config, const std::string& path);

}  // namespace owb
