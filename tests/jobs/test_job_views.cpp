// The GUI over the job layer, offscreen: the job table (model tester), the sweep editor driven
// with QTest, and the main window running a planted model live (monitor progress, live heatmap,
// run store rescan when the job ends).
#include "jobs_fixtures.h"

#include "heatmap_matrix.h"
#include "job_queue.h"
#include "job_table_model.h"
#include "live_pods_model.h"
#include "live_pods_view.h"
#include "main_window.h"
#include "pod_ledger.h"
#include "run_monitor.h"
#include "run_store_model.h"
#include "sweep_editor.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

using namespace owb::jobs;
using namespace owb::jobs_test;
using owb::models::JobTableModel;

namespace {

// Finishes when told (or at once), for model tests that need no process.
class ManualRunner : public JobRunner {
 public:
  static inline QList<ManualRunner*> live;
  using JobRunner::JobRunner;
  ~ManualRunner() override { live.removeAll(this); }
  void start(const JobLaunch& launch) override {
    live << this;
    emit started(launch.run_dir);
  }
  void cancel() override { end("cancelled"); }
  void step(qint64 done, qint64 total) { emit progress("layer", done, total, 12.0); }
  void end(const QString& status) {
    live.removeAll(this);
    emit finished(status, status == "failed" ? QString("boom") : QString());
  }
};

void setSpin(QAbstractSpinBox* spin, const QString& text) {
  spin->setFocus();
  spin->selectAll();
  QTest::keyClicks(spin, text);
  QTest::keyClick(spin, Qt::Key_Tab);
}

}  // namespace

class JobViewsTest : public QObject {
  Q_OBJECT

  QTemporaryDir models_;
  QString model_;

  // Fills the editor as a user would: name typed, model added, boxes clicked, numbers typed.
  void fillEditor(owb::widgets::SweepEditor* editor, const QString& name, int num_sequences) {
    editor->nameEdit()->clear();
    QTest::keyClicks(editor->nameEdit(), name);
    editor->addModel(model_);
    editor->datasetEdit()->clear();
    QTest::keyClicks(editor->datasetEdit(), corpusPath());
    if (!editor->analysisBox("outliers")->isChecked()) QTest::mouseClick(editor->analysisBox("outliers"), Qt::LeftButton);
    setSpin(editor->numSequencesSpin(), QString::number(num_sequences));
    setSpin(editor->sequenceLengthSpin(), "32");
    setSpin(editor->batchSizeSpin(), "1");
    editor->dtypeBox()->setCurrentIndex(editor->dtypeBox()->findData("float32"));
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("OutlierWorkbenchTests");
    QCoreApplication::setApplicationName("jobs_gui");
    QSettings().clear();
    QLocale::setDefault(QLocale(QLocale::English));
    qputenv("OWB_BINARY", OWB_BINARY);
    model_ = makePlantedModel(models_.path());
    QVERIFY(!model_.isEmpty());
  }

