#pragma once
// A line plot described as data (panels of series with optional error bars, linear or log-10
// axes, a legend), laid out once in pixels, and painted to a raster (PNG) or to SVG by the same
// code (line_plot_image.h). Qt-free, so `owb` writes the seed's plots on a headless box.
#include <cstdint>
#include <string>
#include <vector>

namespace owb::plot {

struct Rgb {
  uint8_t r = 0, g = 0, b = 0;
  bool operator==(const Rgb& o) const { return r == o.r && g == o.g && b == o.b; }
  bool operator!=(const Rgb& o) const { return !(*this == o); }
};

enum class Marker { None, Circle, Square };

// How tick labels read: Auto ("0.5", "120", "1e+06"), PowerOfTen ("10^{6}", log axes), or
// SiSuffix ("70M", "1.4B": parameter counts).
enum class TickFormat { Auto, PowerOfTen, SiSuffix };

struct Series {
  std::string label;  // legend entry; empty: not listed
  std::vector<double> x, y;
  // Error bar ends in data units, one per point (or both empty); NaN: no bar for that point.
  std::vector<double> y_low, y_high;
  Rgb color;
  bool line = true;
  bool dashed = false;
  double line_width_px = 2.0;
  Marker marker = Marker::None;
  double marker_radius_px = 5.0;
};

struct Axis {
  std::string label;
  bool log10 = false;
  TickFormat format = TickFormat::Auto;
};

struct Panel {
  std::string title;
  Axis x, y;
  std::vector<Series> series;
};

// Text may carry superscripts as "^{...}" (e.g. "R^{2}"); characters outside ASCII 32..126 draw as '?'.
struct Figure {
  std::string title;
  std::vector<Panel> panels;  // side by side, equal widths
  int width_px = 1400;
  int height_px = 640;
  bool antialias = true;
};

struct Rect {
  double left = 0, top = 0, right = 0, bottom = 0;
  double width() const { return right - left; }
  double height() const { return bottom - top; }
};

struct Tick {
  double value = 0;
  std::string label;
};

// Where a panel's plot area lies and which data range it shows. Pixel coordinates grow right and
// down; pixel (i, j) covers [i, i + 1) x [j, j + 1).
struct PanelLayout {
  Rect panel;  // the whole panel
  Rect area;   // the plot area inside the axes
  double x_min = 0, x_max = 1, y_min = 0, y_max = 1;  // data units (not logs)
  bool x_log = false, y_log = false;
  std::vector<Tick> x_ticks, y_ticks;
  double to_px_x(double x) const;
  double to_px_y(double y) const;
  // Whether the value can be placed on the axis (positive on a log axis, finite).
  bool x_placeable(double x) const;
  bool y_placeable(double y) const;
};

std::vector<PanelLayout> layout_figure(const Figure& figure);

// Text sizes, in multiples of the font's pixel (bitmap_font.h): the same in PNG and SVG.
inline constexpr int kTitleScale = 3;
inline constexpr int kLabelScale = 2;

}  // namespace owb::plot
