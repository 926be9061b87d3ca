#pragma once
// What `owb inspect` reports about a checkpoint, computed from its header and config alone
// (no weight is read): family, shapes, parameter counts, bytes per layer, hook points.
#include <nlohmann/json.hpp>

#include <string>

namespace owb {

class Checkpoint;

nlohmann::json summarize_checkpoint(const Checkpoint& checkpoint);

}  // namespace owb
