#pragma once
// Side panel of the heatmap: one feature dimension's max |x| (and hit share) per hook point,
// the threshold line, and its systematic-outlier record if it has one.
#include <QPointer>
#include <QWidget>

class QCustomPlot;
class QCPItemStraightLine;
class QLabel;

namespace owb::models {
class HeatmapMatrix;
class SystematicOutliersModel;
}  // namespace owb::models

namespace owb::widgets {

class DimProfilePanel : public QWidget {
  Q_OBJECT
 public:
  explicit DimProfilePanel(QWidget* parent = nullptr);

  void setModels(owb::models::HeatmapMatrix* matrix, owb::models::SystematicOutliersModel* systematic);
  // -1 clears the panel.
  void setDim(int dim);
  int dim() const { return dim_; }

  QCustomPlot* plot() const { return plot_; }
  // The record text as shown (for tests).
  QString recordText() const;

 private:
  void refresh();
  void refreshPlot();
  QString describeRecord() const;

  QPointer<owb::models::HeatmapMatrix> matrix_;
  QPointer<owb::models::SystematicOutliersModel> systematic_;
  int dim_ = -1;
  QLabel* title_ = nullptr;
  QLabel* record_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QCPItemStraightLine* threshold_line_ = nullptr;
};

}  // namespace owb::widgets
