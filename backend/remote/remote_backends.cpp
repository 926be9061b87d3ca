#include "remote_backends.h"

#include "budget_guard.h"

namespace owb::remote {

namespace {
void defaultRetries(owb::jobs::JobQueue* queue, const QString& backend) {
  owb::jobs::RetryPolicy policy = queue->retryPolicy(backend);
  if (policy.max_retries == 0) policy.max_retries = 2;
  queue->setRetryPolicy(backend, policy);
}
}  // namespace

void registerSshHost(owb::jobs::JobQueue* queue, const QString& backend, const SshHostSettings& settings) {
  queue->setRunnerFactory(backend, [settings](QObject* parent) -> owb::jobs::JobRunner* { return new SshWorkerRunner(settings, parent); });
  defaultRetries(queue, backend);
}

BudgetGuard* registerRunPod(owb::jobs::JobQueue* queue, const QString& backend, const RunPodSettings& settings) {
  queue->setRunnerFactory(backend, [settings](QObject* parent) -> owb::jobs::JobRunner* { return new RunPodRunner(settings, parent); });
  defaultRetries(queue, backend);
  for (BudgetGuard* old : queue->findChildren<BudgetGuard*>())
    if (old->backend() == backend) delete old;
  return new BudgetGuard(queue, backend, PodLedger::fileFor(settings.workspace), settings.budget_check_interval_ms,
                         settings.budget_commit_s);
}

}  // namespace owb::remote
