#pragma once
// The MoE super-weight detector's results as JSON: the analysis file's "moe_detection" block
// (routing per expert, candidates, options) and one super-weight card per candidate with seed
// 004's super_weights.jsonl keys (model, tensor, layer, row, col, baselines, deltas, controls,
// cascade, bootstrap) plus the expert fields (expert, p_active, routed_tokens, co_spike_score,
// causal_score, tensor_kind "moe_expert_down"). Without causal scoring baselines/deltas are null;
// with it they hold the mean NLL intact and its change with the weight zeroed.
#include "moe_super_weight_detection.h"

#include <nlohmann/json.hpp>

#include <string>

namespace owb {

nlohmann::json expert_candidate_json(const ExpertSuperWeight& w);
// samples_source: where the routing texts came from (a dataset path, or "detection prompt").
nlohmann::json moe_detection_json(const MoeSuperWeightDetection& d, const std::string& samples_source);
nlohmann::json expert_card(const ExpertSuperWeight& w, const MoeSuperWeightDetection& d, const std::string& model);

}  // namespace owb