  void jobTableModelPassesTheModelTester() {
    QTemporaryDir ws;
    JobQueue queue;
    queue.setRunnerFactory("manual", [](QObject* parent) { return new ManualRunner(parent); });
    queue.setConcurrency("manual", 2);
    JobTableModel model(&queue);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QVERIFY(queue.setWorkspace(ws.path()));
    JobSpec spec;
    spec.sweep = "s";
    spec.model = "/models/tiny";
    spec.analysis = "outliers";
    spec.backend = "manual";
    QVector<JobSpec> specs;
    for (const char* id : {"a", "b", "c"}) {
      spec.id = id;
      specs << spec;
    }
    queue.enqueue(specs);
    QCOMPARE(model.rowCount(), 3);
    QTRY_COMPARE(ManualRunner::live.size(), 2);
    ManualRunner::live[0]->step(3, 4);
    const QModelIndex progress = model.index(0, JobTableModel::ProgressColumn);
    QCOMPARE(progress.data(JobTableModel::ProgressRole).toDouble(), 0.75);
    QCOMPARE(progress.data().toString(), QString("75 %"));
    QCOMPARE(model.index(0, JobTableModel::StageColumn).data().toString(), QString("layer 3/4"));
    QCOMPARE(model.index(0, JobTableModel::EtaColumn).data().toString(), QString("12 s"));
    QCOMPARE(model.index(0, JobTableModel::StateColumn).data().toString(), QString("running"));
    QCOMPARE(model.index(2, JobTableModel::StateColumn).data().toString(), QString("queued"));
    QCOMPARE(model.index(0, JobTableModel::ModelColumn).data().toString(), QString("tiny"));
    QVERIFY(!model.index(0, JobTableModel::ElapsedColumn).data().toString().isEmpty());
    ManualRunner::live[0]->end("failed");
    QCOMPARE(model.index(0, JobTableModel::StateColumn).data().toString(), QString("failed"));
    QCOMPARE(model.index(0, JobTableModel::StateColumn).data(Qt::ToolTipRole).toString(), QString("boom"));
    QTRY_COMPARE(ManualRunner::live.size(), 2);  // c started
    while (!ManualRunner::live.isEmpty()) ManualRunner::live.first()->end("ok");
    QCOMPARE(model.index(2, JobTableModel::ProgressColumn).data(JobTableModel::ProgressRole).toDouble(), 1.0);
    QCOMPARE(queue.removeFinished(), 3);
    QCOMPARE(model.rowCount(), 0);
    QTemporaryDir other;
    QVERIFY(queue.setWorkspace(other.path()));  // a reset
  }

  void sweepEditorSaysWhatIsWrongAndDisablesLaunch() {
    QTemporaryDir ws;
    JobQueue queue;
    QVERIFY(queue.setWorkspace(ws.path()));
    owb::widgets::SweepEditor editor(&queue);
    editor.show();
    QVERIFY(!editor.launchButton()->isEnabled());
    QVERIFY2(editor.problemLabel()->text().startsWith("models:"), qPrintable(editor.problemLabel()->text()));
    fillEditor(&editor, "ok-name", 2);
    QVERIFY2(editor.problemLabel()->text().isEmpty(), qPrintable(editor.problemLabel()->text()));
    QVERIFY(editor.launchButton()->isEnabled());
    QTest::keyClicks(editor.nameEdit(), "/x");
    QVERIFY2(editor.problemLabel()->text().startsWith("name:"), qPrintable(editor.problemLabel()->text()));
    QVERIFY(!editor.launchButton()->isEnabled());
    QTest::keyClick(editor.nameEdit(), Qt::Key_Backspace);
    QTest::keyClick(editor.nameEdit(), Qt::Key_Backspace);
    QVERIFY(editor.launchButton()->isEnabled());
    QTest::mouseClick(editor.analysisBox("outliers"), Qt::LeftButton);
    QVERIFY2(editor.problemLabel()->text().startsWith("analyses:"), qPrintable(editor.problemLabel()->text()));
    QTest::mouseClick(editor.analysisBox("outliers"), Qt::LeftButton);
    editor.datasetEdit()->setText(ws.filePath("missing.jsonl"));
    QVERIFY2(editor.problemLabel()->text().contains("does not exist"), qPrintable(editor.problemLabel()->text()));
    QVERIFY(!editor.launchButton()->isEnabled());
  }

  void dettmersPresetRestoresTheCriteria() {
    JobQueue queue;
    owb::widgets::SweepEditor editor(&queue);
    editor.show();
    setSpin(editor.magnitudeSpin(), "4.5");
    setSpin(editor.layerShareSpin(), "0.5");
    setSpin(editor.seqShareSpin(), "0.2");
    QCOMPARE(editor.magnitudeSpin()->value(), 4.5);
    QCOMPARE(editor.sweep().threshold_sets[0].min_seq_percentage, 0.2);
    QTest::mouseClick(editor.presetButton(), Qt::LeftButton);
    QCOMPARE(editor.magnitudeSpin()->value(), 6.0);
    QCOMPARE(editor.layerShareSpin()->value(), 0.25);
    QCOMPARE(editor.seqShareSpin()->value(), 0.06);
  }

