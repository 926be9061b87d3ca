#pragma once
// Effective rank (Roy & Vetterli 2007, "The effective rank: a measure of effective
// dimensionality", eq. 3-4): with singular values s_i and p_i = s_i / sum_j s_j,
//   erank = exp(H(p)),  H(p) = -sum_i p_i ln p_i   (0 ln 0 = 0),
// computed in float64, without thresholding small singular values. Ranges from 1 (rank one)
// to min(rows, cols) (all singular values equal).
#include <ATen/ATen.h>

namespace owb {

// Any 2-D matrix; throws InputError for other shapes, an all-zero matrix or non-finite values.
double effective_rank(const at::Tensor& matrix);

// The hidden-state matrix of a layer: rows = token positions, columns = hidden dims. With
// `centre`, each column's mean over the rows is subtracted first (the spread of the tokens
// around their mean instead of around the origin).
double hidden_state_effective_rank(const at::Tensor& rows_by_dims, bool centre);

}  // namespace owb
