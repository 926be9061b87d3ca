// The RunPod runner against a fake RunPod API (loopback HTTP, real v2 JSON shapes) whose pods'
// SSH endpoint is a real sshd on loopback, running the real `owb worker`. Every test ends by
// checking the fake's books: no pod left running that the user did not ask to keep.
#include "fake_runpod_server.h"
#include "remote_fixtures.h"

#include "budget_guard.h"
#include "job_queue.h"
#include "pod_ledger.h"
#include "remote_backends.h"
#include "runpod_client.h"
#include "runpod_runner.h"
#include "secret_store.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace owb::jobs;
using namespace owb::remote;
using namespace owb::remote_test;

namespace {

const QString kKey = QStringLiteral("rpa_TESTKEY_0123456789abcdef");

struct Outcome {
  QString status;
  QString error;
  bool transient = false;
};

Outcome runToEnd(JobRunner* runner, const JobLaunch& launch, int timeout_ms = 120000) {
  QSignalSpy finished(runner, &JobRunner::finished);
  runner->start(launch);
  if (finished.isEmpty() && !finished.wait(timeout_ms)) return Outcome{QStringLiteral("timeout"), {}, false};
  return Outcome{finished.at(0).at(0).toString(), finished.at(0).at(1).toString(), runner->lastFailureTransient()};
}


}  // namespace

class RunPodRunnerTest : public QObject {
  Q_OBJECT
 private:
  TestSshd sshd_;
  QTemporaryDir tmp_;
  QString model_;
  std::unique_ptr<FakeRunPodServer> api_;
  QString ws_;
  int counter_ = 0;

  RunPodSettings settings() const {
    RunPodSettings s;
    s.base_url = api_->baseUrl();
    s.workspace = ws_;
    s.pod.gpu_type_ids = {QStringLiteral("NVIDIA H100 80GB HBM3"), QStringLiteral("NVIDIA A40")};
    s.poll_interval_ms = 50;
    s.api_retry_base_ms = 50;
    s.provision_timeout_ms = 30000;
    s.ssh.endpoint.key_path = sshd_.userKey();
    s.ssh.work_dir = QDir(tmp_.path()).filePath(QStringLiteral("pod-work"));
    s.ssh.owb_path = QStringLiteral(OWB_BINARY);
    s.ssh.poll_interval_ms = 100;
    s.ssh.first_connect_deadline_ms = 20000;
    // The "pod" is this machine: no runpodctl; the switch leaves a mark instead (and must not fire).
    s.ssh.watchdog_command = QStringLiteral("touch watchdog_fired");
    s.ssh.watchdog_grace_s = 20;
    return s;
  }

  JobLaunch launch() {
    const QString id = QStringLiteral("podjob%1").arg(++counter_);
    const JobSpec spec = smallJob(id, model_, QStringLiteral("runpod"));
    const QString run_dir = QDir(ws_).filePath(QStringLiteral("runs/remote-test/%1_20260101_000000").arg(id));
    return JobLaunch{id, run_dir, spec.workerJob(run_dir), spec.sweep, {}};
  }

  QString gpuOf(const FakePod& pod) const { return pod.request.value("gpu").toObject().value("id").toString(); }

  PodLedger ledger() const { return PodLedger(PodLedger::fileFor(ws_)); }

  ReconcileReport reconcile(const QStringList& wanted = {}) {
    RunPodClient client(api_->baseUrl(), kKey);
    ReconcileReport out;
    bool done = false;
    reconcilePods(&client, ledger(), wanted, QStringLiteral("owb-"), [&](const ReconcileReport& r) {
      out = r;
      done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 20000)) out.error = QStringLiteral("reconcile timed out");
    return out;
  }

  void verifyNoPodLeft() {
    QVERIFY2(api_->livePods().isEmpty(), qPrintable(QStringLiteral("pods left running: ") + api_->livePods().join(", ")));
    QVERIFY(ledger().activePods().isEmpty());
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    const QString e = sshd_.start();
    if (e.contains(QLatin1String("not installed"))) QSKIP(qPrintable(e));
    QVERIFY2(e.isEmpty(), qPrintable(e));
    model_ = makePlantedModel(tmp_.path());
    QVERIFY(!model_.isEmpty());
  }

