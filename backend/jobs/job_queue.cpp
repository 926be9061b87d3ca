#include "job_queue.h"

#include "atomic_json.h"
#include "local_worker_process.h"

#include <QFutureWatcher>
#include <QJsonDocument>
#include <QtConcurrent>

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QTime>

#include <algorithm>

#include <cmath>

namespace owb::jobs {

namespace {
constexpr int kMaxLogLines = 5000;
constexpr int kLastLogLines = 20;
const QString kLocal = QStringLiteral("local");
}  // namespace

int RetryPolicy::delayMs(int retry) const {
  const double delay = base_delay_ms * std::pow(factor, std::max(0, retry - 1));
  return int(std::min<double>(delay, max_delay_ms));
}

JobQueue::JobQueue(QObject* parent) : QObject(parent) {
  persist_pool_.setMaxThreadCount(1);
  retry_timer_ = new QTimer(this);
  retry_timer_->setSingleShot(true);
  connect(retry_timer_, &QTimer::timeout, this, &JobQueue::schedule);
  concurrency_.insert(kLocal, 1);
  retry_policies_.insert(kLocal, RetryPolicy{});
  factories_.insert(kLocal, [](QObject* owner) -> JobRunner* { return new LocalWorkerProcess(owner); });
}

JobQueue::~JobQueue() {
  // Running jobs stay "running" in queue.json: the next start re-queues them.
  stopAllRunners();
  if (persist_pending_) persistNow();
  persist_pool_.waitForDone();
}

QString JobQueue::queueFile() const {
  return workspace_.isEmpty() ? QString() : QDir(workspace_).filePath(QStringLiteral("jobs/queue.json"));
}

QString JobQueue::runsRoot() const { return workspace_.isEmpty() ? QString() : QDir(workspace_).filePath(QStringLiteral("runs")); }

bool JobQueue::setWorkspace(const QString& path, QString* error) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  if (absolute == workspace_) return true;
  emit queueAboutToBeReset();
  stopAllRunners();
  if (persist_pending_) persistNow();
  persist_pool_.waitForDone();
  jobs_.clear();
  logs_.clear();
  live_stats_.clear();
  workspace_ = absolute;
  QString why;
  loadQueueFile(&why);
  emit queueReset();
  if (!why.isEmpty()) {
    if (error) *error = why;
    return false;
  }
  scheduleSoon();
  return true;
}

void JobQueue::loadQueueFile(QString* error) {
  const QString file = queueFile();
  if (!QFileInfo::exists(file)) return;
  QJsonObject root;
  if (!readJsonObject(file, &root, error)) return;
  if (root.value(QLatin1String("v")).toInt(1) != 1) {
    *error = tr("%1: unsupported version").arg(file);
    return;
  }
  const QJsonObject caps = root.value(QLatin1String("concurrency")).toObject();
  for (auto it = caps.begin(); it != caps.end(); ++it) concurrency_[it.key()] = std::max(1, it.value().toInt(1));
  const QJsonArray jobs = root.value(QLatin1String("jobs")).toArray();
  for (int i = 0; i < jobs.size(); ++i) {
    Job job;
    QString why;
    if (!jobFromJson(jobs[i].toObject(), &job, &why)) {
      *error = tr("%1: jobs[%2]: %3").arg(file).arg(i).arg(why);
      continue;  // the other jobs still load
    }
    if (job.state == JobState::Running) {
      // The app quit (or died) under it: what it wrote stays in its folder; it starts afresh.
      job.state = JobState::Queued;
      job.progress = JobProgress{};
      logs_[job.spec.id] << tr("re-queued: the application stopped while this job was running (previous run folder %1)")
                                .arg(QDir::toNativeSeparators(job.run_dir));
    }
    jobs_ << job;
  }
}

QStringList JobQueue::enqueue(const QVector<JobSpec>& specs) {
  if (specs.isEmpty()) return {};
  QStringList ids;
  QVector<Job> added;
  for (JobSpec spec : specs) {
    const QString base = spec.id;
    for (int n = 2; indexOf(spec.id) >= 0 || ids.contains(spec.id); ++n) spec.id = QStringLiteral("%1-%2").arg(base).arg(n);
    Job job;
    job.spec = spec;
    job.queued_at = QDateTime::currentDateTimeUtc();
    added << job;
    ids << spec.id;
  }
  const int first = jobs_.size();
  emit jobsAboutToBeAdded(first, first + added.size() - 1);
  jobs_ += added;
  emit jobsAdded(first, first + added.size() - 1);
  persistSoon();
  scheduleSoon();
  return ids;
}

