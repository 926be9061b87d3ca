#pragma once
// Runs a job on any SSH host: `owb worker` started detached on the host, its events streamed
// back live, the run folder copied back at the end. One thread per job does the blocking SSH
// work; everything it learns arrives on the runner's thread as JobRunner signals.
//
// On the host, under <work_dir> (made absolute on first contact):
//   inputs/<name>-<hash>/          model folder / dataset file uploaded from here (when they are
//                                  local paths; hub ids are resolved by the remote owb itself)
//   <run folder name>/job.json     the job, with run_dir, save_dir and input paths rewritten
//   <run folder name>/events.jsonl the worker's stdout (one event a line): streamed by byte offset,
//                                  so a dropped connection resumes where it stopped
//   <run folder name>/worker.stderr.log, exit_code, worker.pid
// The worker runs as `setsid nohup sh -c 'owb worker ... ; echo $? > exit_code' &`: it survives
// SSH drops and the app quitting (an SSH host is the user's own machine; pods are terminated by
// RunPodRunner and the ledger).
#include "job_runner.h"
#include "ssh_session.h"

#include <QHash>
#include <QStringList>

#include <atomic>

class QThread;

namespace owb::remote {

struct SshHostSettings {
  SshEndpoint endpoint;
  QString work_dir = QStringLiteral("owb-runs");  // relative: under the login's home
  QString owb_path = QStringLiteral("owb");       // the owb command on the host
  bool upload_inputs = true;  // local model folders / dataset files are copied to <work_dir>/inputs
  // Environment the worker gets as secrets (worker_secrets.h: a 0600 file the launcher sources
  // and deletes; never on a command line, in a file here or in a log). pass_hf_token adds
  // HF_TOKEN (the environment's, or the token file `huggingface-cli login` writes) at each start,
  // so a pod or host downloads gated hub models itself.
  QHash<QString, QString> worker_secrets;
  bool pass_hf_token = true;
  QString known_hosts_file;   // <workspace>/remote/known_hosts.json
  int connect_timeout_ms = 15000;
  // The first connection is retried until this long has passed (a new pod's sshd comes up late).
  int first_connect_deadline_ms = 0;
  int poll_interval_ms = 500;
  // A lost connection is retried (with backoff) for this long before the job fails.
  int reconnect_deadline_ms = 60000;
  // A dead-man switch on the host (RunPod: terminate the pod itself with runpodctl): run when no
  // poll has touched <run dir>/heartbeat for watchdog_grace_s. Empty: none (own machines).
  QString watchdog_command;
  int watchdog_grace_s = 15 * 60;
  // "" (start the worker directly) or "slurm": submitted with sbatch (--wrap, the same detached
  // command line), watched with squeue/sacct, cancelled with scancel. The host is the login node.
  QString scheduler;
  QStringList sbatch_args;  // e.g. --partition=gpu --gres=gpu:1 --time=02:00:00
  QString slurm_bin_dir;    // where sbatch & co. live; empty: the login shell's PATH
  // The worker is killed and the job fails past this long (0: no limit). Pods bill by the hour.
  qint64 max_runtime_ms = 0;

  // Building owb on the host (docs/remote.md): when owb_source_archive names a local
  // `git archive --format=tar.gz` of the source tree, it is uploaded to
  // <build_cache_dir>/<build_cache_key>-<archive sha256>/src.tar.gz and built there with
  // build_command (against the host's PyTorch), once: a later job with the same key and source
  // finds build/app/owb and uses it. owb_path is then ignored.
  QString owb_source_archive;
  QString build_cache_dir;  // empty: <work_dir>/owb-build (pods: a network volume under /workspace keeps it)
  QString build_cache_key = QStringLiteral("host");  // RunPodRunner uses the image name
  QString build_command = defaultBuildCommand();
  int build_timeout_ms = 45 * 60 * 1000;

  // Unpacks src.tar.gz into src/ and builds the owb target into build/ (cmake, a compiler and
  // nlohmann-json are installed with apt-get when missing; libtorch from the image's PyTorch).
  static QString defaultBuildCommand();
};

// The workspace's known-hosts file.
QString knownHostsFile(const QString& workspace);

class SshWorkerRunner : public owb::jobs::JobRunner {
  Q_OBJECT
 public:
  explicit SshWorkerRunner(SshHostSettings settings, QObject* parent = nullptr);
  // Stops streaming without touching the remote worker (it runs on, detached).
  ~SshWorkerRunner() override;

  void start(const owb::jobs::JobLaunch& launch) override;
  void cancel() override;

  // Connections made (the first plus reconnects), for tests and the monitor.
  int connections() const { return connections_.load(); }
  QString remoteRunDir() const;

 signals:
  // The worker is running on the host with this process id (its process group), or was
  // submitted to SLURM with this job id.
  void remoteWorkerStarted(const QString& remote_run_dir, qint64 pid);
  void reconnected(qint64 event_offset);

 private:
  class Work;
  void handleLine(const QByteArray& line);
  void finish(const QString& status, const QString& error, bool transient);

  SshHostSettings settings_;
  owb::jobs::JobLaunch launch_;
  QThread* thread_ = nullptr;
  std::atomic<bool> cancel_{false};
  std::atomic<bool> stop_{false};
  std::atomic<int> connections_{0};
  QString remote_run_dir_;
  bool done_ = false;
};

}  // namespace owb::remote
