#include "budget_guard.h"

#include <QSet>
#include <QTimer>

namespace owb::remote {

using owb::jobs::Job;
using owb::jobs::JobState;

namespace {
double capOf(const Job& job) { return job.spec.backend_options.value(QLatin1String("max_total_usd")).toDouble(); }
}  // namespace

SweepSpend sweepSpend(const QVector<LedgerPod>& pods, const QString& sweep, double commit_s, const QDateTime& now) {
  SweepSpend s;
  for (const LedgerPod& p : pods) {
    if (p.sweep != sweep) continue;
    s.spent_usd += p.accruedUsd(now);
    s.dearest_usd_per_hour = std::max(s.dearest_usd_per_hour, p.cost_per_hr);
    if (!p.active()) continue;
    ++s.active_pods;
    s.committed_usd += p.cost_per_hr * commit_s / 3600.0;
  }
  return s;
}

BudgetGuard::BudgetGuard(owb::jobs::JobQueue* queue, QString backend, QString ledger_file, int check_interval_ms, int commit_s)
    : QObject(queue), queue_(queue), backend_(std::move(backend)), ledger_(std::move(ledger_file)), commit_s_(commit_s),
      timer_(new QTimer(this)) {
  queue_->setLaunchGate(backend_, [this](const Job& job) { return refuseLaunch(job); });
  connect(timer_, &QTimer::timeout, this, &BudgetGuard::check);
  timer_->start(std::max(50, check_interval_ms));
}

QString BudgetGuard::capMessage(const SweepSpend& spend, double extra_usd, double cap) const {
  return tr("budget cap reached: $%1 spent and $%2 committed by %3 pod(s) of this sweep%4, of max_total_usd $%5")
      .arg(spend.spent_usd, 0, 'f', 4)
      .arg(spend.committed_usd, 0, 'f', 4)
      .arg(spend.active_pods)
      .arg(extra_usd > 0 ? tr(" (a new pod would commit $%1 more)").arg(extra_usd, 0, 'f', 4) : QString())
      .arg(cap, 0, 'f', 2);
}

QString BudgetGuard::refuseLaunch(const Job& job) const {
  const double cap = capOf(job);
  if (cap <= 0) return QString();
  const SweepSpend spend = sweepSpend(ledger_.pods(), job.spec.sweep, commit_s_);
  const double rate = job.spec.backend_options.value(QLatin1String("max_usd_per_hour")).toDouble();
  const double launch = (rate > 0 ? rate : spend.dearest_usd_per_hour) * commit_s_ / 3600.0;
  if (spend.spent_usd + spend.committed_usd + launch <= cap) return QString();
  return capMessage(spend, launch, cap);
}

void BudgetGuard::check() {
  const QVector<LedgerPod> pods = ledger_.pods();
  QSet<QString> sweeps;
  for (int i = 0; i < queue_->count(); ++i) {
    const Job& job = queue_->at(i);
    if (job.spec.backend == backend_ && job.state == JobState::Running && capOf(job) > 0) sweeps.insert(job.spec.sweep);
  }
  stopping_.intersect(sweeps);  // a sweep stopped earlier and since relaunched may be stopped again
  sweeps.subtract(stopping_);
  for (const QString& sweep : sweeps) {
    QStringList ids;
    double cap = 0;
    for (int i = 0; i < queue_->count(); ++i) {
      const Job& job = queue_->at(i);
      if (job.spec.backend != backend_ || job.spec.sweep != sweep || isFinished(job.state)) continue;
      ids << job.spec.id;
      cap = std::max(cap, capOf(job));
    }
    const SweepSpend spend = sweepSpend(pods, sweep, commit_s_);
    if (spend.spent_usd + spend.committed_usd <= cap) continue;
    const QString reason = capMessage(spend, 0, cap);
    stopping_.insert(sweep);
    for (const QString& id : ids) queue_->stopJob(id, reason);
    emit capReached(sweep, reason);
  }
}

}  // namespace owb::remote
