// The remote GUI offscreen: the live pods panel against the fake RunPod API (a ledger pod shown
// with the server's state, GPU and price, its uptime and cost; Terminate calls the API and closes
// the ledger entry) and Settings > Remote backends (the API key goes to the secret store only;
// hosts and SLURM settings round-trip through QSettings; "Test connection" against a real sshd
// pins the host key, and a wrong key file fails with the reason).
#include "fake_runpod_server.h"
#include "remote_fixtures.h"

#include "live_pods_model.h"
#include "live_pods_view.h"
#include "pod_ledger.h"
#include "remote_settings.h"
#include "remote_settings_dialog.h"
#include "secret_store.h"
#include "ssh_worker_runner.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QtTest>

using namespace owb::remote;
using namespace owb::remote_test;
using owb::models::LivePodsModel;
using owb::widgets::LivePodsView;
using owb::widgets::RemoteSettingsDialog;

namespace {
const QString kKey = QStringLiteral("rpa_GUITESTKEY_0123456789");
}

class RemoteGuiTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;
  QString ws_;

  QString cell(const QAbstractItemModel& m, int row, int column) const { return m.index(row, column).data().toString(); }

 private slots:
  void initTestCase() {
    QVERIFY(tmp_.isValid());
    QLocale::setDefault(QLocale::c());
    QCoreApplication::setOrganizationName(QStringLiteral("owb-remote-gui-test"));
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, QDir(tmp_.path()).filePath(QStringLiteral("settings")));
    qputenv("OWB_SECRETS_FILE", QDir(tmp_.path()).filePath(QStringLiteral("secrets/secrets.json")).toUtf8());
    qunsetenv("RUNPOD_API_KEY");
    ws_ = QDir(tmp_.path()).filePath(QStringLiteral("ws"));
    QDir().mkpath(ws_);
  }

  void podsPanelListsALedgerPodWithTheServersCostAndTerminatesIt() {
    FakeRunPodServer api(kKey, QStringLiteral("127.0.0.1"), 22);
    QVERIFY(api.listen());
    const QString id = api.addPod(QStringLiteral("owb-sweepjob-1"));
    api.pod(id)->request = QJsonObject{{"gpu", QJsonObject{{"id", "NVIDIA H100 80GB HBM3"}, {"count", 2}}}};  // 2 x $2.99
    LedgerPod entry{id, QStringLiteral("owb-sweepjob-1"), QStringLiteral("sweepjob-1"), QDateTime::currentDateTimeUtc().addSecs(-7200)};
    entry.sweep = QStringLiteral("grid");
    entry.cost_per_hr = 1.0;  // what create said; the server's price now wins
    QVERIFY(PodLedger(PodLedger::fileFor(ws_)).record(entry));

    LivePodsModel model;
    model.setApi(api.baseUrl(), kKey);
    LivePodsView view(&model);
    view.setConfirmTerminate(false);
    view.resize(800, 300);
    view.show();
    QSignalSpy refreshed(&model, &LivePodsModel::refreshed);
    model.setWorkspace(ws_);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(model.rowCount(), 1);
    QCOMPARE(cell(model, 0, LivePodsModel::Pod), QStringLiteral("owb-sweepjob-1"));
    QCOMPARE(cell(model, 0, LivePodsModel::Job), QStringLiteral("sweepjob-1"));
    QCOMPARE(cell(model, 0, LivePodsModel::State), QStringLiteral("RUNNING"));
    QCOMPARE(cell(model, 0, LivePodsModel::Gpu), QStringLiteral("NVIDIA H100 80GB HBM3"));
    QCOMPARE(cell(model, 0, LivePodsModel::UsdPerHour), QStringLiteral("$5.98"));
    QVERIFY(cell(model, 0, LivePodsModel::Uptime).startsWith(QLatin1String("2:00:")));
    QCOMPARE(cell(model, 0, LivePodsModel::Cost), QStringLiteral("$11.96"));  // 2 h x $5.98
    QVERIFY2(view.statusLabel()->text().contains(QLatin1String("$5.98/hour")), qPrintable(view.statusLabel()->text()));

    QVERIFY(!view.terminateButton()->isEnabled());
    view.table()->selectRow(0);
    QVERIFY(view.terminateButton()->isEnabled());
    QSignalSpy terminated(&model, &LivePodsModel::terminated);
    QTest::mouseClick(view.terminateButton(), Qt::LeftButton);
    QVERIFY(terminated.wait(10000));
    QCOMPARE(terminated.at(0).at(0).toString(), id);
    QVERIFY(api.requests.contains(QStringLiteral("DELETE /v2/pods/") + id));
    QCOMPARE(api.pods[0].status, QStringLiteral("TERMINATED"));
    QVERIFY(PodLedger(PodLedger::fileFor(ws_)).activePods().isEmpty());
    QVERIFY(QTest::qWaitFor([&] { return model.rowCount() == 0; }, 10000));
  }

  void podsPanelRefreshesOnATimer() {
    FakeRunPodServer api(kKey, QStringLiteral("127.0.0.1"), 22);
    QVERIFY(api.listen());
    const QString ws = QDir(tmp_.path()).filePath(QStringLiteral("ws-timer"));
    LivePodsModel model;
    model.setApi(api.baseUrl(), kKey);
    QSignalSpy refreshed(&model, &LivePodsModel::refreshed);
    model.setWorkspace(ws);
    QVERIFY(refreshed.wait(10000));
    QCOMPARE(model.rowCount(), 0);
    const QString id = api.addPod(QStringLiteral("owb-late"));
    QVERIFY(PodLedger(PodLedger::fileFor(ws)).record(LedgerPod{id, QStringLiteral("owb-late"), QStringLiteral("late"), QDateTime::currentDateTimeUtc()}));
    model.setRefreshInterval(100);
    QVERIFY(QTest::qWaitFor([&] { return model.rowCount() == 1; }, 10000));
    QCOMPARE(cell(model, 0, LivePodsModel::UsdPerHour), QStringLiteral("$0.44"));
  }

  void settingsKeepTheApiKeyInTheSecretStoreOnly() {
    RemoteSettings initial;
    RemoteSettingsDialog dialog(initial, ws_);
    dialog.show();
    QTest::keyClicks(dialog.apiKeyEdit(), kKey);
    dialog.gpuTypesEdit()->setText(QStringLiteral("NVIDIA A40, NVIDIA GeForce RTX 4090"));
    QTest::mouseClick(dialog.addHostButton(), Qt::LeftButton);
    QCOMPARE(dialog.hostList()->count(), 1);
    dialog.hostNameEdit()->clear();
    QTest::keyClicks(dialog.hostNameEdit(), QStringLiteral("labbox"));
    QTest::keyClicks(dialog.hostEdit(), QStringLiteral("gpu.example.org"));
    dialog.portSpin()->setValue(2222);
    QTest::keyClicks(dialog.userEdit(), QStringLiteral("ana"));
    dialog.workDirEdit()->clear();
    QTest::keyClicks(dialog.workDirEdit(), QStringLiteral("/scratch/owb"));
    QCOMPARE(dialog.slurmHostCombo()->currentText(), QStringLiteral("labbox"));
    dialog.slurmEnabledBox()->setChecked(true);
    QTest::keyClicks(dialog.partitionEdit(), QStringLiteral("gpu"));
    dialog.gpusSpin()->setValue(2);
    dialog.timeLimitEdit()->setText(QString());
    QTest::keyClicks(dialog.timeLimitEdit(), QStringLiteral("04:00:00"));
    QString error;
    QVERIFY2(dialog.save(&error), qPrintable(error));
    QVERIFY(dialog.apiKeyEdit()->text().isEmpty());  // never shown back

    QCOMPARE(SecretStore().value(QLatin1String(kRunPodApiKeySecret)), kKey);
    QCOMPARE(runPodApiKey(), kKey);
    const QFileInfo secrets(SecretStore().file());
    QCOMPARE(secrets.permissions() & (QFileDevice::ReadGroup | QFileDevice::ReadOther | QFileDevice::WriteOther), QFileDevice::Permissions());
    QSettings settings;
    settings.sync();
    QFile ini(settings.fileName());
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains(kKey.toUtf8()));

    const RemoteSettings loaded = RemoteSettings::load();
    QCOMPARE(loaded.runpod_gpu_types, QStringList({"NVIDIA A40", "NVIDIA GeForce RTX 4090"}));
    QCOMPARE(loaded.hosts.size(), 1);
    const SshHostEntry h = loaded.hosts[0];
    QCOMPARE(h.name, QStringLiteral("labbox"));
    QCOMPARE(h.host, QStringLiteral("gpu.example.org"));
    QCOMPARE(h.port, 2222);
    QCOMPARE(h.user, QStringLiteral("ana"));
    QCOMPARE(h.work_dir, QStringLiteral("/scratch/owb"));
    QVERIFY(h.slurm);
    QCOMPARE(h.sbatchArgs(), QStringList({"--partition=gpu", "--gres=gpu:2", "--time=04:00:00"}));
  }

  void testConnectionPinsTheHostKeyOffTheGuiThread() {
    TestSshd sshd;
    const QString e = sshd.start();
    if (e.contains(QLatin1String("not installed"))) QSKIP(qPrintable(e));
    QVERIFY2(e.isEmpty(), qPrintable(e));
    RemoteSettings s;
    SshHostEntry h;
    h.name = QStringLiteral("loopback");
    h.host = QStringLiteral("127.0.0.1");
    h.port = sshd.port();
    h.user = sshd.user();
    h.key_path = sshd.userKey();
    s.hosts << h;
    RemoteSettingsDialog dialog(s, ws_);
    dialog.show();
    QSignalSpy tested(&dialog, &RemoteSettingsDialog::connectionTested);
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(!dialog.testButton()->isEnabled());  // the GUI thread went on; the connect runs elsewhere
    QVERIFY(tested.wait(30000));
    QVERIFY2(tested.at(0).at(0).toBool(), qPrintable(tested.at(0).at(1).toString()));
    QVERIFY2(dialog.testResult()->text().contains(QLatin1String("SHA256:")), qPrintable(dialog.testResult()->text()));
    QVERIFY(!KnownHosts(knownHostsFile(ws_)).pinned(QStringLiteral("127.0.0.1:%1").arg(sshd.port())).isEmpty());

    dialog.keyPathEdit()->clear();
    QTest::keyClicks(dialog.keyPathEdit(), QDir(tmp_.path()).filePath(QStringLiteral("no-such-key")));
    QTest::mouseClick(dialog.testButton(), Qt::LeftButton);
    QVERIFY(tested.wait(30000));
    QVERIFY(!tested.at(1).at(0).toBool());
    QVERIFY2(dialog.testResult()->text().contains(QLatin1String("no-such-key")), qPrintable(dialog.testResult()->text()));
    sshd.stop();
  }
};

QTEST_MAIN(RemoteGuiTest)
#include "test_remote_gui.moc"
