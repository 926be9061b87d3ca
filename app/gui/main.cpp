// outlier-workbench [WORKSPACE_DIR]: the desktop workstation.
// --screenshot FILE opens the workspace, shows a run, saves the window as PNG and quits
// (for docs/screenshots and visual checks under Xvfb).
#include "main_window.h"

#include "heatmap_view.h"
#include "run_store_model.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QTabWidget>
#include <QTextStream>
#include <QTimer>

namespace {

struct Options {
  QString workspace;
  QString screenshot;
  QString run;  // substring of a run folder name
  int dim = -1;
  bool log_scale = false;
  bool systematic_only = false;
  int tab = 0;
};

Options parseOptions(const QApplication& app) {
  QCommandLineParser parser;
  parser.setApplicationDescription(QApplication::translate("main", "Outlier Workbench: study outlier features in LLMs."));
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("workspace", QApplication::translate("main", "Workspace folder to open."), "[WORKSPACE_DIR]");
  const QCommandLineOption screenshot("screenshot", QApplication::translate("main", "Save the window to FILE and quit."), "FILE");
  const QCommandLineOption run("run", QApplication::translate("main", "Select the first run whose name contains TEXT."), "TEXT");
  const QCommandLineOption dim("dim", QApplication::translate("main", "Select feature dimension N."), "N");
  const QCommandLineOption log("log", QApplication::translate("main", "Start with a logarithmic colour scale."));
  const QCommandLineOption systematic("systematic-only", QApplication::translate("main", "Show systematic dims only."));
  const QCommandLineOption tab("tab", QApplication::translate("main", "Open tab N (0 heatmap, 1 systematic, 2 runs)."), "N");
  parser.addOptions({screenshot, run, dim, log, systematic, tab});
  parser.process(app);
  Options o;
  if (!parser.positionalArguments().isEmpty()) o.workspace = parser.positionalArguments().first();
  o.screenshot = parser.value(screenshot);
  o.run = parser.value(run);
  o.dim = parser.isSet(dim) ? parser.value(dim).toInt() : -1;
  o.log_scale = parser.isSet(log);
  o.systematic_only = parser.isSet(systematic);
  o.tab = parser.value(tab).toInt();
  return o;
}

// Screenshot mode: pick a run, wait until it is shown, grab, quit.
void scheduleScreenshot(owb::gui::MainWindow& window, const Options& options) {
  using owb::models::RunSummary;
  QObject::connect(&window, &owb::gui::MainWindow::workspaceOpened, &window, [&window, options] {
    const QModelIndex index = window.runStore()->firstRun([&options](const RunSummary& run) {
      return options.run.isEmpty() ? run.has_layer_stats : run.name.contains(options.run);
    });
    const QString path = index.data(owb::models::RunStoreModel::RunPathRole).toString();
    if (path.isEmpty() || !window.selectRun(path)) {
      QTextStream(stderr) << "screenshot: no matching run\n";
      QApplication::exit(1);
    }
  });
  QObject::connect(&window, &owb::gui::MainWindow::runShown, &window, [&window, options] {
    window.heatmapView()->setLogScale(options.log_scale);
    window.heatmapView()->setSystematicOnly(options.systematic_only);
    window.tabs()->setCurrentIndex(options.tab);
    if (options.dim >= 0) window.heatmapView()->selectDim(options.dim);
    QTimer::singleShot(500, &window, [&window, options] {
      const bool saved = window.grab().save(options.screenshot);
      QTextStream(stderr) << (saved ? "screenshot: saved " : "screenshot: could not write ") << options.screenshot << "\n";
      QApplication::exit(saved ? 0 : 1);
    });
  });
  QTimer::singleShot(60000, &window, [] {
    QTextStream(stderr) << "screenshot: timed out\n";
    QApplication::exit(2);
  });
}

}  // namespace

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setOrganizationName("OutlierWorkbench");
  QApplication::setApplicationName("outlier-workbench");
  QApplication::setApplicationDisplayName(QApplication::translate("main", "Outlier Workbench"));
  QApplication::setApplicationVersion("0.1.0");
  const Options options = parseOptions(app);

  owb::gui::MainWindow window;
  if (!options.screenshot.isEmpty()) {
    if (options.workspace.isEmpty()) {
      QTextStream(stderr) << "--screenshot needs a WORKSPACE_DIR\n";
      return 2;
    }
    window.resize(1400, 900);
    scheduleScreenshot(window, options);
  }
  window.show();
  QString workspace = options.workspace;
  if (workspace.isEmpty()) {
    const QStringList recent = owb::gui::MainWindow::recentWorkspaces();
    if (!recent.isEmpty() && QFileInfo(recent.first()).isDir()) workspace = recent.first();
  }
  if (!workspace.isEmpty()) window.openWorkspace(workspace);
  return app.exec();
}