QStringList JobQueue::enqueueSweep(const Sweep& sweep) {
  setConcurrency(sweep.backend.kind, sweep.backend.concurrency);
  return enqueue(expandSweep(sweep));
}

bool JobQueue::cancel(const QString& id) {
  Job* job = mutableJob(id);
  if (!job || isFinished(job->state)) return false;
  if (job->state == JobState::Running) {
    if (JobRunner* runner = runners_.value(id)) runner->cancel();  // onRunnerFinished follows
    return true;
  }
  job->state = JobState::Cancelled;
  job->finished_at = QDateTime::currentDateTimeUtc();
  job->error = tr("cancelled before it started");
  changed(id);
  emit jobFinished(id, jobStateName(job->state), job->error);
  persistSoon();
  return true;
}

int JobQueue::cancelSweep(const QString& sweep) {
  QStringList ids;
  for (const Job& job : jobs_)
    if (job.spec.sweep == sweep && !isFinished(job.state)) ids << job.spec.id;
  int n = 0;
  for (const QString& id : ids) n += cancel(id) ? 1 : 0;
  return n;
}

bool JobQueue::stopJob(const QString& id, const QString& reason) {
  Job* job = mutableJob(id);
  if (!job || isFinished(job->state)) return false;
  if (job->state == JobState::Queued) {
    failQueued(*job, reason);
    return true;
  }
  stop_reasons_.insert(id, reason);
  appendLog(id, tr("stopping: %1").arg(reason));
  if (JobRunner* runner = runners_.value(id)) runner->cancel();  // onRunnerFinished follows
  return true;
}

void JobQueue::failQueued(Job& job, const QString& reason) {
  const QString id = job.spec.id;
  job.state = JobState::Failed;
  job.finished_at = QDateTime::currentDateTimeUtc();
  job.error = reason;
  appendLog(id, tr("not started: %1").arg(reason));
  changed(id);
  emit jobFinished(id, jobStateName(job.state), job.error);
  persistSoon();
}

namespace {
QString vramKey(const QJsonObject& o) {
  const QJsonObject key{{"models", o.value(QLatin1String(kVramModelsKey))},
                        {"arguments", o.value(QLatin1String(kVramArgumentsKey))},
                        {"streaming", o.value(QLatin1String(kVramStreamingKey))}};
  return QString::fromUtf8(QJsonDocument(key).toJson(QJsonDocument::Compact));
}
}  // namespace

bool JobQueue::holdForVramEstimate(const Job& job) {
  const QJsonObject& o = job.spec.backend_options;
  if (o.value(QLatin1String("min_vram_gib")).toString() != QLatin1String(kVramAuto)) return false;
  const QString key = vramKey(o);
  if (vram_resolving_.contains(key)) return true;
  vram_resolving_.insert(key);
  QStringList models, arguments;
  for (const QJsonValue& v : o.value(QLatin1String(kVramModelsKey)).toArray()) models << v.toString();
  for (const QJsonValue& v : o.value(QLatin1String(kVramArgumentsKey)).toArray()) arguments << v.toString();
  const bool streaming = o.value(QLatin1String(kVramStreamingKey)).toBool();
  appendLog(job.spec.id, tr("minimum VRAM \"auto\": estimating %n model(s) with owb estimate-vram", nullptr, int(models.size())));
  auto* watcher = new QFutureWatcher<AutoVram>(this);
  connect(watcher, &QFutureWatcher<AutoVram>::finished, this, [this, watcher, key] {
    watcher->deleteLater();
    vram_resolving_.remove(key);
    applyVramEstimate(key, watcher->result());
  });
  const QString owb = LocalWorkerProcess::owbBinary();
  watcher->setFuture(QtConcurrent::run([models, arguments, owb, streaming] { return resolveAutoMinVram(models, arguments, owb, streaming); }));
  return true;
}

