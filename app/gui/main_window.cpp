#include "main_window.h"

#include "compare_view.h"
#include "comparison_table_model.h"
#include "damage_summary_model.h"
#include "damage_view.h"
#include "export_dialog.h"
#include "export_tab_targets.h"
#include "export_table.h"
#include "heatmap_matrix.h"
#include "heatmap_view.h"
#include "hub_cache_view.h"
#include "job_queue.h"
#include "job_table_model.h"
#include "live_pods_model.h"
#include "live_pods_view.h"
#include "pod_reconciler.h"
#include "remote_settings.h"
#include "remote_settings_dialog.h"
#include "run_loader.h"
#include "run_monitor.h"
#include "run_store_model.h"
#include "scatter_plot_view.h"
#include "super_weight_cards_model.h"
#include "super_weight_grid.h"
#include "sweep_backend_panel.h"
#include "sweep_editor.h"
#include "systematic_outliers_model.h"
#include "systematic_table_view.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDebug>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QLibraryInfo>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QPointer>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTextBrowser>
#include <QTranslator>
#include <QTreeView>

#include <cmath>
#include <memory>

namespace owb::gui {

using owb::models::HeatmapMatrix;
using owb::models::RunData;
using owb::models::RunStoreModel;
using owb::models::WorkspaceScan;

namespace {
constexpr int kMaxRecentWorkspaces = 8;
const char* const kRecentKey = "workspace/recent";
}  // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle(tr("Outlier Workbench"));
  runs_ = new RunStoreModel(this);
  matrix_ = new HeatmapMatrix(this);
  systematic_ = new owb::models::SystematicOutliersModel(this);
  loader_ = new owb::models::RunLoader(this);
  connect(loader_, &owb::models::RunLoader::workspaceScanned, this, &MainWindow::onWorkspaceScanned);
  connect(loader_, &owb::models::RunLoader::runLoaded, this, &MainWindow::onRunLoaded);

  createTabs();
  createPlotsTab();
  createJobTabs();
  createSuperWeightAndCompareTabs();
  addDamageTab();
  createDock();
  createActions();
  createHubCacheAction();
  createRemoteBackends();
  status_label_ = new QLabel(tr("Open a workspace folder (Ctrl+O)."), this);
  statusBar()->addWidget(status_label_, 1);
  resize(1300, 820);
  restoreSettings();
}

void MainWindow::createTabs() {
  tabs_ = new QTabWidget(this);
  heatmap_ = new owb::widgets::HeatmapView(tabs_);
  heatmap_->setModels(matrix_, systematic_);
  tabs_->addTab(heatmap_, tr("&Heatmap"));
  systematic_view_ = new owb::widgets::SystematicTableView(tabs_);
  systematic_view_->setModel(systematic_);
  tabs_->addTab(systematic_view_, tr("&Systematic outliers"));
  // One selected dimension across both views.
  connect(heatmap_, &owb::widgets::HeatmapView::dimensionSelected, systematic_view_,
          &owb::widgets::SystematicTableView::selectDim);
  connect(systematic_view_, &owb::widgets::SystematicTableView::dimensionSelected, heatmap_,
          &owb::widgets::HeatmapView::selectDim);

  auto* runs_page = new QSplitter(Qt::Vertical, tabs_);
  runs_table_ = new QTreeView(runs_page);
  runs_table_->setModel(runs_);
  runs_table_->setAlternatingRowColors(true);
  runs_table_->setUniformRowHeights(true);
  run_details_ = new QTextBrowser(runs_page);
  run_details_->setOpenLinks(false);
  runs_page->addWidget(runs_table_);
  runs_page->addWidget(run_details_);
  runs_page->setStretchFactor(0, 3);
  runs_page->setStretchFactor(1, 1);
  tabs_->addTab(runs_page, tr("&Runs"));
  setCentralWidget(tabs_);
  showRunDetails(nullptr);
}

