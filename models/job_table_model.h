#pragma once
// The job queue as a table: one row per job in queue order. The queue owns the jobs; this
// model only formats them and forwards the queue's change signals as model signals.
#include <QAbstractTableModel>

class QTimer;

namespace owb::jobs {
class JobQueue;
struct Job;
}  // namespace owb::jobs

namespace owb::models {

class JobTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { JobColumn, ModelColumn, AnalysisColumn, StateColumn, StageColumn, ProgressColumn, EtaColumn,
                ElapsedColumn, BackendColumn, ColumnCount };
  enum Role {
    JobIdRole = Qt::UserRole + 1,
    ProgressRole,  // double 0..1, or -1 when unknown (ProgressColumn)
    StateRole,     // queued | running | succeeded | failed | cancelled
    RunDirRole,
  };

  explicit JobTableModel(owb::jobs::JobQueue* queue, QObject* parent = nullptr);

  owb::jobs::JobQueue* queue() const { return queue_; }
  QString jobId(int row) const;
  QModelIndex indexOfJob(const QString& id, int column = 0) const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  static QString formatDuration(double seconds);

 private:
  QVariant display(const owb::jobs::Job& job, int column) const;
  void tick();

  owb::jobs::JobQueue* queue_;
  QTimer* clock_;  // refreshes elapsed times of running jobs
};

}  // namespace owb::models