void JobQueue::applyVramEstimate(const QString& key, const AutoVram& result) {
  for (Job& job : jobs_) {
    QJsonObject& o = job.spec.backend_options;
    if (job.state != JobState::Queued || o.value(QLatin1String("min_vram_gib")).toString() != QLatin1String(kVramAuto) ||
        vramKey(o) != key)
      continue;
    if (!result.ok()) {
      failQueued(job, result.error);
      continue;
    }
    o.insert(QStringLiteral("min_vram_gib"), result.min_vram_gib);
    o.insert(QLatin1String(kVramSourceKey), result.source);
    appendLog(job.spec.id, tr("minimum VRAM %1 GiB (largest: %2)").arg(result.min_vram_gib).arg(result.model));
    changed(job.spec.id);
  }
  persistSoon();
  scheduleSoon();
}

bool JobQueue::retry(const QString& id) {
  Job* job = mutableJob(id);
  if (!job || !(job->state == JobState::Failed || job->state == JobState::Cancelled)) return false;
  job->state = JobState::Queued;
  job->error.clear();
  job->last_log.clear();
  job->progress = JobProgress{};
  job->not_before = QDateTime();
  job->queued_at = QDateTime::currentDateTimeUtc();
  appendLog(id, tr("retry requested"));
  changed(id);
  persistSoon();
  scheduleSoon();
  return true;
}

int JobQueue::removeFinished() {
  int removed = 0;
  for (const Job& job : jobs_) removed += isFinished(job.state) ? 1 : 0;
  if (removed == 0) return 0;
  emit queueAboutToBeReset();
  for (int i = jobs_.size() - 1; i >= 0; --i)
    if (isFinished(jobs_[i].state)) {
      logs_.remove(jobs_[i].spec.id);
      jobs_.removeAt(i);
    }
  emit queueReset();
  persistSoon();
  return removed;
}

void JobQueue::setConcurrency(const QString& backend, int jobs) {
  concurrency_[backend] = std::max(1, jobs);
  persistSoon();
  scheduleSoon();
}

int JobQueue::concurrency(const QString& backend) const { return concurrency_.value(backend, 1); }

void JobQueue::setRetryPolicy(const QString& backend, const RetryPolicy& policy) { retry_policies_[backend] = policy; }

RetryPolicy JobQueue::retryPolicy(const QString& backend) const { return retry_policies_.value(backend, RetryPolicy{}); }

void JobQueue::setRunnerFactory(const QString& backend, RunnerFactory factory) { factories_[backend] = std::move(factory); }

void JobQueue::setLaunchGate(const QString& backend, LaunchGate gate) {
  gates_[backend] = std::move(gate);
  scheduleSoon();
}

void JobQueue::setPaused(bool paused) {
  paused_ = paused;
  if (!paused) scheduleSoon();
}

int JobQueue::indexOf(const QString& id) const {
  for (int i = 0; i < jobs_.size(); ++i)
    if (jobs_[i].spec.id == id) return i;
  return -1;
}

const Job* JobQueue::find(const QString& id) const {
  const int row = indexOf(id);
  return row >= 0 ? &jobs_[row] : nullptr;
}

Job* JobQueue::mutableJob(const QString& id) {
  const int row = indexOf(id);
  return row >= 0 ? &jobs_[row] : nullptr;
}

int JobQueue::runningCount(const QString& backend) const {
  int n = 0;
  for (const Job& job : jobs_)
    if (job.state == JobState::Running && (backend.isEmpty() || job.spec.backend == backend)) ++n;
  return n;
}

bool JobQueue::hasUnfinishedJobs() const {
  for (const Job& job : jobs_)
    if (!isFinished(job.state)) return true;
  return false;
}

QStringList JobQueue::logLines(const QString& id) const { return logs_.value(id); }

QVector<LayerStatsEvent> JobQueue::liveLayerStats(const QString& id) const { return live_stats_.value(id); }

QString JobQueue::runningJobForRunDir(const QString& run_dir) const {
  const QString wanted = QDir::cleanPath(run_dir);
  for (const Job& job : jobs_)
    if (job.state == JobState::Running && QDir::cleanPath(job.run_dir) == wanted) return job.spec.id;
  return QString();
}

qint64 JobQueue::workerProcessId(const QString& id) const {
  const JobRunner* runner = runners_.value(id);
  return runner ? runner->processId() : 0;
}

void JobQueue::changed(const QString& id) {
  const int row = indexOf(id);
  if (row >= 0) emit jobChanged(row);
}

