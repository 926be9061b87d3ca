#pragma once
// What the vocab suites share: a planted super-weight model with the fixture tokenizer, a
// checkpoint tensor read as float64 straight from the file, a hand-edited checkpoint copy and
// logits from `owb forward` (the independent side of every comparison).
#include "analysis_fixtures.h"

#include <ATen/ATen.h>

#include <string>
#include <vector>

namespace owb::test {

// make-test-model llama, `layers` layers, fixture tokenizer (279 ids), super weights planted.
void write_super_weight_model(const std::string& dir, int64_t layers, const std::vector<std::string>& plants,
                              bool tie = false);

// A tensor of the checkpoint in `dir`, as float64 (only the stored values, no engine code).
at::Tensor checkpoint_tensor_f64(const std::string& dir, const std::string& name);

// Sets element [row, col] of an F32 tensor inside a safetensors file to `value`, in place.
void set_in_file(const std::string& file, const std::string& tensor, int64_t row, int64_t col, float value);

// `owb forward` logits of equal-length rows: [B, T, V] float64.
at::Tensor forward_logits(const std::string& model_dir, const std::vector<std::vector<int32_t>>& rows, const TempDir& tmp);

}  // namespace owb::test
