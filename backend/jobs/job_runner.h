#pragma once
// How a job is run: a worker started somewhere (a local QProcess, later an SSH exec channel)
// whose event stream arrives as these signals. The queue owns one runner per running job.
#include "worker_event.h"

#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>

class QFile;

namespace owb::jobs {

struct JobLaunch {
  QString job_id;
  QString run_dir;         // the run folder (created by the queue)
  QJsonObject worker_job;  // JOB.json contents
  QString sweep;           // the experiment the job belongs to
  QJsonObject backend_options;  // JobSpec::backend_options
};

class JobRunner : public QObject {
  Q_OBJECT
 public:
  using QObject::QObject;
  ~JobRunner() override;

  // Starts the worker; every outcome (including a failure to start) ends in finished().
  virtual void start(const JobLaunch& launch) = 0;
  // Stops the worker; finished("cancelled", ...) follows.
  virtual void cancel() = 0;
  // The worker's process id where there is one (0 otherwise).
  virtual qint64 processId() const { return 0; }
  // Whether the last failure may pass on a retry (a crash, a lost connection) rather than
  // being the job's own error (a bad config, a missing file).
  bool lastFailureTransient() const { return transient_; }

 signals:
  void started(const QString& run_dir);
  void progress(const QString& stage, qint64 done, qint64 total, double eta_s);
  void layerStats(const owb::jobs::LayerStatsEvent& stats);
  void log(const QString& level, const QString& msg);
  void artifact(const QString& path);
  void result(const QJsonObject& event);
  // status: "ok" | "failed" | "cancelled". Emitted exactly once per start().
  void finished(const QString& status, const QString& error);

 protected:
  // Emits the signal for one parsed event (shared by every runner that reads the protocol).
  void dispatch(const WorkerEvent& event);

  // <run_dir>/worker.log, the worker's stderr and unparsable lines, and the last lines of the
  // worker's log (its log events and stderr) for failure messages: the same for every runner.
  void openWorkerLog(const QString& run_dir);
  void appendLog(const QString& line);           // a line for worker.log ("[stderr] ..." also kept)
  void rememberLogEvent(const WorkerEvent& e);   // a log event, kept among the last lines
  void closeWorkerLog();
  const QStringList& recentLog() const { return recent_log_; }
  // The worker writes run.json itself, except when it dies: then it still says "running" and
  // the run store would show a run that never ends. Marks it failed with the last log lines.
  void markRunFailed(const QString& run_dir, const QString& error) const;

  bool transient_ = false;
  bool finished_event_seen_ = false;
  QString finished_status_;
  QString finished_error_;

 private:
  void remember(const QString& line);
  QFile* log_file_ = nullptr;
  QStringList recent_log_;
};

}  // namespace owb::jobs
