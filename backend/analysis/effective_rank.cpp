#include "effective_rank.h"

#include "errors.h"

#include <cmath>
#include <string>

namespace owb {

double effective_rank(const at::Tensor& matrix) {
  if (matrix.dim() != 2) throw InputError("effective rank: expected a 2-D matrix, got " + std::to_string(matrix.dim()) + "-D");
  at::Tensor m = matrix.detach().to(at::kCPU, at::kDouble);
  if (!at::isfinite(m).all().item<bool>()) throw InputError("effective rank: the matrix has non-finite values");
  at::Tensor s = at::linalg_svdvals(m);
  double total = s.sum().item<double>();
  if (!(total > 0)) throw InputError("effective rank: the matrix is all zeros");
  at::Tensor p = s / total;
  at::Tensor positive = p.masked_select(p > 0);
  double entropy = -(positive * positive.log()).sum().item<double>();
  return std::exp(entropy);
}

double hidden_state_effective_rank(const at::Tensor& rows_by_dims, bool centre) {
  at::Tensor m = rows_by_dims.detach().to(at::kCPU, at::kDouble);
  if (centre) m = m - m.mean(0, /*keepdim=*/true);
  return effective_rank(m);
}

}  // namespace owb
