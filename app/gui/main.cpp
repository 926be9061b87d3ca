// outlier-workbench [WORKSPACE_DIR]: the desktop workstation.
// --screenshot FILE opens the workspace, shows a run, saves the window as PNG and quits
// (for docs/screenshots and visual checks under Xvfb).
// --export DIR --out OUT writes the plots and tables of a workspace or run folder without a
// window (widgets/export_workspace.h); it needs no display (offscreen when there is none).
#include "main_window.h"

#include "comparison_table_model.h"
#include "export_workspace.h"
#include "heatmap_view.h"
#include "run_store_model.h"
#include "scatter_plot_view.h"
#include "compare_view.h"
#include "checkpoint_info_panel.h"
#include "hub_cache_view.h"
#include "model_picker.h"
#include "sweep_editor.h"
#include "super_weight_cards_model.h"
#include "super_weight_grid.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QElapsedTimer>
#include <QFileInfo>
#include <QLineEdit>
#include <QPointer>
#include <QTabWidget>
#include <QTableView>
#include <QTextStream>
#include <QTimer>

#include <algorithm>
#include <memory>

namespace {

struct Options {
  QString workspace;
  QString screenshot;
  QString run;  // substring of a run folder name
  int dim = -1;
  bool log_scale = false;
  bool systematic_only = false;
  QString tab;  // index or tab name ("plots", "heatmap", …)
  QString plot;  // scatter plot id for the Plots tab
  QString dialog;      // grab this dialog instead of the window: picker, picker-folder, picker-hub, cache
  QString dialog_arg;  // the picker's search text, folder or hub id
  QString export_input;
  QString export_out;
  owb::widgets::ImageExportOptions image;
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
  const QCommandLineOption tab("tab", QApplication::translate("main", "Open tab N (0 heatmap, 1 systematic, 2 runs, …) or the tab named NAME (e.g. plots, super, compare; compare selects every outlier run)."), "N|NAME");
  const QCommandLineOption plot("plot", QApplication::translate("main", "Show scatter plot ID on the Plots tab (e.g. perplexity_vs_num_outliers)."), "ID");
  const QCommandLineOption export_dir("export", QApplication::translate("main", "Write the plots and tables of DIR (a workspace or run folder) without a window."), "DIR");
  const QCommandLineOption out("out", QApplication::translate("main", "Folder for --export."), "OUT");
  const QCommandLineOption width("width", QApplication::translate("main", "Exported image width in pixels (1600)."), "PX");
  const QCommandLineOption height("height", QApplication::translate("main", "Exported image height in pixels (1000)."), "PX");
  const QCommandLineOption dpi("dpi", QApplication::translate("main", "Exported image resolution (150)."), "DPI");
  const QCommandLineOption dialog("dialog", QApplication::translate("main", "With --screenshot: grab the dialog NAME (picker, picker-folder, picker-hub, cache) instead of the window."), "NAME");
  const QCommandLineOption dialog_arg("dialog-arg", QApplication::translate("main", "The model picker's search text, folder or hub id."), "TEXT");
  parser.addOptions({screenshot, run, dim, log, systematic, tab, plot, export_dir, out, width, height, dpi, dialog, dialog_arg});
  parser.process(app);
  Options o;
  if (!parser.positionalArguments().isEmpty()) o.workspace = parser.positionalArguments().first();
  o.screenshot = parser.value(screenshot);
  o.run = parser.value(run);
  o.dim = parser.isSet(dim) ? parser.value(dim).toInt() : -1;
  o.log_scale = parser.isSet(log);
  o.systematic_only = parser.isSet(systematic);
  o.tab = parser.value(tab);
  o.plot = parser.value(plot);
  o.dialog = parser.value(dialog);
  o.dialog_arg = parser.value(dialog_arg);
  o.export_input = parser.value(export_dir);
  o.export_out = parser.value(out);
  if (parser.isSet(width)) o.image.size_px.setWidth(parser.value(width).toInt());
  if (parser.isSet(height)) o.image.size_px.setHeight(parser.value(height).toInt());
  if (parser.isSet(dpi)) o.image.dpi = parser.value(dpi).toDouble();
  return o;
}

// --tab: a number, or a name: the start of a tab's text without '&' (English), or <name>Tab as its object name.
int tabIndex(QTabWidget* tabs, const QString& tab) {
  bool is_number = false;
  const int n = tab.toInt(&is_number);
  if (is_number || tab.isEmpty()) return n;
  for (int i = 0; i < tabs->count(); ++i) {
    const QString text = tabs->tabText(i).remove(QLatin1Char('&'));
    if (text.startsWith(tab, Qt::CaseInsensitive) || tabs->widget(i)->objectName().compare(tab + "Tab", Qt::CaseInsensitive) == 0)
      return i;
  }
  return 0;
}

int runExport(const Options& options) {
  QTextStream err(stderr);
  if (options.export_out.isEmpty()) {
    err << "--export needs --out OUT\n";
    return 2;
  }
  const owb::widgets::WorkspaceExport result =
      owb::widgets::exportWorkspace(options.export_input, options.export_out, options.image);
  for (const QString& path : result.written) err << "export: wrote " << QDir::toNativeSeparators(path) << "\n";
  for (const QString& why : result.skipped) err << "export: skipped " << why << "\n";
  for (const QString& error : result.errors) err << "export: error: " << error << "\n";
  return result.ok() ? 0 : 1;
}

// View > Language: a new window in the new language replaces this one, on the same workspace
// and tab (every string is translated when a widget is made, so the window is made again).
void rebuildOnLanguageChange(owb::gui::MainWindow* window) {
  QObject::connect(window, &owb::gui::MainWindow::languageChanged, window, [window] {
    auto* next = new owb::gui::MainWindow;
    next->setAttribute(Qt::WA_DeleteOnClose);
    rebuildOnLanguageChange(next);
    next->restoreGeometry(window->saveGeometry());
    next->restoreState(window->saveState());
    next->show();
    const QString workspace = window->workspace();
    const int tab = window->tabs()->currentIndex();
    window->close();  // saves its settings (last run); `next` is shown, so the application stays
    if (!workspace.isEmpty()) next->openWorkspace(workspace);
    next->tabs()->setCurrentIndex(tab);
  });
}

// --dialog: the model picker (catalog searched for the argument, a checked folder, a hub id) or
// the Hugging Face cache view, opened over the window.
QWidget* openScreenshotDialog(owb::gui::MainWindow& window, const Options& options) {
  if (options.dialog == QLatin1String("cache")) return window.openHubCache();
  if (!options.dialog.startsWith(QLatin1String("picker"))) return nullptr;
  window.tabs()->setCurrentWidget(window.sweepEditor());
  owb::widgets::ModelPickerDialog* picker = window.sweepEditor()->pickModels();
  if (options.dialog == QLatin1String("picker-folder")) picker->setFolder(options.dialog_arg);
  else if (options.dialog == QLatin1String("picker-hub")) picker->setHubId(options.dialog_arg);
  else picker->searchEdit()->setText(options.dialog_arg);
  if (picker->catalogView()->model()->rowCount() > 0) picker->catalogView()->selectRow(0);
  return picker;
}

// No owb process of the dialog still running (the cache listed, the checkpoint inspected).
bool screenshotDialogSettled(QWidget* dialog) {
  using State = owb::widgets::CheckpointInfoPanel::State;
  if (auto* cache = qobject_cast<owb::widgets::HubCacheDialog*>(dialog)) return !cache->isBusy();
  if (auto* picker = qobject_cast<owb::widgets::ModelPickerDialog*>(dialog)) {
    if (picker->folderPanel()->state() == State::Busy || picker->hubPanel()->state() == State::Busy) return false;
    return picker->hubEdit()->text().isEmpty() || picker->hubPanel()->state() != State::Empty;
  }
  return true;
}

// Screenshot mode: pick a run, wait until it is shown, grab, quit.
void scheduleScreenshot(owb::gui::MainWindow& window, const Options& options) {
  using owb::models::RunSummary;
  QObject::connect(&window, &owb::gui::MainWindow::workspaceOpened, &window, [&window, options] {
    const int tab = tabIndex(window.tabs(), options.tab);
    const bool super_tab = tab == window.tabs()->indexOf(window.superWeightGrid());
    const bool compare_tab = tab == window.tabs()->indexOf(window.compareView());
    if (compare_tab && options.run.isEmpty()) {  // every outlier run side by side
      QStringList paths;
      window.runStore()->firstRun([&paths](const RunSummary& run) {
        if (run.has_outliers) paths << run.path;
        return false;
      });
      window.selectRuns(paths);
      if (paths.size() >= 2) return;
    }
    const QModelIndex index = window.runStore()->firstRun([&options, super_tab](const RunSummary& run) {
      if (!options.run.isEmpty()) return run.name.contains(options.run);
      return super_tab ? run.has_super_weights || run.has_vocab : run.has_layer_stats;
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
    window.tabs()->setCurrentIndex(tabIndex(window.tabs(), options.tab));
    if (!options.plot.isEmpty() && !window.scatterView()->setCurrentPlot(options.plot))
      QTextStream(stderr) << "screenshot: no plot " << options.plot << "\n";
    if (options.dim >= 0) window.heatmapView()->selectDim(options.dim);
    // Grab after 500 ms to let the views settle, and once the comparison table (loaded on its
    // own worker) is in; polling keeps this simple.
    auto* poll = new QTimer(&window);
    poll->setInterval(100);
    auto settled = std::make_shared<QElapsedTimer>();
    settled->start();
    auto dialog = std::make_shared<QPointer<QWidget>>();
    QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, settled, dialog, options] {
      if (settled->elapsed() < 500 || window.comparisonModel()->isLoading() || window.superWeightCards()->isLoading() ||
          window.compareView()->isLoading())
        return;
      if (!options.dialog.isEmpty() && !*dialog) {
        *dialog = openScreenshotDialog(window, options);
        if (!*dialog) {
          QTextStream(stderr) << "screenshot: no dialog " << options.dialog << "\n";
          QApplication::exit(1);
        }
        settled->restart();
        return;
      }
      if (*dialog && (settled->elapsed() < 500 || !screenshotDialogSettled(*dialog))) return;
      poll->stop();
      QWidget* target = *dialog ? dialog->data() : static_cast<QWidget*>(&window);
      const bool saved = target->grab().save(options.screenshot);
      QTextStream(stderr) << (saved ? "screenshot: saved " : "screenshot: could not write ") << options.screenshot << "\n";
      QApplication::exit(saved ? 0 : 1);
    });
    poll->start();
  });
  QTimer::singleShot(60000, &window, [] {
    QTextStream(stderr) << "screenshot: timed out\n";
    QApplication::exit(2);
  });
}

}  // namespace

int main(int argc, char** argv) {
  // --export draws into images only: without a display, use the offscreen platform.
  const bool exporting = std::any_of(argv + 1, argv + argc, [](const char* a) { return qstrcmp(a, "--export") == 0; });
  if (exporting && qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM") && qEnvironmentVariableIsEmpty("DISPLAY") &&
      qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY"))
    qputenv("QT_QPA_PLATFORM", "offscreen");
  QApplication app(argc, argv);
  QApplication::setOrganizationName("OutlierWorkbench");
  QApplication::setApplicationName("outlier-workbench");
  QApplication::setApplicationDisplayName(QApplication::translate("main", "Outlier Workbench"));
  QApplication::setApplicationVersion("0.1.0");
  owb::gui::MainWindow::installLanguage(owb::gui::MainWindow::savedLanguage());
  const Options options = parseOptions(app);
  if (!options.export_input.isEmpty()) return runExport(options);

  auto* main_window = new owb::gui::MainWindow;
  main_window->setAttribute(Qt::WA_DeleteOnClose);
  rebuildOnLanguageChange(main_window);
  owb::gui::MainWindow& window = *main_window;
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
