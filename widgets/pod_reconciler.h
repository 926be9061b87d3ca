#pragma once
// "No orphans" for the GUI (issue 7): the workspace's pod ledger reconciled with the RunPod API
// when a workspace opens (on a worker thread; the job queue holds new launches until it is done,
// so a re-queued job's new pod is never taken for an orphan) and when the window closes (a
// bounded wait: exit never hangs on the network). Every pod of ours that no running job holds
// is terminated unless it was created with keep_running; the user's other pods are never touched.
#include "pod_ledger.h"

#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QThreadPool>

#include <atomic>
#include <memory>

namespace owb::jobs {
class JobQueue;
}

namespace owb::widgets {

struct PodReconcileOutcome {
  owb::remote::ReconcileReport report;
  bool asked = false;   // false: nothing in the ledger and no job of ours to look for
  bool no_key = false;  // ledger pods, but no API key to ask with
  int unchecked = 0;    // active ledger pods left unchecked (no key)
  // One translated sentence for the status bar and the log; empty when there is nothing to say.
  QString summary() const;
};

class PodReconciler : public QObject {
  Q_OBJECT
 public:
  explicit PodReconciler(QObject* parent = nullptr);
  ~PodReconciler() override;

  // The API (empty: RunPodClient::defaultBaseUrl()); the key is looked up on the worker thread.
  void setApi(const QString& base_url) { base_url_ = base_url; }
  void setTimeoutMs(int ms) { timeout_ms_ = ms; }
  void setExitTimeoutMs(int ms) { exit_timeout_ms_ = ms; }
  int exitTimeoutMs() const { return exit_timeout_ms_; }

  // Workspace opened: holds the queue's launches, reconciles on a worker thread, then lets the
  // queue go on; finished() follows. A newer call supersedes an older one's report.
  void reconcileOnOpen(owb::jobs::JobQueue* queue);
  // Window closing: the pods of jobs that are not running any more are terminated; waits at most
  // exitTimeoutMs() (plus a moment), on a thread of its own so the GUI's events stay put.
  PodReconcileOutcome reconcileOnExit(owb::jobs::JobQueue* queue);
  bool isBusy() const { return busy_; }

  // What a pass over `queue`'s workspace keeps and looks for: the pods its RunPod runners hold,
  // and the names ("owb-<job id>") of its RunPod jobs that are not running.
  static QStringList wantedPods(const owb::jobs::JobQueue* queue);
  static QStringList podNamesOfIdleJobs(const owb::jobs::JobQueue* queue);

 signals:
  void finished(const owb::widgets::PodReconcileOutcome& outcome);

 private:
  owb::remote::ReconcileRequest request(const owb::jobs::JobQueue* queue, int timeout_ms) const;
  void release();

  QString base_url_;
  int timeout_ms_ = 30000;
  int exit_timeout_ms_ = 8000;
  QThreadPool pool_;  // its own: a busy global pool never delays a reconcile
  QPointer<owb::jobs::JobQueue> held_;  // the queue paused by reconcileOnOpen
  std::shared_ptr<std::atomic<bool>> cancel_;  // the latest open pass's
  quint64 generation_ = 0;
  bool busy_ = false;
};

// One pass, blocking (the worker thread's body): the API key ($RUNPOD_API_KEY or the secret
// store), then reconcilePodsNow().
PodReconcileOutcome reconcileWorkspacePods(const owb::remote::ReconcileRequest& request);

}  // namespace owb::widgets
