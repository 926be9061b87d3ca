#include "moe_super_weight_cards.h"

namespace owb {

using nlohmann::json;

json expert_candidate_json(const ExpertSuperWeight& w) {
  json j = {{"layer", w.layer}, {"expert", w.expert}, {"tensor", w.tensor}, {"row", w.row}, {"col", w.col},
            {"weight_value", w.weight_value}, {"p_active", w.p_active}, {"routed_tokens", w.routed_tokens},
            {"co_spike_score", w.co_spike_score}, {"max_abs_input", w.max_abs_input},
            {"max_abs_output", w.max_abs_output}, {"input_energy_rank", w.input_energy_rank},
            {"loss_delta", nullptr}, {"causal_score", nullptr}};
  if (w.loss_delta) j["loss_delta"] = *w.loss_delta, j["causal_score"] = *w.causal_score;
  return j;
}

json moe_detection_json(const MoeSuperWeightDetection& d, const std::string& samples_source) {
  json experts = json::array(), candidates = json::array();
  for (const ExpertActivity& a : d.experts)
    experts.push_back({{"layer", a.layer}, {"expert", a.expert}, {"routed_tokens", a.routed_tokens},
                       {"p_active", a.p_active}, {"analysed", a.analysed}});
  for (const ExpertSuperWeight& w : d.candidates) candidates.push_back(expert_candidate_json(w));
  const MoeDetectionOptions& o = d.options;
  json j = {{"samples", d.samples}, {"samples_source", samples_source}, {"tokens", d.tokens},
            {"p_active_floor", o.p_active_floor}, {"co_spike_threshold", o.co_spike_threshold},
            {"spike_threshold", o.spike_threshold}, {"input_channels", o.input_channels},
            {"candidates_per_expert", o.per_expert}, {"causal_scoring", o.causal_scoring},
            {"experts", experts}, {"candidates", candidates}};
  if (d.baseline) j["baseline_loss"] = d.baseline->mean();
  return j;
}

json expert_card(const ExpertSuperWeight& w, const MoeSuperWeightDetection& d, const std::string& model) {
  json card = {{"model", model}, {"tensor", w.tensor}, {"tensor_kind", "moe_expert_down"}, {"layer", w.layer},
               {"row", w.row}, {"col", w.col}, {"expert", w.expert}, {"weight_value", w.weight_value},
               {"p_active", w.p_active}, {"routed_tokens", w.routed_tokens}, {"co_spike_score", w.co_spike_score},
               {"causal_score", nullptr},
               {"detection", {{"method", "moe_co_spike"}, {"input_activation", w.max_abs_input},
                              {"output_activation", w.max_abs_output}, {"input_energy_rank", w.input_energy_rank}}},
               {"baselines", nullptr}, {"deltas", nullptr}, {"controls", nullptr}, {"cascade", nullptr},
               {"bootstrap", nullptr}};
  if (w.causal_score) {
    card["causal_score"] = *w.causal_score;
    card["baselines"] = {{"loss", d.baseline->mean()}};
    card["deltas"] = {{"loss", *w.loss_delta}};
  }
  return card;
}

}  // namespace owb
