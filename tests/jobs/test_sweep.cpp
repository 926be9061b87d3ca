// Sweeps: expansion into jobs (counts, configs, ids) and sweep.json errors that name file and field.
#include "jobs_fixtures.h"

#include "atomic_json.h"
#include "job_queue.h"
#include "sweep.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>
#include <QSet>
#include <QTemporaryDir>
#include <QtTest>

using namespace owb::jobs;
using namespace owb::jobs_test;

namespace {

// Stands in for the RunPod runner: remembers what the queue handed it and succeeds.
class OptionsRecorder : public JobRunner {
 public:
  static inline QList<QJsonObject> seen;
  using JobRunner::JobRunner;
  void start(const JobLaunch& launch) override {
    seen << launch.backend_options;
    QTimer::singleShot(0, this, [this] { emit finished("ok", QString()); });
  }
  void cancel() override {}
};

}  // namespace

class SweepTest : public QObject {
  Q_OBJECT

  static Sweep threeByThree() {
    Sweep s = smallSweep("grid", "/models/a", "outliers");
    s.models = {"/models/a", "/other/b"};
    s.analyses = {"outliers", "perplexity", "both"};
    s.threshold_sets = {ThresholdSet{}, ThresholdSet{4.0, 0.25, 0.06}, ThresholdSet{6.0, 0.5, 0.1}};
    return s;
  }

 private slots:
  void expandsOneJobPerModelAnalysisAndThresholdSet() {
    const QVector<JobSpec> jobs = expandSweep(threeByThree());
    // outliers and both: 2 models x 3 sets each; perplexity ignores thresholds: 2 models.
    QCOMPARE(jobs.size(), 2 * 3 + 2 * 3 + 2);
    int perplexity = 0;
    for (const JobSpec& j : jobs) perplexity += j.analysis == "perplexity";
    QCOMPARE(perplexity, 2);
    QCOMPARE(jobs.first().model, QString("/models/a"));
    QCOMPARE(jobs.last().model, QString("/other/b"));
  }

  void jobConfigsCarryModelThresholdsAndSections() {
    const QVector<JobSpec> jobs = expandSweep(threeByThree());
    const JobSpec& j = jobs[1];  // /models/a, outliers, second threshold set
    QCOMPARE(j.analysis, QString("outliers"));
    QCOMPARE(j.thresholds.magnitude_threshold, 4.0);
    const QJsonObject c = j.config;
    QCOMPARE(c["model"].toObject()["name"].toString(), QString("/models/a"));
    QCOMPARE(c["model"].toObject()["torch_dtype"].toString(), QString("float32"));
    QCOMPARE(c["analysis"].toObject()["magnitude_threshold"].toDouble(), 4.0);
    QCOMPARE(c["analysis"].toObject()["min_layer_percentage"].toDouble(), 0.25);
    QCOMPARE(c["analysis"].toObject()["batch_size"].toInt(), 1);
    QCOMPARE(c["dataset"].toObject()["name"].toString(), corpusPath());
    QCOMPARE(c["dataset"].toObject()["num_sequences"].toInt(), 2);

    const QJsonObject worker = j.workerJob("/ws/runs/grid/" + j.id + "_20250101_000000");
    QCOMPARE(worker["v"].toInt(), 1);
    QCOMPARE(worker["mode"].toString(), QString("outliers"));
    QCOMPARE(worker["run_dir"].toString(), "/ws/runs/grid/" + j.id + "_20250101_000000");
    const QJsonObject output = worker["config"].toObject()["output"].toObject();
    QCOMPARE(output["save_dir"].toString(), QString("/ws/runs/grid"));
    QCOMPARE(output["experiment_name"].toString(), j.id);
  }

