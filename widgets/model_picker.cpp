#include "model_picker.h"

#include "checkpoint_info.h"
#include "checkpoint_info_panel.h"
#include "model_picker_model.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QVBoxLayout>

namespace owb::widgets {

using owb::models::ModelCatalogFilter;
using owb::models::ModelCatalogModel;

namespace {
constexpr int kHubInspectDelayMs = 400;  // after the last keystroke
}  // namespace

ModelPickerDialog::ModelPickerDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Pick Models"));
  pages_ = new QTabWidget(this);
  pages_->addTab(createCatalogPage(), tr("&Catalog"));
  pages_->addTab(createFolderPage(), tr("&Local folder"));
  pages_->addTab(createHubPage(), tr("&Hub id"));
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
  add_ = buttons_->addButton(tr("&Add"), QDialogButtonBox::AcceptRole);
  connect(buttons_, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons_, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(pages_, &QTabWidget::currentChanged, this, &ModelPickerDialog::updateAddButton);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(pages_, 1);
  layout->addWidget(buttons_);
  resize(860, 520);
  updateAddButton();
}

QWidget* ModelPickerDialog::createCatalogPage() {
  auto* page = new QWidget(this);
  catalog_ = new ModelCatalogModel(owb::models::ModelCatalog::builtIn(), this);
  filter_ = new ModelCatalogFilter(this);
  filter_->setSourceModel(catalog_);
  search_ = new QLineEdit(page);
  search_->setPlaceholderText(tr("Search name, hub id or family"));
  search_->setClearButtonEnabled(true);
  family_ = new QComboBox(page);
  family_->addItem(tr("All families"), QString());
  for (const QString& family : catalog_->families()) family_->addItem(family, family);
  kind_ = new QComboBox(page);
  kind_->addItem(tr("MoE and dense"), int(ModelCatalogFilter::Kind::Any));
  kind_->addItem(tr("MoE only"), int(ModelCatalogFilter::Kind::Moe));
  kind_->addItem(tr("Dense only"), int(ModelCatalogFilter::Kind::Dense));
  auto* bar = new QHBoxLayout;
  bar->addWidget(search_, 1);
  bar->addWidget(family_);
  bar->addWidget(kind_);

  catalog_view_ = new QTableView(page);
  catalog_view_->setObjectName("modelCatalogView");
  catalog_view_->setModel(filter_);
  catalog_view_->setSortingEnabled(true);
  catalog_view_->sortByColumn(-1, Qt::AscendingOrder);  // catalog order until a header is clicked
  catalog_view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  catalog_view_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  catalog_view_->setAlternatingRowColors(true);
  catalog_view_->setWordWrap(false);  // one line per model; the source is in the tooltip too
  catalog_view_->verticalHeader()->hide();
  catalog_view_->verticalHeader()->setDefaultSectionSize(catalog_view_->fontMetrics().height() + 6);
  catalog_view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  catalog_view_->horizontalHeader()->setStretchLastSection(true);
  count_ = new QLabel(page);

  auto* layout = new QVBoxLayout(page);
  layout->addLayout(bar);
  layout->addWidget(catalog_view_, 1);
  layout->addWidget(count_);

  connect(search_, &QLineEdit::textChanged, filter_, &ModelCatalogFilter::setSearchText);
  connect(family_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this] { filter_->setFamily(family_->currentData().toString()); });
  connect(kind_, qOverload<int>(&QComboBox::currentIndexChanged), this,
          [this] { filter_->setKind(ModelCatalogFilter::Kind(kind_->currentData().toInt())); });
  for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
    connect(filter_, signal, this, &ModelPickerDialog::updateCatalogCount);
  connect(filter_, &QAbstractItemModel::modelReset, this, &ModelPickerDialog::updateCatalogCount);
  connect(filter_, &QAbstractItemModel::layoutChanged, this, &ModelPickerDialog::updateCatalogCount);
  connect(catalog_view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &ModelPickerDialog::updateAddButton);
  connect(catalog_view_, &QTableView::doubleClicked, this, [this] {
    if (add_->isEnabled()) accept();
  });
  updateCatalogCount();
  return page;
}

