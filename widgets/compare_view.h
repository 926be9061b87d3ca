#pragma once
// The "Compare" tab: the runs picked in the run tree (multi-select) side by side: a table with
// one column per run (CompareTableModel), the per-layer hit share of one dimension overlaid
// (one line per run, from layer_stats.json), and the config.json keys that differ (ConfigDiffModel).
#include "compare_table_model.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QCustomPlot;
class QLabel;
class QSpinBox;
class QTableView;

namespace owb::widgets {

class CompareView : public QWidget {
  Q_OBJECT
 public:
  explicit CompareView(QWidget* parent = nullptr);

  // Reads the runs off the GUI thread; fewer than two shows a hint. `perplexity_folders`:
  // perplexity-only runs of the workspace, matched by model.
  void setRuns(const QStringList& run_folders, const QStringList& perplexity_folders = {});
  bool isLoading() const { return table_model_->isLoading(); }

  owb::models::CompareTableModel* tableModel() const { return table_model_; }
  owb::models::ConfigDiffModel* diffModel() const { return diff_model_; }
  QTableView* tableView() const { return table_; }
  QTableView* diffView() const { return diff_; }
  QCustomPlot* profilePlot() const { return plot_; }
  void setDim(int dim);
  int dim() const;

 signals:
  void runsShown();

 private:
  void onLoaded();
  void updateProfile();

  owb::models::CompareTableModel* table_model_ = nullptr;
  owb::models::ConfigDiffModel* diff_model_ = nullptr;
  QLabel* hint_ = nullptr;
  QTableView* table_ = nullptr;
  QTableView* diff_ = nullptr;
  QCheckBox* show_all_keys_ = nullptr;
  QSpinBox* dim_ = nullptr;
  QComboBox* hook_ = nullptr;
  QCustomPlot* plot_ = nullptr;
};

}  // namespace owb::widgets
