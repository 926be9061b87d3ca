// The Sweep tab's Backend box, offscreen and driven like a user: every backend.runpod option of
// sweep.json typed or picked, saved, loaded into a fresh editor and saved again unchanged; a
// hand-written file round-trips exactly; wrong entries are refused inline and keep Launch off;
// the "auto" minimum VRAM shown is owb estimate-vram's own figure, with the worst-case cost; SSH
// hosts and SLURM from Settings > Remote Backends are offered with what Settings hold for them.
#include "jobs_fixtures.h"

#include "job_queue.h"
#include "remote_settings.h"
#include "sweep_backend_panel.h"
#include "sweep_editor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QtTest>

using namespace owb::jobs;
using namespace owb::jobs_test;
using owb::widgets::SweepBackendPanel;
using owb::widgets::SweepEditor;

namespace {

void typeInto(QLineEdit* edit, const QString& text) {
  edit->setFocus();
  edit->selectAll();
  QTest::keyClick(edit, Qt::Key_Delete);
  QTest::keyClicks(edit, text);
}

void setSpin(QAbstractSpinBox* spin, const QString& text) {
  spin->setFocus();
  spin->selectAll();
  QTest::keyClicks(spin, text);
  QTest::keyClick(spin, Qt::Key_Tab);
}

// Picks the item whose data is `value` with the keyboard, as a user arrowing through the list.
void pick(QComboBox* box, const QString& value) {
  const int target = box->findData(value);
  QVERIFY2(target >= 0, qPrintable(value));
  box->setFocus();
  while (box->currentIndex() < target) QTest::keyClick(box, Qt::Key_Down);
  while (box->currentIndex() > target) QTest::keyClick(box, Qt::Key_Up);
}

void pickIndex(QComboBox* box, int target) {
  box->setFocus();
  while (box->currentIndex() < target) QTest::keyClick(box, Qt::Key_Down);
  while (box->currentIndex() > target) QTest::keyClick(box, Qt::Key_Up);
}

}  // namespace

class SweepBackendEditorTest : public QObject {
  Q_OBJECT

  QTemporaryDir dir_;
  QString model_;

  // A sweep the editor accepts apart from its backend.
  void fillBasics(SweepEditor* editor, const QString& name) {
    typeInto(editor->nameEdit(), name);
    editor->addModel(model_);
    typeInto(editor->datasetEdit(), corpusPath());
    setSpin(editor->numSequencesSpin(), "2");
    setSpin(editor->sequenceLengthSpin(), "32");
    editor->dtypeBox()->setCurrentIndex(editor->dtypeBox()->findData("float32"));
  }

