#include "ssh_worker_runner.h"

#include "atomic_json.h"
#include "worker_secrets.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QThread>

#include <optional>

namespace owb::remote {

using owb::jobs::JobLaunch;

namespace {
constexpr int kLivenessEveryPolls = 4;
const QString kEvents = QStringLiteral("events.jsonl");
const QString kStderr = QStringLiteral("worker.stderr.log");
const QString kExitCode = QStringLiteral("exit_code");
}  // namespace

QString SshHostSettings::defaultBuildCommand() {
  return QStringLiteral(
      "set -e; rm -rf src build; mkdir src; tar xzf src.tar.gz -C src; "
      "if ! command -v cmake >/dev/null || ! test -e /usr/include/nlohmann/json.hpp; then "
      "apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq cmake g++ make nlohmann-json3-dev; fi; "
      "cmake -S src -B build -DCMAKE_BUILD_TYPE=Release -DOWB_GUI=OFF "
      "-DCMAKE_PREFIX_PATH=\"$(python3 -c 'import torch; print(torch.utils.cmake_prefix_path)')\"; "
      "cmake --build build --target owb -j\"$(nproc)\"");
}

QString knownHostsFile(const QString& workspace) { return QDir(workspace).filePath(QStringLiteral("remote/known_hosts.json")); }

// The blocking part, on the job's thread. Talks to the runner only through post().
class SshWorkerRunner::Work {
 public:
  explicit Work(SshWorkerRunner* runner)
      : r_(runner), s_(runner->settings_), launch_(runner->launch_), ssh_([runner] { return runner->stop_.load(); }) {
    secrets_ = s_.worker_secrets;
    if (s_.pass_hf_token && !secrets_.contains(QStringLiteral("HF_TOKEN")))
      for (auto [name, value] : defaultWorkerSecrets().asKeyValueRange()) secrets_.insert(name, value);
  }

  void run() {
    QString error;
    if (!connectFirst(&error)) return;
    if (!prepare(&error)) return fail(error, transient_error_);
    if (!ensureOwb(&error)) return fail(error, transient_error_);
    if (!startWorker(&error)) return fail(error, transient_error_);
    stream();
  }

 private:
  template <class F>
  void post(F f) {
    QMetaObject::invokeMethod(r_, std::move(f), Qt::QueuedConnection);
  }
  QString scrub(const QString& text) const { return secrets_.isEmpty() ? text : scrubSecrets(text, secrets_); }
  QByteArray scrub(const QByteArray& line) const {
    return secrets_.isEmpty() ? line : scrubSecrets(QString::fromUtf8(line), secrets_).toUtf8();
  }
  void note(const QString& level, const QString& text) {
    post([r = r_, level, msg = scrub(text)] {
      r->appendLog(QStringLiteral("[remote] ") + msg);
      emit r->log(level, msg);
    });
  }
  void fail(const QString& why, bool transient) {
    post([r = r_, error = scrub(why), transient] { r->finish(QStringLiteral("failed"), error, transient); });
  }
  bool stopped() const { return r_->stop_.load(); }
  bool cancelled() const { return r_->cancel_.load(); }
  // Sleeps in slices so stop and cancel are seen within 50 ms.
  void nap(int ms) {
    for (int t = 0; t < ms && !stopped() && !cancelled(); t += 50) QThread::msleep(50);
  }

  bool connectOnce(QString* error) {
    const bool ok = ssh_.connect(s_.endpoint, KnownHosts(s_.known_hosts_file), s_.connect_timeout_ms, error);
    if (ok) ++r_->connections_;
    return ok;
  }

  // A refused key or a changed host key will not pass on a retry; everything else might.
  static bool isFinalConnectError(const QString& error) {
    return error.contains(QLatin1String("host key")) || error.contains(QLatin1String("SSH key")) ||
           error.contains(QLatin1String("no SSH key")) || error.contains(QLatin1String("refused the key")) ||
           error.contains(QLatin1String("known hosts"));
  }

  bool connectFirst(QString* error) {
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + s_.first_connect_deadline_ms;
    for (int attempt = 1;; ++attempt) {
      if (connectOnce(error)) return true;
      if (stopped()) return false;
      const bool final_error = isFinalConnectError(*error);
      if (cancelled() || final_error || QDateTime::currentMSecsSinceEpoch() >= deadline) {
        if (cancelled()) post([r = r_] { r->finish(QStringLiteral("cancelled"), tr("cancelled by the user"), false); });
        else fail(*error, !final_error);
        return false;
      }
      nap(qMin(500 * attempt, 5000));
    }
  }

