#pragma once
// The systematic-outlier table: sortable, says which list it shows (exact or seed), and
// selects a dimension on click (kept in sync with the heatmap by the main window).
#include <QPointer>
#include <QWidget>

class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace owb::models {
class SystematicOutliersModel;
}

namespace owb::widgets {

class SystematicTableView : public QWidget {
  Q_OBJECT
 public:
  explicit SystematicTableView(QWidget* parent = nullptr);

  void setModel(owb::models::SystematicOutliersModel* model);
  // Selects the row of `dim` (first match), or clears the selection; emits nothing.
  void selectDim(int dim);
  QTableView* table() const { return table_; }

 signals:
  void dimensionSelected(int dim);

 private:
  void updateCaption();

  QPointer<owb::models::SystematicOutliersModel> model_;
  QLabel* caption_ = nullptr;
  QTableView* table_ = nullptr;
  QSortFilterProxyModel* proxy_ = nullptr;
  bool selecting_ = false;  // guards selectDim against echoing dimensionSelected
};

}  // namespace owb::widgets
