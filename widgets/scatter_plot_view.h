#pragma once
// The comparison plots (Dettmers Fig. 3b: perplexity vs outlier metrics; Fig. 3a / MoE vs
// dense: parameters vs outlier metrics) over a ComparisonTableModel. A plot selector, the chart,
// and below it the comparison table whose checkboxes choose the runs plotted. Hovering a point
// names its model. Owns no data; redraws from the model on every change (a few points: cheap).
#include "comparison_plots.h"
#include "comparison_table_model.h"
#include "export_image.h"

#include <QPointer>
#include <QWidget>

class QChart;
class QChartView;
class QCheckBox;
class QComboBox;
class QLabel;
class QScatterSeries;
class QTableView;

namespace owb::widgets {

class ScatterPlotView : public QWidget {
  Q_OBJECT
 public:
  explicit ScatterPlotView(QWidget* parent = nullptr);

  void setModel(owb::models::ComparisonTableModel* model);
  owb::models::ComparisonTableModel* model() const { return model_; }

  QString currentPlotId() const;
  // False for an unknown id.
  bool setCurrentPlot(const QString& id);
  bool fitShown() const;
  void setFitShown(bool on);

  // What is drawn now (the included rows that have both values) and its fit.
  const QVector<owb::models::PlotPoint>& shownPoints() const { return points_; }
  const owb::models::ExponentialFit& shownFit() const { return fit_; }
  QChart* chart() const;
  QChartView* chartView() const { return chart_view_; }
  QTableView* table() const { return table_; }
  QString hoverText() const;

  // The current plot, laid out afresh at the requested size (not a screen grab).
  bool saveImage(const QString& path, const ImageExportOptions& options, QString* error) const;

 signals:
  void plotChanged(const QString& id);

 private:
  void rebuild();
  void onPointHovered(QScatterSeries* series, const QPointF& point, bool state);

  QPointer<owb::models::ComparisonTableModel> model_;
  QVector<owb::models::PlotPoint> points_;
  owb::models::ExponentialFit fit_;
  QComboBox* plot_box_ = nullptr;
  QCheckBox* fit_box_ = nullptr;
  QCheckBox* labels_box_ = nullptr;
  QChartView* chart_view_ = nullptr;
  QTableView* table_ = nullptr;
  QLabel* hover_label_ = nullptr;
  QLabel* note_label_ = nullptr;
};

}  // namespace owb::widgets
