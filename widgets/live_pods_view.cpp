#include "live_pods_view.h"

#include "live_pods_model.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QTableView>
#include <QVBoxLayout>

namespace owb::widgets {

LivePodsView::LivePodsView(owb::models::LivePodsModel* model, QWidget* parent)
    : QWidget(parent), model_(model), table_(new QTableView(this)), refresh_(new QPushButton(tr("Refresh"), this)),
      terminate_(new QPushButton(tr("Terminate"), this)), status_(new QLabel(this)) {
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->horizontalHeader()->setStretchLastSection(true);
  table_->verticalHeader()->hide();
  terminate_->setToolTip(tr("Terminate the selected pod now (its job, if any, fails)"));
  auto* buttons = new QHBoxLayout;
  buttons->addWidget(new QLabel(tr("<b>RunPod pods</b>"), this));
  buttons->addStretch();
  buttons->addWidget(refresh_);
  buttons->addWidget(terminate_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addLayout(buttons);
  layout->addWidget(table_);
  layout->addWidget(status_);
  connect(refresh_, &QPushButton::clicked, model_, &owb::models::LivePodsModel::refresh);
  connect(terminate_, &QPushButton::clicked, this, &LivePodsView::terminateSelected);
  connect(model_, &owb::models::LivePodsModel::refreshed, this, [this] {
    last_error_.clear();
    updateStatus();
  });
  connect(model_, &owb::models::LivePodsModel::errorOccurred, this, [this](const QString& message) {
    last_error_ = message;
    updateStatus();
  });
  connect(table_->selectionModel(), &QItemSelectionModel::selectionChanged, this, &LivePodsView::updateStatus);
  connect(model_, &QAbstractItemModel::modelReset, this, &LivePodsView::updateStatus);
  updateStatus();
}

QString LivePodsView::selectedPod() const {
  const QModelIndexList rows = table_->selectionModel()->selectedRows();
  return rows.isEmpty() ? QString() : rows.first().data(Qt::UserRole).toString();
}

void LivePodsView::updateStatus() {
  terminate_->setEnabled(!selectedPod().isEmpty());
  QString text = model_->rowCount() == 0 ? tr("No pod of this workspace is up.")
                                         : tr("%n pod(s) up, $%1/hour in all", nullptr, model_->rowCount())
                                               .arg(model_->totalUsdPerHour(), 0, 'f', 2);
  if (!last_error_.isEmpty()) text += QLatin1Char(' ') + tr("(%1)").arg(last_error_);
  status_->setText(text);
}

void LivePodsView::terminateSelected() {
  const QString id = selectedPod();
  if (id.isEmpty()) return;
  if (confirm_ && QMessageBox::question(this, tr("Terminate pod"),
                                        tr("Terminate pod %1 now? Whatever runs on it stops, and its disk is deleted.").arg(id)) !=
                      QMessageBox::Yes)
    return;
  model_->terminate(id);
}

}  // namespace owb::widgets