void MainWindow::createDock() {
  auto* dock = new QDockWidget(tr("Run store"), this);
  dock->setObjectName("runStoreDock");  // saveState() needs a name
  run_tree_ = new QTreeView(dock);
  run_tree_->setModel(runs_);
  run_tree_->setUniformRowHeights(true);
  // Several runs can be selected for the Compare tab; the current one is the one shown.
  run_tree_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  run_tree_->setSelectionBehavior(QAbstractItemView::SelectRows);
  // The dock shows name and status; the Runs tab shows every column.
  for (int c = 0; c < RunStoreModel::ColumnCount; ++c)
    if (c != RunStoreModel::NameColumn && c != RunStoreModel::StatusColumn) run_tree_->hideColumn(c);
  run_tree_->header()->setStretchLastSection(false);
  run_tree_->header()->setSectionResizeMode(RunStoreModel::NameColumn, QHeaderView::Stretch);
  run_tree_->header()->setSectionResizeMode(RunStoreModel::StatusColumn, QHeaderView::ResizeToContents);
  run_tree_->setTextElideMode(Qt::ElideMiddle);  // run names differ at the end (timestamps)
  dock->setWidget(run_tree_);
  addDockWidget(Qt::LeftDockWidgetArea, dock);
  resizeDocks({dock}, {340}, Qt::Horizontal);
  // The Runs tab shares the tree's selection: one current run everywhere.
  runs_table_->setSelectionModel(run_tree_->selectionModel());
  connect(run_tree_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &MainWindow::onCurrentRunChanged);
  connect(run_tree_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &MainWindow::onRunSelectionChanged);
}

void MainWindow::createActions() {
  QMenu* file = menuBar()->addMenu(tr("&File"));
  QAction* open = file->addAction(tr("&Open Workspace…"), this, &MainWindow::chooseWorkspace);
  open->setShortcut(QKeySequence::Open);
  recent_menu_ = file->addMenu(tr("Open &Recent"));
  connect(recent_menu_, &QMenu::aboutToShow, this, &MainWindow::rebuildRecentMenu);
  rebuildRecentMenu();
  rescan_action_ = file->addAction(tr("Re&scan Workspace"), this, &MainWindow::rescan);
  rescan_action_->setShortcut(QKeySequence(Qt::Key_F5));
  rescan_action_->setEnabled(false);
  file->addSeparator();
  QAction* export_action = file->addAction(tr("&Export…"), this, &MainWindow::exportDialog);
  export_action->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_E));
  file->addSeparator();
  QAction* quit = file->addAction(tr("&Quit"), this, &QWidget::close);
  quit->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Q));

  view_menu_ = menuBar()->addMenu(tr("&View"));
  for (QDockWidget* dock : findChildren<QDockWidget*>()) view_menu_->addAction(dock->toggleViewAction());
  createLanguageMenu();

  QMenu* help = menuBar()->addMenu(tr("&Help"));
  help->addAction(tr("&About Outlier Workbench"), this, [this] {
    QMessageBox::about(this, tr("About Outlier Workbench"),
                       tr("<b>Outlier Workbench</b> %1<br>A workstation for studying outlier features in "
                          "large language models.")
                           .arg(QApplication::applicationVersion()));
  });
}

void MainWindow::restoreSettings() {
  QSettings settings;
  restoreGeometry(settings.value("window/geometry").toByteArray());
  restoreState(settings.value("window/state").toByteArray());
  heatmap_->setLogScale(settings.value("heatmap/logScale", false).toBool());
  heatmap_->setGradientId(settings.value("heatmap/gradient").toString());
}

void MainWindow::saveSettings() const {
  QSettings settings;
  settings.setValue("window/geometry", saveGeometry());
  settings.setValue("window/state", saveState());
  settings.setValue("heatmap/logScale", heatmap_->logScale());
  settings.setValue("heatmap/gradient", heatmap_->gradientId());
  if (!current_run_.isEmpty()) settings.setValue("workspace/lastRun", current_run_);
}