void JobQueue::appendLog(const QString& id, const QString& line) {
  QStringList& lines = logs_[id];
  lines << line;
  if (lines.size() > kMaxLogLines) lines.erase(lines.begin(), lines.begin() + (lines.size() - kMaxLogLines));
  emit logAppended(id, line);
}

void JobQueue::scheduleSoon() {
  if (schedule_pending_) return;
  schedule_pending_ = true;
  // Deferred: callers (enqueue, a runner's finished signal) finish before anything starts.
  QTimer::singleShot(0, this, [this] {
    schedule_pending_ = false;
    schedule();
  });
}

void JobQueue::schedule() {
  if (paused_ || workspace_.isEmpty()) return;
  const QDateTime now = QDateTime::currentDateTimeUtc();
  QDateTime next_retry;
  QHash<QString, int> running;
  for (const Job& job : jobs_)
    if (job.state == JobState::Running) ++running[job.spec.backend];
  for (int i = 0; i < jobs_.size(); ++i) {
    Job& job = jobs_[i];
    if (job.state != JobState::Queued) continue;
    if (job.not_before.isValid() && job.not_before > now) {
      if (!next_retry.isValid() || job.not_before < next_retry) next_retry = job.not_before;
      continue;
    }
    if (holdForVramEstimate(job)) continue;
    if (running.value(job.spec.backend) >= concurrency(job.spec.backend)) continue;
    if (const LaunchGate gate = gates_.value(job.spec.backend)) {
      const QString refused = gate(job);
      if (!refused.isEmpty()) {
        failQueued(job, refused);
        continue;
      }
    }
    ++running[job.spec.backend];
    launch(job);
  }
  if (next_retry.isValid()) retry_timer_->start(int(std::max<qint64>(0, now.msecsTo(next_retry))));
}

QString JobQueue::newRunDir(const JobSpec& spec) const {
  const QString stamp = QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd_HHmmss"));
  const QString parent = QDir(runsRoot()).filePath(spec.sweep.isEmpty() ? QStringLiteral("jobs") : spec.sweep);
  QString dir = QDir(parent).filePath(QStringLiteral("%1_%2").arg(spec.id, stamp));
  for (int n = 2; QFileInfo::exists(dir); ++n) dir = QDir(parent).filePath(QStringLiteral("%1_%2_%3").arg(spec.id, stamp).arg(n));
  return dir;
}

void JobQueue::launch(Job& job) {
  const QString id = job.spec.id;
  job.state = JobState::Running;
  job.run_dir = newRunDir(job.spec);
  job.started_at = QDateTime::currentDateTimeUtc();
  job.finished_at = QDateTime();
  job.not_before = QDateTime();
  job.progress = JobProgress{};
  job.error.clear();
  job.last_log.clear();
  ++job.attempts;
  live_stats_.remove(id);
  appendLog(id, tr("starting attempt %1 in %2").arg(job.attempts).arg(QDir::toNativeSeparators(job.run_dir)));
  const RunnerFactory factory = factories_.value(job.spec.backend);
  if (!factory) {
    job.state = JobState::Failed;
    job.error = tr("no runner for backend \"%1\"").arg(job.spec.backend);
    job.finished_at = QDateTime::currentDateTimeUtc();
    changed(id);
    emit jobFinished(id, jobStateName(job.state), job.error);
    persistSoon();
    return;
  }
  QDir().mkpath(job.run_dir);
  JobRunner* runner = factory(this);
  runners_.insert(id, runner);
  connect(runner, &JobRunner::started, this, [this, id](const QString& run) {
    const Job* j = find(id);
    emit jobStarted(id, run.isEmpty() && j ? j->run_dir : run);
  });
  connect(runner, &JobRunner::progress, this, [this, id](const QString& stage, qint64 done, qint64 total, double eta_s) {
    Job* j = mutableJob(id);
    if (!j) return;
    j->progress = JobProgress{stage, done, total, eta_s};
    changed(id);
  });
  connect(runner, &JobRunner::layerStats, this, [this, id](const LayerStatsEvent& stats) {
    QVector<LayerStatsEvent>& rows = live_stats_[id];
    auto it = std::find_if(rows.begin(), rows.end(), [&](const LayerStatsEvent& r) { return r.hook == stats.hook; });
    if (it != rows.end()) *it = stats;
    else rows << stats;
    emit layerStats(id, stats);
  });
  connect(runner, &JobRunner::log, this, [this, id](const QString& level, const QString& msg) {
    appendLog(id, QStringLiteral("%1 %2: %3").arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), level, msg));
  });
  connect(runner, &JobRunner::artifact, this, [this, id](const QString& path) { appendLog(id, tr("wrote %1").arg(path)); });
  connect(runner, &JobRunner::finished, this,
          [this, id](const QString& status, const QString& error) { onRunnerFinished(id, status, error); });
  changed(id);
  persistSoon();
  JobLaunch launch{id, job.run_dir, job.spec.workerJob(job.run_dir), job.spec.sweep, job.spec.backend_options};
  runner->start(launch);
}

