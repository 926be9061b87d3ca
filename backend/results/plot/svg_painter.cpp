#include "svg_painter.h"

#include "bitmap_font.h"

#include <cstdio>

namespace owb::plot {

namespace {

std::string colour(Rgb c) {
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", c.r, c.g, c.b);
  return buffer;
}

std::string num(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  std::string s = buffer;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

// A monospace font whose advance (about 0.6 em) matches the bitmap font's 6 columns.
double font_size_px(int scale) { return kAdvanceColumns * scale / 0.6; }

}  // namespace

std::string svg_escape(const std::string& text) {
  std::string out;
  for (char c : text) {
    const int code = static_cast<unsigned char>(c);
    if (c == '&') out += "&amp;";
    else if (c == '<') out += "&lt;";
    else if (c == '>') out += "&gt;";
    else if (c == '"') out += "&quot;";
    else if (c == '\'') out += "&apos;";
    else if (code < 32 || code > 126) out += '?';
    else out += c;
  }
  return out;
}

SvgPainter::SvgPainter(int width_px, int height_px) : width_(width_px), height_(height_px) {}

void SvgPainter::fill_rect(const Rect& r, Rgb color) {
  body_ << "<rect x=\"" << num(r.left) << "\" y=\"" << num(r.top) << "\" width=\"" << num(r.width()) << "\" height=\""
        << num(r.height()) << "\" fill=\"" << colour(color) << "\"/>\n";
}

void SvgPainter::stroke(const std::vector<Point>& path, double width_px, Rgb color, bool dashed) {
  if (path.size() < 2) return;
  body_ << "<polyline fill=\"none\" stroke=\"" << colour(color) << "\" stroke-width=\"" << num(width_px) << "\"";
  if (dashed) body_ << " stroke-dasharray=\"" << num(kDashOnPx) << " " << num(kDashOffPx) << "\"";
  body_ << " points=\"";
  for (size_t i = 0; i < path.size(); ++i) body_ << (i ? " " : "") << num(path[i].x) << "," << num(path[i].y);
  body_ << "\"/>\n";
}

void SvgPainter::marker(Point c, double radius_px, Marker shape, Rgb color) {
  if (shape == Marker::Circle)
    body_ << "<circle class=\"marker\" cx=\"" << num(c.x) << "\" cy=\"" << num(c.y) << "\" r=\"" << num(radius_px)
          << "\" fill=\"" << colour(color) << "\"/>\n";
  if (shape == Marker::Square)
    body_ << "<rect class=\"marker\" x=\"" << num(c.x - radius_px) << "\" y=\"" << num(c.y - radius_px) << "\" width=\""
          << num(2 * radius_px) << "\" height=\"" << num(2 * radius_px) << "\" fill=\"" << colour(color) << "\"/>\n";
}

void SvgPainter::text(Point anchor, const std::string& text, const TextStyle& style) {
  const TextOrigin origin = text_origin(text, style);
  // One <text> per run at the pen position the bitmap font gives: superscripts land where the
  // PNG has them in every renderer (tspan dy and baseline-shift are not supported everywhere).
  double pen = origin.u;
  for (const auto& run : split_superscripts(text)) {
    const int scale = run.superscript ? superscript_scale(style.scale) : style.scale;
    const double v = origin.v_baseline - (run.superscript ? superscript_raise_px(style.scale) : 0);
    const double x = style.vertical ? anchor.x + v : anchor.x + pen;
    const double y = style.vertical ? anchor.y - pen : anchor.y + v;
    body_ << "<text x=\"" << num(x) << "\" y=\"" << num(y) << "\" font-family=\"monospace\" font-size=\""
          << num(font_size_px(scale)) << "\" fill=\"" << colour(style.color) << "\"";
    if (style.vertical) body_ << " transform=\"rotate(-90 " << num(x) << " " << num(y) << ")\"";
    body_ << ">" << svg_escape(run.text) << "</text>\n";
    pen += static_cast<double>(run.text.size()) * kAdvanceColumns * scale;
  }
}

std::string SvgPainter::finish() const {
  std::ostringstream doc;
  doc << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" << width_ << "\" height=\"" << height_ << "\" viewBox=\"0 0 "
      << width_ << " " << height_ << "\">\n"
      << body_.str() << "</svg>\n";
  return doc.str();
}

}  // namespace owb::plot
