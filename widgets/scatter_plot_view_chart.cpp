#include "scatter_plot_view_chart.h"

#include <QChart>
#include <QCoreApplication>
#include <QFont>
#include <QGraphicsSimpleTextItem>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QLogValueAxis>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace owb::widgets {

using owb::models::ComparisonPlotSpec;
using owb::models::ExponentialFit;
using owb::models::PlotPoint;

namespace {
// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::widgets::ScatterChart)
};

constexpr int kFitSamples = 120;
constexpr double kPadFraction = 0.08;

struct Group {
  int moe;
  QString name;
  QColor color;
};

// [lo, hi] of the values, padded; a single value gets a range around it.
std::pair<double, double> paddedRange(double lo, double hi, bool log_axis, bool clamp_at_zero) {
  if (log_axis) {
    // Whole decades: QLogValueAxis labels only powers of ten, so a range inside one decade
    // would show a single label.
    // (A hair wider, so rounding cannot drop the end labels.)
    return {0.9999 * std::pow(10.0, std::floor(std::log10(lo / 1.1))), 1.0001 * std::pow(10.0, std::ceil(std::log10(hi * 1.1)))};
  }
  double pad = (hi - lo) * kPadFraction;
  if (pad <= 0) pad = std::max(std::abs(hi) * 0.1, 1.0);
  double low = lo - pad;
  if (clamp_at_zero && lo >= 0 && low < 0) low = 0;
  return {low, hi + pad};
}

QAbstractAxis* makeXAxis(bool log_axis, double lo, double hi, const QString& title) {
  if (log_axis) {
    auto* axis = new QLogValueAxis;
    axis->setBase(10);
    axis->setLabelFormat(QStringLiteral("%g"));
    axis->setMinorTickCount(8);
    axis->setRange(lo, hi);
    axis->setTitleText(title);
    return axis;
  }
  auto* axis = new QValueAxis;
  axis->setRange(lo, hi);
  axis->applyNiceNumbers();
  axis->setLabelFormat(QStringLiteral("%g"));
  axis->setTitleText(title);
  return axis;
}

// Model names beside the points, kept in place when the plot area moves (resize, layout).
void addPointLabels(QChart* chart, QScatterSeries* series, const QVector<PlotPoint>& points) {
  QVector<QGraphicsSimpleTextItem*> items;
  QFont font = chart->font();
  font.setPointSizeF(font.pointSizeF() * 0.85);
  for (const PlotPoint& p : points) {
    auto* item = new QGraphicsSimpleTextItem(p.label, chart);
    item->setFont(font);
    item->setBrush(QColor(60, 60, 60));
    item->setZValue(10);
    items << item;
  }
  const auto place = [chart, series, points, items] {
    for (int i = 0; i < items.size(); ++i) {
      const QPointF at = chart->mapToPosition(QPointF(points[i].x, points[i].y), series);
      items[i]->setPos(at + QPointF(7, -items[i]->boundingRect().height() - 2));
      items[i]->setVisible(chart->plotArea().contains(at));
    }
  };
  QObject::connect(chart, &QChart::plotAreaChanged, chart, place);
  place();
}

}  // namespace

QString fitLegendText(const ExponentialFit& fit) {
  if (!fit.valid) return QString();
  return Text::tr("Fit: %1, R² = %2 (least squares on ln y)").arg(fit.equation(), QLocale().toString(fit.r2, 'f', 3));
}

