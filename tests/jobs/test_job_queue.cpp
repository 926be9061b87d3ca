// The job queue against the real `owb worker`: a planted model end to end, a killed worker,
// queue.json across restarts; and with scripted or fake workers: malformed lines, a worker
// that dies silently, retries with backoff, cancel, the concurrency cap.
#include "jobs_fixtures.h"

#include "atomic_json.h"
#include "job_queue.h"
#include "local_worker_process.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <memory>

using namespace owb::jobs;
using namespace owb::jobs_test;

namespace {

// A runner that does what the test says: fails transiently `failures` times, then succeeds
// when finishNow() is called (or at once when auto_finish).
class FakeRunner : public JobRunner {
 public:
  static inline int starts = 0;
  static inline int running = 0;
  static inline int max_running = 0;
  static inline int failures = 0;
  static inline bool auto_finish = true;
  static inline QList<FakeRunner*> live;

  using JobRunner::JobRunner;
  ~FakeRunner() override { live.removeAll(this); }
  void start(const JobLaunch& launch) override {
    ++starts;
    max_running = std::max(max_running, ++running);
    live << this;
    emit started(launch.run_dir);
    if (auto_finish) QTimer::singleShot(10, this, [this] { finishNow(); });
  }
  void cancel() override { end("cancelled", "cancelled by the user", false); }
  void finishNow() {
    if (failures > 0) {
      --failures;
      end("failed", "simulated crash", true);
    } else {
      end("ok", QString(), false);
    }
  }

 private:
  void end(const QString& status, const QString& error, bool transient) {
    if (done_) return;
    done_ = true;
    --running;
    transient_ = transient;
    emit finished(status, error);
  }
  bool done_ = false;
};

void resetFakes(int failures = 0, bool auto_finish = true) {
  FakeRunner::starts = FakeRunner::running = FakeRunner::max_running = 0;
  FakeRunner::failures = failures;
  FakeRunner::auto_finish = auto_finish;
}

JobSpec fakeSpec(const QString& id, const QString& backend = "fake") {
  JobSpec s;
  s.id = id;
  s.sweep = "fake-sweep";
  s.analysis = "outliers";
  s.backend = backend;
  s.config = QJsonObject{{"model", QJsonObject{{"name", "/m"}}}};
  return s;
}

// A shell script standing in for owb (OWB_BINARY), printing `lines` then exiting with `code`.
QString writeScript(const QString& dir, const QString& body) {
  const QString path = QDir(dir).filePath("fake_owb.sh");
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(("#!/bin/sh\n" + body + "\n").toUtf8());
  f.close();
  f.setPermissions(f.permissions() | QFileDevice::ExeOwner);
  return path;
}

}  // namespace

class JobQueueTest : public QObject {
  Q_OBJECT

  QTemporaryDir models_;
  QString model_;

  static QString stateOf(const JobQueue& q, const QString& id) {
    const Job* j = q.find(id);
    return j ? jobStateName(j->state) : QString("missing");
  }

 private slots:
  void initTestCase() {
    qputenv("OWB_BINARY", OWB_BINARY);
    model_ = makePlantedModel(models_.path());
    QVERIFY(!model_.isEmpty());
  }

  void init() { qputenv("OWB_BINARY", OWB_BINARY); }

  void runsPlantedModelAndStreamsLayerStats() {
    QTemporaryDir ws;
    JobQueue queue;
    QVERIFY(queue.setWorkspace(ws.path()));
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    QSignalSpy started(&queue, &JobQueue::jobStarted);
    QHash<QString, LayerStatsEvent> received;
    int events = 0;
    connect(&queue, &JobQueue::layerStats, this, [&](const QString&, const LayerStatsEvent& e) {
      received[e.hook] = e;
      ++events;
    });
    const QStringList ids = queue.enqueueSweep(smallSweep("planted", model_, "outliers"));
    QCOMPARE(ids.size(), 1);
    QCOMPARE(stateOf(queue, ids[0]), QString("queued"));
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60000);
    QCOMPARE(finished[0][1].toString(), QString("succeeded"));
    QCOMPARE(started.size(), 1);

    const Job* job = queue.find(ids[0]);
    QVERIFY(job);
    QVERIFY2(job->run_dir.startsWith(QDir(ws.path()).filePath("runs/planted/" + ids[0] + "_")), qPrintable(job->run_dir));
    QCOMPARE(started[0][1].toString(), job->run_dir);
    QVERIFY(job->progress.total > 0);
    QCOMPARE(job->progress.done, job->progress.total);
    QVERIFY(QFileInfo::exists(job->run_dir + "/job.json"));
    QVERIFY(!queue.logLines(ids[0]).isEmpty());

