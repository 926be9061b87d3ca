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

#include <functional>

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

}  // namespace owb::remote
