#pragma once
// Runs a job on a fresh RunPod pod: create (GPU types in preference order; retries on 5xx/429)
// -> record in the ledger -> wait for RUNNING and ssh.direct (provisioning deadline) -> the job
// through SshWorkerRunner (owb must be on the image: see docs/remote.md) -> run folder copied
// back -> terminate unless keep_running. Every path out (ok, failure, cancel, the runner
// destroyed at app exit) terminates the pod; what cannot be terminated now stays active in
// the ledger for reconcilePods() at the next start.
#include "job_runner.h"
#include "pod_ledger.h"
#include "runpod_client.h"
#include "ssh_worker_runner.h"

#include <QHash>
#include <QPointer>

class QTimer;

namespace owb::remote {

struct RunPodSettings {
  QString base_url = RunPodClient::defaultBaseUrl();
  // The variable's name; without it the app's secret store (secret_store.h) is asked. The key
  // itself is never in these settings.
  QString api_key_env = QStringLiteral("RUNPOD_API_KEY");
  PodSpec pod;
  QString name_prefix = QStringLiteral("owb-");
  QString workspace;  // ledger and known hosts live under <workspace>/remote/
  bool keep_running = false;
  int provision_timeout_ms = 20 * 60 * 1000;  // dstack's 20 min: large images pull slowly
  int poll_interval_ms = 5000;
  int create_retries = 3;
  int api_retry_base_ms = 2000;
  QString graphql_url;  // the price list's endpoint; empty: next to base_url (RunPodClient)
  // A sweep's max_total_usd (budget_guard.h): checked this often, and a pod counts as committed
  // to this many more seconds of billing (it bills until the next check can stop it).
  int budget_check_interval_ms = 30000;
  int budget_commit_s = 300;
  // SSH side: endpoint host/port/user come from the pod; key, owb path and work dir from here.
  SshHostSettings ssh;
};

class RunPodRunner : public owb::jobs::JobRunner {
  Q_OBJECT
 public:
  explicit RunPodRunner(RunPodSettings settings, QObject* parent = nullptr);
  // App exit with a pod up: terminate it now (waits up to 10 s); the ledger covers the rest.
  ~RunPodRunner() override;

  void start(const owb::jobs::JobLaunch& launch) override;
  void cancel() override;
  QString podId() const { return pod_id_; }
  SshWorkerRunner* sshRunner() const { return ssh_; }

 signals:
  void podCreated(const QString& pod_id);
  void podReady(const QString& pod_id, const QString& host, int port);
  void podTerminated(const QString& pod_id);

 private:
  // The sweep's options (sweep_runpod.h) over the backend's; false when the job cannot run.
  bool applyBackendOptions(QString* error);
  // min VRAM / max $/hour: keep the GPU types that fit (price list from the API), then create.
  void filterGpuTypesThenCreate();
  void createPod(int gpu_index, int attempt);
  void pollPod();
  void runJob(const Pod& pod);
  void endWith(const QString& status, const QString& error, bool transient);
  void terminateThen(int attempt, std::function<void(bool ok, const QString& error)> then);
  void finishNow(const QString& status, const QString& error, bool transient);
  void say(const QString& level, const QString& msg);
  void later(int ms, std::function<void()> f);

  RunPodSettings settings_;
  owb::jobs::JobLaunch launch_;
  RunPodClient* client_ = nullptr;
  PodLedger ledger_;
  QString pod_id_;
  bool pod_active_ = false;
  qint64 provision_deadline_ms_ = 0;
  double min_vram_gib_ = 0;
  double max_usd_per_hour_ = 0;
  QHash<QString, double> listed_usd_per_hour_;  // per GPU type, x gpu_count
  QPointer<SshWorkerRunner> ssh_;
  bool cancelled_ = false;
  bool ending_ = false;
  bool done_ = false;
};

}  // namespace owb::remote
