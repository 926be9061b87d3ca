#pragma once
// What painting a plot needs (rectangles, strokes, markers, bitmap-font text), so the layout in
// line_plot_image.cpp draws a figure once for both the raster (PNG) and the SVG painter.
#include "line_plot.h"

#include <string>
#include <vector>

namespace owb::plot {

struct Point {
  double x = 0, y = 0;
};

enum class HAlign { Left, Center, Right };
enum class VAlign { Top, Middle, Baseline };  // of the capitals: their top, middle, or the baseline

struct TextStyle {
  int scale = kLabelScale;
  Rgb color;
  HAlign h = HAlign::Left;
  VAlign v = VAlign::Baseline;
  bool vertical = false;  // rotated a quarter turn, reading bottom to top
};

class Painter {
 public:
  virtual ~Painter() = default;
  virtual void fill_rect(const Rect& r, Rgb color) = 0;
  // A polyline of `width_px`, centred on the path; dashed: 10 px on, 6 px off.
  virtual void stroke(const std::vector<Point>& path, double width_px, Rgb color, bool dashed = false) = 0;
  virtual void marker(Point centre, double radius_px, Marker shape, Rgb color) = 0;
  virtual void text(Point anchor, const std::string& text, const TextStyle& style) = 0;
};

inline constexpr double kDashOnPx = 10.0;
inline constexpr double kDashOffPx = 6.0;

// The "on" pieces of a dashed path (for painters without native dashes).
std::vector<std::vector<Point>> dash_path(const std::vector<Point>& path, double on_px = kDashOnPx, double off_px = kDashOffPx);

// Where the text's box starts, in text-local units relative to the anchor: u along the text,
// v down from the anchor to the baseline (the same for both painters).
struct TextOrigin {
  double u = 0, v_baseline = 0;
};
TextOrigin text_origin(const std::string& text, const TextStyle& style);

}  // namespace owb::plot
