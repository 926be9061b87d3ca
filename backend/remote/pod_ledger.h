#pragma once
// Every pod this workspace created, recorded the moment the create call returns and before the
// pod is used: <workspace>/remote/pods.json (atomic writes). Together with reconcile() it is what
// makes "no orphans" hold across cancel, failure, app exit and app restart.
//   {"v": 1, "pods": [{"id", "name", "job", "sweep", "gpu", "cost_per_hr", "created_at", "keep_running",
//                      "state": "active"|"terminated", "terminated_at"?}]}
// cost_per_hr is the pod's own costPerHr from the create answer: with the times it gives what a
// pod has cost (a sweep's max_total_usd is checked against that, budget_guard.h).
#include <QDateTime>
#include <QString>
#include <QVector>

#include <atomic>
#include <functional>
#include <memory>

namespace owb::remote {

class RunPodClient;

struct LedgerPod {
  QString id;
  QString name;
  QString job;
  QDateTime created_at;
  bool keep_running = false;
  QString state = QStringLiteral("active");
  QDateTime terminated_at;
  QString sweep;
  QString gpu;
  double cost_per_hr = 0;
  bool active() const { return state == QLatin1String("active"); }
  // Hours billed from created_at to terminated_at (to `now` while active).
  double hoursUp(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
  double accruedUsd(const QDateTime& now = QDateTime::currentDateTimeUtc()) const { return cost_per_hr * hoursUp(now); }
};

class PodLedger {
 public:
  explicit PodLedger(QString file) : file_(std::move(file)) {}
  static QString fileFor(const QString& workspace);  // <workspace>/remote/pods.json
  QString file() const { return file_; }

  QVector<LedgerPod> pods(QString* error = nullptr) const;
  QVector<LedgerPod> activePods() const;
  bool record(const LedgerPod& pod, QString* error = nullptr) const;
  bool markTerminated(const QString& id, QString* error = nullptr) const;

 private:
  bool save(const QVector<LedgerPod>& pods, QString* error) const;
  QString file_;
};

struct ReconcileReport {
  QStringList terminated;   // pods terminated now
  QStringList kept;         // active pods left running: wanted by a running job, or keep_running
  QStringList gone;         // ledger entries whose pod no longer exists (marked terminated)
  QStringList failed;       // terminate failed (still active in the ledger: the next pass tries again)
  QString error;            // the list call failed: nothing was changed
};

// Lists the account's pods and terminates every pod that this workspace created (in the ledger,
// or named with `name_prefix`) unless it is in `wanted` or was created with keep_running.
// Ledger entries of pods that are gone are closed. Run at app start (nothing is wanted then),
// after a failure, and at exit.
void reconcilePods(RunPodClient* client, const PodLedger& ledger, const QStringList& wanted, const QString& name_prefix,
                   std::function<void(const ReconcileReport&)> done);
// The same with "ours although not in the ledger" decided by `ours_by_name` (a create that answered
// 5xx may still have made the pod): e.g. the names of this workspace's own jobs, so that pods of
// another workspace that share the prefix are left alone.
void reconcilePods(RunPodClient* client, const PodLedger& ledger, const QStringList& wanted,
                   std::function<bool(const QString& pod_name)> ours_by_name, std::function<void(const ReconcileReport&)> done);

// reconcilePods on the calling thread with its own client and event loop, for a worker thread
// (the GUI at workspace open, and at exit with a bounded wait). Gives up after `timeout_ms`:
// report.error says so and requests still under way are dropped (a pod they did not terminate
// stays active in the ledger for the next pass). Without active ledger pods and `our_names`
// nothing is asked. `cancelled` ends the wait early, the same way.
struct ReconcileRequest {
  QString base_url;
  QString api_key;
  QString ledger_file;
  QStringList wanted;     // pod ids to keep (their jobs are running)
  QStringList our_names;  // pod names that are ours even when not in the ledger
  int timeout_ms = 15000;
  std::shared_ptr<const std::atomic<bool>> cancelled;  // set: give up now (seen within 100 ms)
};
ReconcileReport reconcilePodsNow(const ReconcileRequest& request);

}  // namespace owb::remote
