#include "remote_backends.h"

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

void registerRunPod(owb::jobs::JobQueue* queue, const QString& backend, const RunPodSettings& settings) {
  queue->setRunnerFactory(backend, [settings](QObject* parent) -> owb::jobs::JobRunner* { return new RunPodRunner(settings, parent); });
  defaultRetries(queue, backend);
}

}  // namespace owb::remote