  // After a transport error: reconnect with backoff until the deadline.
  bool reconnect(const QString& why) {
    note(QStringLiteral("warning"), QStringLiteral("connection to %1 lost (%2); reconnecting").arg(s_.endpoint.host, why));
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + s_.reconnect_deadline_ms;
    QString error;
    for (int attempt = 1; !stopped(); ++attempt) {
      ssh_.disconnect();
      if (connectOnce(&error)) {
        post([r = r_, offset = offset_] { emit r->reconnected(offset); });
        note(QStringLiteral("info"), QStringLiteral("reconnected; resuming the event stream at byte %1").arg(offset_));
        return true;
      }
      if (isFinalConnectError(error) || QDateTime::currentMSecsSinceEpoch() >= deadline) break;
      nap(qMin(250 * (1 << qMin(attempt, 5)), 5000));
    }
    last_error_ = QStringLiteral("connection to %1 lost and not regained: %2").arg(s_.endpoint.host, error);
    return false;
  }

  // A remote command that must succeed; `out` gets its stdout.
  bool run(const QString& cmd, QByteArray* out, QString* error) {
    SshSession::ExecResult res;
    if (!ssh_.exec(cmd, &res, error)) {
      transient_error_ = true;
      return false;
    }
    if (res.exit_code != 0) {
      *error = QStringLiteral("`%1` failed on %2 (exit %3): %4")
                   .arg(cmd.left(120), s_.endpoint.host)
                   .arg(res.exit_code)
                   .arg(QString::fromUtf8(res.err).trimmed());
      transient_error_ = false;
      return false;
    }
    if (out) *out = res.out;
    return true;
  }

  // An input given as a local path goes to <base>/inputs/<name>-<hash of its path>.
  QString uploadInput(const QString& local, QString* error) {
    const QFileInfo info(local);
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(info.absoluteFilePath().toUtf8(), QCryptographicHash::Sha1).toHex().left(8));
    const QString remote_dir = QStringLiteral("%1/inputs/%2-%3").arg(base_, info.fileName(), hash);
    int sent = 0;
    if (info.isDir()) {
      if (!ssh_.uploadTree(info.absoluteFilePath(), remote_dir, error, &sent)) return {};
      note(QStringLiteral("info"), QStringLiteral("model folder %1: %2 file(s) uploaded").arg(info.fileName()).arg(sent));
      return remote_dir;
    }
    QTemporaryDir staging;  // a one-file tree, so the same sha256 cache applies
    if (!QFile::copy(info.absoluteFilePath(), QDir(staging.path()).filePath(info.fileName()))) {
      *error = QStringLiteral("cannot stage %1").arg(local);
      return {};
    }
    if (!ssh_.uploadTree(staging.path(), remote_dir, error, &sent)) return {};
    note(QStringLiteral("info"), QStringLiteral("dataset %1: %2 file(s) uploaded").arg(info.fileName()).arg(sent));
    return remote_dir + QLatin1Char('/') + info.fileName();
  }

