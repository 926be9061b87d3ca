#pragma once
// The model picker (Sweep tab, "Pick…"): three ways to name the models of a sweep.
//  - Catalog: the models of resources/model_catalog.json (the seeds' 7 MoE and 5 dense models,
//    Pythia, OLMo, Mistral, Qwen1.5-MoE), searchable, filtered by family and MoE/dense; added by
//    hub id.
//  - Local folder: a checkpoint folder, validated by `owb inspect` in the background: family,
//    layers, parameters, active parameters, dtype, size on disk, VRAM estimate.
//  - Hub id: `org/name[@revision]`, checked as you type; a cached id is inspected like a folder.
// selectedModels() is what "Add" hands back: hub ids and folder paths, as sweep.json takes them.
#include <QDialog>
#include <QStringList>

class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTabWidget;
class QTableView;
class QTimer;

namespace owb::models {
class ModelCatalogFilter;
class ModelCatalogModel;
}  // namespace owb::models

namespace owb::widgets {

class CheckpointInfoPanel;

class ModelPickerDialog : public QDialog {
  Q_OBJECT
 public:
  enum Page { CatalogPage, FolderPage, HubPage };

  explicit ModelPickerDialog(QWidget* parent = nullptr);

  QStringList selectedModels() const;
  // The start folder of "Browse…" (e.g. the last model folder added).
  void setStartFolder(const QString& folder) { start_folder_ = folder; }
  void setPage(Page page);
  // Sets the folder (as if typed) and inspects it.
  void setFolder(const QString& folder);
  void setHubId(const QString& id);
  // The sweep's run shape and dtype (bf16, f16, f32), for the VRAM estimates.
  void setRunShape(int batch_size, int sequence_length, int num_sequences, const QString& dtype);

  QTabWidget* pages() const { return pages_; }
  QLineEdit* searchEdit() const { return search_; }
  QComboBox* familyBox() const { return family_; }
  QComboBox* kindBox() const { return kind_; }
  QTableView* catalogView() const { return catalog_view_; }
  owb::models::ModelCatalogFilter* catalogFilter() const { return filter_; }
  QLabel* catalogCountLabel() const { return count_; }
  QLineEdit* folderEdit() const { return folder_; }
  CheckpointInfoPanel* folderPanel() const { return folder_panel_; }
  QLineEdit* hubEdit() const { return hub_id_; }
  QLabel* hubProblemLabel() const { return hub_problem_; }
  CheckpointInfoPanel* hubPanel() const { return hub_panel_; }
  QPushButton* addButton() const { return add_; }

 private:
  QWidget* createCatalogPage();
  QWidget* createFolderPage();
  QWidget* createHubPage();
  void updateCatalogCount();
  void onHubIdEdited();
  void chooseFolder();
  void updateAddButton();

  owb::models::ModelCatalogModel* catalog_ = nullptr;
  owb::models::ModelCatalogFilter* filter_ = nullptr;
  QString start_folder_;
  QTabWidget* pages_ = nullptr;
  QLineEdit* search_ = nullptr;
  QComboBox* family_ = nullptr;
  QComboBox* kind_ = nullptr;
  QTableView* catalog_view_ = nullptr;
  QLabel* count_ = nullptr;
  QLineEdit* folder_ = nullptr;
  CheckpointInfoPanel* folder_panel_ = nullptr;
  QLineEdit* hub_id_ = nullptr;
  QLabel* hub_problem_ = nullptr;
  CheckpointInfoPanel* hub_panel_ = nullptr;
  QTimer* hub_inspect_timer_ = nullptr;
  QDialogButtonBox* buttons_ = nullptr;
  QPushButton* add_ = nullptr;
};

}  // namespace owb::widgets
