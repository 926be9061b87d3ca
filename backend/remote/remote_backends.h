#pragma once
// Plugs the remote runners into a JobQueue. A backend is a free name (sweep.json's
// backend.kind, e.g. "ssh:labbox" or "runpod"); its settings are captured here, so the sweep
// file never holds hosts' keys or API keys.
#include "job_queue.h"
#include "runpod_runner.h"
#include "ssh_worker_runner.h"

namespace owb::remote {

// Remote failures are often the network's: retried twice with backoff unless set otherwise.
void registerSshHost(owb::jobs::JobQueue* queue, const QString& backend, const SshHostSettings& settings);
// Also installs a BudgetGuard (budget_guard.h) for sweeps with max_total_usd; returns it.
class BudgetGuard;
BudgetGuard* registerRunPod(owb::jobs::JobQueue* queue, const QString& backend, const RunPodSettings& settings);

}  // namespace owb::remote
