#pragma once
// The heatmap explorer: hook points (rows, forward order, first at the top) x feature dims
// (columns), drawn with a QCPColorMap over a HeatmapMatrix. Owns no data: it redraws from the
// models on every change. Hover shows (hook, dim, value); a click selects a dimension, shown
// in the side panel with its per-hook profile and systematic record.
#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QCPColorMap;
class QCPColorScale;
class QCPItemRect;
class QCustomPlot;
class QLabel;
class QMouseEvent;
class QStackedWidget;
class QTimer;

namespace owb::models {
class HeatmapMatrix;
class SystematicOutliersModel;
}  // namespace owb::models

namespace owb::widgets {

class DimProfilePanel;
class HeatmapContourItem;

class HeatmapView : public QWidget {
  Q_OBJECT
 public:
  explicit HeatmapView(QWidget* parent = nullptr);

  void setModels(owb::models::HeatmapMatrix* matrix, owb::models::SystematicOutliersModel* systematic);
  // Shown instead of the plot while the matrix is empty ("select a run", "no layer_stats.json").
  void setEmptyMessage(const QString& message);

  bool logScale() const { return log_scale_; }
  void setLogScale(bool on);
  bool systematicOnly() const { return systematic_only_; }
  void setSystematicOnly(bool on);
  QString gradientId() const { return gradient_id_; }
  void setGradientId(const QString& id);

  // The threshold contour: outlines the cells with max |x| >= the threshold (default 6.0).
  bool contourVisible() const { return contour_visible_; }
  void setContourVisible(bool on);
  double contourThreshold() const;
  void setContourThreshold(double threshold);
  // Unit cell edges drawn (0 when hidden); for tests.
  int contourEdgeCount() const;
  HeatmapContourItem* contourItem() const { return contour_; }

  int selectedDim() const { return selected_dim_; }
  // Selects `dim` (-1: none), updates the side panel, emits dimensionSelected when it changed.
  void selectDim(int dim);
  void resetZoom();

  // What is drawn, for tests and tooltips: plotted column -> feature dim.
  const QVector<int>& visibleDims() const { return visible_dims_; }
  bool isShowingPlot() const;
  // The text shown instead of the plot (empty-matrix reasons, read errors).
  QString messageText() const;
  // The colour map cell's value (after log clamping), NaN outside the map.
  double plottedValue(int row, int column) const;
  QString toolTipForCell(int row, int column) const;
  // The cell under a pixel of the plot widget; false outside the map.
  bool cellAt(const QPointF& pixel, int* row, int* column) const;
  QCustomPlot* plot() const { return plot_; }
  QCPColorMap* colorMap() const { return map_; }
  DimProfilePanel* profilePanel() const { return profile_; }

 signals:
  void dimensionSelected(int dim);

 private:
  void buildControls(QWidget* bar);
  void scheduleRebuild();
  void rebuild();
  void fillMap();
  void refillForRange();
  void updateAxes();
  void updateColorRange();
  void updateSelectionMarker();
  void updateContour();
  void onMouseMove(QMouseEvent* event);
  void onMousePress(QMouseEvent* event);
  void onMouseRelease(QMouseEvent* event);

  QPointer<owb::models::HeatmapMatrix> matrix_;
  QPointer<owb::models::SystematicOutliersModel> systematic_;
  QVector<int> visible_dims_;
  QVector<int> systematic_dims_;
  int selected_dim_ = -1;
  bool log_scale_ = false;
  bool systematic_only_ = false;
  QString gradient_id_;
  QString empty_message_;
  QPoint press_pos_;
  QSize plotted_shape_;  // (columns, rows) last drawn
  int bin_ = 1;          // columns per colour-map cell
  int bin_first_ = 0;    // first column of the first cell
  int binned_width_px_ = 0;  // axis rect width the bins were made for

  QComboBox* measure_box_ = nullptr;
  QComboBox* gradient_box_ = nullptr;
  QCheckBox* log_box_ = nullptr;
  QCheckBox* systematic_box_ = nullptr;
  QCheckBox* contour_box_ = nullptr;
  QDoubleSpinBox* contour_spin_ = nullptr;
  HeatmapContourItem* contour_ = nullptr;
  bool contour_visible_ = true;
  QStackedWidget* stack_ = nullptr;
  QLabel* message_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QCPColorMap* map_ = nullptr;
  QCPColorScale* scale_ = nullptr;
  QCPItemRect* selection_ = nullptr;
  DimProfilePanel* profile_ = nullptr;
  QTimer* rebuild_timer_ = nullptr;
  QTimer* refill_timer_ = nullptr;
};

}  // namespace owb::widgets
