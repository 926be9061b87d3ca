#include "mxfp4.h"

#include "errors.h"

#include <cmath>

namespace owb {

const float kFp4Values[16] = {+0.0f, +0.5f, +1.0f, +1.5f, +2.0f, +3.0f, +4.0f, +6.0f,
                              -0.0f, -0.5f, -1.0f, -1.5f, -2.0f, -3.0f, -4.0f, -6.0f};

namespace {
at::Tensor fp4_table(const at::Device& device) {
  return at::from_blob(const_cast<float*>(kFp4Values), {16}, at::kFloat).to(device);
}
}  // namespace

at::Tensor dequantize_mxfp4(const at::Tensor& blocks, const at::Tensor& scales, at::ScalarType dtype) {
  if (blocks.scalar_type() != at::kByte || scales.scalar_type() != at::kByte || blocks.dim() < 2 || blocks.size(-1) != 16 ||
      scales.sizes() != blocks.sizes().slice(0, blocks.dim() - 1))
    throw InputError("MXFP4: blocks must be uint8 [..., G, 16] and scales uint8 [..., G]");
  const at::Tensor table = fp4_table(blocks.device());
  std::vector<int64_t> out_shape = scales.sizes().vec();
  out_shape.back() *= 32;
  at::Tensor out = at::empty(out_shape, blocks.options().dtype(dtype));
  // One slice of the leading dim at a time: the int64 codes of a whole layer would take 8x
  // the packed size.
  const int64_t n = blocks.dim() > 2 ? blocks.size(0) : 1;
  for (int64_t i = 0; i < n; ++i) {
    at::Tensor b = blocks.dim() > 2 ? blocks[i] : blocks, s = blocks.dim() > 2 ? scales[i] : scales;
    at::Tensor codes = b.to(at::kLong);
    at::Tensor lo = table.index_select(0, codes.remainder(16).flatten());
    at::Tensor hi = table.index_select(0, at::div(codes, 16, "floor").flatten());
    at::Tensor values = at::stack({lo, hi}, -1).view({s.numel(), 32});  // element 2j, 2j+1 of each block
    values = values * at::pow(2.0, s.to(at::kFloat).flatten() - 127.0).unsqueeze(1);
    at::Tensor target = blocks.dim() > 2 ? out[i] : out;
    target.copy_(values.view(target.sizes()));
  }
  return out;
}

Mxfp4Tensor quantize_mxfp4(const at::Tensor& x) {
  if (x.size(-1) % 32 != 0) throw InputError("MXFP4: the last dim must be a multiple of 32");
  std::vector<int64_t> group_shape = x.sizes().vec();
  group_shape.back() /= 32;
  at::Tensor g = x.to(at::kFloat).reshape({-1, 32});
  at::Tensor amax = g.abs().amax(-1);
  // Smallest exponent e with amax / 2^e <= 6.
  at::Tensor exponent = at::ceil(at::log2(amax.clamp_min(1e-30) / 6.0)).clamp(-127, 127);
  exponent = at::where(amax > 0, exponent, at::full_like(exponent, -127));
  at::Tensor q = g / at::pow(2.0, exponent).unsqueeze(1);
  at::Tensor codes = (q.unsqueeze(-1) - fp4_table(x.device())).abs().argmin(-1);  // ties: the lower code
  at::Tensor pairs = codes.view({-1, 16, 2});
  at::Tensor bytes = (pairs.select(-1, 0) + pairs.select(-1, 1) * 16).to(at::kByte);
  std::vector<int64_t> block_shape = group_shape;
  block_shape.push_back(16);
  return {bytes.view(block_shape), (exponent + 127).to(at::kByte).view(group_shape)};
}

}  // namespace owb
