#include "export_image.h"

#include <qcustomplot.h>

#include <QChart>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

#include <cmath>

namespace owb::widgets {
namespace {
// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::widgets::ImageExport)
};
constexpr double kBaseDpi = 96.0;
constexpr double kInchesPerMeter = 39.3700787;
}  // namespace

QSize ImageExportOptions::logicalSize() const {
  const double scale = std::max(dpi, 1.0) / kBaseDpi;
  return QSize(std::max(1, int(std::lround(size_px.width() / scale))), std::max(1, int(std::lround(size_px.height() / scale))));
}

std::optional<ImageFormat> imageFormatForPath(const QString& path) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  if (suffix == QLatin1String("png")) return ImageFormat::Png;
  if (suffix == QLatin1String("svg")) return ImageFormat::Svg;
  return std::nullopt;
}

QPointF scaleFor(const QSize& logical, const QSize& device_px) {
  return QPointF(double(device_px.width()) / logical.width(), double(device_px.height()) / logical.height());
}

bool saveImage(const QString& path, const ImageExportOptions& options, const PaintFunction& paint, QString* error) {
  const auto fail = [&](const QString& why) {
    if (error) *error = Text::tr("%1: %2").arg(QDir::toNativeSeparators(path), why);
    return false;
  };
  const std::optional<ImageFormat> format = imageFormatForPath(path);
  if (!format) return fail(Text::tr("choose a .png or .svg file"));
  if (options.size_px.width() < 1 || options.size_px.height() < 1 || options.dpi <= 0)
    return fail(Text::tr("the size and DPI must be positive"));
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return fail(file.errorString());
  const QSize logical = options.logicalSize();
  if (*format == ImageFormat::Png) {
    QImage image(options.size_px, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    const int dots_per_meter = int(std::lround(options.dpi * kInchesPerMeter));
    image.setDotsPerMeterX(dots_per_meter);
    image.setDotsPerMeterY(dots_per_meter);
    paint(&image, logical);
    if (!image.save(&file, "PNG")) return fail(Text::tr("could not encode the PNG"));
  } else {
    QSvgGenerator svg;
    svg.setOutputDevice(&file);
    svg.setSize(options.size_px);
    svg.setViewBox(QRect(QPoint(0, 0), options.size_px));
    svg.setResolution(int(std::lround(options.dpi)));
    svg.setTitle(QFileInfo(path).completeBaseName());
    svg.setDescription(Text::tr("Exported by Outlier Workbench"));
    paint(&svg, logical);
  }
  if (!file.commit()) return fail(file.errorString());
  return true;
}

bool saveCustomPlotImage(QCustomPlot* plot, const QString& path, const ImageExportOptions& options, QString* error) {
  return saveImage(path, options, [plot, &options](QPaintDevice* device, const QSize& logical) {
    QCPPainter painter(device);
    // Vector output must not go through QCustomPlot's pixmap caches.
    painter.setMode(QCPPainter::pmVectorized, dynamic_cast<QSvgGenerator*>(device) != nullptr);
    painter.setMode(QCPPainter::pmNoCaching);
    const QPointF scale = scaleFor(logical, options.size_px);
    painter.scale(scale.x(), scale.y());
    // toPainter draws with the layout of the last replot: lay the plot out at the export size
    // first, and back at its own size afterwards.
    const QRect own_viewport = plot->viewport();
    plot->setViewport(QRect(QPoint(0, 0), logical));
    plot->replot(QCustomPlot::rpImmediateRefresh);
    plot->toPainter(&painter, logical.width(), logical.height());
    plot->setViewport(own_viewport);
    plot->replot(QCustomPlot::rpQueuedReplot);
  }, error);
}

bool saveChartImage(QChart* chart, const QString& path, const ImageExportOptions& options, QString* error) {
  QGraphicsScene scene;
  scene.addItem(chart);
  const bool saved = saveImage(path, options, [&scene, chart, &options](QPaintDevice* device, const QSize& logical) {
    chart->resize(logical);
    if (chart->layout()) chart->layout()->activate();  // plot area and axes now, not at the next event loop turn
    QPainter painter(device);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    const QPointF scale = scaleFor(logical, options.size_px);
    painter.scale(scale.x(), scale.y());
    const QRectF area(QPointF(0, 0), QSizeF(logical));
    scene.setSceneRect(area);
    scene.render(&painter, area, area);
  }, error);
  scene.removeItem(chart);  // the caller owns it
  return saved;
}

}  // namespace owb::widgets