  bool prepare(QString* error) {
    QByteArray out;
    if (!run(QStringLiteral("mkdir -p -- %1 && cd -- %1 && pwd").arg(s_.work_dir.startsWith(QLatin1Char('/')) ? shellQuote(s_.work_dir) : s_.work_dir),
             &out, error))
      return false;
    base_ = QString::fromUtf8(out).trimmed();
    remote_run_ = base_ + QLatin1Char('/') + QFileInfo(launch_.run_dir).fileName();
    post([r = r_, dir = remote_run_] { r->remote_run_dir_ = dir; });
    QJsonObject job = launch_.worker_job;
    QJsonObject config = job.value(QLatin1String("config")).toObject();
    if (s_.upload_inputs) {
      QJsonObject model = config.value(QLatin1String("model")).toObject();
      const QString model_path = model.value(QLatin1String("name")).toString();
      if (QFileInfo(model_path).isDir()) {
        const QString remote = uploadInput(model_path, error);
        if (remote.isEmpty()) return transient_error_ = true, false;
        model[QLatin1String("name")] = remote;
        config[QLatin1String("model")] = model;
      }
      QJsonObject dataset = config.value(QLatin1String("dataset")).toObject();
      const QString data_path = dataset.value(QLatin1String("name")).toString();
      if (QFileInfo(data_path).isFile()) {
        const QString remote = uploadInput(data_path, error);
        if (remote.isEmpty()) return transient_error_ = true, false;
        dataset[QLatin1String("name")] = remote;
        config[QLatin1String("dataset")] = dataset;
      }
    }
    QJsonObject output = config.value(QLatin1String("output")).toObject();
    output[QLatin1String("save_dir")] = base_;
    config[QLatin1String("output")] = output;
    job[QLatin1String("config")] = config;
    job[QLatin1String("run_dir")] = remote_run_;
    QTemporaryDir staging;
    const QString job_file = QDir(staging.path()).filePath(QStringLiteral("job.json"));
    if (!owb::jobs::writeJsonAtomic(job_file, job, error)) return false;
    if (!run(QStringLiteral("mkdir -p -- %1").arg(shellQuote(remote_run_)), nullptr, error)) return false;
    if (!ssh_.upload(job_file, remote_run_ + QStringLiteral("/job.json"), error)) return transient_error_ = true, false;
    return true;
  }

