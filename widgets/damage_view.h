#pragma once
// The Damage tab: the scaling-law curve of the damage experiments in a results folder (mean
// damage per model against total parameters on a log axis, 95 % CI error bars, the fitted power
// law with its equation and R^2 in the legend) above the per-run table. The metric, the outlier
// filter and |rank reduction| are chosen above the plot; "Open results folder…" picks the folder.
// `owb damage-report` writes the same numbers to files.
#include "scaling_law_report.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCPErrorBars;
class QCPGraph;
class QCPTextElement;
class QCustomPlot;
class QLabel;
class QSortFilterProxyModel;
class QTableView;

namespace owb::models {
class DamageSummaryModel;
}

namespace owb::widgets {

class DamageView : public QWidget {
  Q_OBJECT
 public:
  explicit DamageView(owb::models::DamageSummaryModel* model, QWidget* parent = nullptr);

  // Reads the folder (off the GUI thread) and shows it when done.
  void setResultsDir(const QString& results_dir);
  void setMetric(owb::DamageMetric metric);
  owb::DamageMetric metric() const;

  // For tests and export.
  QCustomPlot* plot() const { return plot_; }
  QCPGraph* meansGraph() const { return means_; }
  QCPGraph* fitGraph() const { return fit_; }
  QCPErrorBars* errorBars() const { return error_bars_; }
  QTableView* table() const { return table_; }
  QString message() const;

 public slots:
  void openResultsFolder();

 private:
  void applyOptions();
  void onSummaryLoaded();
  void rebuildPlot();

  owb::models::DamageSummaryModel* model_;
  QSortFilterProxyModel* proxy_ = nullptr;
  QLabel* folder_label_ = nullptr;
  QComboBox* metric_box_ = nullptr;
  QComboBox* filter_box_ = nullptr;
  QCheckBox* absolute_box_ = nullptr;
  QCustomPlot* plot_ = nullptr;
  QCPTextElement* title_ = nullptr;
  QCPGraph* means_ = nullptr;
  QCPGraph* fit_ = nullptr;
  QCPErrorBars* error_bars_ = nullptr;
  QTableView* table_ = nullptr;
  QLabel* message_ = nullptr;
};

}  // namespace owb::widgets