void MainWindow::closeEvent(QCloseEvent* event) {
  saveSettings();
  reconcilePodsOnExit();
  event->accept();
}

QStringList MainWindow::recentWorkspaces() { return QSettings().value(kRecentKey).toStringList(); }

void MainWindow::rememberWorkspace(const QString& path) {
  QStringList recent = recentWorkspaces();
  recent.removeAll(path);
  recent.prepend(path);
  while (recent.size() > kMaxRecentWorkspaces) recent.removeLast();
  QSettings().setValue(kRecentKey, recent);
}

void MainWindow::rebuildRecentMenu() {
  recent_menu_->clear();
  const QStringList recent = recentWorkspaces();
  for (const QString& path : recent)
    recent_menu_->addAction(QDir::toNativeSeparators(path), this, [this, path] { openWorkspace(path); });
  if (recent.isEmpty()) recent_menu_->addAction(tr("(none)"))->setEnabled(false);
}

void MainWindow::chooseWorkspace() {
  const QString start = workspace_.isEmpty() ? QDir::homePath() : workspace_;
  const QString path = QFileDialog::getExistingDirectory(this, tr("Open Workspace"), start);
  if (!path.isEmpty()) openWorkspace(path);
}

void MainWindow::openWorkspace(const QString& path) {
  const QString absolute = QFileInfo(path).absoluteFilePath();
  if (absolute != workspace_) run_to_restore_ = QSettings().value("workspace/lastRun").toString();
  workspace_ = absolute;
  rememberWorkspace(absolute);
  rescan_action_->setEnabled(true);
  QString queue_error;
  if (!queue_->setWorkspace(absolute, &queue_error)) QMessageBox::warning(this, tr("Job queue"), queue_error);
  applyRemoteBackends();
  pod_reconciler_->reconcileOnOpen(queue_);  // pods left by earlier sessions; the queue waits for it
  showWorkspaceDamageRuns(absolute);
  setWindowTitle(tr("%1 – Outlier Workbench").arg(QFileInfo(absolute).fileName()));
  status_label_->setText(tr("Scanning %1…").arg(QDir::toNativeSeparators(absolute)));
  loader_->scanWorkspace(absolute);
}

void MainWindow::rescan() {
  if (workspace_.isEmpty()) return;
  run_to_restore_ = current_run_;
  status_label_->setText(tr("Rescanning %1…").arg(QDir::toNativeSeparators(workspace_)));
  loader_->scanWorkspace(workspace_);
}

void MainWindow::onWorkspaceScanned(const WorkspaceScan& scan) {
  current_run_.clear();
  runs_->setScan(scan);
  QStringList run_paths;
  for (const owb::models::RunSummary& run : scan.runs) run_paths << run.path;
  comparison_->loadRuns(run_paths);  // reads every run's results on a worker thread
  QStringList super_weight_paths;
  perplexity_only_runs_.clear();
  for (const owb::models::RunSummary& run : scan.runs) {
    if (run.has_super_weights || run.has_vocab) super_weight_paths << run.path;
    if (run.has_perplexity && !run.has_outliers) perplexity_only_runs_ << run.path;
  }
  super_weights_->loadFolders(super_weight_paths);  // worker thread too
  compare_->setRuns({});
  run_tree_->expandAll();
  runs_table_->expandAll();
  for (int c = 0; c < RunStoreModel::ColumnCount; ++c) runs_table_->resizeColumnToContents(c);
  QString message = tr("%n run(s) in %1", nullptr, runs_->runCount()).arg(QDir::toNativeSeparators(scan.root));
  if (!scan.errors.isEmpty()) message = scan.errors.join(QLatin1String("; "));
  status_label_->setText(message);
  matrix_->clear();
  systematic_->clear();
  showRunDetails(nullptr);
  heatmap_->setEmptyMessage(runs_->runCount() > 0 ? tr("Select a run in the run store.")
                                                  : tr("No run folders found in this workspace."));
  if (!run_to_restore_.isEmpty()) selectRun(run_to_restore_);
  run_to_restore_.clear();
  emit workspaceOpened(scan.root, runs_->runCount());
}

