#include "job_table_model.h"

#include "job_queue.h"

#include <QBrush>
#include <QColor>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QTimer>

#include <cmath>

namespace owb::models {

using owb::jobs::Job;
using owb::jobs::JobQueue;
using owb::jobs::JobState;

JobTableModel::JobTableModel(JobQueue* queue, QObject* parent) : QAbstractTableModel(parent), queue_(queue) {
  connect(queue_, &JobQueue::queueAboutToBeReset, this, [this] { beginResetModel(); });
  connect(queue_, &JobQueue::queueReset, this, [this] { endResetModel(); });
  connect(queue_, &JobQueue::jobsAboutToBeAdded, this, [this](int first, int last) { beginInsertRows(QModelIndex(), first, last); });
  connect(queue_, &JobQueue::jobsAdded, this, [this] { endInsertRows(); });
  connect(queue_, &JobQueue::jobChanged, this,
          [this](int row) { emit dataChanged(index(row, 0), index(row, ColumnCount - 1)); });
  clock_ = new QTimer(this);
  clock_->setInterval(1000);
  connect(clock_, &QTimer::timeout, this, &JobTableModel::tick);
  clock_->start();
}

QString JobTableModel::jobId(int row) const {
  return row >= 0 && row < queue_->count() ? queue_->at(row).spec.id : QString();
}

QModelIndex JobTableModel::indexOfJob(const QString& id, int column) const {
  const int row = queue_->indexOf(id);
  return row >= 0 ? index(row, column) : QModelIndex();
}

int JobTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : queue_->count(); }

int JobTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QString JobTableModel::formatDuration(double seconds) {
  if (!std::isfinite(seconds) || seconds < 0) return QString();
  const qint64 s = qint64(std::llround(seconds));
  if (s < 60) return tr("%1 s").arg(s);
  if (s < 3600) return tr("%1 min %2 s").arg(s / 60).arg(s % 60, 2, 10, QLatin1Char('0'));
  return tr("%1 h %2 min").arg(s / 3600).arg((s % 3600) / 60, 2, 10, QLatin1Char('0'));
}

namespace {

QString stateLabel(JobState state) {
  switch (state) {
    case JobState::Queued: return JobTableModel::tr("queued");
    case JobState::Running: return JobTableModel::tr("running");
    case JobState::Succeeded: return JobTableModel::tr("succeeded");
    case JobState::Failed: return JobTableModel::tr("failed");
    case JobState::Cancelled: return JobTableModel::tr("cancelled");
  }
  return QString();
}

QColor stateColor(JobState state) {
  switch (state) {
    case JobState::Running: return QColor(0x1f, 0x6f, 0xb5);
    case JobState::Succeeded: return QColor(0x2e, 0x7d, 0x32);
    case JobState::Failed: return QColor(0xc6, 0x28, 0x28);
    case JobState::Cancelled: return QColor(0x75, 0x75, 0x75);
    case JobState::Queued: break;
  }
  return QColor();
}

}  // namespace

QVariant JobTableModel::display(const Job& job, int column) const {
  switch (column) {
    case JobColumn: return job.spec.id;
    case ModelColumn: return QFileInfo(QDir::cleanPath(job.spec.model)).fileName();
    case AnalysisColumn: return job.spec.analysis;
    case StateColumn:
      if (job.state == JobState::Queued && job.not_before.isValid()) return tr("retry pending");
      return stateLabel(job.state);
    case StageColumn:
      return job.progress.total > 0 ? tr("%1 %2/%3").arg(job.progress.stage).arg(job.progress.done).arg(job.progress.total)
                                    : job.progress.stage;
    case ProgressColumn: {
      const double f = job.progress.fraction();
      return f < 0 ? QString() : QStringLiteral("%1 %").arg(int(std::floor(f * 100)));
    }
    case EtaColumn: return job.state == JobState::Running ? formatDuration(job.progress.eta_s) : QString();
    case ElapsedColumn: return formatDuration(job.elapsedSeconds());
    case BackendColumn: return job.spec.backend;
  }
  return QVariant();
}

QVariant JobTableModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid)) return QVariant();
  const Job& job = queue_->at(index.row());
  switch (role) {
    case Qt::DisplayRole: return display(job, index.column());
    case Qt::ToolTipRole:
      if (index.column() == ModelColumn) return QDir::toNativeSeparators(job.spec.model);
      if (!job.error.isEmpty()) return job.error;
      return job.run_dir.isEmpty() ? QVariant() : QVariant(QDir::toNativeSeparators(job.run_dir));
    case Qt::ForegroundRole:
      if (index.column() == StateColumn && stateColor(job.state).isValid()) return QBrush(stateColor(job.state));
      return QVariant();
    case Qt::TextAlignmentRole:
      if (index.column() >= ProgressColumn && index.column() <= ElapsedColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
      return QVariant();
    case JobIdRole: return job.spec.id;
    case ProgressRole: {
      if (job.state == JobState::Succeeded) return 1.0;
      return job.progress.fraction();
    }
    case StateRole: return owb::jobs::jobStateName(job.state);
    case RunDirRole: return job.run_dir;
  }
  return QVariant();
}

QVariant JobTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case JobColumn: return tr("Job");
    case ModelColumn: return tr("Model");
    case AnalysisColumn: return tr("Analysis");
    case StateColumn: return tr("State");
    case StageColumn: return tr("Stage");
    case ProgressColumn: return tr("Progress");
    case EtaColumn: return tr("ETA");
    case ElapsedColumn: return tr("Elapsed");
    case BackendColumn: return tr("Backend");
  }
  return QVariant();
}

void JobTableModel::tick() {
  for (int row = 0; row < queue_->count(); ++row)
    if (queue_->at(row).state == JobState::Running) emit dataChanged(index(row, ElapsedColumn), index(row, ElapsedColumn));
}

}  // namespace owb::models