  // Every backend.runpod option, through the widgets.
  void fillRunPod(SweepBackendPanel* panel) {
    pick(panel->kindBox(), "runpod");
    QVERIFY(panel->showsRunPodOptions());
    typeInto(panel->gpuTypesEdit(), "NVIDIA A40, NVIDIA GeForce RTX 4090");
    setSpin(panel->gpuCountSpin(), "2");
    pick(panel->cloudBox(), "COMMUNITY");
    setSpin(panel->diskSpin(), "80");
    typeInto(panel->imageEdit(), "runpod/pytorch:2.4.0-custom");
    pickIndex(panel->keepRunningBox(), 2);  // yes
    typeInto(panel->minVramEdit(), "auto");
    typeInto(panel->maxUsdPerHourEdit(), "1.5");
    typeInto(panel->maxTotalUsdEdit(), "20");
    setSpin(panel->concurrencySpin(), "3");
  }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("OutlierWorkbenchTests");
    QCoreApplication::setApplicationName("jobs_gui_backend");
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, dir_.filePath("settings"));
    QSettings().clear();
    QLocale::setDefault(QLocale(QLocale::English));
    qputenv("OWB_BINARY", OWB_BINARY);
    owb::remote::RemoteSettings remote;
    owb::remote::SshHostEntry labbox;
    labbox.name = "labbox";
    labbox.host = "gpu.example.org";
    labbox.user = "ana";
    labbox.port = 2222;
    labbox.work_dir = "/scratch/owb";
    labbox.slurm = true;
    labbox.partition = "gpu";
    labbox.gpus = 2;
    labbox.time_limit = "04:00:00";
    remote.hosts << labbox;
    remote.save();
    model_ = makePlantedModel(dir_.path());
    QVERIFY(!model_.isEmpty());
  }

  void everyRunPodOptionRoundTripsThroughSweepJson() {
    JobQueue queue;
    SweepEditor editor(&queue);
    editor.show();
    fillBasics(&editor, "pods");
    fillRunPod(editor.backendPanel());
    QVERIFY2(editor.backendPanel()->problem().isEmpty(), qPrintable(editor.backendPanel()->problem()));

    const QString file = dir_.filePath("pods.json");
    QString error;
    QVERIFY2(editor.saveTo(file, &error), qPrintable(error));
    const QJsonObject backend = readJson(file).value("backend").toObject();
    QCOMPARE(backend.value("kind").toString(), QString("runpod"));
    QCOMPARE(backend.value("concurrency").toInt(), 3);
    const QJsonObject expected{{"gpu_types", QJsonArray{"NVIDIA A40", "NVIDIA GeForce RTX 4090"}},
                               {"gpu_count", 2},
                               {"cloud", "COMMUNITY"},
                               {"container_disk_gb", 80},
                               {"image", "runpod/pytorch:2.4.0-custom"},
                               {"keep_running", true},
                               {"min_vram_gib", "auto"},
                               {"max_usd_per_hour", 1.5},
                               {"max_total_usd", 20}};
    QCOMPARE(backend.value("runpod").toObject(), expected);

    SweepEditor fresh(&queue);
    fresh.show();
    QVERIFY2(fresh.loadFrom(file, &error), qPrintable(error));
    SweepBackendPanel* panel = fresh.backendPanel();
    QCOMPARE(panel->kindBox()->currentData().toString(), QString("runpod"));
    QCOMPARE(panel->gpuTypesEdit()->text(), QString("NVIDIA A40, NVIDIA GeForce RTX 4090"));
    QCOMPARE(panel->gpuCountSpin()->value(), 2);
    QCOMPARE(panel->cloudBox()->currentData().toString(), QString("COMMUNITY"));
    QCOMPARE(panel->diskSpin()->value(), 80);
    QCOMPARE(panel->keepRunningBox()->currentIndex(), 2);
    QCOMPARE(panel->minVramEdit()->text(), QString("auto"));
    QCOMPARE(panel->maxUsdPerHourEdit()->text(), QString("1.5"));
    QCOMPARE(panel->maxTotalUsdEdit()->text(), QString("20"));
    const QString again = dir_.filePath("pods-again.json");
    QVERIFY2(fresh.saveTo(again, &error), qPrintable(error));
    QCOMPARE(readJson(again), readJson(file));
  }

  // Values a user would not type (keep_running false, a fractional minimum) and absent keys.
  void aHandWrittenSweepJsonIsSavedBackUnchanged() {
    Sweep s = smallSweep("by-hand", model_, "outliers");
    s.backend.kind = "runpod";
    s.backend.concurrency = 2;
    s.backend.runpod.keep_running = false;
    s.backend.runpod.min_vram_gib = 40.25;
    s.backend.runpod.max_usd_per_hour = 0.1 + 0.2;  // 0.30000000000000004: shortest text keeps every bit
    s.backend.runpod.cloud = "SECURE";
    const QString file = dir_.filePath("by-hand.json");
    QVERIFY(saveSweep(s, file));
    JobQueue queue;
    SweepEditor editor(&queue);
    QString error;
    QVERIFY2(editor.loadFrom(file, &error), qPrintable(error));
    QCOMPARE(editor.backendPanel()->keepRunningBox()->currentIndex(), 1);  // no
    QCOMPARE(editor.backendPanel()->minVramEdit()->text(), QString("40.25"));
    const QString again = dir_.filePath("by-hand-again.json");
    QVERIFY(editor.saveTo(again, &error));
    QCOMPARE(readJson(again), readJson(file));
    QVERIFY(!readJson(again)["backend"].toObject()["runpod"].toObject().contains("gpu_count"));

    // Back to "as in Settings": the keys leave the file.
    pickIndex(editor.backendPanel()->keepRunningBox(), 0);
    typeInto(editor.backendPanel()->minVramEdit(), "");
    const QJsonObject runpod = toJson(editor.sweep())["backend"].toObject()["runpod"].toObject();
    QVERIFY(!runpod.contains("keep_running"));
    QVERIFY(!runpod.contains("min_vram_gib"));
  }

  void wrongEntriesAreRefusedInlineAndKeepLaunchOff() {
    QTemporaryDir ws;
    JobQueue queue;
    queue.setPaused(true);
    QVERIFY(queue.setWorkspace(ws.path()));
    SweepEditor editor(&queue);
    editor.show();
    fillBasics(&editor, "caps");
    SweepBackendPanel* panel = editor.backendPanel();
    pick(panel->kindBox(), "runpod");
    QVERIFY2(editor.launchButton()->isEnabled(), qPrintable(editor.problemLabel()->text()));

    typeInto(panel->maxUsdPerHourEdit(), "0");
    QVERIFY(panel->problemLabel()->isVisible());
    QVERIFY2(panel->problemLabel()->text().contains("backend.runpod.max_usd_per_hour: must be more than $0"),
             qPrintable(panel->problemLabel()->text()));
    QVERIFY2(editor.problemLabel()->text().startsWith("backend.runpod.max_usd_per_hour:"), qPrintable(editor.problemLabel()->text()));
    QVERIFY(!editor.launchButton()->isEnabled());

    typeInto(panel->maxTotalUsdEdit(), "-5");
    QVERIFY2(panel->problemLabel()->text().contains("backend.runpod.max_total_usd: must be more than $0"),
             qPrintable(panel->problemLabel()->text()));
    typeInto(panel->minVramEdit(), "lots");
    QVERIFY2(panel->problemLabel()->text().contains("backend.runpod.min_vram_gib: \"lots\" is not a number of GiB or auto"),
             qPrintable(panel->problemLabel()->text()));
    QCOMPARE(panel->problems().size(), 3);

    typeInto(panel->maxUsdPerHourEdit(), "$2.5");  // a dollar sign is fine
    typeInto(panel->maxTotalUsdEdit(), "12");
    typeInto(panel->minVramEdit(), "24");
    QVERIFY2(panel->problems().isEmpty(), qPrintable(panel->problems().join('\n')));
    QVERIFY(!panel->problemLabel()->isVisible());
    QVERIFY(editor.launchButton()->isEnabled());
    QCOMPARE(editor.sweep().backend.runpod.max_usd_per_hour, 2.5);

    // A file's backend that Settings do not have is kept, and refused.
    Sweep s = editor.sweep();
    s.backend.kind = "ssh:gone";
    editor.setSweep(s);
    QVERIFY2(editor.problemLabel()->text().startsWith("backend.kind: \"ssh:gone\" is not set up"), qPrintable(editor.problemLabel()->text()));
    QCOMPARE(editor.sweep().backend.kind, QString("ssh:gone"));
    QVERIFY(!editor.launchButton()->isEnabled());
  }

  void autoMinimumVramShowsOwbsEstimateAndTheWorstCaseCost() {
    JobQueue queue;
    SweepEditor editor(&queue);
    editor.show();
    fillBasics(&editor, "estimate");
    QTest::mouseClick(editor.analysisBox("perplexity"), Qt::LeftButton);  // 2 jobs
    SweepBackendPanel* panel = editor.backendPanel();
    pick(panel->kindBox(), "runpod");
    setSpin(panel->concurrencySpin(), "3");
    typeInto(panel->maxUsdPerHourEdit(), "1.5");
    typeInto(panel->maxTotalUsdEdit(), "6");
    QSignalSpy estimated(panel, &SweepBackendPanel::estimateUpdated);
    typeInto(panel->minVramEdit(), "auto");
    QVERIFY2(panel->estimateLabel()->text().contains("estimating"), qPrintable(panel->estimateLabel()->text()));
    QVERIFY(estimated.wait(60000));

    const Sweep s = editor.sweep();
    const AutoVram own = resolveAutoMinVram(s.models, vramEstimateArguments(s), OWB_BINARY);
    QVERIFY2(own.ok(), qPrintable(own.error));
    QVERIFY(own.min_vram_gib > 0);
    const QString text = panel->estimateLabel()->text();
    QVERIFY2(text.contains(QString("min. VRAM auto = %1 GiB").arg(QLocale().toString(own.min_vram_gib, 'f', 1))), qPrintable(text));
    // 2 jobs, 3 at once allowed: 2 pods x $1.50; $6 lasts 2 h at $3/hour.
    QVERIFY2(text.contains("worst case $3.00/hour (2 pod(s) at once x $1.50/hour)"), qPrintable(text));
    QVERIFY2(text.contains("max. total $6.00 lasts at least 2.0 h"), qPrintable(text));

    // Not RunPod: no estimate line.
    pick(panel->kindBox(), "local");
    QVERIFY(!panel->estimateLabel()->isVisible());
    QVERIFY(!panel->showsRunPodOptions());
  }

  void sshHostsAndSlurmComeFromRemoteSettings() {
    JobQueue queue;
    SweepEditor editor(&queue);
    editor.show();
    SweepBackendPanel* panel = editor.backendPanel();
    QVERIFY(panel->kindBox()->findData("ssh:labbox") >= 0);
    pick(panel->kindBox(), "slurm:labbox");
    QVERIFY(!panel->showsRunPodOptions());
    QVERIFY(panel->hostSummaryLabel()->isVisible());
    const QString summary = panel->hostSummaryLabel()->text();
    QVERIFY2(summary.contains("sbatch --partition=gpu --gres=gpu:2 --time=04:00:00 on ana@gpu.example.org:2222"), qPrintable(summary));
    QVERIFY2(summary.contains("/scratch/owb"), qPrintable(summary));
    pick(panel->kindBox(), "ssh:labbox");
    QVERIFY2(panel->hostSummaryLabel()->text().startsWith("ana@gpu.example.org:2222"), qPrintable(panel->hostSummaryLabel()->text()));
    QCOMPARE(editor.sweep().backend.kind, QString("ssh:labbox"));
    QVERIFY(panel->problem().isEmpty());
  }
};

QTEST_MAIN(SweepBackendEditorTest)
#include "test_sweep_backend_editor.moc"
