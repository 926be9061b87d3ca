#include "plot_painter.h"

#include "bitmap_font.h"

#include <cmath>

namespace owb::plot {

std::vector<std::vector<Point>> dash_path(const std::vector<Point>& path, double on_px, double off_px) {
  std::vector<std::vector<Point>> dashes;
  if (path.size() < 2) return dashes;
  bool on = true;
  double left = on_px;  // length left in the current dash or gap
  std::vector<Point> current{path.front()};
  for (size_t i = 1; i < path.size(); ++i) {
    Point a = path[i - 1];
    const Point b = path[i];
    double length = std::hypot(b.x - a.x, b.y - a.y);
    while (length > left) {
      const double t = left / length;
      const Point cut{a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t};
      if (on) {
        current.push_back(cut);
        dashes.push_back(current);
      } else {
        current = {cut};
      }
      length -= left;
      a = cut;
      on = !on;
      left = on ? on_px : off_px;
    }
    left -= length;
    if (on) current.push_back(b);
  }
  if (on && current.size() >= 2) dashes.push_back(current);
  return dashes;
}

TextOrigin text_origin(const std::string& text, const TextStyle& style) {
  TextOrigin o;
  const double width = text_width_px(text, style.scale);
  if (style.h == HAlign::Center) o.u = -width / 2.0;
  if (style.h == HAlign::Right) o.u = -width;
  const double cap = text_cap_px(style.scale);
  if (style.v == VAlign::Top) o.v_baseline = cap;
  if (style.v == VAlign::Middle) o.v_baseline = cap / 2.0;
  return o;
}

}  // namespace owb::plot
