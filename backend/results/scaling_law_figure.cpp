#include "scaling_law_figure.h"

#include <cmath>

namespace owb {

namespace {

const plot::Rgb kMeanColour{31, 119, 180};  // matplotlib's C0 and C1, as the seed's plot
const plot::Rgb kFitColour{255, 127, 14};
constexpr int kFitSamples = 64;

std::string y_label(DamageMetric metric, bool use_absolute) {
  if (metric == DamageMetric::RankReduction)
    return use_absolute ? "|effective-rank reduction|" : "effective-rank reduction";
  if (metric == DamageMetric::PerplexityIncrease) return "perplexity increase";
  return "perplexity after the attack";
}

std::string panel_title(DamageMetric metric) {
  if (metric == DamageMetric::RankReduction) return "Structural damage";
  if (metric == DamageMetric::PerplexityIncrease) return "Perplexity damage";
  return "Perplexity after the attack";
}

plot::Panel curve_panel(const ScalingLawReport& report, DamageMetric metric) {
  plot::Panel panel;
  panel.title = panel_title(metric);
  panel.x = {"total parameters", true, plot::TickFormat::SiSuffix};
  panel.y = {y_label(metric, report.options.use_absolute), false, plot::TickFormat::Auto};

  plot::Series means;
  means.label = "mean over runs, 95% CI";
  means.color = kMeanColour;
  means.line = false;
  means.marker = plot::Marker::Circle;
  means.marker_radius_px = 6.0;
  for (const auto& m : report.models) {
    const SampleSummary& s = report.stat(m, metric);
    means.x.push_back(static_cast<double>(m.total_params));
    means.y.push_back(s.mean);
    means.y_low.push_back(s.ci95_low);
    means.y_high.push_back(s.ci95_high);
  }

  const PowerLawFit& fit = report.fit(metric);
  plot::Series curve;
  curve.label = fit_legend(fit);
  curve.color = kFitColour;
  curve.line = fit.valid;
  curve.line_width_px = 2.5;
  if (fit.valid && !report.models.empty()) {
    const double lo = std::log10(static_cast<double>(report.models.front().total_params));
    const double hi = std::log10(static_cast<double>(report.models.back().total_params));
    for (int i = 0; i < kFitSamples; ++i) {
      const double x = std::pow(10.0, lo + (hi - lo) * i / (kFitSamples - 1));
      curve.x.push_back(x);
      curve.y.push_back(fit.at(x));
    }
  }
  panel.series = {means, curve};
  return panel;
}

}  // namespace

std::string fit_legend(const PowerLawFit& fit) {
  // The full reason is in the summary JSON; the legend has room for the gist.
  if (!fit.valid) return "no power-law fit: fewer than 2 models with a mean > 0";
  return "fit: y = " + format_significant(fit.a) + " * x^{" + format_significant(fit.b) + "}, R^{2} = " +
         format_significant(fit.r2);
}

plot::Figure scaling_law_figure(const ScalingLawReport& report) {
  plot::Figure figure;
  const ScalingLawOptions& o = report.options;
  figure.title = "Scaling law: model size vs damage";
  if (o.filter != OutlierFilter::None)
    figure.title += std::string(" (") + outlier_filter_name(o.filter) + " filter on " + damage_metric_name(o.filter_metric) + ")";
  for (DamageMetric metric : kCurveMetrics) figure.panels.push_back(curve_panel(report, metric));
  return figure;
}

}  // namespace owb
