#pragma once
// MXFP4 (OCP Microscaling, FP4 E2M1 elements with a shared E8M0 scale per block of 32), the
// format gpt-oss stores its expert weights in. Layout as in transformers' integrations/mxfp4.py:
//   blocks [..., G, 16] uint8: two FP4 codes per byte, the low nibble is element 2j, the high 2j+1
//   scales [..., G]     uint8: the block's power of two, 2^(scale - 127)
//   value = kFp4Values[code] * 2^(scale - 127)   ->  [..., G * 32]
#include <ATen/ATen.h>

namespace owb {

// The 16 FP4 E2M1 values by code: sign bit 3, then exponent and mantissa.
extern const float kFp4Values[16];

at::Tensor dequantize_mxfp4(const at::Tensor& blocks, const at::Tensor& scales, at::ScalarType dtype);

// The inverse, for writing test checkpoints: x [..., C] (C a multiple of 32) -> blocks, scales,
// with each block's scale the smallest power of two that fits its largest |x| under 6 and every
// element rounded to the nearest FP4 value.
struct Mxfp4Tensor {
  at::Tensor blocks;  // [..., C/32, 16] uint8
  at::Tensor scales;  // [..., C/32] uint8
};
Mxfp4Tensor quantize_mxfp4(const at::Tensor& x);

}  // namespace owb
