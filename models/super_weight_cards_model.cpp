#include "super_weight_cards_model.h"

#include <QFutureWatcher>
#include <QLocale>
#include <QtConcurrent/QtConcurrentRun>

#include <algorithm>
#include <cmath>
#include <tuple>

namespace owb::models {

SuperWeightCardsModel::SuperWeightCardsModel(QObject* parent) : QAbstractTableModel(parent) {}

void SuperWeightCardsModel::loadFolders(const QStringList& run_folders) {
  const quint64 generation = ++generation_;
  ++loads_in_flight_;
  auto* watcher = new QFutureWatcher<SuperWeightSet>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    --loads_in_flight_;
    if (generation != generation_) return;  // superseded
    setSet(watcher->result());
    emit cardsLoaded();
  });
  watcher->setFuture(QtConcurrent::run([run_folders] { return loadSuperWeightFolders(run_folders); }));
}

void SuperWeightCardsModel::setSet(const SuperWeightSet& set) {
  beginResetModel();
  cards_ = set.cards;
  analyses_ = set.analyses;
  errors_ = set.errors;
  endResetModel();
  if (sort_column_ >= 0) sort(sort_column_, sort_order_);
}

const SuperWeightAnalysis* SuperWeightCardsModel::analysisOf(const SuperWeightCard& card) const {
  for (const SuperWeightAnalysis& a : analyses_)
    if (a.path == card.analysis_file) return &a;
  return nullptr;
}

int SuperWeightCardsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(cards_.size()); }

int SuperWeightCardsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

double SuperWeightCardsModel::sortValue(const SuperWeightCard& card, int column) {
  switch (column) {
    case LayerColumn: return card.layer;
    case RowColumn: return card.row;
    case ColColumn: return card.col;
    case ValueColumn: return std::abs(card.value);
    case InputSpikeColumn: return std::abs(card.input_activation);
    case OutputSpikeColumn: return std::abs(card.output_activation);
    case PerplexityRatioColumn: return card.perplexity_ratio;
    case DeltaPerplexityColumn: return card.delta_perplexity;
    case DeltaLossColumn: return card.deltas.value("loss", kNoSuperWeightValue);
    default: break;
  }
  return kNoSuperWeightValue;
}

QVariant SuperWeightCardsModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return QVariant();
  const SuperWeightCard& card = cards_[index.row()];
  const int column = index.column();
  if (role == CardKeyRole) return card.key();
  if (role == SortRole) {
    if (column == ModelColumn) return card.model;
    if (column == TensorColumn) return card.tensor;
    return sortValue(card, column);
  }
  if (role == Qt::TextAlignmentRole && column >= LayerColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return QVariant();
  const QLocale locale;
  const auto format = [&locale](double x, int digits) { return std::isnan(x) ? QString() : locale.toString(x, 'g', digits); };
  switch (column) {
    case ModelColumn: return card.model;
    case TensorColumn: return card.tensor;
    case LayerColumn: return card.layer;
    case RowColumn: return card.row;
    case ColColumn: return card.col;
    case ValueColumn: return format(card.value, 6);
    case InputSpikeColumn: return format(card.input_activation, 5);
    case OutputSpikeColumn: return format(card.output_activation, 5);
    case PerplexityRatioColumn: return format(card.perplexity_ratio, 5);
    case DeltaPerplexityColumn: return format(card.delta_perplexity, 5);
    case DeltaLossColumn: return format(card.deltas.value("loss", kNoSuperWeightValue), 4);
    default: break;
  }
  return QVariant();
}

QVariant SuperWeightCardsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case ModelColumn: return tr("Model");
    case TensorColumn: return tr("Tensor");
    case LayerColumn: return tr("Layer");
    case RowColumn: return tr("Row");
    case ColColumn: return tr("Col");
    case ValueColumn: return tr("Value");
    case InputSpikeColumn: return tr("Input spike");
    case OutputSpikeColumn: return tr("Output spike");
    case PerplexityRatioColumn: return tr("PPL ratio (zeroed)");
    case DeltaPerplexityColumn: return tr("ΔPPL (zeroed)");
    case DeltaLossColumn: return tr("Δloss (zeroed)");
    default: break;
  }
  return QVariant();
}

// Missing values (NaN) go last in either order; ties keep model, layer, row, col order.
void SuperWeightCardsModel::sort(int column, Qt::SortOrder order) {
  if (column < 0 || column >= ColumnCount) return;
  sort_column_ = column;
  sort_order_ = order;
  emit layoutAboutToBeChanged({}, QAbstractItemModel::VerticalSortHint);
  const QModelIndexList before = persistentIndexList();
  QVector<QString> keys_before;
  for (const QModelIndex& i : before) keys_before << cards_[i.row()].key();
  const auto tie = [](const SuperWeightCard& a, const SuperWeightCard& b) {
    return std::tie(a.model, a.layer, a.row, a.col) < std::tie(b.model, b.layer, b.row, b.col);
  };
  std::stable_sort(cards_.begin(), cards_.end(), [&](const SuperWeightCard& a, const SuperWeightCard& b) {
    if (column == ModelColumn || column == TensorColumn) {
      const QString& x = column == ModelColumn ? a.model : a.tensor;
      const QString& y = column == ModelColumn ? b.model : b.tensor;
      if (x != y) return order == Qt::AscendingOrder ? x < y : y < x;
      return tie(a, b);
    }
    const double x = sortValue(a, column), y = sortValue(b, column);
    if (std::isnan(x) != std::isnan(y)) return std::isnan(y);
    if (!std::isnan(x) && x != y) return order == Qt::AscendingOrder ? x < y : y < x;
    return tie(a, b);
  });
  QModelIndexList after;
  for (int i = 0; i < before.size(); ++i) {
    int row = -1;
    for (int r = 0; r < cards_.size() && row < 0; ++r)
      if (cards_[r].key() == keys_before[i]) row = r;
    after << index(row, before[i].column());
  }
  changePersistentIndexList(before, after);
  emit layoutChanged({}, QAbstractItemModel::VerticalSortHint);
}

}  // namespace owb::models
