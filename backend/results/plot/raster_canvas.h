#pragma once
// An RGB raster and a Painter on it: strokes, discs and rectangles with area coverage
// (anti-aliased, or thresholded at half coverage when anti-aliasing is off), bitmap-font text.
#include "plot_painter.h"

#include <cstdint>
#include <vector>

namespace owb::plot {

struct RasterImage {
  int width = 0, height = 0;
  std::vector<uint8_t> rgb;  // row-major, 3 bytes a pixel

  RasterImage(int w, int h, Rgb fill = {255, 255, 255});
  Rgb at(int x, int y) const;
  // Mixes `color` into the pixel with weight alpha in [0, 1]; outside the image does nothing.
  void blend(int x, int y, Rgb color, double alpha);
};

class RasterPainter : public Painter {
 public:
  RasterPainter(RasterImage& image, bool antialias) : image_(image), antialias_(antialias) {}
  void fill_rect(const Rect& r, Rgb color) override;
  void stroke(const std::vector<Point>& path, double width_px, Rgb color, bool dashed) override;
  void marker(Point centre, double radius_px, Marker shape, Rgb color) override;
  void text(Point anchor, const std::string& text, const TextStyle& style) override;

 private:
  void cover(int x, int y, Rgb color, double coverage);
  RasterImage& image_;
  bool antialias_;
};

}  // namespace owb::plot