  // Builds owb on the host from the source archive unless that build is cached there already.
  bool ensureOwb(QString* error) {
    owb_path_ = s_.owb_path;
    if (s_.owb_source_archive.isEmpty()) return true;
    QFile archive(s_.owb_source_archive);
    if (!archive.open(QIODevice::ReadOnly)) {
      *error = QStringLiteral("cannot read the owb source archive %1").arg(s_.owb_source_archive);
      transient_error_ = false;
      return false;
    }
    QCryptographicHash h(QCryptographicHash::Sha256);
    h.addData(&archive);
    QString key = s_.build_cache_key;
    key.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]")), QStringLiteral("_"));
    const QString cache = s_.build_cache_dir.isEmpty() ? base_ + QStringLiteral("/owb-build") : s_.build_cache_dir;
    const QString dir = QStringLiteral("%1/%2-%3").arg(cache, key, QString::fromLatin1(h.result().toHex().left(12)));
    const QString owb = dir + QStringLiteral("/build/app/owb");
    SshSession::ExecResult res;
    if (!ssh_.exec(QStringLiteral("test -x %1").arg(shellQuote(owb)), &res, error)) return transient_error_ = true, false;
    if (res.exit_code == 0) {
      note(QStringLiteral("info"), QStringLiteral("using the cached owb build %1").arg(owb));
      owb_path_ = owb;
      return true;
    }
    note(QStringLiteral("info"), QStringLiteral("building owb on %1 in %2 (log: build.log)").arg(s_.endpoint.host, dir));
    if (!run(QStringLiteral("mkdir -p -- %1").arg(shellQuote(dir)), nullptr, error)) return false;
    if (!ssh_.upload(s_.owb_source_archive, dir + QStringLiteral("/src.tar.gz"), error)) return transient_error_ = true, false;
    if (!ssh_.exec(QStringLiteral("cd -- %1 && (%2) > build.log 2>&1").arg(shellQuote(dir), s_.build_command), &res, error,
                   s_.build_timeout_ms))
      return transient_error_ = true, false;
    if (res.exit_code != 0 || !ssh_.exec(QStringLiteral("test -x %1").arg(shellQuote(owb)), &res, error) || res.exit_code != 0) {
      SshSession::ExecResult log;
      QString ignored;
      ssh_.exec(QStringLiteral("tail -n 15 %1/build.log").arg(shellQuote(dir)), &log, &ignored);
      *error = QStringLiteral("building owb on %1 failed; the end of %2/build.log:\n%3").arg(s_.endpoint.host, dir, QString::fromUtf8(log.out).trimmed());
      transient_error_ = false;
      return false;
    }
    note(QStringLiteral("info"), QStringLiteral("owb built: %1").arg(owb));
    owb_path_ = owb;
    return true;
  }

  // The secrets' 0600 file, and the launcher's preamble that loads it into the environment and
  // deletes it before owb starts (empty when there are none).
  bool writeSecrets(QString* preamble, QString* error) {
    const QByteArray env = secretsEnvFile(secrets_);
    if (env.isEmpty()) return true;
    const QString file = QLatin1String(kSecretsFileName);
    if (!ssh_.writePrivateFile(remote_run_ + QLatin1Char('/') + file, env, error)) return transient_error_ = true, false;
    *preamble = QStringLiteral("if [ -f %1 ]; then set -a; . ./%1; set +a; rm -f %1; fi; ").arg(file);
    note(QStringLiteral("info"), QStringLiteral("passing %1 to the worker as secret environment").arg(QStringList(secrets_.keys()).join(QLatin1String(", "))));
    return true;
  }

  bool startWorker(QString* error) {
    QString preamble;
    if (!writeSecrets(&preamble, error)) return false;
    const QString script = preamble + QStringLiteral("%1 worker --job job.json > %2 2> %3; echo $? > %4")
                                          .arg(shellQuote(owb_path_), kEvents, kStderr, kExitCode);
    const QString cmd = QStringLiteral("cd -- %1 && rm -f %2 %3 %4 && (setsid nohup sh -c %5 </dev/null >/dev/null 2>&1 & echo $! > worker.pid) && cat worker.pid")
                            .arg(shellQuote(remote_run_), kEvents, kStderr, kExitCode, shellQuote(script));
    QByteArray out;
    if (slurm()) return submitToSlurm(script, error);
    if (!run(cmd, &out, error)) return false;
    pid_ = out.trimmed().toLongLong();
    if (pid_ <= 0) {
      *error = QStringLiteral("the worker did not start on %1").arg(s_.endpoint.host);
      return false;
    }
    note(QStringLiteral("info"), QStringLiteral("worker started on %1 (pid %2) in %3").arg(s_.endpoint.host).arg(pid_).arg(remote_run_));
    post([r = r_, dir = remote_run_, pid = pid_] { emit r->remoteWorkerStarted(dir, pid); });
    return startWatchdog(error);
  }

  // The dead-man switch: runs `watchdog_command` on the host once `heartbeat` (touched by every
  // liveness poll) is older than the grace period, i.e. when this app is gone for good.
  bool startWatchdog(QString* error) {
    if (s_.watchdog_command.isEmpty()) return true;
    const int grace_s = qMax(1, s_.watchdog_grace_s);
    const QString loop = QStringLiteral(
                             "while sleep %1; do { [ -e heartbeat ] && [ ! -e released ]; } || exit 0; "
                             "age=$(( $(date +%s) - $(stat -c %Y heartbeat 2>/dev/null || date +%s) )); "
                             "if [ \"$age\" -gt %2 ]; then echo \"$(date) no heartbeat for ${age}s\" >> watchdog.log; %3; exit; fi; done")
                             .arg(qMax(1, grace_s / 4))
                             .arg(grace_s)
                             .arg(s_.watchdog_command);
    return run(QStringLiteral("cd -- %1 && touch heartbeat && (setsid nohup sh -c %2 </dev/null >/dev/null 2>&1 &)")
                   .arg(shellQuote(remote_run_), shellQuote(loop)),
               nullptr, error);
  }

  // The job is over and its folder copied back: the watchdog stands down (the runner decides
  // about the pod from here on).
  void releaseWatchdog() {
    if (s_.watchdog_command.isEmpty() || remote_run_.isEmpty() || !ssh_.isConnected()) return;
    SshSession::ExecResult res;
    QString error;
    ssh_.exec(QStringLiteral("touch %1/released").arg(shellQuote(remote_run_)), &res, &error);
  }

  bool heartbeat(QString* error) {
    if (s_.watchdog_command.isEmpty()) return true;
    SshSession::ExecResult res;
    return ssh_.exec(QStringLiteral("touch %1/heartbeat").arg(shellQuote(remote_run_)), &res, error);
  }

  // New bytes of a remote file from `*offset`; complete lines go to `each`, the rest waits.
  bool tail(const QString& name, qint64* offset, QByteArray* pending, const std::function<void(QByteArray)>& each,
            QString* error) {
    QByteArray data;
    bool exists = false;
    if (!ssh_.readFrom(remote_run_ + QLatin1Char('/') + name, *offset, &data, &exists, error)) return false;
    *offset += data.size();
    *pending += data;
    for (qsizetype nl; (nl = pending->indexOf('\n')) >= 0;) {
      const QByteArray line = pending->left(nl).trimmed();
      pending->remove(0, nl + 1);
      if (!line.isEmpty()) each(line);
    }
    return true;
  }

  // One round: events, stderr, the exit code, liveness. nullopt: still running.
  std::optional<int> pollOnce(int round, bool* transport_ok, QString* error) {
    *transport_ok = false;
    auto event = [this](QByteArray line) { post([r = r_, line = scrub(line)] { r->handleLine(line); }); };
    auto stderr_line = [this](QByteArray line) {
      post([r = r_, text = scrub(QString::fromUtf8(line))] {
        r->appendLog(QStringLiteral("[stderr] ") + text);
        emit r->log(QStringLiteral("stderr"), text);
      });
    };
    // The exit code first: when it is there, the events file is complete, so read it after.
    QByteArray code;
    bool has_code = false;
    if (!ssh_.readFrom(remote_run_ + QLatin1Char('/') + kExitCode, 0, &code, &has_code, error)) return std::nullopt;
    if (!tail(kEvents, &offset_, &pending_events_, event, error)) return std::nullopt;
    if (!tail(kStderr, &log_offset_, &pending_log_, stderr_line, error)) return std::nullopt;
    if (has_code && !code.trimmed().isEmpty()) {
      *transport_ok = true;
      return code.trimmed().toInt();
    }
    if (round % kLivenessEveryPolls == kLivenessEveryPolls - 1 && !heartbeat(error)) return std::nullopt;
    if (slurm() && round % kLivenessEveryPolls == kLivenessEveryPolls - 1) {
      QString state;
      bool ok = false;
      if (slurmAlive(&ok, &state, error)) {
        *transport_ok = ok;
        return std::nullopt;
      }
      if (!ok) return std::nullopt;
      // Left the queue: the exit code may have landed since the read above.
      if (!ssh_.readFrom(remote_run_ + QLatin1Char('/') + kExitCode, 0, &code, &has_code, error)) return std::nullopt;
      tail(kEvents, &offset_, &pending_events_, event, error);
      *transport_ok = true;
      if (has_code && !code.trimmed().isEmpty()) return code.trimmed().toInt();
      gone_reason_ = QStringLiteral("SLURM job %1 ended (%2) before the worker wrote its exit code").arg(pid_).arg(state.isEmpty() ? QStringLiteral("state unknown") : state);
      return -1;
    }
    if (!slurm() && round % kLivenessEveryPolls == kLivenessEveryPolls - 1) {
      SshSession::ExecResult res;
      if (!ssh_.exec(QStringLiteral("kill -0 %1 2>/dev/null || test -s %2/%3").arg(pid_).arg(shellQuote(remote_run_), kExitCode), &res, error))
        return std::nullopt;
      if (res.exit_code != 0) {
        *transport_ok = true;
        // Gone without an exit code: the whole process group was killed. One last read.
        tail(kEvents, &offset_, &pending_events_, event, error);
        return -1;
      }
    }
    *transport_ok = true;
    return std::nullopt;
  }

  bool slurm() const { return s_.scheduler == QLatin1String("slurm"); }
  QString slurmTool(const char* name) const {
    return s_.slurm_bin_dir.isEmpty() ? QString::fromLatin1(name) : shellQuote(s_.slurm_bin_dir + QLatin1Char('/') + QLatin1String(name));
  }

  bool submitToSlurm(const QString& script, QString* error) {
    QStringList args;
    for (const QString& a : s_.sbatch_args) args << shellQuote(a);
    const QString cmd = QStringLiteral("cd -- %1 && rm -f %2 %3 %4 && %5 --parsable --job-name=%6 --chdir=%1 --output=/dev/null %7 --wrap=%8")
                            .arg(shellQuote(remote_run_), kEvents, kStderr, kExitCode, slurmTool("sbatch"),
                                 shellQuote(QStringLiteral("owb-") + launch_.job_id), args.join(QLatin1Char(' ')), shellQuote(script));
    QByteArray out;
    if (!run(cmd, &out, error)) return false;
    pid_ = out.trimmed().split(';').value(0).toLongLong();  // "<id>" or "<id>;<cluster>"
    if (pid_ <= 0) {
      *error = QStringLiteral("sbatch on %1 gave no job id: %2").arg(s_.endpoint.host, QString::fromUtf8(out).trimmed());
      return false;
    }
    note(QStringLiteral("info"), QStringLiteral("submitted to SLURM on %1 as job %2").arg(s_.endpoint.host).arg(pid_));
    post([r = r_, dir = remote_run_, pid = pid_] { emit r->remoteWorkerStarted(dir, pid); });
    return true;
  }

  // True: still queued or running. False with `state` set when SLURM no longer lists it.
  bool slurmAlive(bool* transport_ok, QString* state, QString* error) {
    SshSession::ExecResult res;
    *transport_ok = ssh_.exec(QStringLiteral("%1 -h -j %2 -o %T 2>/dev/null").arg(slurmTool("squeue")).arg(pid_), &res, error);
    if (!*transport_ok) return true;
    const QString now = QString::fromUtf8(res.out).trimmed();
    if (!now.isEmpty()) {
      if (now != slurm_state_) note(QStringLiteral("info"), QStringLiteral("SLURM job %1: %2").arg(pid_).arg(now));
      slurm_state_ = now;
      return true;
    }
    *transport_ok = ssh_.exec(QStringLiteral("%1 -j %2 -X -n -o State 2>/dev/null").arg(slurmTool("sacct")).arg(pid_), &res, error);
    *state = QString::fromUtf8(res.out).trimmed();
    return false;
  }

  void killWorker() {
    QString error;
    SshSession::ExecResult res;
    if (slurm()) {
      ssh_.exec(QStringLiteral("%1 %2").arg(slurmTool("scancel")).arg(pid_), &res, &error);
      return;
    }
    ssh_.exec(QStringLiteral("kill -TERM -%1 2>/dev/null; sleep 1; kill -KILL -%1 2>/dev/null; true").arg(pid_), &res, &error);
  }

  // A worker that printed a secret (a library echoing its environment) must not leave it in the
  // run store: the copied logs and event stream are scrubbed.
  void scrubCopiedLogs() {
    if (secrets_.isEmpty()) return;
    for (const QString& name : {kEvents, kStderr}) {
      QFile f(QDir(launch_.run_dir).filePath(name));
      if (!f.open(QIODevice::ReadOnly)) continue;
      const QByteArray text = f.readAll();
      f.close();
      const QByteArray clean = scrub(text);
      if (clean != text && f.open(QIODevice::WriteOnly | QIODevice::Truncate)) f.write(clean);
    }
  }

  // Copies the run folder back, reconnecting as needed; the .part files make it resume. The
  // secrets file goes first (the launcher deletes it, unless the worker never started).
  bool fetchBack(QString* error) {
    for (int attempt = 0; attempt < 5 && !stopped(); ++attempt) {
      int got = 0;
      SshSession::ExecResult res;
      QString ignored;
      if ((ssh_.isConnected() || reconnect(QStringLiteral("before the copy"))) &&
          ssh_.exec(QStringLiteral("rm -f %1/%2").arg(shellQuote(remote_run_), QLatin1String(kSecretsFileName)), &res, &ignored) &&
          ssh_.downloadTree(remote_run_, launch_.run_dir, error, &got)) {
        QFile::remove(QDir(launch_.run_dir).filePath(QLatin1String(kSecretsFileName)));
        scrubCopiedLogs();
        note(QStringLiteral("info"), QStringLiteral("run folder copied back (%1 file(s))").arg(got));
        return true;
      }
      ssh_.disconnect();
      nap(1000);
    }
    return false;
  }

  void stream() {
    std::optional<int> exit_code;
    const qint64 started_ms = QDateTime::currentMSecsSinceEpoch();
    for (int round = 0; !stopped(); ++round) {
      if (s_.max_runtime_ms > 0 && QDateTime::currentMSecsSinceEpoch() - started_ms > s_.max_runtime_ms) {
        killWorker();
        QString error;
        fetchBack(&error);
        releaseWatchdog();
        return fail(QStringLiteral("the worker ran past the maximum runtime of %1 s and was stopped").arg(s_.max_runtime_ms / 1000), false);
      }
      if (cancelled()) {
        killWorker();
        QString error;
        fetchBack(&error);
        releaseWatchdog();
        post([r = r_] { r->finish(QStringLiteral("cancelled"), tr("cancelled by the user"), false); });
        return;
      }
      bool transport_ok = false;
      QString error;
      exit_code = pollOnce(round, &transport_ok, &error);
      if (exit_code) break;
      if (!transport_ok) {
        if (stopped()) return;
        if (!reconnect(error)) return fail(last_error_, true);
        continue;
      }
      nap(s_.poll_interval_ms);
    }
    if (stopped()) return;
    QString error;
    const bool fetched = fetchBack(&error);
    if (fetched) releaseWatchdog();
    const int code = *exit_code;
    post([r = r_, code, fetched, error, host = s_.endpoint.host, gone = gone_reason_] {
      QString fetch_error = fetched ? QString() : tr("; the run folder could not be copied back: %1").arg(error);
      if (r->finished_event_seen_) {
        const bool ok = r->finished_status_ == QLatin1String("ok") && fetched;
        r->finish(ok ? QStringLiteral("ok") : QStringLiteral("failed"), r->finished_error_ + fetch_error, !fetched);
        return;
      }
      QString why = !gone.isEmpty() ? gone
                    : code < 0 ? tr("the worker on %1 was killed (its process group is gone) before it finished").arg(host)
                             : tr("the worker on %1 exited with code %2 without a finished event").arg(host).arg(code);
      if (!r->recentLog().isEmpty()) why += tr("; last log line: %1").arg(r->recentLog().last());
      r->markRunFailed(r->launch_.run_dir, why);
      r->finish(QStringLiteral("failed"), why + fetch_error, true);
    });
  }

  SshWorkerRunner* r_;
  const SshHostSettings s_;
  const JobLaunch launch_;
  SshSession ssh_;
  QString base_;
  QString remote_run_;
  QString owb_path_;
  QString slurm_state_;
  QString gone_reason_;
  qint64 pid_ = 0;
  qint64 offset_ = 0;
  qint64 log_offset_ = 0;
  QByteArray pending_events_;
  QByteArray pending_log_;
  bool transient_error_ = true;
  QString last_error_;
  QHash<QString, QString> secrets_;
};

