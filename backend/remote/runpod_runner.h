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

#include <QPointer>

class QTimer;

namespace owb::remote {

struct RunPodSettings {
  QString base_url = RunPodClient::defaultBaseUrl();
  QString api_key_env = QStringLiteral("RUNPOD_API_KEY");  // the variable's name; the key is never stored
  PodSpec pod;
  QString name_prefix = QStringLiteral("owb-");
  QString workspace;  // ledger and known hosts live under <workspace>/remote/
  bool keep_running = false;
  int provision_timeout_ms = 20 * 60 * 1000;  // dstack's 20 min: large images pull slowly
  int poll_interval_ms = 5000;
  int create_retries = 3;
  int api_retry_base_ms = 2000;
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
  QPointer<SshWorkerRunner> ssh_;
  bool cancelled_ = false;
  bool ending_ = false;
  bool done_ = false;
};

}  // namespace owb::remote
