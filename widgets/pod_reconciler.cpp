#include "pod_reconciler.h"

#include "job_queue.h"
#include "runpod_client.h"
#include "runpod_runner.h"
#include "secret_store.h"

#include <QDeadlineTimer>
#include <QFutureWatcher>
#include <QThread>
#include <QtConcurrent>

#include <memory>

namespace owb::widgets {

using owb::remote::ReconcileRequest;

namespace {
// The backend name registerRemoteBackends() gives RunPod (remote_settings.h).
const QString kRunPodBackend = QStringLiteral("runpod");
}  // namespace

QString PodReconcileOutcome::summary() const {
  if (no_key)
    return PodReconciler::tr("RunPod: %n pod(s) in the ledger not checked: no API key (set RUNPOD_API_KEY or store one in "
                             "Settings > Remote Backends…)",
                             nullptr, unchecked);
  if (!asked) return QString();
  const owb::remote::ReconcileReport& r = report;
  if (!r.error.isEmpty())
    return PodReconciler::tr("RunPod: the pod ledger could not be reconciled (%1); it is tried again when the workspace is next opened")
        .arg(r.error);
  const QString ids = QStringLiteral(", ");
  QStringList parts;
  if (!r.terminated.isEmpty())
    parts << PodReconciler::tr("terminated %n pod(s) that no running job needs (%1)", nullptr, int(r.terminated.size())).arg(r.terminated.join(ids));
  if (!r.failed.isEmpty())
    parts << PodReconciler::tr("could not terminate %n pod(s) (%1): tried again next time", nullptr, int(r.failed.size())).arg(r.failed.join(ids));
  if (!r.kept.isEmpty())
    parts << PodReconciler::tr("kept %n pod(s) (a running job's, or keep_running: %1)", nullptr, int(r.kept.size())).arg(r.kept.join(ids));
  if (!r.gone.isEmpty())
    parts << PodReconciler::tr("closed %n ledger entry(s) of pods that no longer exist", nullptr, int(r.gone.size()));
  if (parts.isEmpty()) return PodReconciler::tr("RunPod pods reconciled: nothing left over");
  return PodReconciler::tr("RunPod pods reconciled: %1").arg(parts.join(QStringLiteral("; ")));
}

PodReconcileOutcome reconcileWorkspacePods(const ReconcileRequest& given) {
  PodReconcileOutcome out;
  ReconcileRequest r = given;
  const int active = int(owb::remote::PodLedger(r.ledger_file).activePods().size());
  if (active == 0 && r.our_names.isEmpty()) return out;
  if (r.api_key.isEmpty()) r.api_key = owb::remote::runPodApiKey();
  if (r.api_key.isEmpty()) {
    out.no_key = active > 0;
    out.unchecked = active;
    return out;
  }
  if (r.base_url.isEmpty()) r.base_url = owb::remote::RunPodClient::defaultBaseUrl();
  out.asked = true;
  out.report = owb::remote::reconcilePodsNow(r);
  return out;
}

PodReconciler::PodReconciler(QObject* parent) : QObject(parent) { pool_.setMaxThreadCount(1); }

PodReconciler::~PodReconciler() {
  // A pass under way gives up within 100 ms; its report has no one to go to.
  if (cancel_) cancel_->store(true);
  pool_.waitForDone();
}

QStringList PodReconciler::wantedPods(const owb::jobs::JobQueue* queue) {
  QStringList ids;
  for (const owb::remote::RunPodRunner* runner : queue->findChildren<owb::remote::RunPodRunner*>())
    if (!runner->podId().isEmpty()) ids << runner->podId();
  return ids;
}

QStringList PodReconciler::podNamesOfIdleJobs(const owb::jobs::JobQueue* queue) {
  const QString prefix = owb::remote::RunPodSettings().name_prefix;
  QStringList names;
  for (int i = 0; i < queue->count(); ++i) {
    const owb::jobs::Job& job = queue->at(i);
    if (job.spec.backend == kRunPodBackend && job.state != owb::jobs::JobState::Running) names << prefix + job.spec.id;
  }
  return names;
}

ReconcileRequest PodReconciler::request(const owb::jobs::JobQueue* queue, int timeout_ms) const {
  ReconcileRequest r;
  r.base_url = base_url_;
  r.ledger_file = owb::remote::PodLedger::fileFor(queue->workspace());
  r.wanted = wantedPods(queue);
  r.our_names = podNamesOfIdleJobs(queue);
  r.timeout_ms = timeout_ms;
  return r;
}

void PodReconciler::reconcileOnOpen(owb::jobs::JobQueue* queue) {
  if (queue->workspace().isEmpty()) return;
  const quint64 generation = ++generation_;
  // Held until the pass is done: a job re-queued from the last session starts its new pod after
  // the old one is gone, never while the list is being read.
  if (!held_ && !queue->isPaused()) {
    queue->setPaused(true);
    held_ = queue;
  }
  busy_ = true;
  if (cancel_) cancel_->store(true);  // an older pass (another workspace) gives up
  cancel_ = std::make_shared<std::atomic<bool>>(false);
  ReconcileRequest r = request(queue, timeout_ms_);
  r.cancelled = cancel_;
  auto* watcher = new QFutureWatcher<PodReconcileOutcome>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    if (generation != generation_) return;  // superseded: the newer pass releases the queue
    busy_ = false;
    release();
    emit finished(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run(&pool_, [r] { return reconcileWorkspacePods(r); }));
}

void PodReconciler::release() {
  if (held_) held_->setPaused(false);
  held_ = nullptr;
}

PodReconcileOutcome PodReconciler::reconcileOnExit(owb::jobs::JobQueue* queue) {
  if (queue->workspace().isEmpty()) return {};
  if (cancel_) cancel_->store(true);  // the open pass, if still asking, makes way
  const ReconcileRequest r = request(queue, exit_timeout_ms_);
  // Its own thread, not the pool: the GUI thread waits here, and a pool may not start it at once.
  auto outcome = std::make_shared<PodReconcileOutcome>();
  QThread* thread = QThread::create([r, outcome] { *outcome = reconcileWorkspacePods(r); });
  thread->start();
  if (!thread->wait(QDeadlineTimer(exit_timeout_ms_ + 2000))) {
    // Not expected (the pass keeps its own deadline): leave the thread to end on its own.
    connect(thread, &QThread::finished, thread, &QObject::deleteLater);
    PodReconcileOutcome late;
    late.asked = true;
    late.report.error = tr("no answer within %1 s").arg(exit_timeout_ms_ / 1000.0);
    return late;
  }
  delete thread;
  return *outcome;
}

}  // namespace owb::widgets
