#pragma once
// Plot export to PNG or SVG (by the file's suffix) at a chosen pixel size and DPI.
// The plot is laid out at size / (dpi / 96) device-independent pixels and drawn scaled by
// dpi / 96, as matplotlib's figsize x dpi does: more DPI, same pixels, larger text and lines.
// Runs on the GUI thread (it paints widgets); a plot of a few hundred items takes milliseconds.
#include <QPointF>
#include <QSize>
#include <QString>

#include <functional>
#include <optional>

class QChart;
class QCustomPlot;
class QPaintDevice;

namespace owb::widgets {

struct ImageExportOptions {
  QSize size_px = QSize(1600, 1000);
  double dpi = 150.0;
  // The logical (96 DPI) size the plot is laid out at.
  QSize logicalSize() const;
};

enum class ImageFormat { Png, Svg };
std::optional<ImageFormat> imageFormatForPath(const QString& path);

// Calls `paint(device, logical)`: paint the plot at `logical` size into `device`, whose painter
// must be scaled by device size / logical (scaleFor). Writes atomically; false with `error`.
using PaintFunction = std::function<void(QPaintDevice* device, const QSize& logical)>;
bool saveImage(const QString& path, const ImageExportOptions& options, const PaintFunction& paint, QString* error);
// Painter scale from a logical size to a device size.
QPointF scaleFor(const QSize& logical, const QSize& device_px);

bool saveCustomPlotImage(QCustomPlot* plot, const QString& path, const ImageExportOptions& options, QString* error);
// `chart` must not be in a scene (a chart made for export; the caller keeps ownership).
bool saveChartImage(QChart* chart, const QString& path, const ImageExportOptions& options, QString* error);

}  // namespace owb::widgets