    // The planted dim is systematic.
    const QJsonObject results = readJson(job->run_dir + "/final_analysis_results.json");
    QVector<int> dims;
    for (const QJsonValue& r : results["systematic_outliers"].toArray()) dims << r.toObject()["feature_dim"].toInt();
    QVERIFY2(dims.contains(5), qPrintable(QString::number(dims.size())));

    // The last layer_stats event per hook is the file's matrix.
    const QJsonObject stats = readJson(job->run_dir + "/layer_stats.json");
    const QJsonArray hooks = stats["hooks"].toArray();
    QCOMPARE(hooks.size(), 8);
    QCOMPARE(received.size(), hooks.size());
    QVERIFY(events > hooks.size());  // after the first batch and when complete
    for (int h = 0; h < hooks.size(); ++h) {
      const LayerStatsEvent& e = received.value(hooks[h].toString());
      QCOMPARE(e.positions, qint64(stats["positions"].toDouble()));
      const QJsonArray max_abs = stats["max_abs"].toArray()[h].toArray();
      const QJsonArray hits = stats["hits"].toArray()[h].toArray();
      QCOMPARE(e.max_abs.size(), max_abs.size());
      for (int d = 0; d < max_abs.size(); ++d) {
        QVERIFY(qAbs(e.max_abs[d] - max_abs[d].toDouble()) <= 1e-6 * qMax(1.0, qAbs(max_abs[d].toDouble())));
        QCOMPARE(e.hits[d], hits[d].toDouble());
      }
      QCOMPARE(e.hits[5], double(e.positions));  // the planted dim is hit everywhere
    }
    QVERIFY(queue.liveLayerStats(ids[0]).isEmpty());  // dropped once finished