  void idsAreStableUniqueAndNameTheJob() {
    const QVector<JobSpec> a = expandSweep(threeByThree());
    const QVector<JobSpec> b = expandSweep(threeByThree());
    QSet<QString> ids;
    for (int i = 0; i < a.size(); ++i) {
      QCOMPARE(a[i].id, b[i].id);
      ids.insert(a[i].id);
    }
    QCOMPARE(ids.size(), a.size());
    QVERIFY2(a[1].id.startsWith("a-outliers-t2-"), qPrintable(a[1].id));
    // Reordering models keeps each job's id.
    Sweep reordered = threeByThree();
    std::swap(reordered.models[0], reordered.models[1]);
    bool found = false;
    for (const JobSpec& j : expandSweep(reordered)) found |= j.id == a[1].id;
    QVERIFY(found);
  }

  void sameModelListedTwiceGetsDistinctIds() {
    Sweep s = smallSweep("dup", "/m/x", "outliers");
    s.models = {"/m/x", "/m/x"};
    const QVector<JobSpec> jobs = expandSweep(s);
    QCOMPARE(jobs.size(), 2);
    QVERIFY(jobs[0].id != jobs[1].id);
  }

  void savesAndLoadsTheSameSweep() {
    QTemporaryDir dir;
    const Sweep s = threeByThree();
    QString error;
    QVERIFY2(saveSweep(s, dir.filePath("sweep.json"), &error), qPrintable(error));
    const SweepResult r = loadSweep(dir.filePath("sweep.json"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(toJson(*r.sweep), toJson(s));
    QCOMPARE(r.sweep->threshold_sets.size(), 3);
    QVERIFY(validateSweep(*r.sweep).isEmpty());
  }

  void runPodOptionsAndCapsPersistInSweepJson() {
    QTemporaryDir dir;
    Sweep s = smallSweep("caps", "/m", "outliers");
    s.backend.kind = "runpod";
    s.backend.runpod.gpu_types = {"NVIDIA A40", "NVIDIA GeForce RTX 4090"};
    s.backend.runpod.gpu_count = 2;
    s.backend.runpod.cloud = "COMMUNITY";
    s.backend.runpod.min_vram_auto = true;
    s.backend.runpod.max_usd_per_hour = 1.25;
    s.backend.runpod.max_total_usd = 20;
    s.backend.runpod.keep_running = false;
    QVERIFY(validateSweep(s).isEmpty());
    QVERIFY(saveSweep(s, dir.filePath("sweep.json")));
    const QJsonObject runpod = readJson(dir.filePath("sweep.json"))["backend"].toObject()["runpod"].toObject();
    QCOMPARE(runpod["max_usd_per_hour"].toDouble(), 1.25);
    QCOMPARE(runpod["max_total_usd"].toDouble(), 20.0);
    QCOMPARE(runpod["min_vram_gib"].toString(), QString("auto"));
    const SweepResult r = loadSweep(dir.filePath("sweep.json"));
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(toJson(*r.sweep), toJson(s));
    // Every job carries them, with what "auto" needs.
    const QJsonObject options = expandSweep(s).first().backend_options;
    QCOMPARE(options["max_total_usd"].toDouble(), 20.0);
    QCOMPARE(options["vram_models"].toArray(), QJsonArray({"/m"}));
    QVERIFY(options["vram_arguments"].toArray().contains(QJsonValue("--seq-len")));
  }

  void runPodOptionErrorsNameTheField_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("cap type") << QByteArray(R"({"backend": {"kind": "runpod", "runpod": {"max_total_usd": "20"}}})")
                              << "backend.runpod.max_total_usd: must be a number";
    QTest::newRow("vram") << QByteArray(R"({"backend": {"runpod": {"min_vram_gib": "lots"}}})")
                          << "backend.runpod.min_vram_gib: must be a number of GiB or \"auto\"";
    QTest::newRow("key") << QByteArray(R"({"backend": {"runpod": {"max_dollars": 3}}})") << "backend.runpod.max_dollars: unknown key";
  }

  void runPodOptionErrorsNameTheField() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    QVERIFY(writeBytesAtomic(dir.filePath("sweep.json"), text));
    const SweepResult r = loadSweep(dir.filePath("sweep.json"));
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains(expected), qPrintable(r.error));
    Sweep s = smallSweep("neg", "/m", "outliers");
    s.backend.runpod.max_usd_per_hour = -1;
    QVERIFY(validateSweep(s).startsWith("backend.runpod.max_usd_per_hour"));
  }

  // "auto": the queue runs owb estimate-vram on every model of the sweep before the first
  // launch, and the largest model's figure reaches the runner.
  void autoMinVramIsResolvedForTheLargestModel() {
    QTemporaryDir dir;
    const QString small = dir.filePath("small"), large = dir.filePath("large");
    for (const auto& [out, hidden] : {std::pair{small, "64"}, std::pair{large, "1024"}}) {
      QProcess p;
      p.start(OWB_BINARY, {"make-test-model", "--arch", "llama", "--out", out, "--layers", "2", "--hidden", hidden, "--heads", "8", "--kv-heads", "4",
                           "--intermediate", "1024", "--vocab", "256"});
      QVERIFY(p.waitForFinished(120000) && p.exitCode() == 0);
    }
    qputenv("OWB_BINARY", OWB_BINARY);
    Sweep s = smallSweep("auto", small, "outliers", 2, 512);
    s.models = {small, large};
    s.model_options["torch_dtype"] = "float32";
    s.analysis["batch_size"] = 64;  // so that the large model needs more than 1 GiB
    s.backend.kind = "runpod";
    s.backend.runpod.min_vram_auto = true;
    QProcess est;
    est.start(OWB_BINARY, QStringList{"estimate-vram", large} + vramEstimateArguments(s));
    QVERIFY(est.waitForFinished(60000) && est.exitCode() == 0);
    const double expected = QJsonDocument::fromJson(est.readAllStandardOutput()).object()["min_vram_gib"].toDouble();
    QVERIFY(expected > 1);

    OptionsRecorder::seen.clear();
    JobQueue queue;
    queue.setRunnerFactory("runpod", [](QObject* parent) { return new OptionsRecorder(parent); });
    QVERIFY(queue.setWorkspace(dir.filePath("ws")));
    queue.enqueueSweep(s);
    QVERIFY(QTest::qWaitFor([&] { return !queue.hasUnfinishedJobs(); }, 120000));
    QCOMPARE(OptionsRecorder::seen.size(), 2);
    for (const QJsonObject& o : OptionsRecorder::seen) {
      QCOMPARE(o["min_vram_gib"].toDouble(), expected);
      QVERIFY2(o["min_vram_source"].toString().contains(large), qPrintable(o["min_vram_source"].toString()));
    }
    queue.waitForPersisted();
  }

  void autoMinVramThatCannotBeEstimatedFailsTheJobs() {
    QTemporaryDir dir;
    qputenv("OWB_BINARY", OWB_BINARY);
    Sweep s = smallSweep("auto-missing", dir.filePath("no-such-model"), "outliers");
    s.backend.kind = "runpod";
    s.backend.runpod.min_vram_auto = true;
    OptionsRecorder::seen.clear();
    JobQueue queue;
    queue.setRunnerFactory("runpod", [](QObject* parent) { return new OptionsRecorder(parent); });
    QVERIFY(queue.setWorkspace(dir.filePath("ws")));
    queue.enqueueSweep(s);
    QVERIFY(QTest::qWaitFor([&] { return !queue.hasUnfinishedJobs(); }, 60000));
    QCOMPARE(queue.at(0).state, JobState::Failed);
    QVERIFY2(queue.at(0).error.contains("estimate-vram"), qPrintable(queue.at(0).error));
    QVERIFY(OptionsRecorder::seen.isEmpty());
    queue.waitForPersisted();
  }

  void loadErrorsNameFileAndField_data() {
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<QString>("expected");
    QTest::newRow("not json") << QByteArray("{\"name\": ") << "invalid JSON";
    QTest::newRow("not an object") << QByteArray("[1, 2]") << "must be a JSON object";
    QTest::newRow("unknown key") << QByteArray(R"({"name": "x", "modles": []})") << "modles: unknown key";
    QTest::newRow("version") << QByteArray(R"({"v": 2})") << "v: unsupported version 2";
    QTest::newRow("models type") << QByteArray(R"({"models": "/m"})") << "models: must be a list of strings";
    QTest::newRow("model entry") << QByteArray(R"({"models": ["/m", 3]})") << "models[1]: must be a string";
    QTest::newRow("threshold type") << QByteArray(R"({"threshold_sets": [{}, {"magnitude_threshold": "6"}]})")
                                    << "threshold_sets[1].magnitude_threshold: must be a number";
    QTest::newRow("threshold key") << QByteArray(R"({"threshold_sets": [{"threshold": 6}]})")
                                   << "threshold_sets[0].threshold: unknown key";
    QTest::newRow("dataset count") << QByteArray(R"({"dataset": {"num_sequences": 2.5}})")
                                   << "dataset.num_sequences: must be a whole number";
    QTest::newRow("dataset key") << QByteArray(R"({"dataset": {"path": "x"}})") << "dataset.path: unknown key";
    QTest::newRow("analysis thresholds") << QByteArray(R"({"analysis": {"magnitude_threshold": 6}})")
                                         << "analysis.magnitude_threshold: unknown key";
    QTest::newRow("layers") << QByteArray(R"({"analysis": {"layers": [0, "1"]}})") << "analysis.layers: must be a list";
    QTest::newRow("streaming") << QByteArray(R"({"model_options": {"streaming": "yes"}})")
                               << "model_options.streaming: must be true or false";
    QTest::newRow("concurrency") << QByteArray(R"({"backend": {"kind": "local", "concurrency": 1.5}})")
                                 << "backend.concurrency: must be a whole number";
  }

  void loadErrorsNameFileAndField() {
    QFETCH(QByteArray, text);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = dir.filePath("sweep.json");
    QVERIFY(writeBytesAtomic(path, text));
    const SweepResult r = loadSweep(path);
    QVERIFY(!r.ok());
    QVERIFY2(r.error.startsWith(path), qPrintable(r.error));
    QVERIFY2(r.error.contains(expected), qPrintable(r.error));
  }

  void missingFileIsAnErrorNamingIt() {
    const SweepResult r = loadSweep("/nonexistent/sweep.json");
    QVERIFY(!r.ok());
    QVERIFY2(r.error.contains("/nonexistent/sweep.json"), qPrintable(r.error));
  }

  void validationSaysWhatIsWrong_data() {
    QTest::addColumn<int>("which");
    QTest::addColumn<QString>("expected");
    QTest::newRow("name") << 0 << "name:";
    QTest::newRow("models") << 1 << "models:";
    QTest::newRow("analyses") << 2 << "analyses:";
    QTest::newRow("percentage") << 3 << "threshold_sets[0].min_layer_percentage: must be between 0 and 1";
    QTest::newRow("dataset") << 4 << "dataset.name:";
    QTest::newRow("dtype") << 5 << "model_options.torch_dtype:";
    QTest::newRow("folder name") << 6 << "name: use letters";
  }

  void validationSaysWhatIsWrong() {
    QFETCH(int, which);
    QFETCH(QString, expected);
    Sweep s = smallSweep("ok", "/m", "outliers");
    QVERIFY(validateSweep(s).isEmpty());
    switch (which) {
      case 0: s.name.clear(); break;
      case 1: s.models.clear(); break;
      case 2: s.analyses.clear(); break;
      case 3: s.threshold_sets[0].min_layer_percentage = 25; break;
      case 4: s.dataset.remove("name"); break;
      case 5: s.model_options["torch_dtype"] = "int8"; break;
      case 6: s.name = "a/b"; break;
    }
    QVERIFY2(validateSweep(s).startsWith(expected), qPrintable(validateSweep(s)));
  }
};

QTEST_GUILESS_MAIN(SweepTest)
#include "test_sweep.moc"