  void sweepEditorLaunchEnqueuesTheRightJobs() {
    QTemporaryDir ws;
    JobQueue queue;
    queue.setPaused(true);
    QVERIFY(queue.setWorkspace(ws.path()));
    owb::widgets::SweepEditor editor(&queue);
    editor.show();
    fillEditor(&editor, "editor-sweep", 3);
    QTest::mouseClick(editor.analysisBox("perplexity"), Qt::LeftButton);
    setSpin(editor.magnitudeSpin(), "5");
    QSignalSpy launched(&editor, &owb::widgets::SweepEditor::launched);
    QTest::mouseClick(editor.launchButton(), Qt::LeftButton);
    QCOMPARE(launched.size(), 1);
    QCOMPARE(queue.count(), 2);
    const Job& outliers = queue.at(0);
    QCOMPARE(outliers.spec.analysis, QString("outliers"));
    QCOMPARE(outliers.spec.sweep, QString("editor-sweep"));
    QCOMPARE(outliers.spec.model, model_);
    QCOMPARE(outliers.spec.thresholds.magnitude_threshold, 5.0);
    const QJsonObject c = outliers.spec.config;
    QCOMPARE(c["dataset"].toObject()["num_sequences"].toInt(), 3);
    QCOMPARE(c["dataset"].toObject()["sequence_length"].toInt(), 32);
    QCOMPARE(c["dataset"].toObject()["name"].toString(), corpusPath());
    QCOMPARE(c["model"].toObject()["torch_dtype"].toString(), QString("float32"));
    QCOMPARE(c["analysis"].toObject()["magnitude_threshold"].toDouble(), 5.0);
    QCOMPARE(queue.at(1).spec.analysis, QString("perplexity"));
    QCOMPARE(launched[0][0].toStringList(), (QStringList{queue.at(0).spec.id, queue.at(1).spec.id}));

    // Reopening the workspace shows the launched sweep again.
    QVERIFY(QFileInfo::exists(editor.lastSweepFile()));
    JobQueue reopened;
    reopened.setPaused(true);
    owb::widgets::SweepEditor again(&reopened);
    QVERIFY(reopened.setWorkspace(ws.path()));
    QCOMPARE(again.nameEdit()->text(), QString("editor-sweep"));
    QCOMPARE(again.magnitudeSpin()->value(), 5.0);
    QCOMPARE(toJson(again.sweep()), toJson(editor.sweep()));
  }

  void sweepEditorSavesAndLoadsSweepJson() {
    QTemporaryDir ws;
    JobQueue queue;
    owb::widgets::SweepEditor editor(&queue);
    fillEditor(&editor, "saved", 7);
    QString error;
    QVERIFY2(editor.saveTo(ws.filePath("sweep.json"), &error), qPrintable(error));
    owb::widgets::SweepEditor other(&queue);
    QVERIFY2(other.loadFrom(ws.filePath("sweep.json"), &error), qPrintable(error));
    QCOMPARE(other.nameEdit()->text(), QString("saved"));
    QCOMPARE(other.numSequencesSpin()->value(), 7);
    QCOMPARE(other.modelList()->count(), 1);
    QCOMPARE(toJson(other.sweep()), toJson(editor.sweep()));
    QVERIFY(!other.loadFrom(ws.filePath("nothing.json"), &error));
    QVERIFY(error.contains("nothing.json"));
  }

