#pragma once
// Colour gradients for heatmaps. QCustomPlot 2.1 has no perceptually uniform preset, so
// viridis and magma (matplotlib, van der Walt & Smith 2015) are sampled here at 11 stops.
#include <qcustomplot.h>

#include <QStringList>

namespace owb::widgets {

// Stable identifiers (stored in QSettings); the first is the default.
QStringList gradientIds();
// A translated name for a gradient picker.
QString gradientDisplayName(const QString& id);
// An unknown id gives the default gradient.
QCPColorGradient gradientById(const QString& id);

}  // namespace owb::widgets
