// The model picker and the Hugging Face cache view, offscreen, with the real owb as their child
// process: the catalog filtered by search, family and kind; a checkpoint folder written by
// `owb make-test-model` validated by `owb inspect` (numbers equal owb's own); a folder that is no
// checkpoint refused with a clear message; hub ids checked as typed and inspected from a cache laid
// out by the test (huggingface_hub's layout); the sweep editor taking picked models; the cache
// view listing and deleting; a download from a fake hub with progress, and a cancelled one.
// libtorch headers (through the fake hub's test support) before Qt's, whose `slots` macro they use as a name.
#include "hub_test_env.h"

#include "checkpoint_info.h"
#include "checkpoint_info_panel.h"
#include "hub_cache_model.h"
#include "hub_cache_view.h"
#include "hub_download_panel.h"
#include "job_queue.h"
#include "model_catalog.h"
#include "model_picker.h"
#include "model_picker_model.h"
#include "sweep_editor.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QProcess>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QtTest>

using owb::models::ModelCatalog;
using owb::models::ModelCatalogModel;
using owb::widgets::CheckpointInfoPanel;
using owb::widgets::HubCacheDialog;
using owb::widgets::ModelPickerDialog;

namespace {

const char* const kCommit = "0123456789abcdef0123456789abcdef01234567";

QString runOwb(const QStringList& args, QByteArray* out = nullptr) {
  QProcess p;
  p.setWorkingDirectory(OWB_SOURCE_DIR);
  p.start(OWB_BINARY, args);
  if (!p.waitForFinished(120000)) return QStringLiteral("owb %1: did not finish").arg(args.join(' '));
  if (out) *out = p.readAllStandardOutput();
  if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
    return QStringLiteral("owb %1 failed (%2): %3").arg(args.join(' ')).arg(p.exitCode()).arg(QString::fromUtf8(p.readAllStandardError()));
  return QString();
}

// Bytes of the regular files under `folder` (links not followed, as owb cache counts a repo).
qint64 filesSize(const QString& folder) {
  qint64 total = 0;
  QDirIterator it(folder, QDir::Files | QDir::NoSymLinks, QDirIterator::Subdirectories);
  while (it.hasNext()) total += QFileInfo(it.next()).size();
  return total;
}

// <cache>/models--org--name as huggingface_hub writes it: blobs named by sha256, snapshot entries
// relative links into blobs, refs/main the bare commit. Returns the repo folder.
QString layOutCachedRepo(const QString& cache, const QString& kind, const QString& id, const QString& files_from) {
  const QString folder = QDir(cache).filePath(kind + "s--" + QString(id).replace('/', "--"));
  const QString snapshot = folder + "/snapshots/" + kCommit;
  QDir().mkpath(folder + "/blobs");
  QDir().mkpath(snapshot);
  QDir().mkpath(folder + "/refs");
  QFile ref(folder + "/refs/main");
  if (!ref.open(QIODevice::WriteOnly)) return {};
  ref.write(kCommit);
  ref.close();
  for (const QFileInfo& file : QDir(files_from).entryInfoList(QDir::Files)) {
    QFile in(file.absoluteFilePath());
    if (!in.open(QIODevice::ReadOnly)) return {};
    const QByteArray bytes = in.readAll();
    const QString blob = QString::fromLatin1(QCryptographicHash::hash(bytes, QCryptographicHash::Sha256).toHex());
    if (!QFile::copy(file.absoluteFilePath(), folder + "/blobs/" + blob)) return {};
    if (!QFile::link("../../blobs/" + blob, snapshot + "/" + file.fileName())) return {};
  }
  return folder;
}

// Sets environment variables for one test and puts the old values back.
class ScopedEnv {
 public:
  void set(const char* name, const QByteArray& value) {
    saved_.append({name, qEnvironmentVariableIsSet(name) ? std::optional<QByteArray>(qgetenv(name)) : std::nullopt});
    if (value.isNull()) qunsetenv(name);
    else qputenv(name, value);
  }
  ~ScopedEnv() {
    for (auto it = saved_.crbegin(); it != saved_.crend(); ++it) {
      if (it->second) qputenv(it->first, *it->second);
      else qunsetenv(it->first);
    }
  }

