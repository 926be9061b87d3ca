// The SSH transport and the SSH-host runner against a real sshd on loopback, running the real
// `owb worker` on a planted model: results match a local run; the event stream survives a
// dropped connection (resumed from its byte offset); a remotely killed worker, cancel, a
// changed host key, a wrong key path and an unreachable host each end the way they should.
#include "remote_fixtures.h"

#include "job_queue.h"
#include "job_runner.h"
#include "remote_backends.h"
#include "local_worker_process.h"
#include "ssh_session.h"
#include "ssh_worker_runner.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTcpServer>
#include <QtTest>

#include <csignal>

using namespace owb::jobs;
using namespace owb::remote;
using namespace owb::remote_test;

namespace {

struct Outcome {
  QString status;
  QString error;
  bool transient = false;
  int started = 0;
  int layer_stats = 0;
  QStringList hooks;  // layer_stats hooks in arrival order
  QString run;        // as the started signal gave it
};

Outcome runToEnd(JobRunner* runner, const JobLaunch& launch, int timeout_ms = 120000) {
  Outcome o;
  QObject::connect(runner, &JobRunner::started, runner, [&o](const QString& run) {
    ++o.started;
    o.run = run;
  });
  QObject::connect(runner, &JobRunner::layerStats, runner, [&o](const LayerStatsEvent& s) {
    ++o.layer_stats;
    o.hooks << s.hook;
  });
  QSignalSpy finished(runner, &JobRunner::finished);
  runner->start(launch);
  if (finished.isEmpty() && !finished.wait(timeout_ms)) {
    o.status = QStringLiteral("timeout");
    return o;
  }
  o.status = finished.at(0).at(0).toString();
  o.error = finished.at(0).at(1).toString();
  o.transient = runner->lastFailureTransient();
  return o;
}

QString fileSha(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QString::fromLatin1(QCryptographicHash::hash(f.readAll(), QCryptographicHash::Sha256).toHex());
}

}  // namespace

class SshRunnerTest : public QObject {
  Q_OBJECT
 private:
  TestSshd sshd_;
  QTemporaryDir tmp_;
  QString model_;
  QString local_run_;
  Outcome local_;
  int job_counter_ = 0;

  SshHostSettings settings(const QString& workspace) const {
    SshHostSettings s;
    s.endpoint.host = QStringLiteral("127.0.0.1");
    s.endpoint.port = sshd_.port();
    s.endpoint.user = sshd_.user();
    s.endpoint.key_path = sshd_.userKey();
    s.work_dir = QDir(tmp_.path()).filePath(QStringLiteral("host-work"));
    s.owb_path = QStringLiteral(OWB_BINARY);  // the "host" is this machine
    s.known_hosts_file = knownHostsFile(workspace);
    s.poll_interval_ms = 100;
    s.reconnect_deadline_ms = 20000;
    return s;
  }

  JobLaunch launchFor(const QString& workspace, const QString& backend) {
    const QString id = QStringLiteral("job%1").arg(++job_counter_);
    const JobSpec spec = smallJob(id, model_, backend);
    const QString run_dir = QDir(workspace).filePath(QStringLiteral("runs/remote-test/%1_20260101_000000").arg(id));
    return JobLaunch{id, run_dir, spec.workerJob(run_dir)};
  }

  QString newWorkspace() {
    const QString ws = QDir(tmp_.path()).filePath(QStringLiteral("ws%1").arg(++job_counter_));
    QDir().mkpath(ws);
    return ws;
  }

