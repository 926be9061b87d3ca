#pragma once
// A sweep's RunPod budget (sweep.json backend.runpod.max_total_usd) enforced on a JobQueue:
//   spent      = sum over the sweep's pods in the ledger of cost_per_hr x hours up
//                (created_at to terminated_at, or to now while active);
//   committed  = each active pod's cost_per_hr x commit_s: what it bills before the next check
//                can stop it (plus provisioning and image pulls for a new one);
//   a launch   = the job's max_usd_per_hour (else the dearest pod of the sweep so far) x commit_s.
// A job is not launched when spent + committed + its launch would pass the cap; every check
// interval, a sweep whose spent + committed passes it has its running jobs stopped (their pods
// terminated on the way) and its queued jobs failed, all with "budget cap reached: ...".
#include "job_queue.h"
#include "pod_ledger.h"

#include <QObject>
#include <QSet>

class QTimer;

namespace owb::remote {

struct SweepSpend {
  double spent_usd = 0;
  double committed_usd = 0;
  double dearest_usd_per_hour = 0;
  int active_pods = 0;
};

// What the ledger says a sweep's pods have cost by `now`, and what they are committed to.
SweepSpend sweepSpend(const QVector<LedgerPod>& pods, const QString& sweep, double commit_s,
                      const QDateTime& now = QDateTime::currentDateTimeUtc());

class BudgetGuard : public QObject {
  Q_OBJECT
 public:
  // Installs itself as the backend's launch gate; a child of the queue.
  BudgetGuard(owb::jobs::JobQueue* queue, QString backend, QString ledger_file, int check_interval_ms, int commit_s);

  // The reason a job of `sweep` with these options must not start now (empty: it may).
  QString refuseLaunch(const owb::jobs::Job& job) const;
  // One pass over the running sweeps (the timer calls it; tests may too).
  void check();
  QString backend() const { return backend_; }

 signals:
  void capReached(const QString& sweep, const QString& reason);

 private:
  QString capMessage(const SweepSpend& spend, double extra_usd, double cap) const;
  owb::jobs::JobQueue* queue_;
  QString backend_;
  PodLedger ledger_;
  int commit_s_;
  QTimer* timer_;
  QSet<QString> stopping_;  // sweeps whose jobs are being stopped (once each)
};

}  // namespace owb::remote