bool MainWindow::selectRun(const QString& path) {
  const QModelIndex index = runs_->indexOfRun(QFileInfo(path).absoluteFilePath());
  if (!index.isValid()) return false;
  run_tree_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  run_tree_->scrollTo(index);
  return true;
}

void MainWindow::onCurrentRunChanged(const QModelIndex& current) {
  const owb::models::RunSummary* run = runs_->runAt(current);
  if (!run || run->path == current_run_) return;
  current_run_ = run->path;
  matrix_->clear();
  systematic_->clear();
  heatmap_->selectDim(-1);
  heatmap_->setEmptyMessage(tr("Loading %1…").arg(run->name));
  status_label_->setText(tr("Loading %1…").arg(QDir::toNativeSeparators(run->path)));
  loader_->loadRun(run->path);
}

void MainWindow::onRunLoaded(const RunData& run) {
  if (run.path != current_run_) return;  // the user moved on
  if (run.layer_stats) matrix_->setLayerStats(*run.layer_stats);
  if (run.outliers) systematic_->setResults(*run.outliers);
  QString empty;
  if (!run.has_layer_stats && run.has_final_analysis)
    empty = tr("This run has no layer_stats.json (seed-format folders have no hook x dimension matrix). "
               "Its systematic outliers are in the \"Systematic outliers\" tab.");
  else if (run.info && run.info->status == QLatin1String("failed"))
    empty = tr("This run failed: %1\n\n%2").arg(run.info->error, run.info->last_log.join(QLatin1Char('\n')));
  else if (!run.has_layer_stats)
    empty = tr("This run has no outlier analysis (no layer_stats.json).");
  else if (!run.layer_stats)
    empty = tr("Could not read the heatmap:\n%1").arg(run.errors.join(QLatin1Char('\n')));
  if (!empty.isEmpty()) heatmap_->setEmptyMessage(empty);
  if (replayLiveStats(run.path)) heatmap_->setEmptyMessage(tr("Running: rows appear as the worker finishes each layer."));
  showRunDetails(&run);
  status_label_->setText(run.errors.isEmpty() ? tr("Loaded %1").arg(QDir::toNativeSeparators(run.path))
                                              : run.errors.join(QLatin1String("; ")));
  emit runShown(run.path);
}

void MainWindow::showRunDetails(const RunData* run) {
  if (!run) {
    run_details_->setPlainText(tr("Select a run to see its details."));
    return;
  }
  const QLocale locale;
  QStringList lines;
  lines << tr("Folder: %1").arg(QDir::toNativeSeparators(run->path));
  if (!run->model().isEmpty()) lines << tr("Model: %1").arg(run->model());
  if (run->info) {
    lines << tr("Status: %1 (mode %2, host %3)").arg(run->info->status, run->info->mode, run->info->host);
    lines << tr("Started %1, finished %2").arg(run->info->started, run->info->finished);
    if (std::isfinite(run->info->elapsed_s)) lines << tr("Elapsed: %1 s").arg(locale.toString(run->info->elapsed_s, 'f', 1));
    if (!run->info->error.isEmpty()) lines << tr("Error: %1").arg(run->info->error);
    if (!run->info->last_log.isEmpty()) lines << tr("Last log lines:") << run->info->last_log;
  } else {
    lines << tr("No run.json (a folder made by the seed tooling).");
  }
  if (run->outliers)
    lines << tr("Systematic outliers: %1 from the %2; threshold %3")
                 .arg(run->outliers->systematic.size())
                 .arg(owb::models::systematicSourceLabel(run->outliers->source))
                 .arg(locale.toString(run->outliers->threshold, 'g', 4));
  if (run->layer_stats)
    lines << tr("Heatmap: %1 hooks x %2 dims over %3 positions")
                 .arg(run->layer_stats->rows())
                 .arg(run->layer_stats->hidden_size)
                 .arg(run->layer_stats->positions);
  if (run->perplexity)
    lines << tr("Perplexity: %1 (mean NLL %2 nats, %3 tokens)")
                 .arg(locale.toString(run->perplexity->perplexity, 'f', 3),
                      locale.toString(run->perplexity->avg_loss, 'f', 4),
                      locale.toString(run->perplexity->total_tokens));
  for (const QString& error : run->errors) lines << tr("Error: %1").arg(error);
  run_details_->setPlainText(lines.join(QLatin1Char('\n')));
}