  void verifyMatchesLocal(const QString& run_dir) {
    const QJsonObject remote_stats = readJson(QDir(run_dir).filePath(QStringLiteral("layer_stats.json")));
    const QJsonObject local_stats = readJson(QDir(local_run_).filePath(QStringLiteral("layer_stats.json")));
    QVERIFY(!remote_stats.isEmpty());
    QCOMPARE(remote_stats.value("hooks"), local_stats.value("hooks"));
    QCOMPARE(remote_stats.value("max_abs"), local_stats.value("max_abs"));
    QCOMPARE(remote_stats.value("hits"), local_stats.value("hits"));
    const QJsonObject remote_final = readJson(QDir(run_dir).filePath(QStringLiteral("final_analysis_results.json")));
    const QJsonObject local_final = readJson(QDir(local_run_).filePath(QStringLiteral("final_analysis_results.json")));
    QCOMPARE(remote_final.value("systematic_outliers"), local_final.value("systematic_outliers"));
    bool planted = false;
    for (const QJsonValue& v : remote_final.value("systematic_outliers").toArray())
      planted |= v.toObject().value("feature_dim").toInt() == 5;
    QVERIFY2(planted, "the planted dimension 5 is not among the systematic outliers");
    QCOMPARE(readJson(QDir(run_dir).filePath(QStringLiteral("run.json"))).value("status").toString(), QStringLiteral("ok"));
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    const QString e = sshd_.start();
    if (e.contains(QLatin1String("not installed"))) QSKIP(qPrintable(e));
    QVERIFY2(e.isEmpty(), qPrintable(e));
    model_ = makePlantedModel(tmp_.path());
    QVERIFY(!model_.isEmpty());
    // The reference: the same job run locally.
    qputenv("OWB_BINARY", OWB_BINARY);
    const QString ws = newWorkspace();
    const JobLaunch launch = launchFor(ws, QStringLiteral("local"));
    LocalWorkerProcess local;
    local_ = runToEnd(&local, launch);
    QCOMPARE(local_.status, QStringLiteral("ok"));
    QVERIFY(local_.layer_stats > 0);
    local_run_ = launch.run_dir;
  }

  void sessionExecAndVerifiedTransfers() {
    const QString ws = newWorkspace();
    SshSession ssh;
    QString error;
    SshHostSettings s = settings(ws);
    QVERIFY2(ssh.connect(s.endpoint, KnownHosts(s.known_hosts_file), 10000, &error), qPrintable(error));
    QVERIFY(!KnownHosts(s.known_hosts_file).pinned(s.endpoint.hostKeyName()).isEmpty());
    SshSession::ExecResult r;
    QVERIFY2(ssh.exec(QStringLiteral("echo out; echo err >&2; exit 3"), &r, &error), qPrintable(error));
    QCOMPARE(r.exit_code, 3);
    QCOMPARE(r.out, QByteArray("out\n"));
    QCOMPARE(r.err, QByteArray("err\n"));
    const QString remote = QDir(tmp_.path()).filePath(QStringLiteral("transfer-host"));
    int sent = 0;
    QVERIFY2(ssh.uploadTree(model_, remote, &error, &sent), qPrintable(error));
    QVERIFY(sent >= 3);
    QVERIFY2(ssh.uploadTree(model_, remote, &error, &sent), qPrintable(error));
    QCOMPARE(sent, 0);  // unchanged files are not sent again
    const QString back = QDir(tmp_.path()).filePath(QStringLiteral("transfer-back"));
    QVERIFY2(ssh.downloadTree(remote, back, &error), qPrintable(error));
    const QString weights = QStringLiteral("/model.safetensors");
    QCOMPARE(fileSha(back + weights), fileSha(model_ + weights));
    // Resume: a correct partial download is continued, a corrupt one restarted; both verify.
    QFile original(model_ + weights);
    QVERIFY(original.open(QIODevice::ReadOnly));
    const QByteArray bytes = original.readAll();
    for (const QByteArray& partial : {bytes.left(bytes.size() / 2), QByteArray(1000, 'x')}) {
      QFile::remove(back + weights);
      QFile part(back + weights + QStringLiteral(".part"));
      QVERIFY(part.open(QIODevice::WriteOnly));
      part.write(partial);
      part.close();
      QVERIFY2(ssh.download(remote + weights, back + weights, &error), qPrintable(error));
      QCOMPARE(fileSha(back + weights), fileSha(model_ + weights));
      QVERIFY(!QFile::exists(back + weights + QStringLiteral(".part")));
    }
  }

