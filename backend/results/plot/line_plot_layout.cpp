// Data ranges, ticks and the pixel rectangles of each panel (line_plot.h).
#include "bitmap_font.h"
#include "line_plot.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>

namespace owb::plot {

namespace {

constexpr double kOuterPx = 12.0;
constexpr double kTickPx = 6.0;
constexpr double kGapPx = 8.0;
constexpr double kLegendRowPx = 26.0;

double to_axis(double v, bool log) { return log ? std::log10(v) : v; }

bool placeable(double v, bool log) { return std::isfinite(v) && (!log || v > 0.0); }

struct Range {
  double lo = std::numeric_limits<double>::infinity();
  double hi = -std::numeric_limits<double>::infinity();
  void add(double v) {
    lo = std::min(lo, v);
    hi = std::max(hi, v);
  }
  bool empty() const { return lo > hi; }
};

// The range in axis units (logs on a log axis), padded so nothing sits on the frame.
Range axis_range(const Panel& panel, bool for_x, bool log) {
  Range r;
  for (const auto& s : panel.series) {
    const auto& values = for_x ? s.x : s.y;
    for (double v : values)
      if (placeable(v, log)) r.add(to_axis(v, log));
    if (for_x) continue;
    for (const auto* bars : {&s.y_low, &s.y_high})
      for (double v : *bars)
        if (placeable(v, log)) r.add(to_axis(v, log));
  }
  if (r.empty()) r = {0.0, 1.0};
  if (r.hi - r.lo <= 0.0) {
    const double half = log ? 0.5 : std::max(std::fabs(r.lo) * 0.1, 0.5);
    r = {r.lo - half, r.hi + half};
  }
  const double pad = (r.hi - r.lo) * 0.06;
  return {r.lo - pad, r.hi + pad};
}

double nice_step(double span, int target_ticks) {
  const double raw = span / target_ticks;
  const double decade = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
    if (raw <= m * decade) return m * decade;
  return 10.0 * decade;
}

std::string trim_number(const char* format, double v) {
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, format, v);
  return buffer;
}

std::string si_label(double v) {
  static const struct {
    double scale;
    const char* suffix;
  } kUnits[] = {{1e12, "T"}, {1e9, "B"}, {1e6, "M"}, {1e3, "K"}};
  for (const auto& unit : kUnits)
    if (std::fabs(v) >= unit.scale) return trim_number("%.3g", v / unit.scale) + unit.suffix;
  return trim_number("%.3g", v);
}

// As many decimals as the step needs: 0.25 -> "0.25", 2.5 -> "2.5", 20 -> "20".
std::string linear_label(double v, double step) {
  if (std::fabs(v) < step * 1e-9) v = 0.0;
  if (std::max(std::fabs(v), step) >= 1e6 || step < 1e-4) return trim_number("%.3g", v);
  const double exponent = std::floor(std::log10(step));
  const bool quarter = std::fabs(step / std::pow(10.0, exponent) - 2.5) < 1e-9;
  const int decimals = std::max(0, static_cast<int>(-exponent) + (quarter ? 1 : 0));
  char format[16];
  std::snprintf(format, sizeof format, "%%.%df", decimals);
  return trim_number(format, v);
}

std::string tick_label(double v, const Axis& axis, double step) {
  if (axis.format == TickFormat::SiSuffix) return si_label(v);
  if (axis.format == TickFormat::PowerOfTen && axis.log10) {
    const double e = std::log10(v);
    if (std::fabs(e - std::round(e)) < 1e-9) return "10^{" + trim_number("%.0f", std::round(e)) + "}";
    return trim_number("%.3g", v);
  }
  if (axis.log10) return trim_number("%.3g", v);
  return linear_label(v, step);
}

std::vector<Tick> make_ticks(double lo, double hi, const Axis& axis) {
  std::vector<Tick> ticks;
  if (axis.log10) {
    // Decades; 2 and 5 in between when fewer than two decades show.
    for (const std::vector<double>& mantissas : {std::vector<double>{1.0}, std::vector<double>{1.0, 2.0, 5.0}}) {
      ticks.clear();
      for (double e = std::floor(lo); e <= std::ceil(hi); ++e)
        for (double m : mantissas) {
          const double v = m * std::pow(10.0, e);
          if (std::log10(v) >= lo - 1e-12 && std::log10(v) <= hi + 1e-12) ticks.push_back({v, tick_label(v, axis, 0.0)});
        }
      if (ticks.size() >= 3) return ticks;
    }
    if (ticks.size() >= 2) return ticks;
    // Less than half a decade: linear steps in data units.
    const double a = std::pow(10.0, lo), b = std::pow(10.0, hi);
    const double step = nice_step(b - a, 4);
    ticks.clear();
    for (double v = std::ceil(a / step) * step; v <= b + step * 1e-9; v += step) ticks.push_back({v, tick_label(v, axis, step)});
    return ticks;
  }
  const double step = nice_step(hi - lo, 6);
  for (double k = std::ceil(lo / step); k * step <= hi + step * 1e-9; ++k) ticks.push_back({k * step, tick_label(k * step, axis, step)});
  return ticks;
}

int legend_rows(const Panel& panel) {
  int rows = 0;
  for (const auto& s : panel.series) rows += s.label.empty() ? 0 : 1;
  return rows;
}

}  // namespace