 private:
  QVector<QPair<const char*, std::optional<QByteArray>>> saved_;
};

bool waitForState(CheckpointInfoPanel* panel, int timeout_ms = 60000) {
  return QTest::qWaitFor([panel] { return panel->state() == CheckpointInfoPanel::State::Valid ||
                                          panel->state() == CheckpointInfoPanel::State::Invalid; },
                         timeout_ms);
}

QStringList shownHubIds(const ModelPickerDialog& dialog) {
  QStringList ids;
  QAbstractItemModel* model = dialog.catalogView()->model();
  for (int r = 0; r < model->rowCount(); ++r) ids << model->index(r, 0).data(ModelCatalogModel::HubIdRole).toString();
  return ids;
}

}  // namespace

class GuiPickerTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir dir_;
  QString moe_model_;    // owb make-test-model --arch olmoe
  QString dense_model_;  // owb make-test-model --arch llama

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QLocale::setDefault(QLocale(QLocale::English));
    qputenv("OWB_BINARY", OWB_BINARY);  // the picker runs the owb built with the tests
    moe_model_ = dir_.filePath("models/tiny-olmoe");
    dense_model_ = dir_.filePath("models/tiny-llama");
    QString error = runOwb({"make-test-model", "--arch", "olmoe", "--out", moe_model_, "--layers", "3", "--experts", "4",
                            "--top-k", "2", "--dtype", "bf16"});
    QVERIFY2(error.isEmpty(), qPrintable(error));
    error = runOwb({"make-test-model", "--arch", "llama", "--out", dense_model_, "--layers", "2", "--tokenizer",
                    "tests/tokenizer/fixtures/model_dir"});
    QVERIFY2(error.isEmpty(), qPrintable(error));
  }

  void catalogHasSeedAndReferenceModels() {
    const ModelCatalog& catalog = ModelCatalog::builtIn();
    const QStringList seeds_moe = {"OLMoE-1B-7B-0125-Instruct", "gpt-oss-20b", "Qwen3-30B-A3B", "Mixtral-8x7B-v0.1",
                                   "Qwen3-Next-80B-A3B-Instruct", "GLM-4.5-Air", "gpt-oss-120b"};
    const QStringList dense = {"Qwen3-0.6B", "Qwen3-1.7B", "Qwen3-4B", "Qwen3-8B", "Qwen3-14B", "pythia-70m", "pythia-160m",
                               "pythia-410m", "pythia-1b", "pythia-1.4b", "pythia-2.8b", "OLMo-1B-0724-hf", "Mistral-7B-v0.1"};
    for (const QString& name : seeds_moe + QStringList{"Qwen1.5-MoE-A2.7B"}) {
      const auto m = catalog.find(name);
      QVERIFY2(m, qPrintable(name));
      QVERIFY2(m->moe && m->active_params_b < m->total_params_b && !m->source.isEmpty(), qPrintable(name));
    }
    for (const QString& name : dense) {
      const auto m = catalog.find(name);
      QVERIFY2(m, qPrintable(name));
      QVERIFY2(!m->moe && m->active_params_b == m->total_params_b && !m->source.isEmpty(), qPrintable(name));
    }
    ModelCatalogModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model.rowCount(), int(catalog.models().size()));
  }

  void pickerFiltersCatalogBySearchFamilyAndKind() {
    ModelPickerDialog dialog;
    dialog.show();
    QAbstractItemModelTester tester(dialog.catalogView()->model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    const int all = int(ModelCatalog::builtIn().models().size());
    QCOMPARE(dialog.catalogView()->model()->rowCount(), all);
    QTest::keyClicks(dialog.searchEdit(), "pythia");
    QCOMPARE(shownHubIds(dialog),
             (QStringList{"EleutherAI/pythia-70m", "EleutherAI/pythia-160m", "EleutherAI/pythia-410m", "EleutherAI/pythia-1b",
                          "EleutherAI/pythia-1.4b", "EleutherAI/pythia-2.8b"}));
    QCOMPARE(dialog.catalogCountLabel()->text(), QString("6 of %1 models").arg(all));
    dialog.searchEdit()->clear();
    QTest::keyClicks(dialog.searchEdit(), "qwen a3b");  // every word must match
    QCOMPARE(shownHubIds(dialog), (QStringList{"Qwen/Qwen3-30B-A3B", "Qwen/Qwen3-Next-80B-A3B-Instruct"}));
    dialog.searchEdit()->clear();
    dialog.familyBox()->setCurrentIndex(dialog.familyBox()->findData("Qwen3"));
    QCOMPARE(shownHubIds(dialog), (QStringList{"Qwen/Qwen3-0.6B", "Qwen/Qwen3-1.7B", "Qwen/Qwen3-4B", "Qwen/Qwen3-8B", "Qwen/Qwen3-14B"}));
    dialog.familyBox()->setCurrentIndex(0);
    dialog.kindBox()->setCurrentIndex(1);  // MoE only
    QCOMPARE(shownHubIds(dialog).size(), 8);
    for (const QString& id : shownHubIds(dialog)) QVERIFY2(ModelCatalog::builtIn().find(id)->moe, qPrintable(id));
    dialog.kindBox()->setCurrentIndex(2);  // dense only
    QCOMPARE(shownHubIds(dialog).size(), all - 8);
    QTest::keyClicks(dialog.searchEdit(), "mixtral");
    QCOMPARE(dialog.catalogView()->model()->rowCount(), 0);
    // Selecting rows is what Add hands back: their hub ids.
    dialog.searchEdit()->clear();
    dialog.kindBox()->setCurrentIndex(0);
    QTest::keyClicks(dialog.searchEdit(), "pythia-1");
    QVERIFY(!dialog.addButton()->isEnabled());
    dialog.catalogView()->selectAll();
    QCOMPARE(dialog.selectedModels(), (QStringList{"EleutherAI/pythia-160m", "EleutherAI/pythia-1b", "EleutherAI/pythia-1.4b"}));
    QVERIFY(dialog.addButton()->isEnabled());
  }

  void pickerValidatesCheckpointFolderWithOwbInspect() {
    QByteArray inspect_json;
    QString error = runOwb({"inspect", moe_model_}, &inspect_json);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    const QJsonObject inspect = QJsonDocument::fromJson(inspect_json).object();
    ModelPickerDialog dialog;
    dialog.show();
    dialog.setFolder(moe_model_);
    CheckpointInfoPanel* panel = dialog.folderPanel();
    QCOMPARE(panel->state(), CheckpointInfoPanel::State::Busy);  // owb runs in the background
    QVERIFY(!dialog.addButton()->isEnabled());
    QVERIFY(waitForState(panel));
    QVERIFY2(panel->state() == CheckpointInfoPanel::State::Valid, qPrintable(panel->statusText()));
    const owb::models::CheckpointInfo& info = *panel->info();
    QCOMPARE(info.layers, 3);
    QCOMPARE(info.family, QString("olmoe"));
    QCOMPARE(info.experts, 4);
    QCOMPARE(info.top_k, 2);
    QCOMPARE(info.total_params, qint64(inspect.value("total_params").toDouble()));
    QCOMPARE(info.active_params, qint64(inspect.value("active_params").toDouble()));
    QVERIFY(info.active_params < info.total_params);
    QCOMPARE(info.dtype, inspect.value("dtype").toString());
    QCOMPARE(info.size_on_disk, filesSize(moe_model_));
    QCOMPARE(panel->fieldText("layers"), QString("3"));
    QVERIFY2(panel->fieldText("family").contains("MoE: 4 experts, top-2"), qPrintable(panel->fieldText("family")));
    QCOMPARE(panel->fieldText("disk"), owb::models::formatBytes(filesSize(moe_model_)));
    // VRAM: owb estimate-vram's numbers when this owb has the command, else the weights alone.
    QByteArray estimate_json;
    if (runOwb({"estimate-vram", moe_model_, "--dtype", "bf16"}, &estimate_json).isEmpty()) {
      QVERIFY(!panel->vram().weights_only);
      QCOMPARE(panel->vram().resident_bytes, qint64(QJsonDocument::fromJson(estimate_json).object().value("resident_bytes").toDouble()));
      QVERIFY(!panel->fieldText("vram").contains("weights only"));
    } else {
      QVERIFY(panel->vram().weights_only);
      QCOMPARE(panel->vram().resident_bytes, info.total_params * 2);
      QVERIFY2(panel->fieldText("vram").contains("weights only"), qPrintable(panel->fieldText("vram")));
    }
    QVERIFY(dialog.addButton()->isEnabled());
    QCOMPARE(dialog.selectedModels(), QStringList{QDir::cleanPath(moe_model_)});
  }

  void pickerRefusesFolderThatIsNoCheckpoint() {
    const QString folder = dir_.filePath("not-a-model");
    QDir().mkpath(folder);
    QFile notes(folder + "/notes.txt");
    QVERIFY(notes.open(QIODevice::WriteOnly));
    notes.write("no weights here\n");
    notes.close();
    ModelPickerDialog dialog;
    dialog.show();
    dialog.setFolder(folder);
    QVERIFY(waitForState(dialog.folderPanel()));
    QCOMPARE(dialog.folderPanel()->state(), CheckpointInfoPanel::State::Invalid);
    const QString message = dialog.folderPanel()->statusText();
    QVERIFY2(message.startsWith("Not a usable checkpoint: ") && message.contains("config.json"), qPrintable(message));
    QVERIFY(dialog.folderPanel()->fieldText("layers").isEmpty());
    QVERIFY(!dialog.addButton()->isEnabled());
    QVERIFY(dialog.selectedModels().isEmpty());
  }

  void pickerChecksHubIdsAndInspectsCachedOnes() {
    QTemporaryDir home;
    const QString cache = home.filePath("hub");
    QVERIFY(!layOutCachedRepo(cache, "model", "someone/tiny-llama", dense_model_).isEmpty());
    ScopedEnv env;
    env.set("HF_HOME", home.path().toUtf8());
    env.set("HF_HUB_CACHE", cache.toUtf8());
    env.set("HF_ENDPOINT", "http://127.0.0.1:9");  // never reached: the picker inspects offline
    ModelPickerDialog dialog;
    dialog.show();
    dialog.setPage(ModelPickerDialog::HubPage);
    for (const char* bad : {"tiny-llama", "a/b/c", "org/na me", "org/name@", "org/.hidden", "-org/name"}) {
      dialog.hubEdit()->setText(bad);
      QVERIFY2(dialog.hubProblemLabel()->text().startsWith("Not a hub id: "), bad);
      QVERIFY2(!dialog.addButton()->isEnabled(), bad);
    }
    dialog.hubEdit()->setText("someone/not-cached@v1.0");
    QVERIFY(dialog.hubProblemLabel()->text().isEmpty());
    QVERIFY(dialog.addButton()->isEnabled());  // a run downloads it
    QCOMPARE(dialog.selectedModels(), QStringList{"someone/not-cached@v1.0"});
    QVERIFY(waitForState(dialog.hubPanel()));
    QVERIFY2(dialog.hubPanel()->statusText().contains("not in the Hugging Face cache"), qPrintable(dialog.hubPanel()->statusText()));
    dialog.hubEdit()->setText("someone/tiny-llama");
    QVERIFY(waitForState(dialog.hubPanel()));
    QVERIFY2(dialog.hubPanel()->state() == CheckpointInfoPanel::State::Valid, qPrintable(dialog.hubPanel()->statusText()));
    QCOMPARE(dialog.hubPanel()->info()->layers, 2);
    QCOMPARE(dialog.hubPanel()->info()->path, QDir(cache).filePath(QString("models--someone--tiny-llama/snapshots/") + kCommit));
    QCOMPARE(dialog.hubPanel()->info()->size_on_disk, filesSize(dense_model_));
    QCOMPARE(dialog.selectedModels(), QStringList{"someone/tiny-llama"});
  }

  void sweepEditorAddsPickedModels() {
    owb::jobs::JobQueue queue;
    owb::widgets::SweepEditor editor(&queue);
    editor.show();
    editor.datasetEdit()->setText(QString(OWB_SOURCE_DIR) + "/tests/data/tokenizer_corpus/corpus.jsonl");
    QTest::mouseClick(editor.pickButton(), Qt::LeftButton);
    ModelPickerDialog* picker = editor.modelPicker();
    QVERIFY(picker && picker->isVisible());
    QTest::keyClicks(picker->searchEdit(), "OLMoE");
    picker->catalogView()->selectAll();
    QTest::mouseClick(picker->addButton(), Qt::LeftButton);
    QCOMPARE(editor.modelList()->count(), 1);
    QCOMPARE(editor.modelList()->item(0)->data(Qt::UserRole).toString(), QString("allenai/OLMoE-1B-7B-0125-Instruct"));
    // A hub id needs no config.json on disk: the worker resolves it.
    QVERIFY2(!editor.problem().contains("config.json"), qPrintable(editor.problem()));
    editor.addModel(dir_.filePath("models/missing"));
    QVERIFY2(editor.problem().contains("has no config.json"), qPrintable(editor.problem()));
  }

  void pickerEstimatesVramForTheSweepsRunShape() {
    owb::jobs::JobQueue queue;
    owb::widgets::SweepEditor editor(&queue);
    editor.show();
    editor.sequenceLengthSpin()->setValue(128);
    editor.batchSizeSpin()->setValue(2);
    editor.numSequencesSpin()->setValue(4);
    editor.dtypeBox()->setCurrentIndex(editor.dtypeBox()->findData("float32"));
    ModelPickerDialog* picker = editor.pickModels();
    QCOMPARE(picker->folderPanel()->dtypeBox()->currentData().toString(), QString("f32"));
    picker->setFolder(dense_model_);
    QVERIFY(waitForState(picker->folderPanel()));
    QVERIFY2(picker->folderPanel()->state() == CheckpointInfoPanel::State::Valid, qPrintable(picker->folderPanel()->statusText()));
    const owb::models::VramEstimate& vram = picker->folderPanel()->vram();
    QByteArray estimate_json;
    if (runOwb({"estimate-vram", dense_model_, "--dtype", "f32", "--batch-size", "2", "--seq-len", "128", "--num-sequences", "4"},
               &estimate_json).isEmpty()) {
      const QJsonObject estimate = QJsonDocument::fromJson(estimate_json).object();
      QVERIFY(!vram.weights_only);
      QCOMPARE(vram.resident_bytes, qint64(estimate.value("resident_bytes").toDouble()));
      QCOMPARE(vram.streaming_bytes, qint64(estimate.value("streaming_bytes").toDouble()));
    } else {
      QVERIFY(vram.weights_only);
      QCOMPARE(vram.resident_bytes, picker->folderPanel()->info()->total_params * 4);  // f32
    }
    QVERIFY2(picker->folderPanel()->fieldText("vram").contains("float32"), qPrintable(picker->folderPanel()->fieldText("vram")));
    picker->reject();
  }

  void cacheViewListsSizesAndDeletesAfterConfirmation() {
    QTemporaryDir home;
    const QString cache = home.filePath("hub");
    const QString moe = layOutCachedRepo(cache, "model", "org/tiny-olmoe", moe_model_);
    const QString dense = layOutCachedRepo(cache, "model", "org/tiny-llama", dense_model_);
    const QString dataset_files = dir_.filePath("dataset");
    QDir().mkpath(dataset_files);
    QVERIFY(QFile::copy(QString(OWB_SOURCE_DIR) + "/tests/data/tokenizer_corpus/corpus.jsonl", dataset_files + "/train.jsonl"));
    QVERIFY(!layOutCachedRepo(cache, "dataset", "org/corpus", dataset_files).isEmpty());
    ScopedEnv env;
    env.set("HF_HOME", home.path().toUtf8());
    env.set("HF_HUB_CACHE", cache.toUtf8());
    HubCacheDialog dialog;
    QAbstractItemModelTester tester(dialog.model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
    dialog.show();
    QSignalSpy refreshed(&dialog, &HubCacheDialog::refreshed);
    QVERIFY(refreshed.wait(30000));
    owb::models::HubCacheModel* model = dialog.model();
    QCOMPARE(model->rowCount(), 3);
    const int moe_row = model->rowOf("org/tiny-olmoe");
    QVERIFY(moe_row >= 0 && model->rowOf("org/tiny-llama") >= 0 && model->rowOf("org/corpus") >= 0);
    // A repo's size: its blobs and refs (the snapshot entries are links into blobs).
    QCOMPARE(model->repoAt(moe_row)->size_bytes, filesSize(moe));
    QCOMPARE(filesSize(moe), filesSize(moe + "/blobs") + 40);
    QCOMPARE(model->index(moe_row, owb::models::HubCacheModel::SizeColumn).data().toString(), owb::models::formatBytes(filesSize(moe)));
    QCOMPARE(model->totalBytes(), filesSize(cache));
    QVERIFY2(dialog.totalLabel()->text().contains(owb::models::formatBytes(model->totalBytes())), qPrintable(dialog.totalLabel()->text()));
    QVERIFY2(dialog.totalLabel()->text().startsWith("3 repo(s) in "), qPrintable(dialog.totalLabel()->text()));
    // A dataset is listed but not deleted from here.
    QVERIFY(dialog.selectRepo("org/corpus"));
    QVERIFY(!dialog.deleteButton()->isEnabled());
    // "Cancel" keeps the model.
    QVERIFY(dialog.selectRepo("org/tiny-olmoe"));
    QVERIFY(dialog.deleteButton()->isEnabled());
    QTest::mouseClick(dialog.deleteButton(), Qt::LeftButton);
    QVERIFY(dialog.deleteQuestion());
    QVERIFY(dialog.deleteQuestion()->text().contains("org/tiny-olmoe"));
    QTest::mouseClick(dialog.deleteQuestion()->button(QMessageBox::Cancel), Qt::LeftButton);
    QVERIFY(!dialog.deleteQuestion());
    QTest::qWait(200);
    QVERIFY(!dialog.isBusy());
    QVERIFY(QFileInfo::exists(moe));
    // "Yes" deletes it (owb cache delete) and lists the cache again.
    QSignalSpy deleted(&dialog, &HubCacheDialog::deleted);
    QTest::mouseClick(dialog.deleteButton(), Qt::LeftButton);
    QTest::mouseClick(dialog.deleteQuestion()->button(QMessageBox::Yes), Qt::LeftButton);
    QVERIFY(deleted.wait(30000));
    QCOMPARE(deleted.at(0).at(0).toString(), QString("org/tiny-olmoe"));
    QVERIFY(deleted.at(0).at(1).toBool());
    QVERIFY(!QFileInfo::exists(moe));
    QVERIFY(QFileInfo::exists(dense));
    refreshed.clear();
    QVERIFY(refreshed.wait(30000));
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->rowOf("org/tiny-olmoe"), -1);
    QCOMPARE(dialog.statusLabel()->text(), QString("Deleted org/tiny-olmoe."));
  }

  void downloadShowsProgressAndLandsInTheCache() {
    owb::test::FakeHubServer server;
    server.add_model(owb::test::repo_from_folder("org/tiny-llama", kCommit, dense_model_.toStdString()));
    QTemporaryDir home;
    ScopedEnv env;
    env.set("HF_HOME", home.path().toUtf8());
    env.set("HF_HUB_CACHE", QByteArray());
    env.set("HF_ENDPOINT", QByteArray::fromStdString(server.url()));
    env.set("HF_HUB_OFFLINE", QByteArray());
    env.set("HF_TOKEN", QByteArray());
    HubCacheDialog dialog;
    dialog.show();
    QSignalSpy refreshed(&dialog, &HubCacheDialog::refreshed);
    QVERIFY(refreshed.wait(30000));
    QCOMPARE(dialog.model()->rowCount(), 0);
    owb::widgets::HubDownloadPanel* panel = dialog.downloadPanel();
    QVERIFY(!panel->cancelButton()->isEnabled());
    QTest::keyClicks(panel->idEdit(), "org/tiny-llama");
    QSignalSpy finished(panel, &owb::widgets::HubDownloadPanel::finished);
    refreshed.clear();
    QTest::mouseClick(panel->downloadButton(), Qt::LeftButton);
    QVERIFY(panel->isDownloading());
    QVERIFY(panel->cancelButton()->isEnabled() && !panel->downloadButton()->isEnabled());
    QVERIFY(finished.wait(60000));
    QVERIFY2(finished.at(0).at(1).toBool(), qPrintable(finished.at(0).at(3).toString()));
    const QString snapshot = finished.at(0).at(2).toString();
    QCOMPARE(snapshot, home.filePath(QString("hub/models--org--tiny-llama/snapshots/") + kCommit));
    QVERIFY(QFileInfo::exists(snapshot + "/model.safetensors"));
    QVERIFY(panel->progressEvents() > 0);
    QCOMPARE(panel->progressBar()->value(), panel->progressBar()->maximum());
    QVERIFY(!panel->cancelButton()->isEnabled());
    // The list is read again with the new model.
    QVERIFY(refreshed.wait(30000));
    QCOMPARE(dialog.model()->rowCount(), 1);
    QCOMPARE(dialog.model()->repoAt(0)->id, QString("org/tiny-llama"));
    QCOMPARE(dialog.model()->repoAt(0)->size_bytes, filesSize(home.filePath("hub/models--org--tiny-llama")));
  }

  void downloadCanBeCancelled() {
    // A hub that accepts connections and never answers: the download hangs until cancelled.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    QList<QTcpSocket*> held;
    connect(&silent, &QTcpServer::newConnection, this, [&] {
      while (QTcpSocket* s = silent.nextPendingConnection()) held << s;
    });
    QTemporaryDir home;
    ScopedEnv env;
    env.set("HF_HOME", home.path().toUtf8());
    env.set("HF_HUB_CACHE", QByteArray());
    env.set("HF_HUB_OFFLINE", QByteArray());
    env.set("HF_ENDPOINT", QString("http://127.0.0.1:%1").arg(silent.serverPort()).toUtf8());
    owb::widgets::HubDownloadPanel panel;
    panel.show();
    QVERIFY(!panel.download("not an id"));
    QVERIFY(panel.statusLabel()->text().startsWith("Not a hub id: "));
    QSignalSpy finished(&panel, &owb::widgets::HubDownloadPanel::finished);
    QVERIFY(panel.download("org/slow"));
    QVERIFY(QTest::qWaitFor([&] { return !held.isEmpty(); }, 20000));  // owb is waiting for the hub
    QVERIFY(panel.isDownloading());
    QTest::mouseClick(panel.cancelButton(), Qt::LeftButton);
    QVERIFY(finished.wait(10000));
    QVERIFY(!finished.at(0).at(1).toBool());
    QCOMPARE(finished.at(0).at(3).toString(), QString("cancelled"));
    QVERIFY(!panel.isDownloading());
    QVERIFY2(panel.statusLabel()->text().contains("cancelled"), qPrintable(panel.statusLabel()->text()));
    QVERIFY(panel.downloadButton()->isEnabled() && !panel.cancelButton()->isEnabled());
  }

  void hubIdSyntaxFollowsTheHub() {
    for (const char* ok : {"org/name", "org/name@main", "Org_1/name.v2-x@refs/pr/1", "a/b@0123abc"})
      QVERIFY2(owb::models::isHubId(ok), ok);
    for (const char* bad : {"", "name", "org/", "/name", "org/name@", "org//name", "org/na me", "org/..x", ".org/x", "org/x@a b"})
      QVERIFY2(!owb::models::isHubId(bad), bad);
  }
};

QTEST_MAIN(GuiPickerTest)
#include "test_gui_picker.moc"