  void runsJobOnSshHostAndMatchesLocalRun() {
    const QString ws = newWorkspace();
    const JobLaunch launch = launchFor(ws, QStringLiteral("ssh"));
    SshWorkerRunner runner(settings(ws));
    const Outcome o = runToEnd(&runner, launch);
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.status + ": " + o.error));
    QCOMPARE(o.started, 1);
    QCOMPARE(o.layer_stats, local_.layer_stats);  // live events, as many as locally
    QCOMPARE(o.run, launch.run_dir);              // the started event names our run folder, not the host's
    verifyMatchesLocal(launch.run_dir);
    QVERIFY(QFile::exists(QDir(launch.run_dir).filePath(QStringLiteral("events.jsonl"))));
    QVERIFY(QFile::exists(QDir(launch.run_dir).filePath(QStringLiteral("worker.log"))));
    // The inputs went to <work_dir>/inputs, not into the run folder that came back.
    QVERIFY(!QFile::exists(QDir(launch.run_dir).filePath(QStringLiteral("model.safetensors"))));
  }

  void resumesEventStreamAfterConnectionDrop() {
    const QString ws = newWorkspace();
    const JobLaunch launch = launchFor(ws, QStringLiteral("ssh"));
    SshHostSettings s = settings(ws);
    // The real worker, its events slowed down so the drop lands mid-stream.
    s.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("slow-owb.sh"),
                                 QStringLiteral("set -o pipefail\n\"$OWB\" \"$@\" | while IFS= read -r line; do printf '%s\\n' \"$line\"; sleep 0.1; done"));
    SshWorkerRunner runner(s);
    int dropped = 0;
    connect(&runner, &JobRunner::layerStats, this, [&](const LayerStatsEvent&) {
      if (dropped == 0) dropped = sshd_.dropConnections();
    });
    QSignalSpy reconnected(&runner, &SshWorkerRunner::reconnected);
    const Outcome o = runToEnd(&runner, launch);
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.status + ": " + o.error));
    QVERIFY(dropped > 0);
    QVERIFY(reconnected.size() >= 1);
    QVERIFY(reconnected.at(0).at(0).toLongLong() > 0);  // resumed at an offset, not from the start
    QVERIFY(runner.connections() >= 2);
    QCOMPARE(o.started, 1);                       // nothing delivered twice
    QCOMPARE(o.layer_stats, local_.layer_stats);  // nothing lost
    verifyMatchesLocal(launch.run_dir);
  }

  void workerKilledOnHostFailsTransiently() {
    const QString ws = newWorkspace();
    const JobLaunch launch = launchFor(ws, QStringLiteral("ssh"));
    SshHostSettings s = settings(ws);
    s.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb.sh"),
                                 QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    SshWorkerRunner runner(s);
    connect(&runner, &SshWorkerRunner::remoteWorkerStarted, this, [](const QString&, qint64 pid) {
      QTimer::singleShot(300, [pid] { ::kill(pid_t(-pid), SIGKILL); });  // the whole process group
    });
    const Outcome o = runToEnd(&runner, launch, 60000);
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("killed")), qPrintable(o.error));
    QVERIFY(o.transient);
    QCOMPARE(o.started, 1);
  }

  void cancelKillsRemoteWorker() {
    const QString ws = newWorkspace();
    const JobLaunch launch = launchFor(ws, QStringLiteral("ssh"));
    SshHostSettings s = settings(ws);
    s.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb2.sh"),
                                 QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    SshWorkerRunner runner(s);
    qint64 remote_pid = 0;
    connect(&runner, &SshWorkerRunner::remoteWorkerStarted, this, [&](const QString&, qint64 pid) {
      remote_pid = pid;
      QTimer::singleShot(300, &runner, [&runner] { runner.cancel(); });
    });
    const Outcome o = runToEnd(&runner, launch, 60000);
    QCOMPARE(o.status, QStringLiteral("cancelled"));
    QVERIFY(remote_pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(remote_pid), 0) != 0, 5000);
  }

  void wrongKeyPathIsRefusedClearly() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.endpoint.key_path = QDir(tmp_.path()).filePath(QStringLiteral("no-such-key"));
    SshWorkerRunner runner(s);
    const Outcome o = runToEnd(&runner, launchFor(ws, QStringLiteral("ssh")), 30000);
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("no-such-key")) && o.error.contains(QLatin1String("not found")), qPrintable(o.error));
    QVERIFY(!o.transient);
  }

  void unreachableHostFails() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    {
      QTcpServer probe;  // a port with nobody listening
      QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
      s.endpoint.port = probe.serverPort();
    }
    s.connect_timeout_ms = 2000;
    SshWorkerRunner runner(s);
    const Outcome o = runToEnd(&runner, launchFor(ws, QStringLiteral("ssh")), 30000);
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("cannot connect")), qPrintable(o.error));
    QVERIFY(o.transient);
  }

  void buildsOwbOnTheHostOnceAndReusesIt() {
    // The source archive holds a stand-in "source tree" whose build step installs a script
    // that execs the real owb: the mechanism (upload, build, cache per key + source) is real.
    const QString src = QDir(tmp_.path()).filePath(QStringLiteral("fake-src"));
    QDir().mkpath(src);
    QVERIFY(!writeOwbWrapper(src, QStringLiteral("owb.sh"), QStringLiteral("exec \"$OWB\" \"$@\"")).isEmpty());
    const QString archive = QDir(tmp_.path()).filePath(QStringLiteral("src.tar.gz"));
    QProcess tar;
    tar.start(QStringLiteral("tar"), {"czf", archive, "-C", src, "."});
    QVERIFY(tar.waitForFinished(30000) && tar.exitCode() == 0);
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.owb_path = QStringLiteral("/nonexistent/owb");  // ignored when building
    s.owb_source_archive = archive;
    s.build_cache_dir = QDir(tmp_.path()).filePath(QStringLiteral("build-cache"));
    s.build_cache_key = QStringLiteral("runpod/pytorch:2.4.0");
    s.build_command = QStringLiteral("set -e; mkdir -p src build/app; tar xzf src.tar.gz -C src; install -m755 src/owb.sh build/app/owb; echo built >> builds.txt");
    for (int run = 0; run < 2; ++run) {
      SshWorkerRunner runner(s);
      QStringList logs;
      connect(&runner, &JobRunner::log, this, [&](const QString&, const QString& msg) { logs << msg; });
      const JobLaunch launch = launchFor(ws, QStringLiteral("ssh"));
      const Outcome o = runToEnd(&runner, launch);
      QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
      QVERIFY(logs.filter(run == 0 ? QStringLiteral("owb built") : QStringLiteral("using the cached owb build")).size() == 1);
      verifyMatchesLocal(launch.run_dir);
    }
    const QStringList builds = QDir(s.build_cache_dir).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(builds.size(), 1);
    QVERIFY(builds[0].startsWith(QLatin1String("runpod_pytorch_2.4.0-")));
    QFile log(QDir(s.build_cache_dir).filePath(builds[0] + QStringLiteral("/builds.txt")));
    QVERIFY(log.open(QIODevice::ReadOnly));
    QCOMPARE(log.readAll(), QByteArray("built\n"));  // built once
  }

  void failedBuildReportsTheBuildLog() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.owb_source_archive = QDir(tmp_.path()).filePath(QStringLiteral("src.tar.gz"));
    s.build_cache_dir = QDir(tmp_.path()).filePath(QStringLiteral("build-cache-bad"));
    s.build_command = QStringLiteral("echo 'fatal: torch not found' >&2; exit 1");
    SshWorkerRunner runner(s);
    const Outcome o = runToEnd(&runner, launchFor(ws, QStringLiteral("ssh")));
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("building owb")) && o.error.contains(QLatin1String("torch not found")), qPrintable(o.error));
    QVERIFY(!o.transient);
  }

  void maxRuntimeStopsTheWorker() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb3.sh"),
                                 QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    s.max_runtime_ms = 1500;
    SshWorkerRunner runner(s);
    qint64 remote_pid = 0;
    connect(&runner, &SshWorkerRunner::remoteWorkerStarted, this, [&](const QString&, qint64 pid) { remote_pid = pid; });
    const Outcome o = runToEnd(&runner, launchFor(ws, QStringLiteral("ssh")), 60000);
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("maximum runtime")), qPrintable(o.error));
    QVERIFY(remote_pid > 0);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(remote_pid), 0) != 0, 5000);
  }

  void jobQueueRunsJobsThroughTheSshBackend() {
    const QString ws = newWorkspace();
    JobQueue queue;
    QVERIFY(queue.setWorkspace(ws));
    registerSshHost(&queue, QStringLiteral("ssh:loopback"), settings(ws));
    QCOMPARE(queue.retryPolicy(QStringLiteral("ssh:loopback")).max_retries, 2);
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    queue.enqueue({smallJob(QStringLiteral("queued-remote"), model_, QStringLiteral("ssh:loopback"))});
    QVERIFY(finished.wait(120000));
    QVERIFY2(finished.at(0).at(1).toString() == QLatin1String("succeeded"), qPrintable(finished.at(0).at(2).toString()));
    const Job* job = queue.find(finished.at(0).at(0).toString());
    QVERIFY(job);
    verifyMatchesLocal(job->run_dir);
    queue.waitForPersisted();
  }

  // SLURM: fake sbatch/squeue/sacct/scancel on the "login node" (this machine) that run the
  // --wrap command at once; what is tested is the runner's side of the protocol.
  QString fakeSlurm() {
    const QString dir = QDir(tmp_.path()).filePath(QStringLiteral("fake-slurm"));
    if (QDir(dir).exists()) return dir;
    QDir().mkpath(dir);
    auto tool = [&](const QString& name, const QString& body) {
      QFile f(QDir(dir).filePath(name));
      f.open(QIODevice::WriteOnly);
      f.write(("#!/bin/bash\nD=\"$(dirname \"$0\")\"\n" + body + "\n").toUtf8());
      f.close();
      f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
    };
    tool("sbatch",
         "chdir=.; wrap=\n"
         "for a in \"$@\"; do case \"$a\" in --chdir=*) chdir=\"${a#--chdir=}\";; --wrap=*) wrap=\"${a#--wrap=}\";; esac; done\n"
         "id=$(( $(cat \"$D/next_id\" 2>/dev/null || echo 1000) + 1 )); echo $id > \"$D/next_id\"\n"
         "printf '%s\\n' \"$@\" > \"$D/job_$id.args\"\n"
         "cd \"$chdir\" || exit 1\n"
         "setsid nohup sh -c \"$wrap\" </dev/null >/dev/null 2>&1 &\n"
         "echo $! > \"$D/job_$id.pid\"\necho \"$id\"");
    tool("squeue", "pid=$(cat \"$D/job_$3.pid\" 2>/dev/null) || exit 0\nkill -0 \"$pid\" 2>/dev/null && echo RUNNING; exit 0");
    tool("sacct", "cat \"$D/job_$2.state\" 2>/dev/null || echo COMPLETED");
    tool("scancel", "pid=$(cat \"$D/job_$1.pid\") || exit 1\necho CANCELLED > \"$D/job_$1.state\"\nkill -TERM -- -$pid 2>/dev/null; sleep 0.5; kill -KILL -- -$pid 2>/dev/null; exit 0");
    return dir;
  }

  void slurmJobRunsAndMatchesLocal() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.scheduler = QStringLiteral("slurm");
    s.slurm_bin_dir = fakeSlurm();
    s.sbatch_args = {QStringLiteral("--gres=gpu:1"), QStringLiteral("--time=00:10:00")};
    SshWorkerRunner runner(s);
    qint64 slurm_id = 0;
    connect(&runner, &SshWorkerRunner::remoteWorkerStarted, this, [&](const QString&, qint64 id) { slurm_id = id; });
    const JobLaunch launch = launchFor(ws, QStringLiteral("slurm"));
    const Outcome o = runToEnd(&runner, launch);
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QVERIFY(slurm_id > 1000);
    QFile args(QDir(s.slurm_bin_dir).filePath(QStringLiteral("job_%1.args").arg(slurm_id)));
    QVERIFY(args.open(QIODevice::ReadOnly));
    const QStringList given = QString::fromUtf8(args.readAll()).split(QLatin1Char('\n'));
    QVERIFY(given.contains(QStringLiteral("--gres=gpu:1")));
    QVERIFY(given.contains(QStringLiteral("--job-name=owb-") + launch.job_id));
    QVERIFY(given.contains(QStringLiteral("--parsable")));
    verifyMatchesLocal(launch.run_dir);
  }

  void slurmJobCancelledOnTheClusterFails() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.scheduler = QStringLiteral("slurm");
    s.slurm_bin_dir = fakeSlurm();
    s.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb4.sh"),
                                 QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    SshWorkerRunner runner(s);
    connect(&runner, &SshWorkerRunner::remoteWorkerStarted, this, [&](const QString&, qint64 id) {
      // An administrator (or the time limit) ends the job on the cluster.
      QTimer::singleShot(300, [dir = s.slurm_bin_dir, id] { QProcess::execute(dir + QStringLiteral("/scancel"), {QString::number(id)}); });
    });
    const Outcome o = runToEnd(&runner, launchFor(ws, QStringLiteral("slurm")), 60000);
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("SLURM job")) && o.error.contains(QLatin1String("CANCELLED")), qPrintable(o.error));
    QVERIFY(o.transient);
  }

  void slurmCancelUsesScancel() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.scheduler = QStringLiteral("slurm");
    s.slurm_bin_dir = fakeSlurm();
    s.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb5.sh"),
                                 QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    SshWorkerRunner runner(s);
    qint64 slurm_id = 0;
    connect(&runner, &SshWorkerRunner::remoteWorkerStarted, this, [&](const QString&, qint64 id) {
      slurm_id = id;
      QTimer::singleShot(300, &runner, [&runner] { runner.cancel(); });
    });
    const Outcome o = runToEnd(&runner, launchFor(ws, QStringLiteral("slurm")), 60000);
    QCOMPARE(o.status, QStringLiteral("cancelled"));
    QFile state(QDir(s.slurm_bin_dir).filePath(QStringLiteral("job_%1.state").arg(slurm_id)));
    QVERIFY(state.open(QIODevice::ReadOnly));
    QCOMPARE(state.readAll().trimmed(), QByteArray("CANCELLED"));
  }

  void watchdogFiresWhenTheAppIsGone() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb6.sh"),
                                 QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    s.watchdog_command = QStringLiteral("touch watchdog_fired; kill -KILL -$(cat worker.pid)");
    s.watchdog_grace_s = 2;
    auto runner = std::make_unique<SshWorkerRunner>(s);
    QSignalSpy started(runner.get(), &SshWorkerRunner::remoteWorkerStarted);
    runner->start(launchFor(ws, QStringLiteral("ssh")));
    QVERIFY(started.wait(60000));
    const QString remote_run = started.at(0).at(0).toString();
    const qint64 pid = started.at(0).at(1).toLongLong();
    QTest::qWait(2500);  // heartbeats keep it quiet while the app is there
    QVERIFY(!QFile::exists(remote_run + QStringLiteral("/watchdog_fired")));
    runner.reset();  // the app is gone: no more heartbeats
    QTRY_VERIFY_WITH_TIMEOUT(QFile::exists(remote_run + QStringLiteral("/watchdog_fired")), 15000);
    QTRY_VERIFY_WITH_TIMEOUT(::kill(pid_t(pid), 0) != 0, 5000);
  }

  void watchdogStandsDownAfterTheJob() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    s.watchdog_command = QStringLiteral("touch watchdog_fired");
    s.watchdog_grace_s = 1;
    SshWorkerRunner runner(s);
    QSignalSpy started(&runner, &SshWorkerRunner::remoteWorkerStarted);
    const JobLaunch launch = launchFor(ws, QStringLiteral("ssh"));
    const Outcome o = runToEnd(&runner, launch);
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QTest::qWait(3000);
    QVERIFY(!QFile::exists(started.at(0).at(0).toString() + QStringLiteral("/watchdog_fired")));
    QVERIFY(!QFile::exists(QDir(launch.run_dir).filePath(QStringLiteral("watchdog_fired"))));
  }

  // Last: it restarts the sshd with a new host key.
  void changedHostKeyIsRefused() {
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    {
      SshSession ssh;
      QString error;
      QVERIFY2(ssh.connect(s.endpoint, KnownHosts(s.known_hosts_file), 10000, &error), qPrintable(error));
    }
    const QString pinned = KnownHosts(s.known_hosts_file).pinned(s.endpoint.hostKeyName());
    const QString e = sshd_.restartWithNewHostKey();
    QVERIFY2(e.isEmpty(), qPrintable(e));
    SshWorkerRunner runner(s);
    const Outcome o = runToEnd(&runner, launchFor(ws, QStringLiteral("ssh")), 30000);
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("host key")) && o.error.contains(QLatin1String("changed")) &&
                 o.error.contains(QLatin1String("refusing")),
             qPrintable(o.error));
    QVERIFY(!o.transient);
    QCOMPARE(KnownHosts(s.known_hosts_file).pinned(s.endpoint.hostKeyName()), pinned);  // the pin stays
  }

  // The plain SSH host: HF_TOKEN reaches the worker's environment through the 0600 file the
  // launcher sources and deletes; it is on no command line, in no log line and in no file of the
  // workspace (job files, run folder, worker.log), and the host's run folder keeps no copy.
  void hfTokenReachesTheWorkerAsASecretOnly() {
    const QByteArray token = "hf_FAKEsshTOKEN_0123456789";
    qputenv("HF_TOKEN", token);
    const QString ws = newWorkspace();
    SshHostSettings s = settings(ws);
    const QString dump = QDir(tmp_.path()).filePath(QStringLiteral("ssh-env-dump"));
    s.owb_path = writeEnvDumpingOwb(tmp_.path(), QStringLiteral("env-owb.sh"), dump, QStringLiteral("echoing ") + token);
    SshWorkerRunner runner(s);
    QStringList logged;
    connect(&runner, &JobRunner::log, this, [&](const QString&, const QString& msg) { logged << msg; });
    const JobLaunch l = launchFor(ws, QStringLiteral("ssh:test"));
    const Outcome o = runToEnd(&runner, l);
    qunsetenv("HF_TOKEN");
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QFile env(dump), cmdline(dump + QStringLiteral(".cmdline"));
    QVERIFY(env.open(QIODevice::ReadOnly) && cmdline.open(QIODevice::ReadOnly));
    QVERIFY(env.readAll().contains("HF_TOKEN=" + token));
    const QByteArray launcher = cmdline.readAll();
    QVERIFY2(launcher.contains("worker --job"), launcher.constData());
    QVERIFY(!launcher.contains(token));
    QVERIFY(logged.join('\n').contains(QLatin1String("passing HF_TOKEN")));
    QVERIFY(!logged.join('\n').contains(QString::fromUtf8(token)));
    QCOMPARE(filesContaining(ws, token), QStringList());
    // On the host only the stand-in's own stderr holds it (it printed it on purpose); no secrets file stays.
    QCOMPARE(filesContaining(runner.remoteRunDir(), token), QStringList{QDir(runner.remoteRunDir()).filePath(QStringLiteral("worker.stderr.log"))});
    QVERIFY(!QFile::exists(QDir(runner.remoteRunDir()).filePath(QStringLiteral(".owb-secrets.env"))));
  }

  void cleanupTestCase() { sshd_.stop(); }
};

QTEST_GUILESS_MAIN(SshRunnerTest)
#include "test_ssh_runner.moc"
