#include "line_plot_image.h"

#include "bitmap_font.h"
#include "png_encoder.h"
#include "svg_painter.h"

#include <cmath>

namespace owb::plot {

namespace {

const Rgb kWhite{255, 255, 255};
const Rgb kBlack{0, 0, 0};
const Rgb kGrid{225, 225, 225};
const Rgb kText{30, 30, 30};
constexpr double kTickPx = 6.0;
constexpr double kGapPx = 8.0;
constexpr double kCapPx = 5.0;  // half width of an error bar's caps
constexpr double kLegendRowPx = 26.0;
constexpr double kLegendSamplePx = 36.0;

// Centre of the pixel row/column holding a coordinate: 1 px lines drawn there are crisp.
double crisp(double v) { return std::floor(v) + 0.5; }

void paint_axes(const Panel& p, const PanelLayout& L, Painter& painter) {
  painter.fill_rect(L.area, kWhite);
  const TextStyle tick_x{kLabelScale, kText, HAlign::Center, VAlign::Top};
  const TextStyle tick_y{kLabelScale, kText, HAlign::Right, VAlign::Middle};
  for (const auto& t : L.x_ticks) {
    const double x = crisp(L.to_px_x(t.value));
    painter.stroke({{x, L.area.top}, {x, L.area.bottom}}, 1.0, kGrid);
    painter.stroke({{x, L.area.bottom}, {x, L.area.bottom + kTickPx}}, 1.0, kBlack);
    painter.text({x, L.area.bottom + kTickPx + kGapPx}, t.label, tick_x);
  }
  for (const auto& t : L.y_ticks) {
    const double y = crisp(L.to_px_y(t.value));
    painter.stroke({{L.area.left, y}, {L.area.right, y}}, 1.0, kGrid);
    painter.stroke({{L.area.left - kTickPx, y}, {L.area.left, y}}, 1.0, kBlack);
    painter.text({L.area.left - kTickPx - kGapPx, y}, t.label, tick_y);
  }
  const double l = L.area.left + 0.5, r = L.area.right - 0.5, t = L.area.top + 0.5, b = L.area.bottom - 0.5;
  painter.stroke({{l, t}, {r, t}, {r, b}, {l, b}, {l, t}}, 1.0, kBlack);

  const double cap = text_cap_px(kLabelScale);
  if (!p.title.empty())
    painter.text({(L.area.left + L.area.right) / 2, L.area.top - kGapPx * 1.5}, p.title, {kLabelScale, kBlack, HAlign::Center, VAlign::Baseline});
  const double x_label_top = L.area.bottom + kTickPx + kGapPx + cap * 9.0 / 7.0 + kGapPx;
  if (!p.x.label.empty())
    painter.text({(L.area.left + L.area.right) / 2, x_label_top}, p.x.label, {kLabelScale, kText, HAlign::Center, VAlign::Top});
  if (!p.y.label.empty())
    painter.text({L.panel.left + kGapPx, (L.area.top + L.area.bottom) / 2}, p.y.label,
                 {kLabelScale, kText, HAlign::Center, VAlign::Top, true});
}

void paint_error_bars(const Series& s, const PanelLayout& L, Painter& painter) {
  if (s.y_low.size() != s.y.size() || s.y_high.size() != s.y.size()) return;
  for (size_t i = 0; i < s.y.size(); ++i) {
    if (!L.x_placeable(s.x[i]) || !L.y_placeable(s.y_low[i]) || !L.y_placeable(s.y_high[i])) continue;
    const double x = L.to_px_x(s.x[i]), lo = L.to_px_y(s.y_low[i]), hi = L.to_px_y(s.y_high[i]);
    painter.stroke({{x, lo}, {x, hi}}, 1.5, s.color);
    painter.stroke({{x - kCapPx, lo}, {x + kCapPx, lo}}, 1.5, s.color);
    painter.stroke({{x - kCapPx, hi}, {x + kCapPx, hi}}, 1.5, s.color);
  }
}

void paint_line(const Series& s, const PanelLayout& L, Painter& painter) {
  if (!s.line) return;
  std::vector<Point> path;
  auto flush = [&] {
    painter.stroke(path, s.line_width_px, s.color, s.dashed);
    path.clear();
  };
  for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i) {
    if (L.x_placeable(s.x[i]) && L.y_placeable(s.y[i]))
      path.push_back({L.to_px_x(s.x[i]), L.to_px_y(s.y[i])});
    else
      flush();  // a gap where a point cannot be placed
  }
  flush();
}

void paint_markers(const Series& s, const PanelLayout& L, Painter& painter) {
  for (size_t i = 0; i < s.x.size() && i < s.y.size(); ++i)
    if (L.x_placeable(s.x[i]) && L.y_placeable(s.y[i]))
      painter.marker({L.to_px_x(s.x[i]), L.to_px_y(s.y[i])}, s.marker_radius_px, s.marker, s.color);
}

// Under the axes, first series on top: never over the data.
void paint_legend(const Panel& p, const PanelLayout& L, Painter& painter) {
  double y = L.panel.bottom;
  for (auto it = p.series.rbegin(); it != p.series.rend(); ++it) {
    if (it->label.empty()) continue;
    const double mid = y - kLegendRowPx / 2;
    const double x = L.area.left;
    if (it->line) painter.stroke({{x, mid}, {x + kLegendSamplePx, mid}}, it->line_width_px, it->color, it->dashed);
    painter.marker({x + kLegendSamplePx / 2, mid}, it->marker_radius_px, it->marker, it->color);
    painter.text({x + kLegendSamplePx + kGapPx, mid}, it->label, {kLabelScale, kText, HAlign::Left, VAlign::Middle});
    y -= kLegendRowPx;
  }
}

}  // namespace

void paint_figure(const Figure& figure, Painter& painter) {
  painter.fill_rect({0, 0, static_cast<double>(figure.width_px), static_cast<double>(figure.height_px)}, kWhite);
  if (!figure.title.empty())
    painter.text({figure.width_px / 2.0, 12.0 + kGapPx}, figure.title, {kTitleScale, kBlack, HAlign::Center, VAlign::Top});
  const std::vector<PanelLayout> layouts = layout_figure(figure);
  for (size_t i = 0; i < layouts.size(); ++i) {
    const Panel& p = figure.panels[i];
    const PanelLayout& L = layouts[i];
    paint_axes(p, L, painter);
    // Bars and lines under every marker, so a data point always shows its series' colour.
    for (const auto& s : p.series) paint_error_bars(s, L, painter);
    for (const auto& s : p.series) paint_line(s, L, painter);
    for (const auto& s : p.series) paint_markers(s, L, painter);
    paint_legend(p, L, painter);
  }
}

RasterImage render_raster(const Figure& figure) {
  RasterImage image(figure.width_px, figure.height_px);
  RasterPainter painter(image, figure.antialias);
  paint_figure(figure, painter);
  return image;
}

std::string figure_png(const Figure& figure) { return encode_png(render_raster(figure)); }

std::string figure_svg(const Figure& figure) {
  SvgPainter painter(figure.width_px, figure.height_px);
  paint_figure(figure, painter);
  return painter.finish();
}

}  // namespace owb::plot