  // The Monitor tab holds the live pods panel (here without an API key: the ledger's own
  // figures), and Settings > Remote Backends… opens the remote settings.
  void windowShowsLedgerPodsUnderTheMonitorAndHasRemoteSettings() {
    QTemporaryDir ws;
    qunsetenv("RUNPOD_API_KEY");
    qputenv("OWB_SECRETS_FILE", QDir(ws.path()).filePath("no-secrets.json").toUtf8());
    owb::remote::LedgerPod pod{"podabc", "owb-sweepjob", "sweepjob", QDateTime::currentDateTimeUtc().addSecs(-1800)};
    pod.cost_per_hr = 0.5;
    pod.gpu = "NVIDIA A40";
    QVERIFY(owb::remote::PodLedger(owb::remote::PodLedger::fileFor(ws.path())).record(pod));
    owb::gui::MainWindow window;
    window.show();
    QVERIFY(window.runMonitor()->isAncestorOf(window.livePodsView()));
    QSignalSpy refreshed(window.livePods(), &owb::models::LivePodsModel::refreshed);
    window.openWorkspace(ws.path());
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(window.livePods()->rowCount(), 1);
    QCOMPARE(window.livePods()->index(0, owb::models::LivePodsModel::Gpu).data().toString(), QString("NVIDIA A40"));
    QCOMPARE(window.livePods()->index(0, owb::models::LivePodsModel::Cost).data().toString(), QString("$0.25"));
    bool found = false;
    for (QAction* menu : window.menuBar()->actions())
      if (menu->menu())
        for (QAction* a : menu->menu()->actions()) found |= a->text().contains("Remote Backends");
    QVERIFY(found);
    qunsetenv("OWB_SECRETS_FILE");
  }

  void windowLaunchesFromSweepTabAndMonitorShowsTheFinishedRun() {
    QTemporaryDir ws;
    owb::gui::MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QSignalSpy opened(&window, &owb::gui::MainWindow::workspaceOpened);
    window.openWorkspace(ws.path());
    QVERIFY(opened.wait(10000));
    window.tabs()->setCurrentWidget(window.sweepEditor());
    fillEditor(window.sweepEditor(), "gui-sweep", 2);
    QSignalSpy finished(window.jobQueue(), &JobQueue::jobFinished);
    QTest::mouseClick(window.sweepEditor()->launchButton(), Qt::LeftButton);
    QCOMPARE(window.tabs()->currentWidget(), window.runMonitor());
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 60000);
    QCOMPARE(finished[0][1].toString(), QString("succeeded"));

    owb::widgets::RunMonitor* monitor = window.runMonitor();
    const QString id = finished[0][0].toString();
    QCOMPARE(monitor->selectedJobId(), id);
    const QModelIndex progress = window.jobModel()->indexOfJob(id, JobTableModel::ProgressColumn);
    QCOMPARE(progress.data(JobTableModel::ProgressRole).toDouble(), 1.0);
    QVERIFY(monitor->logView()->toPlainText().contains("finished: succeeded"));
    QVERIFY(monitor->retryButton()->isEnabled() == false);
    monitor->filterEdit()->setText("wrote");
    for (const QString& line : monitor->logView()->toPlainText().split('\n')) QVERIFY2(line.contains("wrote"), qPrintable(line));

    // The run store rescans when the job ends; Show Run shows its heatmap.
    const QString run_dir = window.jobQueue()->find(id)->run_dir;
    QTRY_VERIFY_WITH_TIMEOUT(window.runStore()->indexOfRun(run_dir).isValid(), 10000);
    QSignalSpy shown(&window, &owb::gui::MainWindow::runShown);
    QTest::mouseClick(monitor->showRunButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(window.currentRunPath() == run_dir && window.heatmapMatrix()->hookCount() == 8, 10000);
    QCOMPARE(window.heatmapMatrix()->dimCount(), 64);
  }

