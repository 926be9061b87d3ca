#include "color_gradients.h"

#include <QCoreApplication>

namespace owb::widgets {
namespace {

QCPColorGradient fromStops(const char* const (&hex)[11]) {
  QCPColorGradient gradient;
  gradient.clearColorStops();
  for (int i = 0; i < 11; ++i) gradient.setColorStopAt(i / 10.0, QColor(hex[i]));
  gradient.setColorInterpolation(QCPColorGradient::ciRGB);
  return gradient;
}

// matplotlib viridis / magma at 0, 0.1, ..., 1.
const char* const kViridis[11] = {"#440154", "#482475", "#414487", "#355f8d", "#2a788e", "#21918c",
                                  "#22a884", "#44bf70", "#7ad151", "#bddf26", "#fde725"};
const char* const kMagma[11] = {"#000004", "#140e36", "#3b0f70", "#641a80", "#8c2981", "#b73779",
                                "#de4968", "#f7705c", "#fe9f6d", "#fecf92", "#fcfdbf"};

}  // namespace

QStringList gradientIds() { return {"viridis", "magma", "thermal", "grayscale", "jet"}; }

QString gradientDisplayName(const QString& id) {
  const auto tr = [](const char* s) { return QCoreApplication::translate("owb::widgets::Gradients", s); };
  if (id == "viridis") return tr("Viridis (perceptual)");
  if (id == "magma") return tr("Magma (perceptual)");
  if (id == "thermal") return tr("Thermal");
  if (id == "grayscale") return tr("Grayscale");
  if (id == "jet") return tr("Jet (not perceptual)");
  return id;
}

QCPColorGradient gradientById(const QString& id) {
  QCPColorGradient gradient;
  if (id == "magma") gradient = fromStops(kMagma);
  else if (id == "thermal") gradient = QCPColorGradient(QCPColorGradient::gpThermal);
  else if (id == "grayscale") gradient = QCPColorGradient(QCPColorGradient::gpGrayscale);
  else if (id == "jet") gradient = QCPColorGradient(QCPColorGradient::gpJet);
  else gradient = fromStops(kViridis);
  gradient.setNanHandling(QCPColorGradient::nhNanColor);
  gradient.setNanColor(QColor(200, 200, 200));
  gradient.setLevelCount(256);
  return gradient;
}

}  // namespace owb::widgets