  void init() {
    qputenv("RUNPOD_API_KEY", kKey.toUtf8());
    api_ = std::make_unique<FakeRunPodServer>(kKey, QStringLiteral("127.0.0.1"), sshd_.port());
    QVERIFY(api_->listen());
    ws_ = QDir(tmp_.path()).filePath(QStringLiteral("ws%1").arg(++counter_));
    QDir().mkpath(ws_);
  }

  void runsJobOnPodThenTerminatesIt() {
    RunPodRunner runner(settings());
    QSignalSpy created(&runner, &RunPodRunner::podCreated);
    QSignalSpy layer_stats(&runner, &JobRunner::layerStats);
    QString ledger_state_at_ready;
    connect(&runner, &RunPodRunner::podReady, this, [&](const QString& id) {
      for (const LedgerPod& p : ledger().pods())
        if (p.id == id) ledger_state_at_ready = p.state;
    });
    const JobLaunch l = launch();
    const Outcome o = runToEnd(&runner, l);
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.status + ": " + o.error));
    QCOMPARE(created.size(), 1);
    QVERIFY(layer_stats.size() > 0);
    QCOMPARE(ledger_state_at_ready, QStringLiteral("active"));  // recorded before use
    QCOMPARE(api_->pods.size(), 1);
    const FakePod& pod = api_->pods[0];
    QCOMPARE(pod.history, QStringList({"PROVISIONING", "STARTING", "RUNNING", "TERMINATED"}));
    QCOMPARE(pod.name, QStringLiteral("owb-") + l.job_id);
    QCOMPARE(pod.request.value("ports").toArray(), QJsonArray({"22/tcp"}));
    QVERIFY(pod.request.value("env").toObject().value("PUBLIC_KEY").toString().startsWith(QLatin1String("ssh-ed25519 ")));
    QCOMPARE(pod.request.value("gpu").toObject().value("id").toString(), QStringLiteral("NVIDIA H100 80GB HBM3"));
    for (const QString& auth : api_->auth_headers) QCOMPARE(auth, QStringLiteral("Bearer ") + kKey);
    // Results came back, and the key is nowhere on disk.
    const QJsonObject stats = readJson(QDir(l.run_dir).filePath(QStringLiteral("layer_stats.json")));
    QVERIFY(!stats.value("max_abs").toArray().isEmpty());
    QCOMPARE(readJson(QDir(l.run_dir).filePath(QStringLiteral("run.json"))).value("status").toString(), QStringLiteral("ok"));
    QCOMPARE(filesContaining(ws_, kKey.toUtf8()), QStringList());
    QVERIFY(!KnownHosts(knownHostsFile(ws_)).pinned(QStringLiteral("runpod:") + pod.id).isEmpty());
    verifyNoPodLeft();
  }

  void keepRunningLeavesThePod() {
    RunPodSettings s = settings();
    s.keep_running = true;
    RunPodRunner runner(s);
    const Outcome o = runToEnd(&runner, launch());
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QCOMPARE(api_->livePods(), QStringList{runner.podId()});
    QCOMPARE(ledger().activePods().size(), 1);
    QVERIFY(ledger().activePods()[0].keep_running);
    const ReconcileReport r = reconcile();  // the user asked to keep it: reconcile keeps it too
    QCOMPARE(r.kept, QStringList{runner.podId()});
    QCOMPARE(api_->livePods(), QStringList{runner.podId()});
  }

  void retriesCreateAfterServerErrors() {
    api_->fail_creates = 2;
    api_->fail_gets = 2;
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QCOMPARE(api_->pods.size(), 1);
    verifyNoPodLeft();
  }

  void noCapacityTriesTheNextGpuType() {
    api_->no_capacity_gpus = {QStringLiteral("NVIDIA H100 80GB HBM3")};
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QCOMPARE(api_->pods.size(), 1);
    QCOMPARE(api_->pods[0].request.value("gpu").toObject().value("id").toString(), QStringLiteral("NVIDIA A40"));
    verifyNoPodLeft();
  }

  void noCapacityAnywhereFailsWithoutPods() {
    api_->no_capacity_gpus = {QStringLiteral("NVIDIA H100 80GB HBM3"), QStringLiteral("NVIDIA A40")};
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("no capacity")), qPrintable(o.error));
    QVERIFY(o.transient);
    QVERIFY(api_->pods.isEmpty());
    verifyNoPodLeft();
  }

  void slowProvisioningPastTheDeadlineTerminates() {
    api_->gets_until_running = 1000000;
    RunPodSettings s = settings();
    s.provision_timeout_ms = 800;
    RunPodRunner runner(s);
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("not ready")), qPrintable(o.error));
    QCOMPARE(api_->pods.size(), 1);
    QCOMPARE(api_->pods[0].status, QStringLiteral("TERMINATED"));
    verifyNoPodLeft();
  }

  void podVanishingWhileStartingFails() {
    api_->gets_until_running = 100;
    api_->vanish_after_gets = 2;
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("vanished")), qPrintable(o.error));
    QVERIFY(o.transient);
    verifyNoPodLeft();
  }

  void workerKilledOnPodFailsAndTerminates() {
    RunPodSettings s = settings();
    s.ssh.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb.sh"),
                                     QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    RunPodRunner runner(s);
    connect(&runner, &RunPodRunner::podReady, this, [&] {
      connect(runner.sshRunner(), &SshWorkerRunner::remoteWorkerStarted, this, [](const QString&, qint64 pid) {
        QTimer::singleShot(300, [pid] { ::kill(pid_t(-pid), SIGKILL); });
      });
    });
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("killed")), qPrintable(o.error));
    QVERIFY(o.transient);
    verifyNoPodLeft();
  }

  void sshDropMidStreamResumesOnPod() {
    RunPodSettings s = settings();
    s.ssh.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("slow-owb.sh"),
                                     QStringLiteral("set -o pipefail\n\"$OWB\" \"$@\" | while IFS= read -r line; do printf '%s\\n' \"$line\"; sleep 0.1; done"));
    RunPodRunner runner(s);
    int dropped = 0;
    connect(&runner, &JobRunner::layerStats, this, [&] {
      if (dropped == 0) dropped = sshd_.dropConnections();
    });
    const Outcome o = runToEnd(&runner, launch());
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QVERIFY(dropped > 0);
    QVERIFY(runner.sshRunner()->connections() >= 2);
    verifyNoPodLeft();
  }

  void cancelWhileProvisioningTerminates() {
    api_->gets_until_running = 1000000;
    RunPodRunner runner(settings());
    connect(&runner, &RunPodRunner::podCreated, this, [&] { QTimer::singleShot(200, &runner, [&] { runner.cancel(); }); });
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("cancelled"));
    QCOMPARE(api_->pods.size(), 1);
    verifyNoPodLeft();
  }

  void cancelWhileRunningTerminates() {
    RunPodSettings s = settings();
    s.ssh.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb2.sh"),
                                     QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    RunPodRunner runner(s);
    connect(&runner, &JobRunner::started, this, [&] { QTimer::singleShot(200, &runner, [&] { runner.cancel(); }); });
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("cancelled"));
    verifyNoPodLeft();
  }

  void appExitWithPodUpTerminatesIt() {
    RunPodSettings s = settings();
    s.ssh.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("hang-owb3.sh"),
                                     QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    auto runner = std::make_unique<RunPodRunner>(s);
    QSignalSpy started(runner.get(), &JobRunner::started);
    qint64 worker_pid = 0;
    connect(runner.get(), &RunPodRunner::podReady, this, [&] {
      connect(runner->sshRunner(), &SshWorkerRunner::remoteWorkerStarted, this, [&](const QString&, qint64 pid) { worker_pid = pid; });
    });
    runner->start(launch());
    QVERIFY(started.wait(60000));
    QCOMPARE(api_->livePods().size(), 1);
    runner.reset();  // the app quits mid-run
    verifyNoPodLeft();
    // A real pod takes its processes with it; this "pod" is the test machine.
    QVERIFY(worker_pid > 0);
    ::kill(pid_t(-worker_pid), SIGKILL);
  }

  void terminateFailuresLeaveTheLedgerForReconcile() {
    api_->fail_terminates = 100;
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("could not be terminated")), qPrintable(o.error));
    QCOMPARE(api_->livePods().size(), 1);
    QCOMPARE(ledger().activePods().size(), 1);
    api_->fail_terminates = 0;
    const ReconcileReport r = reconcile();  // the next start
    QCOMPARE(r.terminated.size(), 1);
    verifyNoPodLeft();
  }

  void createErrorThatStillMadeAPodIsReconciled() {
    api_->fail_creates_but_make = 1;
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QCOMPARE(api_->pods.size(), 2);  // the first create made one and said 500
    QCOMPARE(api_->livePods().size(), 1);
    const ReconcileReport r = reconcile();  // found by its name prefix, not in the ledger
    QCOMPARE(r.terminated, QStringList{api_->pods[0].id});
    verifyNoPodLeft();
  }

  void reconcileTerminatesOnlyUnwantedPodsOfOurs() {
    const QString mine_orphan = api_->addPod(QStringLiteral("owb-lost-job"));
    const QString mine_wanted = api_->addPod(QStringLiteral("owb-running-job"));
    const QString users_own = api_->addPod(QStringLiteral("my-notebook"));
    const QString in_ledger = api_->addPod(QStringLiteral("renamed-by-user"));
    ledger().record(LedgerPod{in_ledger, QStringLiteral("renamed-by-user"), QStringLiteral("j"), QDateTime::currentDateTimeUtc()});
    ledger().record(LedgerPod{QStringLiteral("podgone"), QStringLiteral("owb-gone"), QStringLiteral("j2"), QDateTime::currentDateTimeUtc()});
    api_->fail_lists = 1;
    ReconcileReport r = reconcile({mine_wanted});
    QVERIFY(!r.error.isEmpty());  // a failed list changes nothing
    QCOMPARE(api_->livePods().size(), 4);
    r = reconcile({mine_wanted});
    QVERIFY2(r.error.isEmpty(), qPrintable(r.error));
    QCOMPARE(QSet<QString>(r.terminated.begin(), r.terminated.end()), QSet<QString>({mine_orphan, in_ledger}));
    QCOMPARE(r.kept, QStringList{mine_wanted});
    QCOMPARE(r.gone, QStringList{QStringLiteral("podgone")});
    const QStringList live = api_->livePods();
    QCOMPARE(QSet<QString>(live.begin(), live.end()), QSet<QString>({mine_wanted, users_own}));
    QVERIFY(ledger().activePods().isEmpty());
  }

  void gpuTypeAboveMaxPricePerHourIsNeverRequested() {
    JobLaunch l = launch();
    l.backend_options = QJsonObject{{"max_usd_per_hour", 1.0}};  // H100 is $2.99/h, A40 $0.44/h
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, l);
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QVERIFY(api_->requests.contains(QStringLiteral("POST /graphql")));
    QCOMPARE(api_->pods.size(), 1);
    for (const FakePod& p : api_->pods) QCOMPARE(gpuOf(p), QStringLiteral("NVIDIA A40"));
    const LedgerPod entry = ledger().pods().value(0);
    QCOMPARE(entry.cost_per_hr, 0.44);  // the pod's own costPerHr, for the budget
    QCOMPARE(entry.sweep, QStringLiteral("remote-test"));
    QCOMPARE(entry.gpu, QStringLiteral("NVIDIA A40"));
    verifyNoPodLeft();
  }

  void minVramSkipsSmallerGpuTypes() {
    JobLaunch l = launch();
    l.backend_options = QJsonObject{{"gpu_types", QJsonArray{"NVIDIA GeForce RTX 4090", "NVIDIA A40"}}, {"min_vram_gib", 40}};
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, l);
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QCOMPARE(api_->pods.size(), 1);
    QCOMPARE(gpuOf(api_->pods[0]), QStringLiteral("NVIDIA A40"));  // the 24 GB card was never asked for
    verifyNoPodLeft();
  }

  void noGpuTypeWithinTheCapsFailsBeforeAnyPod() {
    JobLaunch l = launch();
    l.backend_options = QJsonObject{{"max_usd_per_hour", 0.40}, {"min_vram_gib", 40}};
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, l);
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("no GPU type fits")), qPrintable(o.error));
    QVERIFY2(o.error.contains(QLatin1String("above max_usd_per_hour $0.40")), qPrintable(o.error));
    QVERIFY(!o.transient);
    QVERIFY(api_->pods.isEmpty());
  }

  // A sweep whose pods have spent (plus committed) its max_total_usd: the queue stops the
  // running job, its pod is terminated, and the jobs not started yet fail with the reason.
  void budgetCapTerminatesThePodAndFailsTheRemainingJobs() {
    api_->gpu_types[1].secure_price = 360.0;  // A40 at $0.10 a second
    RunPodSettings s = settings();
    s.pod.gpu_type_ids = {QStringLiteral("NVIDIA A40")};
    s.ssh.owb_path = writeOwbWrapper(tmp_.path(), QStringLiteral("budget-owb.sh"),
                                     QStringLiteral("echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\nsleep 60"));
    s.budget_check_interval_ms = 100;
    s.budget_commit_s = 1;
    JobQueue queue;
    QVERIFY(queue.setWorkspace(ws_));
    BudgetGuard* guard = registerRunPod(&queue, QStringLiteral("runpod"), s);
    QSignalSpy cap(guard, &BudgetGuard::capReached);
    queue.setRetryPolicy(QStringLiteral("runpod"), RetryPolicy{});
    QVector<JobSpec> specs;
    for (int i = 0; i < 3; ++i) {
      JobSpec spec = smallJob(QStringLiteral("budget%1").arg(i), model_, QStringLiteral("runpod"));
      spec.backend_options = QJsonObject{{"max_total_usd", 0.5}};
      specs << spec;
    }
    queue.setConcurrency(QStringLiteral("runpod"), 1);
    queue.enqueue(specs);
    QVERIFY(QTest::qWaitFor([&] { return !queue.hasUnfinishedJobs(); }, 120000));
    QCOMPARE(cap.size(), 1);
    for (int i = 0; i < queue.count(); ++i) {
      QCOMPARE(queue.at(i).state, JobState::Failed);
      QVERIFY2(queue.at(i).error.contains(QLatin1String("budget cap reached")), qPrintable(queue.at(i).error));
    }
    QCOMPARE(queue.at(0).attempts, 1);
    QCOMPARE(queue.at(1).attempts, 0);  // never launched
    QCOMPARE(api_->pods.size(), 1);
    QCOMPARE(api_->pods[0].status, QStringLiteral("TERMINATED"));
    const LedgerPod entry = ledger().pods().value(0);
    QVERIFY(entry.accruedUsd() > 0.3 && entry.accruedUsd() < 1.0);
    queue.waitForPersisted();
    verifyNoPodLeft();
  }

  // HF_TOKEN goes to the worker over SSH (0600 file, sourced and deleted), not into the pod's
  // env at create time (the API hands a pod's env back to anyone with the account key).
  void hfTokenReachesThePodWorkerAndNothingHere() {
    const QByteArray token = "hf_FAKEpodTOKEN_9876543210";
    qputenv("HF_TOKEN", token);
    RunPodSettings s = settings();
    const QString dump = QDir(tmp_.path()).filePath(QStringLiteral("pod-env-dump"));
    s.ssh.owb_path = writeEnvDumpingOwb(tmp_.path(), QStringLiteral("pod-env-owb.sh"), dump, QStringLiteral("token is ") + token);
    RunPodRunner runner(s);
    QStringList logged;
    connect(&runner, &JobRunner::log, this, [&](const QString&, const QString& msg) { logged << msg; });
    const JobLaunch l = launch();
    const Outcome o = runToEnd(&runner, l);
    qunsetenv("HF_TOKEN");
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    QFile env(dump), cmdline(dump + QStringLiteral(".cmdline"));
    QVERIFY(env.open(QIODevice::ReadOnly) && cmdline.open(QIODevice::ReadOnly));
    QVERIFY(env.readAll().contains("HF_TOKEN=" + token));
    const QByteArray launcher = cmdline.readAll();
    QVERIFY(launcher.contains("worker --job"));
    QVERIFY(!launcher.contains(token));
    QVERIFY(!api_->env_seen.contains(QStringLiteral("HF_TOKEN")));
    QVERIFY(!logged.join('\n').contains(QString::fromUtf8(token)));
    QVERIFY(logged.join('\n').contains(QLatin1String("***")));  // the worker's stderr, scrubbed
    QCOMPARE(filesContaining(ws_, token), QStringList());     // ledger, run folder, logs, known hosts
    for (const QString& file : filesContaining(QDir(tmp_.path()).filePath(QStringLiteral("pod-work")), token))
      QVERIFY2(file.endsWith(QLatin1String("/worker.stderr.log")), qPrintable(file));  // the stand-in printed it there itself
    verifyNoPodLeft();
  }

  void missingApiKeyFailsBeforeAnyRequest() {
    qunsetenv("RUNPOD_API_KEY");
    qputenv("OWB_SECRETS_FILE", QDir(tmp_.path()).filePath(QStringLiteral("no-secrets.json")).toUtf8());
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("RUNPOD_API_KEY")), qPrintable(o.error));
    QVERIFY(!o.transient);
    QVERIFY(api_->requests.isEmpty());
  }

  void storedApiKeyIsUsedWithoutTheVariable() {
    qunsetenv("RUNPOD_API_KEY");
    const QString store = QDir(tmp_.path()).filePath(QStringLiteral("secrets.json"));
    qputenv("OWB_SECRETS_FILE", store.toUtf8());
    QVERIFY(SecretStore().setValue(QLatin1String(kRunPodApiKeySecret), kKey));
    QCOMPARE(QFileInfo(store).permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther), QFileDevice::Permissions());
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    qunsetenv("OWB_SECRETS_FILE");
    QVERIFY2(o.status == QLatin1String("ok"), qPrintable(o.error));
    for (const QString& auth : api_->auth_headers) QCOMPARE(auth, QStringLiteral("Bearer ") + kKey);
    QCOMPARE(filesContaining(ws_, kKey.toUtf8()), QStringList());
    verifyNoPodLeft();
  }

  void wrongApiKeyFailsClearly() {
    qputenv("RUNPOD_API_KEY", "rpa_WRONG");
    RunPodRunner runner(settings());
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("401")), qPrintable(o.error));
    QVERIFY(!o.error.contains(QLatin1String("rpa_WRONG")));
    QVERIFY(!o.transient);
    QVERIFY(api_->pods.isEmpty());
  }

  void wrongKeyPathFailsBeforeAnyPod() {
    RunPodSettings s = settings();
    s.ssh.endpoint.key_path = QDir(tmp_.path()).filePath(QStringLiteral("missing-key"));
    RunPodRunner runner(s);
    const Outcome o = runToEnd(&runner, launch());
    QCOMPARE(o.status, QStringLiteral("failed"));
    QVERIFY2(o.error.contains(QLatin1String("missing-key")), qPrintable(o.error));
    QVERIFY(api_->pods.isEmpty());
  }

  void cleanupTestCase() { sshd_.stop(); }
};

QTEST_GUILESS_MAIN(RunPodRunnerTest)
#include "test_runpod_runner.moc"
