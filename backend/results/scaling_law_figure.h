#pragma once
// The scaling-law curve (seed 003's scaling_law_curve.png): model size (total parameters, log
// axis) against mean damage with 95 % CI error bars and the fitted power law, one panel for
// structural damage (rank reduction) and one for the perplexity increase.
#include "line_plot.h"
#include "scaling_law_report.h"

namespace owb {

// The metrics the curve shows, one panel each, in this order.
inline constexpr std::array<DamageMetric, 2> kCurveMetrics = {DamageMetric::RankReduction, DamageMetric::PerplexityIncrease};

plot::Figure scaling_law_figure(const ScalingLawReport& report);

// "fit: y = 1.23e+03 * x^{-0.456}, R^{2} = 0.987" (bitmap-font superscripts), or why there is none.
std::string fit_legend(const PowerLawFit& fit);

}  // namespace owb
