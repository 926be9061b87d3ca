#include "systematic_table_view.h"

#include "systematic_outliers_model.h"

#include <QHeaderView>
#include <QItemSelectionModel>
#include <QLabel>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QVBoxLayout>

namespace owb::widgets {

using owb::models::SystematicOutliersModel;

SystematicTableView::SystematicTableView(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  caption_ = new QLabel(this);
  caption_->setWordWrap(true);
  layout->addWidget(caption_);
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSortRole(SystematicOutliersModel::SortRole);
  table_ = new QTableView(this);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setAlternatingRowColors(true);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setStretchLastSection(false);
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 6);
  layout->addWidget(table_, 1);
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this](const QModelIndex& current) {
    if (selecting_ || !current.isValid()) return;
    emit dimensionSelected(current.data(SystematicOutliersModel::FeatureDimRole).toInt());
  });
  updateCaption();
}

void SystematicTableView::setModel(SystematicOutliersModel* model) {
  if (model_) disconnect(model_, nullptr, this, nullptr);
  model_ = model;
  proxy_->setSourceModel(model);
  if (model) connect(model, &QAbstractItemModel::modelReset, this, &SystematicTableView::updateCaption);
  table_->sortByColumn(SystematicOutliersModel::MaxMagnitudeColumn, Qt::DescendingOrder);
  updateCaption();
}

void SystematicTableView::selectDim(int dim) {
  selecting_ = true;
  const QModelIndexList hits =
      proxy_->match(proxy_->index(0, 0), SystematicOutliersModel::FeatureDimRole, dim, 1, Qt::MatchExactly);
  if (hits.isEmpty()) {
    table_->selectionModel()->clear();
  } else {
    table_->selectionModel()->setCurrentIndex(hits.first(), QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    table_->scrollTo(hits.first());
  }
  selecting_ = false;
}

void SystematicTableView::updateCaption() {
  if (!model_ || model_->source() == owb::models::SystematicSource::None) {
    caption_->setText(tr("No systematic-outlier list: select a run with a final_analysis_results.json."));
    return;
  }
  caption_->setText(tr("%n record(s) from the %1. Percentages are fractions of hook tensors (layer %) and "
                       "of positions (seq %).",
                       nullptr, int(model_->records().size()))
                        .arg(owb::models::systematicSourceLabel(model_->source())));
  table_->resizeColumnsToContents();
}

}  // namespace owb::widgets
