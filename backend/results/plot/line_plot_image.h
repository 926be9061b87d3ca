#pragma once
// A Figure (line_plot.h) painted: to a raster, a PNG file's bytes, or an SVG document.
// Both come from one painting routine over one layout, so they show the same plot.
#include "line_plot.h"
#include "raster_canvas.h"

#include <string>

namespace owb::plot {

// Paints with any Painter (raster or SVG) at the positions layout_figure() gives.
void paint_figure(const Figure& figure, Painter& painter);

RasterImage render_raster(const Figure& figure);
std::string figure_png(const Figure& figure);
std::string figure_svg(const Figure& figure);

}  // namespace owb::plot
