#pragma once
// What removing super weights does to language modelling (Yu et al. 2024, sections 3.2-3.3):
// the NLL of held-out windows with the weights intact, with each super weight zeroed alone,
// with all zeroed together, and with all zeroed but their super activations written back
// ("restore the super activation": if quality returns, the weight acts through that activation).
#include "perplexity.h"
#include "super_weight_detection.h"

#include <vector>

namespace owb {

struct SuperWeightImpact {
  NllTotals baseline;
  std::vector<NllTotals> zeroed_alone;  // one per super weight, in detection order
  NllTotals zeroed_all;
  NllTotals zeroed_all_activation_restored;
};

// Every weight edit is restored before returning.
SuperWeightImpact measure_super_weight_impact(Model& model, const std::vector<SuperWeight>& super_weights,
                                              const std::vector<ScoredWindow>& windows, int64_t batch_size);

}  // namespace owb
