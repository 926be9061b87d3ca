// The family table: model_type (as in config.json) -> family. One row per family.
#include "families.h"

#include "errors.h"

#include <functional>
#include <map>

namespace owb {
namespace {

// Most families need nothing from the config to be built; gpt_oss reads how its experts are stored.
using Factory = std::function<std::unique_ptr<Family>(const ModelConfig&)>;

const std::map<std::string, Factory>& family_table() {
  static const std::map<std::string, Factory> table = {
      {"llama", [](const ModelConfig&) { return make_llama_family("llama"); }},
      {"mistral", [](const ModelConfig&) { return make_llama_family("mistral"); }},
      {"qwen2", [](const ModelConfig&) { return make_qwen2_family(); }},
      {"qwen3", [](const ModelConfig&) { return make_qwen3_family(); }},
      {"olmo", [](const ModelConfig&) { return make_olmo_family(); }},
      {"olmo2", [](const ModelConfig&) { return make_olmo2_family(); }},
      {"gpt_neox", [](const ModelConfig&) { return make_gpt_neox_family(); }},
      {"olmoe", [](const ModelConfig&) { return make_olmoe_family(); }},
      {"mixtral", [](const ModelConfig&) { return make_mixtral_family(); }},
      {"qwen2_moe", [](const ModelConfig&) { return make_qwen2_moe_family(); }},
      {"qwen3_moe", [](const ModelConfig&) { return make_qwen3_moe_family(); }},
      {"glm4_moe", [](const ModelConfig&) { return make_glm4_moe_family(); }},
      {"gpt_oss", [](const ModelConfig& c) { return make_gpt_oss_family(c); }},
      {"qwen3_next", [](const ModelConfig&) { return make_qwen3_next_family(); }},
  };
  return table;
}

}  // namespace

std::vector<std::string> supported_model_types() {
  std::vector<std::string> out;
  for (const auto& [name, f] : family_table()) out.push_back(name);
  return out;
}

std::unique_ptr<Family> make_family(const ModelConfig& cfg) {
  auto it = family_table().find(cfg.model_type);
  if (it != family_table().end()) return it->second(cfg);
  std::string list;
  for (const auto& n : supported_model_types()) list += (list.empty() ? "" : ", ") + n;
  throw InputError("config.json: unsupported model_type \"" + cfg.model_type + "\" (supported: " + list + ")");
}

}  // namespace owb
