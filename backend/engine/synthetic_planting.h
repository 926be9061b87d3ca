#pragma once
// Planting structure into a synthetic checkpoint's tensors (full names -> tensors), after their
// random initial values: what each plant does is described in synthetic_checkpoint.h.
#include "family.h"
#include "synthetic_checkpoint.h"

#include <ATen/ATen.h>

#include <map>
#include <string>

namespace owb {

void plant_outlier(const PlantedOutlier& p, const SyntheticModelSpec& s, const Family& family, std::map<std::string, at::Tensor>& t);
void plant_super_weight(const PlantedSuperWeight& p, const SyntheticModelSpec& s, const Family& family,
                        std::map<std::string, at::Tensor>& t);
void plant_router_bias(const PlantedRouterBias& p, const SyntheticModelSpec& s, const ModelConfig& cfg, const Family& family,
                       std::map<std::string, at::Tensor>& t);

}  // namespace owb