QWidget* ModelPickerDialog::createFolderPage() {
  auto* page = new QWidget(this);
  folder_ = new QLineEdit(page);
  folder_->setPlaceholderText(tr("A Hugging Face checkpoint folder (config.json + safetensors)"));
  auto* browse = new QPushButton(tr("&Browse…"), page);
  auto* check = new QPushButton(tr("C&heck"), page);
  auto* row = new QHBoxLayout;
  row->addWidget(folder_, 1);
  row->addWidget(browse);
  row->addWidget(check);
  folder_panel_ = new CheckpointInfoPanel(page);
  folder_panel_->setObjectName("folderInfoPanel");
  auto* layout = new QVBoxLayout(page);
  layout->addLayout(row);
  layout->addWidget(folder_panel_, 1);
  connect(browse, &QPushButton::clicked, this, &ModelPickerDialog::chooseFolder);
  const auto inspect = [this] {
    const QString folder = folder_->text().trimmed();
    if (folder.isEmpty()) folder_panel_->clear();
    else if (folder != folder_panel_->model() || folder_panel_->state() == CheckpointInfoPanel::State::Empty)
      folder_panel_->inspect(folder);
  };
  connect(check, &QPushButton::clicked, this, [this] {
    const QString folder = folder_->text().trimmed();
    if (!folder.isEmpty()) folder_panel_->inspect(folder);
  });
  connect(folder_, &QLineEdit::editingFinished, this, inspect);
  connect(folder_, &QLineEdit::textEdited, this, [this] { folder_panel_->clear(); });
  connect(folder_panel_, &CheckpointInfoPanel::stateChanged, this, &ModelPickerDialog::updateAddButton);
  return page;
}

QWidget* ModelPickerDialog::createHubPage() {
  auto* page = new QWidget(this);
  hub_id_ = new QLineEdit(page);
  hub_id_->setPlaceholderText(tr("org/name or org/name@revision, e.g. allenai/OLMoE-1B-7B-0125-Instruct"));
  hub_problem_ = new QLabel(page);
  hub_problem_->setWordWrap(true);
  hub_problem_->setStyleSheet(QStringLiteral("color: #c62828;"));
  auto* note = new QLabel(tr("A hub id not in the Hugging Face cache is downloaded when its first run starts."), page);
  note->setWordWrap(true);
  hub_panel_ = new CheckpointInfoPanel(page);
  hub_panel_->setObjectName("hubInfoPanel");
  hub_inspect_timer_ = new QTimer(this);
  hub_inspect_timer_->setSingleShot(true);
  hub_inspect_timer_->setInterval(kHubInspectDelayMs);
  connect(hub_inspect_timer_, &QTimer::timeout, this, [this] { hub_panel_->inspect(hub_id_->text().trimmed()); });
  auto* layout = new QVBoxLayout(page);
  layout->addWidget(hub_id_);
  layout->addWidget(hub_problem_);
  layout->addWidget(note);
  layout->addWidget(hub_panel_, 1);
  connect(hub_id_, &QLineEdit::textChanged, this, &ModelPickerDialog::onHubIdEdited);
  return page;
}

void ModelPickerDialog::updateCatalogCount() {
  count_->setText(tr("%1 of %2 models").arg(filter_->rowCount()).arg(catalog_->rowCount()));
}

void ModelPickerDialog::onHubIdEdited() {
  const QString id = hub_id_->text().trimmed();
  const QString problem = id.isEmpty() ? QString() : owb::models::hubIdProblem(id);
  hub_problem_->setText(problem.isEmpty() ? QString() : tr("Not a hub id: %1").arg(problem));
  hub_inspect_timer_->stop();
  hub_panel_->clear();
  if (!id.isEmpty() && problem.isEmpty()) hub_inspect_timer_->start();
  updateAddButton();
}

void ModelPickerDialog::chooseFolder() {
  const QString start = folder_->text().isEmpty() ? start_folder_ : folder_->text();
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Choose Checkpoint Folder"), start);
  if (!folder.isEmpty()) setFolder(folder);
}

void ModelPickerDialog::setRunShape(int batch_size, int sequence_length, int num_sequences, const QString& dtype) {
  for (CheckpointInfoPanel* panel : {folder_panel_, hub_panel_}) panel->setRunShape(batch_size, sequence_length, num_sequences, dtype);
}

void ModelPickerDialog::setPage(Page page) { pages_->setCurrentIndex(int(page)); }

void ModelPickerDialog::setFolder(const QString& folder) {
  setPage(FolderPage);
  folder_->setText(QDir::toNativeSeparators(folder));
  folder_panel_->inspect(QDir::cleanPath(QDir::fromNativeSeparators(folder)));
}

void ModelPickerDialog::setHubId(const QString& id) {
  setPage(HubPage);
  hub_id_->setText(id);
}

QStringList ModelPickerDialog::selectedModels() const {
  QStringList out;
  switch (Page(pages_->currentIndex())) {
    case CatalogPage:
      for (const QModelIndex& index : catalog_view_->selectionModel()->selectedRows())
        out << index.data(ModelCatalogModel::HubIdRole).toString();
      break;
    case FolderPage:
      if (folder_panel_->state() == CheckpointInfoPanel::State::Valid) out << folder_panel_->model();
      break;
    case HubPage: {
      const QString id = hub_id_->text().trimmed();
      if (owb::models::isHubId(id)) out << id;
      break;
    }
  }
  return out;
}

void ModelPickerDialog::updateAddButton() {
  const QStringList models = selectedModels();
  add_->setEnabled(!models.isEmpty());
  add_->setText(models.size() > 1 ? tr("&Add %n Models", nullptr, int(models.size())) : tr("&Add"));
}

}  // namespace owb::widgets