double PanelLayout::to_px_x(double x) const {
  const double lo = to_axis(x_min, x_log), hi = to_axis(x_max, x_log);
  return area.left + (to_axis(x, x_log) - lo) / (hi - lo) * area.width();
}

double PanelLayout::to_px_y(double y) const {
  const double lo = to_axis(y_min, y_log), hi = to_axis(y_max, y_log);
  return area.bottom - (to_axis(y, y_log) - lo) / (hi - lo) * area.height();
}

bool PanelLayout::x_placeable(double x) const { return placeable(x, x_log); }
bool PanelLayout::y_placeable(double y) const { return placeable(y, y_log); }

std::vector<PanelLayout> layout_figure(const Figure& figure) {
  std::vector<PanelLayout> layouts;
  if (figure.panels.empty()) return layouts;
  const double title_band = figure.title.empty() ? 0.0 : text_cap_px(kTitleScale) + 2 * kGapPx;
  const double panel_width = (figure.width_px - 2 * kOuterPx) / static_cast<double>(figure.panels.size());
  const double label_cap = text_cap_px(kLabelScale);
  for (size_t i = 0; i < figure.panels.size(); ++i) {
    const Panel& p = figure.panels[i];
    PanelLayout L;
    L.panel = {kOuterPx + i * panel_width, kOuterPx + title_band, kOuterPx + (i + 1) * panel_width, figure.height_px - kOuterPx};
    L.x_log = p.x.log10;
    L.y_log = p.y.log10;
    const Range xr = axis_range(p, true, L.x_log), yr = axis_range(p, false, L.y_log);
    L.x_min = L.x_log ? std::pow(10.0, xr.lo) : xr.lo;
    L.x_max = L.x_log ? std::pow(10.0, xr.hi) : xr.hi;
    L.y_min = L.y_log ? std::pow(10.0, yr.lo) : yr.lo;
    L.y_max = L.y_log ? std::pow(10.0, yr.hi) : yr.hi;
    L.x_ticks = make_ticks(xr.lo, xr.hi, p.x);
    L.y_ticks = make_ticks(yr.lo, yr.hi, p.y);

    int widest_y_label = 0;
    for (const auto& t : L.y_ticks) widest_y_label = std::max(widest_y_label, text_width_px(t.label, kLabelScale));
    const double left = (p.y.label.empty() ? 0.0 : label_cap + 2 * kGapPx) + widest_y_label + kTickPx + kGapPx;
    const double top = p.title.empty() ? kGapPx * 2 : label_cap + 3 * kGapPx;
    const double bottom = kTickPx + kGapPx + label_cap * 9.0 / 7.0 + (p.x.label.empty() ? 0.0 : label_cap + 2 * kGapPx) +
                          legend_rows(p) * kLegendRowPx + (legend_rows(p) ? kGapPx : 0.0);
    const double right = std::max(2 * kGapPx, text_width_px(L.x_ticks.empty() ? "" : L.x_ticks.back().label, kLabelScale) / 2.0 + kGapPx);
    L.area = {L.panel.left + left, L.panel.top + top, L.panel.right - right, L.panel.bottom - bottom};
    // Whole pixels: crisp frames and predictable data positions.
    L.area = {std::round(L.area.left), std::round(L.area.top), std::round(L.area.right), std::round(L.area.bottom)};
    layouts.push_back(L);
  }
  return layouts;
}

}  // namespace owb::plot