  void windowHeatmapFillsLiveWhileTheJobRuns() {
    QTemporaryDir ws;
    owb::gui::MainWindow window;
    window.show();
    QSignalSpy opened(&window, &owb::gui::MainWindow::workspaceOpened);
    window.openWorkspace(ws.path());
    QVERIFY(opened.wait(10000));
    Sweep slow = smallSweep("live", model_, "outliers", 1500, 256);
    slow.dataset["window_stride"] = 16;
    QSignalSpy started(window.jobQueue(), &JobQueue::jobStarted);
    QSignalSpy finished(window.jobQueue(), &JobQueue::jobFinished);
    const QString id = window.jobQueue()->enqueueSweep(slow).first();
    QTRY_VERIFY_WITH_TIMEOUT(started.size() == 1, 30000);
    const QString run_dir = started[0][1].toString();
    window.showJobRun(run_dir);
    // Rows arrive from layer_stats events while the worker still runs.
    QTRY_VERIFY_WITH_TIMEOUT(window.currentRunPath() == run_dir && window.heatmapMatrix()->hookCount() == 8, 30000);
    QVERIFY2(finished.isEmpty(), "the slow job finished before the live check");
    QCOMPARE(window.heatmapMatrix()->dimCount(), 64);
    QVERIFY(window.heatmapMatrix()->value(0, 5, owb::models::HeatmapMatrix::Measure::MaxAbs) > 6.0);
    const QModelIndex progress = window.jobModel()->indexOfJob(id, JobTableModel::ProgressColumn);
    QTRY_VERIFY(progress.data(JobTableModel::ProgressRole).toDouble() > 0);
    QVERIFY(progress.data(JobTableModel::ProgressRole).toDouble() < 1);
    window.runMonitor()->selectJob(id);
    QVERIFY(window.runMonitor()->cancelButton()->isEnabled());
    QTest::mouseClick(window.runMonitor()->cancelButton(), Qt::LeftButton);
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() == 1, 30000);
    QCOMPARE(finished[0][1].toString(), QString("cancelled"));
    QVERIFY(window.runMonitor()->retryButton()->isEnabled());
  }

  // Not a check: with OWB_JOBS_SCREENSHOTS=DIR it saves sweep.png and monitor.png (a live run)
  // for docs/screenshots. Run under Xvfb with QT_QPA_PLATFORM=xcb for real fonts.
  void savesScreenshotsWhenAsked() {
    const QString out = qEnvironmentVariable("OWB_JOBS_SCREENSHOTS");
    if (out.isEmpty()) QSKIP("set OWB_JOBS_SCREENSHOTS=DIR to save screenshots");
    QTemporaryDir ws;
    const QString big = QDir(ws.path()).filePath("qwen2-12L-d17");
    QProcess make;
    make.start(OWB_BINARY, {"make-test-model", "--arch", "qwen2", "--out", big, "--layers", "12", "--hidden", "512", "--heads", "8",
                            "--kv-heads", "4", "--tokenizer", OWB_SOURCE_DIR "/tests/tokenizer/fixtures/model_dir",
                            "--plant-outlier", "dim=17,gamma=25"});
    QVERIFY(make.waitForFinished(120000) && make.exitCode() == 0);
    owb::gui::MainWindow window;
    window.resize(1400, 900);
    window.show();
    QSignalSpy opened(&window, &owb::gui::MainWindow::workspaceOpened);
    window.openWorkspace(ws.path());
    QVERIFY(opened.wait(10000));
    owb::widgets::SweepEditor* editor = window.sweepEditor();
    window.tabs()->setCurrentWidget(editor);
    fillEditor(editor, "demo-sweep", 8);
    editor->addModel(big);
    QTest::mouseClick(editor->analysisBox("perplexity"), Qt::LeftButton);
    setSpin(editor->sequenceLengthSpin(), "512");
    QTest::qWait(300);
    QVERIFY(window.grab().save(QDir(out).filePath("sweep.png")));
    QSignalSpy finished(window.jobQueue(), &JobQueue::jobFinished);
    QTest::mouseClick(editor->launchButton(), Qt::LeftButton);
    // The small model's jobs finish; the big one's outlier job is caught half way.
    QTRY_VERIFY_WITH_TIMEOUT(finished.size() >= 2, 120000);
    const QString running = window.jobQueue()->at(2).spec.id;
    QTRY_VERIFY_WITH_TIMEOUT(window.jobQueue()->at(2).progress.fraction() > 0.3, 300000);
    window.runMonitor()->selectJob(running);
    window.tabs()->setCurrentWidget(window.runMonitor());
    QTest::qWait(1200);
    QVERIFY(window.grab().save(QDir(out).filePath("monitor.png")));
    window.showJobRun(window.jobQueue()->at(2).run_dir);
    QTRY_VERIFY_WITH_TIMEOUT(window.heatmapMatrix()->hookCount() == 24, 120000);
    QTest::qWait(800);
    QVERIFY(window.grab().save(QDir(out).filePath("heatmap_live.png")));
    window.jobQueue()->cancelSweep("demo-sweep");
  }
};

QTEST_MAIN(JobViewsTest)
#include "test_job_views.moc"
