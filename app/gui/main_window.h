#pragma once
// The workstation window: run tree (left dock), tabs Heatmap / Systematic outliers / Runs.
// Owns the models; views only show them. All file reading goes through RunLoader (worker
// threads), so the window never blocks on a large result file.
#include <QMainWindow>
#include <QPointer>
#include <QString>
#include <QVector>

class QAction;
class QLabel;
class QMenu;
class QModelIndex;
class QTabWidget;
class QTextBrowser;
class QTreeView;

namespace owb::jobs {
class JobQueue;
struct LayerStatsEvent;
}  // namespace owb::jobs

namespace owb::models {
class ComparisonTableModel;
class JobTableModel;
class LivePodsModel;
class HeatmapMatrix;
class RunLoader;
class RunStoreModel;
class SystematicOutliersModel;
class SuperWeightCardsModel;
struct RunData;
struct WorkspaceScan;
}  // namespace owb::models

namespace owb::widgets {
class HeatmapView;
class RunMonitor;
class ScatterPlotView;
class SweepEditor;
class SystematicTableView;
class SuperWeightGrid;
class CompareView;
class HubCacheDialog;
class LivePodsView;
class PodReconciler;
struct PodReconcileOutcome;
struct ExportTarget;
}  // namespace owb::widgets

namespace owb::gui {

class MainWindow : public QMainWindow {
  Q_OBJECT
 public:
  explicit MainWindow(QWidget* parent = nullptr);

  // Starts an asynchronous scan; workspaceOpened() follows.
  void openWorkspace(const QString& path);
  void rescan();
  // Selects the run at `path` in the tree (loading it); false when it is not in the tree.
  bool selectRun(const QString& path);
  QString workspace() const { return workspace_; }
  QString currentRunPath() const { return current_run_; }

  owb::models::RunStoreModel* runStore() const { return runs_; }
  owb::models::HeatmapMatrix* heatmapMatrix() const { return matrix_; }
  owb::models::SystematicOutliersModel* systematicModel() const { return systematic_; }
  owb::widgets::HeatmapView* heatmapView() const { return heatmap_; }
  owb::widgets::SystematicTableView* systematicView() const { return systematic_view_; }
  QTreeView* runTree() const { return run_tree_; }
  QTabWidget* tabs() const { return tabs_; }

  static QStringList recentWorkspaces();

  // Plots tab: comparison scatter plots over every run of the workspace.
  owb::models::ComparisonTableModel* comparisonModel() const { return comparison_; }
  owb::widgets::ScatterPlotView* scatterView() const { return scatter_; }
  // File > Export… (the dialog preselects what the current tab shows).
  void exportDialog();
  // View > Language: "" (system), "en", "de", "zh_CN". Saved in QSettings; installs the
  // translator and emits languageChanged, on which main() rebuilds the window in it.
  void setLanguage(const QString& code);
  static QString savedLanguage();
  // Installs the translator for `code` ("" = system locale) into the application.
  static bool installLanguage(const QString& code);
  static QStringList availableLanguages();

  // Sweep and Monitor tabs: jobs launched from the GUI, watched live.
  owb::jobs::JobQueue* jobQueue() const { return queue_; }
  owb::models::JobTableModel* jobModel() const { return job_model_; }
  owb::widgets::SweepEditor* sweepEditor() const { return sweep_editor_; }
  owb::widgets::RunMonitor* runMonitor() const { return run_monitor_; }
  // Selects the run folder of a job (rescanning when it is new) and shows its heatmap.
  void showJobRun(const QString& run_dir);