// The comparison plots (Dettmers Fig. 3a/3b) over every run of the workspace.
void MainWindow::createPlotsTab() {
  comparison_ = new owb::models::ComparisonTableModel(this);
  scatter_ = new owb::widgets::ScatterPlotView(tabs_);
  scatter_->setObjectName("plotsTab");
  scatter_->setModel(comparison_);
  tabs_->addTab(scatter_, tr("&Plots"));
}

void MainWindow::exportDialog() {
  using owb::widgets::ExportTarget;
  using owb::widgets::ImageExportOptions;
  const QString run_name = QFileInfo(current_run_).fileName();
  QVector<ExportTarget> targets;
  targets << ExportTarget{tr("Heatmap (PNG, SVG)"), true, (run_name.isEmpty() ? QString("run") : run_name) + "_heatmap.png",
                          heatmap_->isShowingPlot(),
                          [this](const QString& path, const ImageExportOptions& o, QString* error) {
                            return owb::widgets::saveCustomPlotImage(heatmap_->plot(), path, o, error);
                          }};
  const owb::models::ComparisonPlotSpec* spec = owb::models::comparisonPlot(scatter_->currentPlotId());
  targets << ExportTarget{tr("Scatter plot: %1 (PNG, SVG)").arg(spec ? owb::models::plotTitle(*spec) : QString()), true,
                          spec ? spec->file_name : QString("plot.png"), true,
                          [this](const QString& path, const ImageExportOptions& o, QString* error) {
                            return scatter_->saveImage(path, o, error);
                          }};
  const auto table = [](QAbstractItemModel* model) {
    return [model](const QString& path, const ImageExportOptions&, QString* error) {
      return owb::widgets::saveTable(model, path, error);
    };
  };
  targets << ExportTarget{tr("Comparison table (CSV, JSON)"), false, "comparison.csv", comparison_->rowCount() > 0, table(comparison_)};
  targets << ExportTarget{tr("Systematic outliers table (CSV, JSON)"), false,
                          (run_name.isEmpty() ? QString("run") : run_name) + "_systematic_outliers.csv",
                          systematic_->rowCount() > 0, table(systematic_)};
  targets << ExportTarget{tr("Runs table (CSV, JSON)"), false, "runs.csv", runs_->runCount() > 0, table(runs_)};
  int current = 0;
  QWidget* page = tabs_->currentWidget();
  if (page == scatter_) current = 1;
  else if (page == systematic_view_) current = 3;
  else if (page == runs_table_->parentWidget()) current = 4;
  if (!targets[current].available) current = 1;
  appendTabExportTargets(targets, current);
  const QString folder = QSettings().value("export/folder", workspace_).toString();
  owb::widgets::ExportDialog dialog(targets, current, folder, this);
  if (dialog.exec() != QDialog::Accepted) return;
  QSettings().setValue("export/folder", QFileInfo(dialog.filePath()).absolutePath());
  status_label_->setText(tr("Exported %1").arg(QDir::toNativeSeparators(dialog.filePath())));
}