    queue.waitForPersisted();
    const QJsonObject saved = readJson(queue.queueFile());
    QCOMPARE(saved["jobs"].toArray().size(), 1);
    QCOMPARE(saved["jobs"].toArray()[0].toObject()["state"].toString(), QString("succeeded"));
  }

  void killedWorkerFailsJobKeepsPartialResultsAndPersists() {
    QTemporaryDir ws;
    auto queue = std::make_unique<JobQueue>();
    QVERIFY(queue->setWorkspace(ws.path()));
    QSignalSpy finished(queue.get(), &JobQueue::jobFinished);
    // ~10 s of work: overlapping windows (stride 16) make many sequences from the small corpus.
    Sweep slow = smallSweep("slow", model_, "outliers", 1500, 256);
    slow.dataset["window_stride"] = 16;
    const QStringList ids = queue->enqueueSweep(slow);
    // Kill it as the OOM killer would, once it is computing.
    QTRY_VERIFY_WITH_TIMEOUT(queue->find(ids[0])->progress.done > 0 || !finished.isEmpty(), 60000);
    QVERIFY2(stateOf(*queue, ids[0]) == "running", qPrintable(queue->find(ids[0])->error));
    const qint64 pid = queue->workerProcessId(ids[0]);
    QVERIFY(pid > 0);
    QCOMPARE(::kill(pid_t(pid), SIGKILL), 0);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 30000);
    QCOMPARE(finished[0][1].toString(), QString("failed"));
    const QString error = finished[0][2].toString();
    QVERIFY2(error.contains("crashed or was killed"), qPrintable(error));
    const Job* job = queue->find(ids[0]);
    QCOMPARE(job->error, error);
    QVERIFY(!job->last_log.isEmpty());
    // What the worker wrote stays; its run.json no longer claims to be running.
    QVERIFY(QFileInfo::exists(job->run_dir + "/config.json"));
    const QJsonObject run = readJson(job->run_dir + "/run.json");
    QCOMPARE(run["status"].toString(), QString("failed"));
    QVERIFY(!run["last_log"].toArray().isEmpty());

    queue->waitForPersisted();
    const QJsonObject saved = readJson(queue->queueFile());
    QCOMPARE(saved["jobs"].toArray()[0].toObject()["state"].toString(), QString("failed"));
    QCOMPARE(saved["jobs"].toArray()[0].toObject()["error"].toString(), error);
    // The queue goes on: a retry starts again and can be cancelled.
    QVERIFY(queue->retry(ids[0]));
    QTRY_COMPARE_WITH_TIMEOUT(stateOf(*queue, ids[0]), QString("running"), 10000);
    QVERIFY(queue->cancel(ids[0]));
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 2, 30000);
    QCOMPARE(finished[1][1].toString(), QString("cancelled"));
    QCOMPARE(queue->find(ids[0])->attempts, 2);
  }

  void reloadRequeuesUnfinishedJobs() {
    QTemporaryDir ws;
    QStringList ids;
    {
      JobQueue queue;
      QVERIFY(queue.setWorkspace(ws.path()));
      queue.setPaused(true);
      ids = queue.enqueueSweep(smallSweep("resume", model_, "outliers"));
      ids += queue.enqueue({fakeSpec("done-one", "local")});
      QVERIFY(queue.cancel("done-one"));
      queue.waitForPersisted();
    }
    // A job that was running when the app died.
    QJsonObject saved = readJson(QDir(ws.path()).filePath("jobs/queue.json"));
    QJsonArray jobs = saved["jobs"].toArray();
    QCOMPARE(jobs.size(), 2);
    QJsonObject first = jobs[0].toObject();
    first["state"] = "running";
    first["run_dir"] = QDir(ws.path()).filePath("runs/resume/old_run");
    jobs[0] = first;
    saved["jobs"] = jobs;
    QVERIFY(writeJsonAtomic(QDir(ws.path()).filePath("jobs/queue.json"), saved));

    JobQueue queue;
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    QVERIFY(queue.setWorkspace(ws.path()));
    QCOMPARE(queue.count(), 2);
    QCOMPARE(stateOf(queue, ids[0]), QString("queued"));
    QCOMPARE(stateOf(queue, "done-one"), QString("cancelled"));
    QVERIFY(queue.logLines(ids[0]).join("\n").contains("re-queued"));
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60000);
    QCOMPARE(finished[0][1].toString(), QString("succeeded"));
    QVERIFY(queue.find(ids[0])->run_dir != QDir(ws.path()).filePath("runs/resume/old_run"));
  }

  void malformedAndUnknownLinesAreLoggedNotFatal() {
    QTemporaryDir ws;
    qputenv("OWB_BINARY", writeScript(ws.path(),
                                      "echo '{\"v\":1,\"event\":\"started\",\"run\":\"x\"}'\n"
                                      "echo 'this is not json'\n"
                                      "echo '{\"v\":1,\"event\":\"teleported\",\"where\":\"mars\"}'\n"
                                      "echo '{\"v\":1,\"event\":\"progress\",\"stage\":\"layer\",\"done\":3,\"total\":4,\"eta_s\":1.5}'\n"
                                      "echo 'a warning on stderr' >&2\n"
                                      "echo '{\"v\":1,\"event\":\"finished\",\"status\":\"ok\"}'")
                                .toUtf8());
    JobQueue queue;
    QVERIFY(queue.setWorkspace(ws.path()));
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    const QStringList ids = queue.enqueue({fakeSpec("scripted", "local")});
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 10000);
    QCOMPARE(finished[0][1].toString(), QString("succeeded"));
    const QString log = queue.logLines(ids[0]).join("\n");
    QVERIFY2(log.contains("malformed event line") && log.contains("this is not json"), qPrintable(log));
    QVERIFY2(log.contains("a warning on stderr"), qPrintable(log));
    QVERIFY(!log.contains("mars"));
    QCOMPARE(queue.find(ids[0])->progress.total, qint64(4));
    QFile worker_log(queue.find(ids[0])->run_dir + "/worker.log");
    QVERIFY(worker_log.open(QIODevice::ReadOnly));
    const QByteArray text = worker_log.readAll();
    QVERIFY(text.contains("a warning on stderr"));
    QVERIFY(text.contains("this is not json"));
  }

  void workerExitingWithoutFinishedEventFailsWithLastLogLine() {
    QTemporaryDir ws;
    qputenv("OWB_BINARY", writeScript(ws.path(),
                                      "echo '{\"v\":1,\"event\":\"log\",\"level\":\"info\",\"msg\":\"loading layer 3\"}'\n"
                                      "exit 3")
                                .toUtf8());
    JobQueue queue;
    QVERIFY(queue.setWorkspace(ws.path()));
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    queue.enqueue({fakeSpec("silent", "local")});
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 10000);
    QCOMPARE(finished[0][1].toString(), QString("failed"));
    const QString error = finished[0][2].toString();
    QVERIFY2(error.contains("exited with code 3") && error.contains("loading layer 3"), qPrintable(error));
  }

  void missingOwbFailsTheJobWithAMessage() {
    QTemporaryDir ws;
    qputenv("OWB_BINARY", QDir(ws.path()).filePath("no-such-owb").toUtf8());
    JobQueue queue;
    QVERIFY(queue.setWorkspace(ws.path()));
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    queue.enqueue({fakeSpec("nowhere", "local")});
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 10000);
    QCOMPARE(finished[0][1].toString(), QString("failed"));
    QVERIFY2(finished[0][2].toString().contains("could not start"), qPrintable(finished[0][2].toString()));
  }

  void retriesTransientFailuresWithBackoff() {
    QTemporaryDir ws;
    resetFakes(2);
    JobQueue queue;
    queue.setRunnerFactory("fake", [](QObject* parent) { return new FakeRunner(parent); });
    queue.setRetryPolicy("fake", RetryPolicy{3, 50, 2.0, 1000});
    QVERIFY(queue.setWorkspace(ws.path()));
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    QElapsedTimer clock;
    clock.start();
    queue.enqueue({fakeSpec("flaky")});
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 10000);
    QCOMPARE(finished[0][1].toString(), QString("succeeded"));
    QCOMPARE(FakeRunner::starts, 3);
    QCOMPARE(queue.find("flaky")->attempts, 3);
    QVERIFY(clock.elapsed() >= 50 + 100);  // backoff 50 ms, then 100 ms
    QVERIFY(queue.logLines("flaky").join("\n").contains("retrying"));
  }

  void noRetriesByDefaultForLocal() {
    QCOMPARE(JobQueue().retryPolicy("local").max_retries, 0);
    QTemporaryDir ws;
    resetFakes(1);
    JobQueue queue;
    queue.setRunnerFactory("fake", [](QObject* parent) { return new FakeRunner(parent); });
    QVERIFY(queue.setWorkspace(ws.path()));
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    queue.enqueue({fakeSpec("once")});
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 10000);
    QCOMPARE(finished[0][1].toString(), QString("failed"));
    QCOMPARE(FakeRunner::starts, 1);
  }

  void honoursConcurrencyCapPerBackend() {
    QTemporaryDir ws;
    resetFakes(0, false);
    JobQueue queue;
    queue.setRunnerFactory("fake", [](QObject* parent) { return new FakeRunner(parent); });
    queue.setConcurrency("fake", 2);
    QVERIFY(queue.setWorkspace(ws.path()));
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    queue.enqueue({fakeSpec("a"), fakeSpec("b"), fakeSpec("c"), fakeSpec("d"), fakeSpec("e")});
    QTRY_COMPARE(queue.runningCount("fake"), 2);
    QTest::qWait(50);
    QCOMPARE(FakeRunner::starts, 2);
    while (finished.size() < 5) {
      QTRY_VERIFY(!FakeRunner::live.isEmpty());
      FakeRunner::live.first()->finishNow();
      QTest::qWait(5);
    }
    QCOMPARE(FakeRunner::max_running, 2);
    QCOMPARE(FakeRunner::starts, 5);
  }

  void cancelsAWholeSweep() {
    QTemporaryDir ws;
    resetFakes(0, false);
    JobQueue queue;
    queue.setRunnerFactory("fake", [](QObject* parent) { return new FakeRunner(parent); });
    QVERIFY(queue.setWorkspace(ws.path()));
    QSignalSpy finished(&queue, &JobQueue::jobFinished);
    JobSpec other = fakeSpec("other");
    other.sweep = "keep";
    queue.enqueue({fakeSpec("s1"), fakeSpec("s2"), fakeSpec("s3"), other});
    QTRY_COMPARE(stateOf(queue, "s1"), QString("running"));
    QCOMPARE(queue.cancelSweep("fake-sweep"), 3);
    QTRY_COMPARE(finished.size(), 3);
    for (const QString& id : {"s1", "s2", "s3"}) QCOMPARE(stateOf(queue, id), QString("cancelled"));
    QTRY_COMPARE(stateOf(queue, "other"), QString("running"));
    QCOMPARE(queue.removeFinished(), 3);
    QCOMPARE(queue.count(), 1);
  }

  void enqueueingTheSameSweepTwiceKeepsIdsUnique() {
    QTemporaryDir ws;
    JobQueue queue;
    queue.setPaused(true);
    QVERIFY(queue.setWorkspace(ws.path()));
    const QStringList a = queue.enqueueSweep(smallSweep("twice", model_, "both"));
    const QStringList b = queue.enqueueSweep(smallSweep("twice", model_, "both"));
    QCOMPARE(b.first(), a.first() + "-2");
  }
};

QTEST_GUILESS_MAIN(JobQueueTest)
#include "test_job_queue.moc"
