// The application: `outlier-workbench --export` as a process, and View > Language.
#include "plot_fixtures.h"

#include "main_window.h"

#include <QMenuBar>
#include <QProcess>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QtTest>

using owb::gui::MainWindow;

class GuiPlotsAppTest : public QObject {
  Q_OBJECT

 private:
  static QString firstMenuTitle(const MainWindow& window) { return window.menuBar()->actions().first()->text(); }

 private slots:
  void initTestCase() {
    QStandardPaths::setTestModeEnabled(true);
    QCoreApplication::setOrganizationName("OutlierWorkbenchTests");
    QCoreApplication::setApplicationName("gui_plots_app");
    QSettings().clear();
  }

  void exportWritesTheSeedPlotFilesWithoutAWindow() {
    QTemporaryDir workspace, out;
    owb::plots_test::writePlotWorkspace(workspace.path());
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("QT_QPA_PLATFORM", "offscreen");
    process.setProcessEnvironment(env);
    process.start(OWB_GUI_BINARY, {"--export", workspace.path(), "--out", out.path(), "--width", "800", "--height", "500"});
    QVERIFY(process.waitForFinished(60000));
    const QString log = QString::fromUtf8(process.readAllStandardError());
    QVERIFY2(process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0, qPrintable(log));
    const QDir dir(out.path());
    for (const char* name : {"01_perplexity_vs_mean_layer_pct.png", "02_perplexity_vs_median_layer_pct.png",
                             "03_perplexity_vs_mean_seq_pct.png", "04_perplexity_vs_median_seq_pct.png",
                             "05_perplexity_vs_num_outliers.png", "06_total_params_vs_num_outliers.png",
                             "07_total_params_vs_mean_layer_pct.png", "08_active_params_vs_num_outliers.png",
                             "09_active_params_vs_mean_layer_pct.png", "comparison.csv", "comparison.json"})
      QVERIFY2(dir.exists(name), qPrintable(QString("%1 missing; log:\n%2").arg(name, log)));
    QCOMPARE(QImage(dir.filePath("05_perplexity_vs_num_outliers.png")).size(), QSize(800, 500));
    QVERIFY(dir.exists("runs/demo/a_20250101_000001/systematic_outliers.csv"));
    QVERIFY(dir.exists("runs/remote_results/outlier_analysis_olmoe/systematic_outliers.csv"));  // seed folder
  }

  void switchingLanguageChangesTheMenuTitles() {
    MainWindow english;
    QCOMPARE(firstMenuTitle(english), QString("&File"));
    QSignalSpy changed(&english, &MainWindow::languageChanged);
    english.setLanguage("de");
    QCOMPARE(changed.size(), 1);
    QCOMPARE(MainWindow::savedLanguage(), QString("de"));
    {
      MainWindow german;  // what main() builds on languageChanged
      QCOMPARE(firstMenuTitle(german), QString("&Datei"));
      QCOMPARE(german.tabs()->tabText(0), QString("&Heatmap"));
      QCOMPARE(german.tabs()->tabText(german.tabs()->indexOf(german.findChild<QWidget*>("plotsTab"))), QString("&Diagramme"));
      german.setLanguage("zh_CN");
    }
    MainWindow chinese;
    QCOMPARE(firstMenuTitle(chinese), QString::fromUtf8("文件(&F)"));
    chinese.setLanguage("en");
    MainWindow back;
    QCOMPARE(firstMenuTitle(back), QString("&File"));
  }
};

QTEST_MAIN(GuiPlotsAppTest)
#include "test_gui_plots_app.moc"
