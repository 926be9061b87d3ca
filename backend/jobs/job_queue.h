#pragma once
// The job queue: jobs in launch order, each run by a JobRunner (a local worker process per
// job, or a remote runner), at most concurrency(backend) at a time per backend. Its state is
// <workspace>/jobs/queue.json (atomic writes on a one-thread QThreadPool, so the GUI thread
// never waits for the disk); reopening the workspace shows every job again and re-queues the
// ones that had not finished (queued, or running when the app quit).
#include "job.h"
#include "job_runner.h"
#include "sweep.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <QVector>

#include <functional>

namespace owb::jobs {

// Retries of transient failures (a crashed or killed worker, a lost connection), with
// exponential backoff: delay = base_delay_ms * factor^(retry - 1), capped at max_delay_ms.
struct RetryPolicy {
  int max_retries = 0;  // local default: a crash usually repeats, so say so at once
  int base_delay_ms = 5000;
  double factor = 2.0;
  int max_delay_ms = 5 * 60 * 1000;
  int delayMs(int retry) const;
};

using RunnerFactory = std::function<JobRunner*(QObject* parent)>;
// Asked before a job of its backend starts: empty to let it start, else why it must not (the
// job then fails with that reason, without a retry). A RunPod budget cap is one (budget_guard.h).
using LaunchGate = std::function<QString(const Job& job)>;

class JobQueue : public QObject {
  Q_OBJECT
 public:
  explicit JobQueue(QObject* parent = nullptr);
  ~JobQueue() override;

  // Loads <path>/jobs/queue.json when there is one. Jobs of a previous workspace that are still
  // running are stopped and saved as running (re-queued when that workspace is opened again).
  bool setWorkspace(const QString& path, QString* error = nullptr);
  QString workspace() const { return workspace_; }
  QString queueFile() const;
  QString runsRoot() const;

  // Appends jobs (ids made unique in the queue with a -2, -3 suffix); returns their ids.
  QStringList enqueue(const QVector<JobSpec>& jobs);
  // Sets the backend's concurrency from the sweep, expands and enqueues it.
  QStringList enqueueSweep(const Sweep& sweep);
  // A queued job is cancelled at once, a running one when its worker has stopped.
  bool cancel(const QString& id);
  int cancelSweep(const QString& sweep);
  // Ends a job as failed with `reason` (no retry): a queued one at once, a running one when its
  // runner has stopped (a RunPod pod is terminated on the way). For caps, not for the user.
  bool stopJob(const QString& id, const QString& reason);
  // A failed or cancelled job back into the queue.
  bool retry(const QString& id);
  // Drops succeeded, failed and cancelled jobs from the list (their run folders stay).
  int removeFinished();

  void setConcurrency(const QString& backend, int jobs);
  int concurrency(const QString& backend) const;
  void setRetryPolicy(const QString& backend, const RetryPolicy& policy);
  RetryPolicy retryPolicy(const QString& backend) const;
  // The local backend has LocalWorkerProcess built in; remote backends register theirs.
  void setRunnerFactory(const QString& backend, RunnerFactory factory);
  void setLaunchGate(const QString& backend, LaunchGate gate);
  // Paused: nothing new starts (running jobs go on).
  void setPaused(bool paused);
  bool isPaused() const { return paused_; }

  int count() const { return jobs_.size(); }
  const Job& at(int row) const { return jobs_.at(row); }
  int indexOf(const QString& id) const;
  const Job* find(const QString& id) const;
  int runningCount(const QString& backend = QString()) const;
  bool hasUnfinishedJobs() const;
  // The log lines received for the job's latest attempt (capped).
  QStringList logLines(const QString& id) const;
  // The latest layer_stats row per hook of a running job, for views that start watching late.
  QVector<LayerStatsEvent> liveLayerStats(const QString& id) const;
  // The running job whose run folder is `run_dir` (empty when none).
  QString runningJobForRunDir(const QString& run_dir) const;
  qint64 workerProcessId(const QString& id) const;
  // Writes pending state now and waits for the write (tests, shutdown).
  void waitForPersisted();

 signals:
  void queueAboutToBeReset();
  void queueReset();
  void jobsAboutToBeAdded(int first, int last);
  void jobsAdded(int first, int last);
  void jobChanged(int row);
  // The worker reported its start: its run folder exists now.
  void jobStarted(const QString& id, const QString& run_dir);
  void layerStats(const QString& id, const owb::jobs::LayerStatsEvent& stats);
  void logAppended(const QString& id, const QString& line);
  // state: succeeded | failed | cancelled (jobStateName)
  void jobFinished(const QString& id, const QString& state, const QString& error);
  void persistFailed(const QString& error);

 private:
  Job* mutableJob(const QString& id);
  void changed(const QString& id);
  void scheduleSoon();
  void schedule();
  void launch(Job& job);
  QString newRunDir(const JobSpec& spec) const;
  void appendLog(const QString& id, const QString& line);
  void onRunnerFinished(const QString& id, const QString& status, const QString& error);
  void failQueued(Job& job, const QString& reason);
  // An "auto" minimum VRAM (sweep_runpod.h) still to resolve holds the job; true while it does.
  bool holdForVramEstimate(const Job& job);
  void applyVramEstimate(const QString& key, const AutoVram& result);
  void stopAllRunners();
  void loadQueueFile(QString* error);
  void persistSoon();
  void persistNow();

  QString workspace_;
  QVector<Job> jobs_;
  QHash<QString, JobRunner*> runners_;  // running jobs; owned (children of this)
  QHash<QString, QStringList> logs_;
  QHash<QString, QVector<LayerStatsEvent>> live_stats_;
  QHash<QString, int> concurrency_;
  QHash<QString, RetryPolicy> retry_policies_;
  QHash<QString, RunnerFactory> factories_;
  QHash<QString, LaunchGate> gates_;
  QHash<QString, QString> stop_reasons_;  // running jobs being stopped by stopJob()
  QSet<QString> vram_resolving_;          // estimate-vram requests under way (by key)
  bool paused_ = false;
  bool schedule_pending_ = false;
  bool persist_pending_ = false;
  QTimer* retry_timer_ = nullptr;
  QThreadPool persist_pool_;  // one thread: writes land in order
};

}  // namespace owb::jobs
