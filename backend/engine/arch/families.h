#pragma once
// Constructors of every family, one per family_<name>.cpp; families.cpp maps model_type to them.
#include "decoder_family.h"

#include <memory>
#include <string>

namespace owb {

std::unique_ptr<Family> make_llama_family(const std::string& model_type);
std::unique_ptr<Family> make_qwen2_family();
std::unique_ptr<Family> make_qwen3_family();
std::unique_ptr<Family> make_olmo_family();
std::unique_ptr<Family> make_olmo2_family();
std::unique_ptr<Family> make_gpt_neox_family();
std::unique_ptr<Family> make_olmoe_family();
std::unique_ptr<Family> make_mixtral_family();
std::unique_ptr<Family> make_qwen2_moe_family();
std::unique_ptr<Family> make_qwen3_moe_family();
std::unique_ptr<Family> make_glm4_moe_family();
// MXFP4 experts when config.json's quantization_config says quant_method mxfp4, else unquantised.
std::unique_ptr<Family> make_gpt_oss_family(const ModelConfig& cfg);
std::unique_ptr<Family> make_qwen3_next_family();

}  // namespace owb