  // Super weights tab: cards of every super-weight / vocab run of the workspace.
  owb::models::SuperWeightCardsModel* superWeightCards() const { return super_weights_; }
  owb::widgets::SuperWeightGrid* superWeightGrid() const { return super_weight_grid_; }
  // Compare tab: the runs selected in the run tree (multi-select) side by side.
  owb::widgets::CompareView* compareView() const { return compare_; }
  // Selects these runs in the run tree (the first becomes the current run).
  void selectRuns(const QStringList& paths);
  // View > Hugging Face Cache…: shows the cache dialog (made on first use) and returns it.
  owb::widgets::HubCacheDialog* openHubCache();
  // Settings > Remote Backends… (modal); OK registers the backends with the job queue.
  void openRemoteSettings();
  // The Monitor tab's live RunPod pods (ledger + API).
  owb::models::LivePodsModel* livePods() const { return live_pods_; }
  owb::widgets::LivePodsView* livePodsView() const { return live_pods_view_; }
  // Reconciles the pod ledger with the RunPod API when a workspace opens and when the window closes.
  owb::widgets::PodReconciler* podReconciler() const { return pod_reconciler_; }

 signals:
  void workspaceOpened(const QString& path, int runs);
  // The selected run's files were read and the views filled (or its errors shown).
  void runShown(const QString& path);
  void languageChanged(const QString& code);

 protected:
  void closeEvent(QCloseEvent* event) override;

 private:
  void createActions();
  void createDock();
  void createTabs();
  void restoreSettings();
  void saveSettings() const;
  void chooseWorkspace();
  void rebuildRecentMenu();
  void rememberWorkspace(const QString& path);
  void onWorkspaceScanned(const owb::models::WorkspaceScan& scan);
  void onCurrentRunChanged(const QModelIndex& current);
  void onRunLoaded(const owb::models::RunData& run);
  void showRunDetails(const owb::models::RunData* run);
  void createPlotsTab();
  void createLanguageMenu();
  void createJobTabs();
  void onJobLayerStats(const QString& job_id, const owb::jobs::LayerStatsEvent& stats);
  // Fills the heatmap from a running job's rows so far; false when `run_path` is not running.
  bool replayLiveStats(const QString& run_path);
  void createSuperWeightAndCompareTabs();
  void onRunSelectionChanged();
  void createHubCacheAction();
  void createRemoteBackends();
  // The Damage tab: `owb damage` results folders, scaling-law curve and per-run table.
  void addDamageTab();
  void showWorkspaceDamageRuns(const QString& workspace);
  void applyRemoteBackends();
  void createPodReconciler();
  void onPodsReconciled(const owb::widgets::PodReconcileOutcome& outcome);
  void reconcilePodsOnExit();
  void appendTabExportTargets(QVector<owb::widgets::ExportTarget>& targets, int& current);

  QString workspace_;
  QString current_run_;
  QString run_to_restore_;

  owb::models::RunStoreModel* runs_ = nullptr;
  owb::models::HeatmapMatrix* matrix_ = nullptr;
  owb::models::SystematicOutliersModel* systematic_ = nullptr;
  owb::models::RunLoader* loader_ = nullptr;
  owb::models::ComparisonTableModel* comparison_ = nullptr;

  QTreeView* run_tree_ = nullptr;
  QTreeView* runs_table_ = nullptr;
  QTextBrowser* run_details_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  owb::widgets::HeatmapView* heatmap_ = nullptr;
  owb::widgets::SystematicTableView* systematic_view_ = nullptr;
  owb::widgets::ScatterPlotView* scatter_ = nullptr;
  owb::jobs::JobQueue* queue_ = nullptr;
  owb::models::JobTableModel* job_model_ = nullptr;
  owb::widgets::SweepEditor* sweep_editor_ = nullptr;
  owb::widgets::RunMonitor* run_monitor_ = nullptr;
  QLabel* status_label_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QAction* rescan_action_ = nullptr;
  QMenu* view_menu_ = nullptr;
  owb::models::SuperWeightCardsModel* super_weights_ = nullptr;
  owb::widgets::SuperWeightGrid* super_weight_grid_ = nullptr;
  owb::widgets::CompareView* compare_ = nullptr;
  QStringList perplexity_only_runs_;  // matched by model on the Compare tab
  QPointer<owb::widgets::HubCacheDialog> hub_cache_;
  owb::models::LivePodsModel* live_pods_ = nullptr;
  owb::widgets::LivePodsView* live_pods_view_ = nullptr;
  owb::widgets::PodReconciler* pod_reconciler_ = nullptr;
};

}  // namespace owb::gui
