#pragma once
// The Monitor tab: the job table (progress bars, state, ETA), cancel / retry, and the
// selected job's log tail (follow, filter). Shows the queue; owns no job data.
#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QTableView;

namespace owb::models {
class JobTableModel;
}

namespace owb::widgets {

class RunMonitor : public QWidget {
  Q_OBJECT
 public:
  explicit RunMonitor(owb::models::JobTableModel* model, QWidget* parent = nullptr);

  QString selectedJobId() const;
  void selectJob(const QString& id);

  QTableView* table() const { return table_; }
  QPushButton* cancelButton() const { return cancel_; }
  QPushButton* cancelSweepButton() const { return cancel_sweep_; }
  QPushButton* retryButton() const { return retry_; }
  QPushButton* showRunButton() const { return show_run_; }
  QPlainTextEdit* logView() const { return log_view_; }
  QCheckBox* followBox() const { return follow_; }
  QLineEdit* filterEdit() const { return filter_; }

 signals:
  // The user asked to see a job's run folder (Show run, or a double-click).
  void showRunRequested(const QString& run_dir);

 private:
  void updateButtons();
  void selectDefaultJob();
  void reloadLog();
  void onLogAppended(const QString& id, const QString& line);
  bool passesFilter(const QString& line) const;
  QStringList runFolderLog(const QString& id) const;

  owb::models::JobTableModel* model_;
  QTableView* table_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QPushButton* cancel_sweep_ = nullptr;
  QPushButton* retry_ = nullptr;
  QPushButton* show_run_ = nullptr;
  QPushButton* clear_finished_ = nullptr;
  QLabel* job_label_ = nullptr;
  QPlainTextEdit* log_view_ = nullptr;
  QCheckBox* follow_ = nullptr;
  QLineEdit* filter_ = nullptr;
  QString log_job_;  // the job whose log is shown
};

}  // namespace owb::widgets