// Language names are written in their own language, as language pickers do.
void MainWindow::createLanguageMenu() {
  QMenu* menu = view_menu_->addMenu(tr("&Language"));
  auto* group = new QActionGroup(menu);
  const QString saved = savedLanguage();
  const QList<QPair<QString, QString>> languages = {
      {QString(), tr("System default")}, {"en", "English"}, {"de", "Deutsch"}, {"zh_CN", "简体中文"}};
  for (const auto& [code, name] : languages) {
    QAction* action = menu->addAction(name);
    action->setCheckable(true);
    action->setChecked(code == saved);
    action->setData(code);
    group->addAction(action);
    connect(action, &QAction::triggered, this, [this, code = code] { setLanguage(code); });
  }
}

QStringList MainWindow::availableLanguages() { return {"en", "de", "zh_CN"}; }

QString MainWindow::savedLanguage() { return QSettings().value("ui/language").toString(); }

void MainWindow::setLanguage(const QString& code) {
  QSettings().setValue("ui/language", code);
  installLanguage(code);
  emit languageChanged(code);
}

bool MainWindow::installLanguage(const QString& code) {
  // One translator of ours and one of Qt's (standard dialogs), owned by the application.
  static QPointer<QTranslator> ours, qt;
  for (QPointer<QTranslator>* t : {&ours, &qt}) {
    if (!*t) continue;
    QCoreApplication::removeTranslator(*t);
    delete t->data();
  }
  if (code == QLatin1String("en")) return true;  // the sources are English
  const QLocale locale = code.isEmpty() ? QLocale::system() : QLocale(code);
  ours = new QTranslator(QCoreApplication::instance());
  // qt_add_translations embeds the .qm files under :/i18n.
  if (!ours->load(locale, QStringLiteral("outlier-workbench"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
    delete ours.data();
    return code.isEmpty();  // a system language without a translation is English
  }
  QCoreApplication::installTranslator(ours);
  qt = new QTranslator(QCoreApplication::instance());
  if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
    QCoreApplication::installTranslator(qt);
  else
    delete qt.data();
  return true;
}

// Sweep (launch) and Monitor (watch) tabs over the job queue of the open workspace.
void MainWindow::createJobTabs() {
  queue_ = new owb::jobs::JobQueue(this);
  job_model_ = new owb::models::JobTableModel(queue_, this);
  sweep_editor_ = new owb::widgets::SweepEditor(queue_, tabs_);
  sweep_editor_->setObjectName("sweepTab");
  tabs_->addTab(sweep_editor_, tr("S&weep"));
  run_monitor_ = new owb::widgets::RunMonitor(job_model_, tabs_);
  run_monitor_->setObjectName("monitorTab");
  tabs_->addTab(run_monitor_, tr("&Monitor"));
  connect(sweep_editor_, &owb::widgets::SweepEditor::launched, this, [this](const QStringList& ids) {
    tabs_->setCurrentWidget(run_monitor_);
    if (!ids.isEmpty()) run_monitor_->selectJob(ids.first());
    status_label_->setText(tr("Queued %n job(s).", nullptr, int(ids.size())));
  });
  connect(run_monitor_, &owb::widgets::RunMonitor::showRunRequested, this, &MainWindow::showJobRun);
  connect(queue_, &owb::jobs::JobQueue::layerStats, this, &MainWindow::onJobLayerStats);
  // A started run has a folder (run.json) to list; a finished one has its result files.
  connect(queue_, &owb::jobs::JobQueue::jobStarted, this, [this] { rescan(); });
  connect(queue_, &owb::jobs::JobQueue::jobFinished, this, [this](const QString& id, const QString& state) {
    status_label_->setText(tr("Job %1: %2").arg(id, state));
    rescan();
  });
}

void MainWindow::showJobRun(const QString& run_dir) {
  tabs_->setCurrentWidget(heatmap_);
  if (selectRun(run_dir)) return;
  rescan();  // not in the tree yet
  run_to_restore_ = QFileInfo(run_dir).absoluteFilePath();
}

void MainWindow::onJobLayerStats(const QString& job_id, const owb::jobs::LayerStatsEvent& stats) {
  const owb::jobs::Job* job = queue_->find(job_id);
  if (!job || current_run_.isEmpty() || QFileInfo(job->run_dir).absoluteFilePath() != current_run_) return;
  matrix_->updateHook(stats.hook, stats.max_abs, stats.hits, stats.positions);
}

bool MainWindow::replayLiveStats(const QString& run_path) {
  const QString job_id = queue_->runningJobForRunDir(run_path);
  if (job_id.isEmpty()) return false;
  for (const owb::jobs::LayerStatsEvent& stats : queue_->liveLayerStats(job_id))
    matrix_->updateHook(stats.hook, stats.max_abs, stats.hits, stats.positions);
  return true;
}

// Super weights (cards over every super-weight run) and Compare (the runs selected in the tree).
void MainWindow::createSuperWeightAndCompareTabs() {
  super_weights_ = new owb::models::SuperWeightCardsModel(this);
  super_weight_grid_ = new owb::widgets::SuperWeightGrid(tabs_);
  super_weight_grid_->setObjectName("superTab");
  super_weight_grid_->setModel(super_weights_);
  tabs_->addTab(super_weight_grid_, tr("S&uper weights"));
  compare_ = new owb::widgets::CompareView(tabs_);
  compare_->setObjectName("compareTab");
  tabs_->addTab(compare_, tr("&Compare"));
}

// Damage: a results folder of `owb damage` runs (its own Open button; it need not be in the workspace).
void MainWindow::addDamageTab() {
  auto* view = new owb::widgets::DamageView(new owb::models::DamageSummaryModel(this), tabs_);
  view->setObjectName("damageTab");
  tabs_->addTab(view, tr("&Damage"));
}

// A workspace keeps its damage experiments in damage/ (`owb damage --output-dir WS/damage`); the
// Damage tab opens them with the workspace (its own Open button reaches any other folder).
void MainWindow::showWorkspaceDamageRuns(const QString& workspace) {
  const QString dir = QDir(workspace).filePath(QStringLiteral("damage"));
  if (!QFileInfo(dir).isDir()) return;
  if (auto* view = findChild<owb::widgets::DamageView*>(QStringLiteral("damageTab"))) view->setResultsDir(dir);
}

void MainWindow::onRunSelectionChanged() {
  QStringList paths;
  for (const QModelIndex& index : run_tree_->selectionModel()->selectedRows()) {
    if (const owb::models::RunSummary* run = runs_->runAt(index)) {
      if (!paths.contains(run->path)) paths << run->path;
      continue;
    }
    for (int r = 0; r < runs_->rowCount(index); ++r)  // an experiment row: all its runs
      if (const owb::models::RunSummary* run = runs_->runAt(runs_->index(r, 0, index)))
        if (!paths.contains(run->path)) paths << run->path;
  }
  compare_->setRuns(paths, perplexity_only_runs_);
}

void MainWindow::selectRuns(const QStringList& paths) {
  QItemSelection selection;
  QModelIndex first;
  for (const QString& path : paths) {
    const QModelIndex index = runs_->indexOfRun(QFileInfo(path).absoluteFilePath());
    if (!index.isValid()) continue;
    if (!first.isValid()) first = index;
    selection.select(index, index);
  }
  if (!first.isValid()) return;
  run_tree_->selectionModel()->setCurrentIndex(first, QItemSelectionModel::NoUpdate);
  run_tree_->selectionModel()->select(selection, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

// View > Hugging Face Cache…: cached models with sizes, delete, download (one dialog, not modal).
void MainWindow::createHubCacheAction() {
  view_menu_->addSeparator();
  view_menu_->addAction(tr("Hugging Face &Cache…"), this, &MainWindow::openHubCache);
}

// Settings > Remote Backends… and the live pods panel under the Monitor tab's job table and log.
void MainWindow::createRemoteBackends() {
  live_pods_ = new owb::models::LivePodsModel(this);
  live_pods_->setRefreshInterval(15000);
  live_pods_view_ = new owb::widgets::LivePodsView(live_pods_, run_monitor_);
  live_pods_view_->setObjectName("livePods");
  if (auto* splitter = run_monitor_->findChild<QSplitter*>()) splitter->addWidget(live_pods_view_);
  auto* settings = new QMenu(tr("&Settings"), this);
  settings->addAction(tr("&Remote Backends…"), this, &MainWindow::openRemoteSettings);
  menuBar()->insertMenu(menuBar()->actions().value(menuBar()->actions().size() - 1), settings);  // before Help
  createPodReconciler();
}

// No orphans (issue 7): the ledger reconciled with the API when a workspace opens and at exit.
void MainWindow::createPodReconciler() {
  pod_reconciler_ = new owb::widgets::PodReconciler(this);
  connect(pod_reconciler_, &owb::widgets::PodReconciler::finished, this, &MainWindow::onPodsReconciled);
}

void MainWindow::onPodsReconciled(const owb::widgets::PodReconcileOutcome& outcome) {
  const QString summary = outcome.summary();
  if (summary.isEmpty()) return;
  qInfo().noquote() << summary;
  statusBar()->showMessage(summary, 30000);
  // The panel shows the ledger as it is now; a refresh already under way would show it as it was,
  // so one more follows it.
  auto once = std::make_shared<QMetaObject::Connection>();
  *once = connect(live_pods_, &owb::models::LivePodsModel::refreshed, this, [this, once] {
    disconnect(*once);
    live_pods_->refresh();
  });
  live_pods_->refresh();
}

// Pods of jobs that no longer run are terminated (their runners, destroyed with the queue, end
// their own); the window goes at once, the process waits a bounded moment for the API.
void MainWindow::reconcilePodsOnExit() {
  if (workspace_.isEmpty()) return;
  hide();
  const QString summary = pod_reconciler_->reconcileOnExit(queue_).summary();
  if (!summary.isEmpty()) qInfo().noquote() << summary;
}

// The saved RunPod / SSH / SLURM backends, for the open workspace's ledger and known hosts.
void MainWindow::applyRemoteBackends() {
  const owb::remote::RemoteSettings settings = owb::remote::RemoteSettings::load();
  owb::remote::registerRemoteBackends(queue_, settings, workspace_);
  live_pods_->setApi(settings.runpod_base_url);
  live_pods_->setWorkspace(workspace_);
  pod_reconciler_->setApi(settings.runpod_base_url);
  sweep_editor_->backendPanel()->reloadRemoteBackends();
}

void MainWindow::openRemoteSettings() {
  owb::widgets::RemoteSettingsDialog dialog(owb::remote::RemoteSettings::load(), workspace_, this);
  if (dialog.exec() == QDialog::Accepted && !workspace_.isEmpty()) applyRemoteBackends();
}

owb::widgets::HubCacheDialog* MainWindow::openHubCache() {
  if (!hub_cache_) {
    hub_cache_ = new owb::widgets::HubCacheDialog(this);
    hub_cache_->setAttribute(Qt::WA_DeleteOnClose);
  }
  hub_cache_->show();
  hub_cache_->raise();
  return hub_cache_;
}

// File > Export… on the Super weights and Compare tabs: their cards, tables and plots, preselected.
void MainWindow::appendTabExportTargets(QVector<owb::widgets::ExportTarget>& targets, int& current) {
  const auto append = [&](const QVector<owb::widgets::ExportTarget>& extra, bool preselect) {
    for (const owb::widgets::ExportTarget& target : extra) {
      if (preselect && target.available) current = int(targets.size()), preselect = false;
      targets << target;
    }
  };
  append(owb::widgets::superWeightExportTargets(super_weight_grid_), tabs_->currentWidget() == super_weight_grid_);
  append(owb::widgets::compareExportTargets(compare_), tabs_->currentWidget() == compare_);
}

}  // namespace owb::gui
