#include "raster_canvas.h"

#include "bitmap_font.h"

#include <algorithm>
#include <cmath>

namespace owb::plot {

RasterImage::RasterImage(int w, int h, Rgb fill) : width(w), height(h), rgb(static_cast<size_t>(w) * h * 3) {
  for (size_t i = 0; i < rgb.size(); i += 3) {
    rgb[i] = fill.r;
    rgb[i + 1] = fill.g;
    rgb[i + 2] = fill.b;
  }
}

Rgb RasterImage::at(int x, int y) const {
  const size_t i = (static_cast<size_t>(y) * width + x) * 3;
  return {rgb[i], rgb[i + 1], rgb[i + 2]};
}

void RasterImage::blend(int x, int y, Rgb color, double alpha) {
  if (x < 0 || y < 0 || x >= width || y >= height || alpha <= 0.0) return;
  alpha = std::min(alpha, 1.0);
  const size_t i = (static_cast<size_t>(y) * width + x) * 3;
  auto mix = [alpha](uint8_t under, uint8_t over) {
    return static_cast<uint8_t>(std::lround(under + (over - under) * alpha));
  };
  rgb[i] = mix(rgb[i], color.r);
  rgb[i + 1] = mix(rgb[i + 1], color.g);
  rgb[i + 2] = mix(rgb[i + 2], color.b);
}

void RasterPainter::cover(int x, int y, Rgb color, double coverage) {
  if (!antialias_) coverage = coverage >= 0.5 ? 1.0 : 0.0;
  image_.blend(x, y, color, coverage);
}

namespace {

// Length of [a, b) inside pixel [i, i + 1).
double overlap(double a, double b, int i) { return std::max(0.0, std::min(b, i + 1.0) - std::max(a, static_cast<double>(i))); }

double distance_to_segment(double px, double py, Point a, Point b) {
  const double dx = b.x - a.x, dy = b.y - a.y;
  const double length2 = dx * dx + dy * dy;
  double t = length2 > 0.0 ? ((px - a.x) * dx + (py - a.y) * dy) / length2 : 0.0;
  t = std::clamp(t, 0.0, 1.0);
  return std::hypot(px - (a.x + t * dx), py - (a.y + t * dy));
}

}  // namespace

void RasterPainter::fill_rect(const Rect& r, Rgb color) {
  const int x0 = std::max(0, static_cast<int>(std::floor(r.left)));
  const int x1 = std::min(image_.width, static_cast<int>(std::ceil(r.right)));
  const int y0 = std::max(0, static_cast<int>(std::floor(r.top)));
  const int y1 = std::min(image_.height, static_cast<int>(std::ceil(r.bottom)));
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) cover(x, y, color, overlap(r.left, r.right, x) * overlap(r.top, r.bottom, y));
}

void RasterPainter::stroke(const std::vector<Point>& path, double width_px, Rgb color, bool dashed) {
  if (path.size() < 2) return;
  if (dashed) {
    for (const auto& dash : dash_path(path)) stroke(dash, width_px, color, false);
    return;
  }
  // One coverage mask for the whole path, so joints are not painted twice.
  const double reach = width_px / 2.0 + 1.0;
  double left = path[0].x, right = path[0].x, top = path[0].y, bottom = path[0].y;
  for (const auto& p : path) {
    left = std::min(left, p.x), right = std::max(right, p.x);
    top = std::min(top, p.y), bottom = std::max(bottom, p.y);
  }
  const int x0 = std::max(0, static_cast<int>(std::floor(left - reach)));
  const int x1 = std::min(image_.width, static_cast<int>(std::ceil(right + reach)));
  const int y0 = std::max(0, static_cast<int>(std::floor(top - reach)));
  const int y1 = std::min(image_.height, static_cast<int>(std::ceil(bottom + reach)));
  if (x0 >= x1 || y0 >= y1) return;
  const int w = x1 - x0;
  std::vector<float> mask(static_cast<size_t>(w) * (y1 - y0), 0.0f);
  for (size_t s = 1; s < path.size(); ++s) {
    const Point a = path[s - 1], b = path[s];
    const int sx0 = std::max(x0, static_cast<int>(std::floor(std::min(a.x, b.x) - reach)));
    const int sx1 = std::min(x1, static_cast<int>(std::ceil(std::max(a.x, b.x) + reach)));
    const int sy0 = std::max(y0, static_cast<int>(std::floor(std::min(a.y, b.y) - reach)));
    const int sy1 = std::min(y1, static_cast<int>(std::ceil(std::max(a.y, b.y) + reach)));
    for (int y = sy0; y < sy1; ++y)
      for (int x = sx0; x < sx1; ++x) {
        const double d = distance_to_segment(x + 0.5, y + 0.5, a, b);
        const double coverage = std::clamp(width_px / 2.0 + 0.5 - d, 0.0, 1.0);
        float& m = mask[static_cast<size_t>(y - y0) * w + (x - x0)];
        m = std::max(m, static_cast<float>(coverage));
      }
  }
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x) cover(x, y, color, mask[static_cast<size_t>(y - y0) * w + (x - x0)]);
}

void RasterPainter::marker(Point c, double radius_px, Marker shape, Rgb color) {
  if (shape == Marker::None) return;
  if (shape == Marker::Square) {
    fill_rect({c.x - radius_px, c.y - radius_px, c.x + radius_px, c.y + radius_px}, color);
    return;
  }
  const int x0 = static_cast<int>(std::floor(c.x - radius_px - 1)), x1 = static_cast<int>(std::ceil(c.x + radius_px + 1));
  const int y0 = static_cast<int>(std::floor(c.y - radius_px - 1)), y1 = static_cast<int>(std::ceil(c.y + radius_px + 1));
  for (int y = y0; y < y1; ++y)
    for (int x = x0; x < x1; ++x)
      cover(x, y, color, std::clamp(radius_px + 0.5 - std::hypot(x + 0.5 - c.x, y + 0.5 - c.y), 0.0, 1.0));
}

void RasterPainter::text(Point anchor, const std::string& text, const TextStyle& style) {
  const TextOrigin origin = text_origin(text, style);
  // Whole pixels keep the glyphs crisp.
  const double ax = std::round(anchor.x), ay = std::round(anchor.y);
  const double u0 = std::round(origin.u), baseline = std::round(origin.v_baseline);
  // Text-local (u along the text, v down from the anchor) to image coordinates.
  auto block = [&](double u, double v, double size) {
    if (style.vertical)
      fill_rect({ax + v, ay - u - size, ax + v + size, ay - u}, style.color);
    else
      fill_rect({ax + u, ay + v, ax + u + size, ay + v + size}, style.color);
  };
  double pen = u0;
  for (const auto& run : split_superscripts(text)) {
    const int scale = run.superscript ? superscript_scale(style.scale) : style.scale;
    const double run_baseline = baseline - (run.superscript ? superscript_raise_px(style.scale) : 0);
    for (char c : run.text) {
      const uint8_t* rows = glyph_rows(c);
      for (int row = 0; row < kGlyphRows; ++row)
        for (int col = 0; col < kGlyphColumns; ++col)
          if (rows[row] & (1u << (kGlyphColumns - 1 - col)))
            block(pen + col * scale, run_baseline + (row - kCapRows) * scale, scale);
      pen += kAdvanceColumns * scale;
    }
  }
}

}  // namespace owb::plot
