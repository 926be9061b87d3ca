#include "hub_cache_view.h"

#include "checkpoint_info.h"
#include "hub_cache_model.h"
#include "hub_download_panel.h"
#include "owb_process.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace owb::widgets {

using owb::models::HubCacheModel;
using owb::models::OwbProcess;

namespace {
const char* const kErrorStyle = "color: #c62828;";
}  // namespace

HubCacheDialog::HubCacheDialog(QWidget* parent) : QDialog(parent) {
  setWindowTitle(tr("Hugging Face Cache"));
  model_ = new HubCacheModel(this);
  list_process_ = new OwbProcess(this);
  delete_process_ = new OwbProcess(this);
  connect(list_process_, &OwbProcess::finished, this, [this](int exit_code, const QByteArray& out, const QString& error) {
    if (list_process_->arguments().value(1) == QLatin1String("list")) onListed(exit_code, out, error);
    else onSized(exit_code, out);
  });
  connect(delete_process_, &OwbProcess::finished, this, [this](int exit_code, const QByteArray&, const QString& error) {
    onDeleted(delete_process_->arguments().value(2), exit_code, error);
  });

  total_ = new QLabel(this);
  total_->setWordWrap(true);
  total_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  view_ = new QTableView(this);
  view_->setObjectName("hubCacheView");
  view_->setModel(model_);
  view_->setSelectionBehavior(QAbstractItemView::SelectRows);
  view_->setSelectionMode(QAbstractItemView::SingleSelection);
  view_->setAlternatingRowColors(true);
  view_->verticalHeader()->hide();
  view_->verticalHeader()->setDefaultSectionSize(view_->fontMetrics().height() + 6);
  view_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view_->horizontalHeader()->setSectionResizeMode(HubCacheModel::IdColumn, QHeaderView::Stretch);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  refresh_ = new QPushButton(tr("&Refresh"), this);
  delete_ = new QPushButton(tr("&Delete…"), this);
  delete_->setToolTip(tr("Remove the selected model from the cache, every revision of it."));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(status_, 1);
  buttons->addWidget(refresh_);
  buttons->addWidget(delete_);

  auto* download_box = new QGroupBox(tr("Download a model into the cache"), this);
  download_ = new HubDownloadPanel(download_box);
  auto* download_layout = new QVBoxLayout(download_box);
  download_layout->addWidget(download_);
  auto* close = new QDialogButtonBox(QDialogButtonBox::Close, this);

  auto* layout = new QVBoxLayout(this);
  layout->addWidget(total_);
  layout->addWidget(view_, 1);
  layout->addLayout(buttons);
  layout->addWidget(download_box);
  layout->addWidget(close);

  connect(refresh_, &QPushButton::clicked, this, &HubCacheDialog::refresh);
  connect(delete_, &QPushButton::clicked, this, &HubCacheDialog::deleteSelected);
  connect(close, &QDialogButtonBox::rejected, this, &QDialog::reject);
  connect(view_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &HubCacheDialog::updateButtons);
  connect(download_, &HubDownloadPanel::finished, this, [this](const QString&, bool ok) {
    if (ok) refresh();
  });
  resize(820, 520);
  updateButtons();
  refresh();
}

void HubCacheDialog::refresh() {
  status_->setStyleSheet(QString());
  status_->setText(tr("Reading the cache…"));
  refresh_->setEnabled(false);
  list_process_->start({QStringLiteral("cache"), QStringLiteral("list"), QStringLiteral("--json")});
}

bool HubCacheDialog::isBusy() const { return list_process_->isRunning() || delete_process_->isRunning(); }