SshWorkerRunner::SshWorkerRunner(SshHostSettings settings, QObject* parent)
    : JobRunner(parent), settings_(std::move(settings)) {}

SshWorkerRunner::~SshWorkerRunner() {
  done_ = true;
  stop_ = true;
  if (thread_) thread_->wait();
}

QString SshWorkerRunner::remoteRunDir() const { return remote_run_dir_; }

void SshWorkerRunner::start(const JobLaunch& launch) {
  launch_ = launch;
  QDir().mkpath(launch.run_dir);
  openWorkerLog(launch.run_dir);
  QString error;
  if (!owb::jobs::writeJsonAtomic(QDir(launch.run_dir).filePath(QStringLiteral("job.json")), launch.worker_job, &error)) {
    finish(QStringLiteral("failed"), tr("could not write the job file: %1").arg(error), false);
    return;
  }
  const SshEndpoint& ep = settings_.endpoint;
  appendLog(QStringLiteral("[job] ssh %1@%2:%3 %4 worker (work dir %5)").arg(ep.user, ep.host).arg(ep.port).arg(settings_.owb_path, settings_.work_dir));
  thread_ = QThread::create([this] {
    Work work(this);
    work.run();
  });
  thread_->setParent(this);
  thread_->start();
}

void SshWorkerRunner::cancel() {
  if (done_) return;
  cancel_ = true;
}

void SshWorkerRunner::handleLine(const QByteArray& line) {
  if (done_) return;
  QString why;
  const std::optional<owb::jobs::WorkerEvent> event = owb::jobs::parseWorkerEvent(line, &why);
  if (!event) {
    const QString shown = QString::fromUtf8(line.left(300));
    appendLog(QStringLiteral("[job] malformed event line (%1): %2").arg(why, shown));
    emit log(QStringLiteral("warning"), tr("malformed event line (%1): %2").arg(why, shown));
    return;
  }
  if (event->kind == owb::jobs::WorkerEvent::Kind::Log) {
    rememberLogEvent(*event);
  }
  if (event->kind == owb::jobs::WorkerEvent::Kind::Started) {
    // The worker names its run folder on the host; the queue and the views want ours.
    owb::jobs::WorkerEvent local = *event;
    local.run = launch_.run_dir;
    dispatch(local);
    return;
  }
  dispatch(*event);
}


void SshWorkerRunner::finish(const QString& status, const QString& error, bool transient) {
  if (done_) return;
  done_ = true;
  transient_ = transient;
  appendLog(QStringLiteral("[job] finished: %1%2").arg(status, error.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(error)));
  closeWorkerLog();
  emit finished(status, error);
}

}  // namespace owb::remote
