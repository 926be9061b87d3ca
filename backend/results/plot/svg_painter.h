#pragma once
// A Painter that writes SVG elements: the same figure as the PNG, as vectors and real text
// (a monospace font sized to the bitmap font's advance, so the layout fits).
#include "plot_painter.h"

#include <sstream>
#include <string>

namespace owb::plot {

class SvgPainter : public Painter {
 public:
  SvgPainter(int width_px, int height_px);
  void fill_rect(const Rect& r, Rgb color) override;
  void stroke(const std::vector<Point>& path, double width_px, Rgb color, bool dashed) override;
  void marker(Point centre, double radius_px, Marker shape, Rgb color) override;
  void text(Point anchor, const std::string& text, const TextStyle& style) override;
  // The whole document.
  std::string finish() const;

 private:
  int width_, height_;
  std::ostringstream body_;
};

// "&", "<", ">", quotes escaped; characters outside ASCII 32..126 become '?', as in the PNG.
std::string svg_escape(const std::string& text);

}  // namespace owb::plot
