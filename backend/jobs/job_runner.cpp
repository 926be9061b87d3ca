#include "job_runner.h"

#include "atomic_json.h"

#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>

namespace owb::jobs {

JobRunner::~JobRunner() = default;

namespace {
constexpr int kRecentLines = 20;
}

void JobRunner::openWorkerLog(const QString& run_dir) {
  log_file_ = new QFile(QDir(run_dir).filePath(QStringLiteral("worker.log")), this);
  if (!log_file_->open(QIODevice::WriteOnly | QIODevice::Append | QIODevice::Text)) {
    delete log_file_;
    log_file_ = nullptr;
  }
}

void JobRunner::remember(const QString& line) {
  recent_log_ << line;
  while (recent_log_.size() > kRecentLines) recent_log_.removeFirst();
}

void JobRunner::appendLog(const QString& line) {
  if (line.startsWith(QLatin1String("[stderr]"))) remember(line);
  if (!log_file_) return;
  log_file_->write((QDateTime::currentDateTime().toString(Qt::ISODate) + QLatin1Char(' ') + line + QLatin1Char('\n')).toUtf8());
  log_file_->flush();
}

void JobRunner::rememberLogEvent(const WorkerEvent& e) { remember(QStringLiteral("%1: %2").arg(e.level, e.msg)); }

void JobRunner::closeWorkerLog() {
  if (log_file_) log_file_->close();
}

void JobRunner::markRunFailed(const QString& run_dir, const QString& error) const {
  const QString path = QDir(run_dir).filePath(QStringLiteral("run.json"));
  QJsonObject run;
  if (!QFileInfo::exists(path) || !readJsonObject(path, &run, nullptr)) return;
  if (run.value(QLatin1String("status")).toString() != QLatin1String("running")) return;
  run[QLatin1String("status")] = QStringLiteral("failed");
  run[QLatin1String("error")] = error;
  run[QLatin1String("finished")] = QDateTime::currentDateTime().toString(Qt::ISODate);
  run[QLatin1String("last_log")] = QJsonArray::fromStringList(recent_log_);
  writeJsonAtomic(path, run);
}

void JobRunner::dispatch(const WorkerEvent& e) {
  using K = WorkerEvent::Kind;
  switch (e.kind) {
    case K::Started: emit started(e.run); break;
    case K::Progress: emit progress(e.stage, e.done, e.total, e.eta_s); break;
    case K::LayerStats: emit layerStats(e.layer_stats); break;
    case K::Log: emit log(e.level, e.msg); break;
    case K::Artifact: emit artifact(e.path); break;
    case K::Result: emit result(e.raw); break;
    case K::Finished:
      // Reported when the worker has exited, so "finished" means nothing of it runs any more.
      finished_event_seen_ = true;
      finished_status_ = e.status;
      finished_error_ = e.error;
      break;
    case K::Unknown: break;  // newer workers may send more; the protocol says ignore
  }
}

}  // namespace owb::jobs