QChart* buildScatterChart(const ComparisonPlotSpec& spec, const QVector<PlotPoint>& points,
                          const ScatterChartOptions& options, ExponentialFit* fit_out) {
  auto* chart = new QChart;
  chart->setTitle(owb::models::plotTitle(spec));
  QFont title_font = chart->titleFont();
  title_font.setPointSizeF(title_font.pointSizeF() * 1.25);
  title_font.setBold(true);
  chart->setTitleFont(title_font);
  chart->legend()->setAlignment(Qt::AlignBottom);
  chart->setMargins(QMargins(8, 8, 8, 8));
  ExponentialFit fit = options.fit ? owb::models::fitPoints(points) : ExponentialFit();
  if (fit_out) *fit_out = fit;
  const bool log_x = owb::models::useLogX(spec, points);

  double x_lo = 1, x_hi = 10, y_lo = 0, y_hi = 1;
  if (!points.isEmpty()) {
    x_lo = x_hi = points.first().x;
    y_lo = y_hi = points.first().y;
    for (const PlotPoint& p : points) {
      x_lo = std::min(x_lo, p.x), x_hi = std::max(x_hi, p.x);
      y_lo = std::min(y_lo, p.y), y_hi = std::max(y_hi, p.y);
    }
  } else {
    chart->setTitle(Text::tr("%1 — no included run has both values").arg(owb::models::plotTitle(spec)));
  }
  auto [xa, xb] = paddedRange(x_lo, x_hi, log_x, true);
  const auto [ya, yb] = paddedRange(y_lo, y_hi, false, true);
  QAbstractAxis* x_axis = makeXAxis(log_x, xa, xb, owb::models::axisTitle(spec.x));
  auto* y_axis = new QValueAxis;
  y_axis->setRange(ya, yb);
  y_axis->applyNiceNumbers();
  y_axis->setLabelFormat(QStringLiteral("%g"));
  y_axis->setTitleText(owb::models::axisTitle(spec.y));
  chart->addAxis(x_axis, Qt::AlignBottom);
  chart->addAxis(y_axis, Qt::AlignLeft);

  const bool any_known = std::any_of(points.begin(), points.end(), [](const PlotPoint& p) { return p.moe >= 0; });
  const Group groups[] = {{1, Text::tr("MoE"), QColor(230, 85, 13)},
                          {0, Text::tr("Dense"), QColor(49, 130, 189)},
                          {-1, any_known ? Text::tr("Unknown architecture") : Text::tr("Runs"), QColor(49, 163, 84)}};
  for (const Group& g : groups) {
    QVector<PlotPoint> mine;
    for (const PlotPoint& p : points)
      if (p.moe == g.moe) mine << p;
    if (mine.isEmpty()) continue;
    auto* series = new QScatterSeries;
    series->setName(g.name);
    series->setColor(g.color);
    series->setBorderColor(g.color.darker(140));
    series->setMarkerSize(11);
    QStringList labels;
    for (const PlotPoint& p : mine) series->append(p.x, p.y), labels << p.label;
    series->setProperty(kPointLabelsProperty, labels);
    chart->addSeries(series);
    series->attachAxis(x_axis);
    series->attachAxis(y_axis);
    if (options.point_labels) addPointLabels(chart, series, mine);
  }

  if (fit.valid) {
    // Across the whole x axis as drawn (applyNiceNumbers may have widened it).
    if (auto* value_axis = qobject_cast<QValueAxis*>(x_axis)) xa = value_axis->min(), xb = value_axis->max();
    auto* line = new QLineSeries;
    line->setName(fitLegendText(fit));
    QPen pen(QColor(80, 80, 80));
    pen.setStyle(Qt::DashLine);
    pen.setWidthF(1.8);
    line->setPen(pen);
    for (int i = 0; i <= kFitSamples; ++i) {
      const double t = double(i) / kFitSamples;
      const double x = log_x ? xa * std::pow(xb / xa, t) : xa + (xb - xa) * t;
      // Far outside the axes the curve is clipped anyway; bounded values keep the painter sane.
      const double y = std::clamp(fit.at(x), ya - 10 * (yb - ya), yb + 10 * (yb - ya));
      if (std::isfinite(y)) line->append(x, y);
    }
    chart->addSeries(line);
    line->attachAxis(x_axis);
    line->attachAxis(y_axis);
  }
  return chart;
}

}  // namespace owb::widgets