void HubCacheDialog::onListed(int exit_code, const QByteArray& out, const QString& error) {
  QString why = error;
  const std::optional<owb::models::CacheListing> listing = exit_code == 0 ? owb::models::parseCacheListJson(out, &why) : std::nullopt;
  if (!listing) {
    refresh_->setEnabled(true);
    status_->setStyleSheet(QLatin1String(kErrorStyle));
    status_->setText(tr("Could not read the cache: %1").arg(why));
    emit refreshed();
    return;
  }
  model_->setListing(*listing);
  cache_root_ = listing->cache_root;
  updateTotal();
  updateButtons();
  // The dataset rows cache (owb's own, beside the hub cache) is only in `cache size`.
  list_process_->start({QStringLiteral("cache"), QStringLiteral("size"), QStringLiteral("--json")});
}

void HubCacheDialog::onSized(int exit_code, const QByteArray& out) {
  refresh_->setEnabled(true);
  const QJsonObject size = exit_code == 0 ? QJsonDocument::fromJson(out).object() : QJsonObject();
  dataset_rows_bytes_ = size.contains("dataset_rows_bytes") ? qint64(size.value("dataset_rows_bytes").toDouble()) : -1;
  updateTotal();
  status_->setText(status_after_refresh_);
  status_after_refresh_.clear();
  emit refreshed();
}

void HubCacheDialog::updateTotal() {
  QString text = tr("%n repo(s) in %1, %2 in all.", nullptr, model_->rowCount())
                     .arg(QDir::toNativeSeparators(cache_root_), owb::models::formatBytes(model_->totalBytes()));
  if (dataset_rows_bytes_ >= 0)
    text += QLatin1Char(' ') + tr("Dataset rows fetched by owb: %1.").arg(owb::models::formatBytes(dataset_rows_bytes_));
  total_->setText(text);
}

bool HubCacheDialog::selectRepo(const QString& id) {
  const int row = model_->rowOf(id);
  if (row < 0) return false;
  view_->selectRow(row);
  return true;
}

void HubCacheDialog::deleteSelected() {
  const QModelIndexList rows = view_->selectionModel()->selectedRows();
  if (rows.isEmpty() || question_) return;
  const owb::models::CachedRepo* repo = model_->repoAt(rows.first().row());
  if (!repo || repo->type != QLatin1String("model")) return;
  const QString id = repo->id;
  question_ = new QMessageBox(QMessageBox::Question, tr("Delete Cached Model"),
                              tr("Delete %1 (%2) from the Hugging Face cache? Every revision of it is removed; "
                                 "a later run downloads it again.")
                                  .arg(id, owb::models::formatBytes(repo->size_bytes)),
                              QMessageBox::Yes | QMessageBox::Cancel, this);
  question_->setDefaultButton(QMessageBox::Cancel);
  question_->setAttribute(Qt::WA_DeleteOnClose);
  connect(question_, &QMessageBox::finished, this, [this, id](int result) {
    question_ = nullptr;
    if (result == QMessageBox::Yes) startDelete(id);
  });
  question_->open();
}

void HubCacheDialog::startDelete(const QString& id) {
  status_->setStyleSheet(QString());
  status_->setText(tr("Deleting %1…").arg(id));
  delete_->setEnabled(false);
  delete_process_->start({QStringLiteral("cache"), QStringLiteral("delete"), id, QStringLiteral("--json")});
}

void HubCacheDialog::onDeleted(const QString& id, int exit_code, const QString& error) {
  const bool ok = exit_code == 0;
  emit deleted(id, ok);
  if (!ok) {
    status_->setStyleSheet(QLatin1String(kErrorStyle));
    status_->setText(tr("Could not delete %1: %2").arg(id, error));
    updateButtons();
    return;
  }
  refresh();
  status_after_refresh_ = tr("Deleted %1.").arg(id);
}

void HubCacheDialog::updateButtons() {
  const QModelIndexList rows = view_->selectionModel()->selectedRows();
  const owb::models::CachedRepo* repo = rows.isEmpty() ? nullptr : model_->repoAt(rows.first().row());
  delete_->setEnabled(repo && repo->type == QLatin1String("model") && !delete_process_->isRunning());
}

}  // namespace owb::widgets