void JobQueue::onRunnerFinished(const QString& id, const QString& status, const QString& error) {
  JobRunner* runner = runners_.take(id);
  const QString stop_reason = stop_reasons_.take(id);
  const bool transient = runner && runner->lastFailureTransient() && stop_reason.isEmpty();
  if (runner) runner->deleteLater();
  Job* job = mutableJob(id);
  if (!job) return;
  job->finished_at = QDateTime::currentDateTimeUtc();
  job->error = error;
  live_stats_.remove(id);
  if (!stop_reason.isEmpty() && status != QLatin1String("ok")) {
    // Stopped by a cap: the runner says "cancelled"; the job says why.
    job->state = JobState::Failed;
    job->error = error.isEmpty() || status == QLatin1String("cancelled") ? stop_reason : stop_reason + QStringLiteral("; ") + error;
  } else if (status == QLatin1String("ok")) {
    job->state = JobState::Succeeded;
    if (job->progress.total > 0) job->progress.done = job->progress.total;
  } else if (status == QLatin1String("cancelled")) {
    job->state = JobState::Cancelled;
  } else {
    job->state = JobState::Failed;
    const QStringList lines = logs_.value(id);
    job->last_log = lines.mid(std::max<qsizetype>(0, lines.size() - kLastLogLines));
    const RetryPolicy policy = retryPolicy(job->spec.backend);
    const int retries_done = job->attempts - 1;
    if (transient && retries_done < policy.max_retries) {
      const int delay = policy.delayMs(retries_done + 1);
      job->state = JobState::Queued;
      job->not_before = QDateTime::currentDateTimeUtc().addMSecs(delay);
      appendLog(id, tr("failed (%1); retrying in %2 s").arg(error).arg(delay / 1000.0));
      changed(id);
      persistSoon();
      scheduleSoon();
      return;
    }
  }
  appendLog(id, job->error.isEmpty() ? tr("finished: %1").arg(jobStateName(job->state))
                                     : tr("finished: %1 (%2)").arg(jobStateName(job->state), job->error));
  changed(id);
  emit jobFinished(id, jobStateName(job->state), job->error);
  persistSoon();
  scheduleSoon();
}

void JobQueue::stopAllRunners() {
  const QList<JobRunner*> runners = runners_.values();
  runners_.clear();
  for (JobRunner* runner : runners) {
    disconnect(runner, nullptr, this, nullptr);
    delete runner;  // kills its worker; the job stays "running" on disk and is re-queued on load
  }
}

void JobQueue::persistSoon() {
  if (workspace_.isEmpty() || persist_pending_) return;
  persist_pending_ = true;
  QTimer::singleShot(0, this, [this] {
    if (persist_pending_) persistNow();
  });
}

void JobQueue::persistNow() {
  persist_pending_ = false;
  if (workspace_.isEmpty()) return;
  QJsonArray jobs;
  for (const Job& job : jobs_) jobs.append(toJson(job));
  QJsonObject caps;
  for (auto it = concurrency_.begin(); it != concurrency_.end(); ++it) caps[it.key()] = it.value();
  const QJsonObject root{{"v", 1}, {"jobs", jobs}, {"concurrency", caps}};
  const QString file = queueFile();
  const QByteArray bytes = jsonBytes(root);
  // Serialized on the GUI thread, written on the pool's one thread (the destructor waits for it).
  persist_pool_.start([this, file, bytes] {
    QString error;
    if (!writeBytesAtomic(file, bytes, &error))
      QMetaObject::invokeMethod(this, [this, error] { emit persistFailed(error); }, Qt::QueuedConnection);
  });
}

void JobQueue::waitForPersisted() {
  if (persist_pending_) persistNow();
  persist_pool_.waitForDone();
}

}  // namespace owb::jobs
