#include "scatter_plot_view.h"

#include "comparison_table_model.h"
#include "scatter_plot_view_chart.h"

#include <QChart>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QCursor>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QScatterSeries>
#include <QSplitter>
#include <QTableView>
#include <QToolTip>
#include <QVBoxLayout>

#include <memory>

namespace owb::widgets {

using owb::models::ComparisonTableModel;

ScatterPlotView::ScatterPlotView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  bar->setContentsMargins(4, 4, 4, 0);
  bar->addWidget(new QLabel(tr("Plot:"), this));
  plot_box_ = new QComboBox(this);
  for (const owb::models::ComparisonPlotSpec& spec : owb::models::comparisonPlots())
    plot_box_->addItem(owb::models::plotTitle(spec), spec.id);
  plot_box_->setSizeAdjustPolicy(QComboBox::AdjustToContents);
  bar->addWidget(plot_box_);
  fit_box_ = new QCheckBox(tr("Exponential &fit"), this);
  fit_box_->setChecked(true);
  fit_box_->setToolTip(tr("y = a·exp(b·x), least squares on ln y (points with y ≤ 0 are left out); "
                          "R² of that linear fit in log space"));
  bar->addWidget(fit_box_);
  labels_box_ = new QCheckBox(tr("Model &names"), this);
  labels_box_->setChecked(true);
  bar->addWidget(labels_box_);
  auto* all = new QPushButton(tr("Include &all"), this);
  auto* none = new QPushButton(tr("Include &none"), this);
  bar->addWidget(all);
  bar->addWidget(none);
  bar->addStretch(1);
  layout->addLayout(bar);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  chart_view_ = new QChartView(splitter);
  chart_view_->setRenderHint(QPainter::Antialiasing);
  chart_view_->setMinimumHeight(260);
  table_ = new QTableView(splitter);
  table_->setAlternatingRowColors(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->verticalHeader()->hide();
  table_->setToolTip(tr("Check a run to include it in the plot"));
  splitter->addWidget(chart_view_);
  splitter->addWidget(table_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 1);
  layout->addWidget(splitter, 1);

  auto* footer = new QHBoxLayout;
  footer->setContentsMargins(4, 0, 4, 4);
  hover_label_ = new QLabel(this);
  note_label_ = new QLabel(this);
  note_label_->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
  footer->addWidget(hover_label_, 1);
  footer->addWidget(note_label_, 2);
  layout->addLayout(footer);

  connect(plot_box_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    rebuild();
    emit plotChanged(currentPlotId());
  });
  connect(fit_box_, &QCheckBox::toggled, this, &ScatterPlotView::rebuild);
  connect(labels_box_, &QCheckBox::toggled, this, &ScatterPlotView::rebuild);
  connect(all, &QPushButton::clicked, this, [this] { if (model_) model_->setAllIncluded(true); });
  connect(none, &QPushButton::clicked, this, [this] { if (model_) model_->setAllIncluded(false); });
  rebuild();
}

void ScatterPlotView::setModel(ComparisonTableModel* model) {
  if (model_) disconnect(model_, nullptr, this, nullptr);
  model_ = model;
  table_->setModel(model);
  if (model) {
    connect(model, &QAbstractItemModel::modelReset, this, [this] {
      table_->resizeColumnsToContents();
      rebuild();
    });
    connect(model, &ComparisonTableModel::inclusionChanged, this, &ScatterPlotView::rebuild);
    table_->resizeColumnsToContents();
  }
  rebuild();
}

QString ScatterPlotView::currentPlotId() const { return plot_box_->currentData().toString(); }

bool ScatterPlotView::setCurrentPlot(const QString& id) {
  const int i = plot_box_->findData(id);
  if (i < 0) return false;
  plot_box_->setCurrentIndex(i);
  return true;
}

bool ScatterPlotView::fitShown() const { return fit_box_->isChecked(); }
void ScatterPlotView::setFitShown(bool on) { fit_box_->setChecked(on); }
QChart* ScatterPlotView::chart() const { return chart_view_->chart(); }
QString ScatterPlotView::hoverText() const { return hover_label_->text(); }

void ScatterPlotView::rebuild() {
  const owb::models::ComparisonPlotSpec* spec = owb::models::comparisonPlot(currentPlotId());
  if (!spec) return;
  const QVector<owb::models::ComparisonRow> rows = model_ ? model_->rows() : QVector<owb::models::ComparisonRow>();
  points_ = owb::models::plotPoints(rows, *spec, model_ ? model_->includedMask() : QVector<bool>());
  QChart* chart = buildScatterChart(*spec, points_, {fit_box_->isChecked(), labels_box_->isChecked()}, &fit_);
  for (QAbstractSeries* s : chart->series())
    if (auto* scatter = qobject_cast<QScatterSeries*>(s))
      connect(scatter, &QScatterSeries::hovered, this,
              [this, scatter](const QPointF& point, bool state) { onPointHovered(scatter, point, state); });
  // setChart releases the old chart without deleting it.
  std::unique_ptr<QChart> old(chart_view_->chart());
  chart_view_->setChart(chart);
  hover_label_->clear();
  int included = 0;
  for (int i = 0; i < rows.size(); ++i) included += model_->isIncluded(i) ? 1 : 0;
  QString note = tr("%1 of %2 included runs plotted").arg(points_.size()).arg(included);
  if (fit_box_->isChecked() && !fit_.valid) note += tr("; no fit (needs two points with y > 0 and different x)");
  note_label_->setText(note);
}

void ScatterPlotView::onPointHovered(QScatterSeries* series, const QPointF& point, bool state) {
  if (!state) {
    hover_label_->clear();
    QToolTip::hideText();
    return;
  }
  const QStringList labels = series->property(kPointLabelsProperty).toStringList();
  const qsizetype i = series->points().indexOf(point);
  const QString name = labels.value(i);
  const QLocale locale;
  hover_label_->setText(tr("%1: x = %2, y = %3").arg(name, locale.toString(point.x(), 'g', 4),
                                                    locale.toString(point.y(), 'g', 4)));
  QToolTip::showText(QCursor::pos(), hover_label_->text(), chart_view_);
}

bool ScatterPlotView::saveImage(const QString& path, const ImageExportOptions& options, QString* error) const {
  const owb::models::ComparisonPlotSpec* spec = owb::models::comparisonPlot(currentPlotId());
  if (!spec) return false;
  std::unique_ptr<QChart> chart(buildScatterChart(*spec, points_, {fit_box_->isChecked(), labels_box_->isChecked()}));
  return saveChartImage(chart.get(), path, options, error);
}

}  // namespace owb::widgets
