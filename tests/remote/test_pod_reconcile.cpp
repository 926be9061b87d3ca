// No orphans at app start and exit (issue 7), against the fake RunPod API: reconcilePodsNow()
// terminates the ledger's pods that no running job holds and the pods named after this
// workspace's idle jobs (creates that answered 5xx), keeps wanted and keep_running pods, never
// touches the user's other pods, and gives up on a silent API within its bound. The window does
// it when it opens a workspace (holding the job queue until it is done) and when it closes.
#include "fake_runpod_server.h"
#include "remote_fixtures.h"

#include "job_queue.h"
#include "live_pods_model.h"
#include "main_window.h"
#include "pod_ledger.h"
#include "pod_reconciler.h"
#include "remote_settings.h"

#include <QDir>
#include <QElapsedTimer>
#include <QSettings>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTcpServer>
#include <QThread>
#include <QtTest>

#include <memory>

using namespace owb::remote;
using namespace owb::remote_test;
using owb::widgets::PodReconcileOutcome;
using owb::widgets::PodReconciler;

namespace {

const QString kKey = QStringLiteral("rpa_RECONCILETEST_0123456789");

// The fake API on a thread of its own: the window waits for the API on its GUI thread at exit,
// which is the test's thread too.
class ThreadedApi {
 public:
  ThreadedApi() {
    server_ = new FakeRunPodServer(kKey, QStringLiteral("127.0.0.1"), 22);
    server_->moveToThread(&thread_);
    thread_.start();
    run([this] { listening_ = server_->listen(); });
  }
  ~ThreadedApi() {
    run([this] { server_->moveToThread(QCoreApplication::instance()->thread()); });
    thread_.quit();
    thread_.wait();
    delete server_;
  }
  bool listening() const { return listening_; }
  // `f` on the server's thread, waited for: the only way the test touches the server.
  template <typename F>
  void run(F f) {
    QMetaObject::invokeMethod(server_, f, Qt::BlockingQueuedConnection);
  }
  QString baseUrl() {
    QString url;
    run([&] { url = server_->baseUrl(); });
    return url;
  }
  QString addPod(const QString& name) {
    QString id;
    run([&] { id = server_->addPod(name); });
    return id;
  }
  QStringList livePods() {
    QStringList ids;
    run([&] { ids = server_->livePods(); });
    return ids;
  }

 private:
  QThread thread_;
  FakeRunPodServer* server_ = nullptr;
  bool listening_ = false;
};

// A runner that succeeds at once: a finished RunPod job in the queue file, without a pod.
class InstantRunner : public owb::jobs::JobRunner {
 public:
  using JobRunner::JobRunner;
  void start(const owb::jobs::JobLaunch&) override {
    QTimer::singleShot(0, this, [this] { emit finished(QStringLiteral("ok"), QString()); });
  }
  void cancel() override {}
};

QSet<QString> setOf(const QStringList& list) { return QSet<QString>(list.begin(), list.end()); }

LedgerPod ledgerPod(const QString& id, const QString& name, const QString& job, bool keep_running = false) {
  LedgerPod p{id, name, job, QDateTime::currentDateTimeUtc().addSecs(-600), keep_running};
  p.cost_per_hr = 0.44;
  return p;
}

}  // namespace

class PodReconcileTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  int counter_ = 0;

  QString newWorkspace() {
    const QString ws = QDir(tmp_.path()).filePath(QStringLiteral("ws%1").arg(++counter_));
    QDir().mkpath(ws);
    return ws;
  }

  void useApi(const QString& base_url) {
    RemoteSettings settings;
    settings.runpod_base_url = base_url;
    settings.save();
  }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    QLocale::setDefault(QLocale::c());
    QCoreApplication::setOrganizationName(QStringLiteral("owb-pod-reconcile-test"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, QDir(tmp_.path()).filePath(QStringLiteral("settings")));
    qputenv("OWB_SECRETS_FILE", QDir(tmp_.path()).filePath(QStringLiteral("secrets.json")).toUtf8());
    qputenv("RUNPOD_API_KEY", kKey.toUtf8());
    // A RunPod job that starts fails at once, before any request: no SSH key for the pod.
    qputenv("SSH_KEY_PATH", QDir(tmp_.path()).filePath(QStringLiteral("no-such-key")).toUtf8());
  }

  void terminatesWhatNoRunningJobNeedsAndNothingElse() {
    FakeRunPodServer api(kKey, QStringLiteral("127.0.0.1"), 22);
    QVERIFY(api.listen());
    const QString ws = newWorkspace();
    const PodLedger ledger(PodLedger::fileFor(ws));
    const QString done = api.addPod(QStringLiteral("owb-done-job"));
    const QString kept = api.addPod(QStringLiteral("owb-kept-job"));
    const QString running = api.addPod(QStringLiteral("owb-running-job"));
    const QString made_by_5xx = api.addPod(QStringLiteral("owb-queued-job"));        // not in the ledger
    const QString other_workspace = api.addPod(QStringLiteral("owb-elsewhere-job"));  // not ours
    const QString users = api.addPod(QStringLiteral("my-notebook"));
    QVERIFY(ledger.record(ledgerPod(done, QStringLiteral("owb-done-job"), QStringLiteral("done-job"))));
    QVERIFY(ledger.record(ledgerPod(kept, QStringLiteral("owb-kept-job"), QStringLiteral("kept-job"), true)));
    QVERIFY(ledger.record(ledgerPod(running, QStringLiteral("owb-running-job"), QStringLiteral("running-job"))));
    QVERIFY(ledger.record(ledgerPod(QStringLiteral("podgone"), QStringLiteral("owb-gone"), QStringLiteral("gone-job"))));

    ReconcileRequest r;
    r.base_url = api.baseUrl();
    r.api_key = kKey;
    r.ledger_file = ledger.file();
    r.wanted = {running};
    r.our_names = {QStringLiteral("owb-done-job"), QStringLiteral("owb-queued-job")};
    const ReconcileReport report = reconcilePodsNow(r);
    QVERIFY2(report.error.isEmpty(), qPrintable(report.error));
    QCOMPARE(setOf(report.terminated), (QSet<QString>{done, made_by_5xx}));
    QCOMPARE(setOf(report.kept), (QSet<QString>{kept, running}));
    QCOMPARE(report.gone, QStringList{QStringLiteral("podgone")});
    QCOMPARE(setOf(api.livePods()), (QSet<QString>{kept, running, other_workspace, users}));
    QStringList active;
    for (const LedgerPod& p : ledger.activePods()) active << p.id;
    QCOMPARE(setOf(active), (QSet<QString>{kept, running}));
  }

  void aSilentApiIsGivenUpOnWithinTheBound() {
    QTcpServer silent;  // accepts connections (the kernel does) and never answers
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    const QString ws = newWorkspace();
    const PodLedger ledger(PodLedger::fileFor(ws));
    QVERIFY(ledger.record(ledgerPod(QStringLiteral("podsilent"), QStringLiteral("owb-x"), QStringLiteral("x"))));
    ReconcileRequest r;
    r.base_url = QStringLiteral("http://127.0.0.1:%1/v2").arg(silent.serverPort());
    r.api_key = kKey;
    r.ledger_file = ledger.file();
    r.timeout_ms = 1000;
    QElapsedTimer clock;
    clock.start();
    const ReconcileReport report = reconcilePodsNow(r);
    QVERIFY2(clock.elapsed() < 3000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(report.error.contains(QLatin1String("no answer")), qPrintable(report.error));
    QCOMPARE(ledger.activePods().size(), 1);  // left for the next pass

    auto cancelled = std::make_shared<std::atomic<bool>>(false);
    r.timeout_ms = 60000;
    r.cancelled = cancelled;
    QTimer::singleShot(200, [cancelled] { cancelled->store(true); });
    clock.restart();
    const ReconcileReport stopped = reconcilePodsNow(r);
    QVERIFY2(clock.elapsed() < 2000, qPrintable(QString::number(clock.elapsed())));
    QVERIFY2(stopped.error.contains(QLatin1String("cancelled")), qPrintable(stopped.error));
  }

  void nothingIsAskedWithoutLedgerPodsOrJobsOfOurs() {
    const QString ws = newWorkspace();
    ReconcileRequest r;
    r.base_url = QStringLiteral("http://127.0.0.1:9/v2");  // would fail if asked
    r.api_key = kKey;
    r.ledger_file = PodLedger::fileFor(ws);
    const PodReconcileOutcome outcome = owb::widgets::reconcileWorkspacePods(r);
    QVERIFY(!outcome.asked);
    QVERIFY(outcome.summary().isEmpty());
  }

  void openingTheWorkspaceTerminatesPodsOfFinishedJobsAndKeepsKeepRunning() {
    FakeRunPodServer api(kKey, QStringLiteral("127.0.0.1"), 22);
    QVERIFY(api.listen());
    useApi(api.baseUrl());
    const QString ws = newWorkspace();
    // Last session: a RunPod job finished, one still queued; its pods in the ledger.
    {
      owb::jobs::JobQueue queue;
      QVERIFY(queue.setWorkspace(ws));
      queue.setRunnerFactory(QStringLiteral("runpod"), [](QObject* parent) -> owb::jobs::JobRunner* { return new InstantRunner(parent); });
      QSignalSpy finished(&queue, &owb::jobs::JobQueue::jobFinished);
      queue.enqueue({smallJob(QStringLiteral("done-job"), QStringLiteral("model"), QStringLiteral("runpod"))});
      QVERIFY(finished.wait(10000));
      queue.setPaused(true);
      queue.enqueue({smallJob(QStringLiteral("queued-job"), QStringLiteral("model"), QStringLiteral("runpod"))});
      queue.waitForPersisted();
    }
    const PodLedger ledger(PodLedger::fileFor(ws));
    const QString finished_pod = api.addPod(QStringLiteral("owb-done-job"));
    const QString kept_pod = api.addPod(QStringLiteral("owb-kept"));
    const QString orphan = api.addPod(QStringLiteral("owb-queued-job"));  // a create that answered 500
    const QString users = api.addPod(QStringLiteral("my-notebook"));
    QVERIFY(ledger.record(ledgerPod(finished_pod, QStringLiteral("owb-done-job"), QStringLiteral("done-job"))));
    QVERIFY(ledger.record(ledgerPod(kept_pod, QStringLiteral("owb-kept"), QStringLiteral("kept-job"), true)));

    owb::gui::MainWindow window;
    window.show();
    QStringList order;
    PodReconcileOutcome outcome;
    connect(window.podReconciler(), &PodReconciler::finished, this, [&order, &outcome](const PodReconcileOutcome& o) {
      order << QStringLiteral("reconciled");
      outcome = o;
    });
    connect(window.jobQueue(), &owb::jobs::JobQueue::jobStarted, this, [&order] { order << QStringLiteral("job started"); });
    connect(window.jobQueue(), &owb::jobs::JobQueue::jobFinished, this, [&order](const QString& id) { order << id; });
    QSignalSpy reconciled(window.podReconciler(), &PodReconciler::finished);
    window.openWorkspace(ws);
    QVERIFY(window.jobQueue()->isPaused());  // held while the pass runs
    QVERIFY(reconciled.wait(20000));
    QVERIFY(outcome.asked);
    QVERIFY2(outcome.report.error.isEmpty(), qPrintable(outcome.report.error));

    QCOMPARE(setOf(api.livePods()), (QSet<QString>{kept_pod, users}));
    QCOMPARE(api.pod(finished_pod)->status, QStringLiteral("TERMINATED"));
    QCOMPARE(api.pod(orphan)->status, QStringLiteral("TERMINATED"));
    QCOMPARE(ledger.activePods().size(), 1);
    QCOMPARE(ledger.activePods().at(0).id, kept_pod);
    const QString message = window.statusBar()->currentMessage();
    QVERIFY2(message.contains(QLatin1String("terminated 2 pod(s)")) && message.contains(kept_pod), qPrintable(message));

    // Then the queue goes on: the re-queued job starts only now (and fails: no SSH key here).
    QVERIFY(!window.jobQueue()->isPaused());
    QTRY_VERIFY_WITH_TIMEOUT(order.contains(QStringLiteral("queued-job")), 10000);
    QCOMPARE(order.first(), QStringLiteral("reconciled"));
    // The live pods panel shows what is left: the kept pod.
    QTRY_VERIFY_WITH_TIMEOUT(window.livePods()->rowCount() == 1 && window.livePods()->pod(0).id == kept_pod, 10000);
    QVERIFY(!api.requests.contains(QStringLiteral("POST /v2/pods")));  // nothing was created
  }

  void closingTheWindowTerminatesPodsOfJobsThatNoLongerRun() {
    ThreadedApi api;
    QVERIFY(api.listening());
    useApi(api.baseUrl());
    const QString ws = newWorkspace();
    auto* window = new owb::gui::MainWindow;
    window->show();
    QSignalSpy reconciled(window->podReconciler(), &PodReconciler::finished);
    window->openWorkspace(ws);
    QVERIFY(reconciled.wait(20000));
    // Pods recorded while the window is open (a terminate that failed, a pod kept on purpose).
    const PodLedger ledger(PodLedger::fileFor(ws));
    const QString leftover = api.addPod(QStringLiteral("owb-failed-job"));
    const QString kept = api.addPod(QStringLiteral("owb-keep-job"));
    QVERIFY(ledger.record(ledgerPod(leftover, QStringLiteral("owb-failed-job"), QStringLiteral("failed-job"))));
    QVERIFY(ledger.record(ledgerPod(kept, QStringLiteral("owb-keep-job"), QStringLiteral("keep-job"), true)));
    QElapsedTimer clock;
    clock.start();
    window->close();
    QVERIFY2(clock.elapsed() < window->podReconciler()->exitTimeoutMs(), qPrintable(QString::number(clock.elapsed())));
    delete window;
    QCOMPARE(api.livePods(), QStringList{kept});
    QCOMPARE(ledger.activePods().size(), 1);
    QCOMPARE(ledger.activePods().at(0).id, kept);
  }

  void exitNeverHangsOnASilentApi() {
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost, 0));
    useApi(QStringLiteral("http://127.0.0.1:%1/v2").arg(silent.serverPort()));
    const QString ws = newWorkspace();
    const PodLedger ledger(PodLedger::fileFor(ws));
    QVERIFY(ledger.record(ledgerPod(QStringLiteral("podstuck"), QStringLiteral("owb-stuck"), QStringLiteral("stuck-job"))));
    auto* window = new owb::gui::MainWindow;
    window->podReconciler()->setExitTimeoutMs(1500);
    window->show();
    window->openWorkspace(ws);  // its pass waits for the silent API too
    QTest::qWait(200);
    QElapsedTimer clock;
    clock.start();
    window->close();
    delete window;
    QVERIFY2(clock.elapsed() < 5000, qPrintable(QString::number(clock.elapsed())));
    QCOMPARE(ledger.activePods().size(), 1);  // unchecked: the next start tries again
  }
};

QTEST_MAIN(PodReconcileTest)
#include "test_pod_reconcile.moc"
