#include "model_picker_model.h"

#include <QLocale>

#include <cmath>

namespace owb::models {

namespace {
// Catalog parameters are in billions; below one billion they read better in millions.
QString billions(double b) {
  const QLocale locale;
  if (b > 0 && b < 1.0) return QStringLiteral("%1 M").arg(locale.toString(b * 1000.0, 'g', 4));
  return QStringLiteral("%1 B").arg(locale.toString(b, 'g', 4));
}
}  // namespace

ModelCatalogModel::ModelCatalogModel(const ModelCatalog& catalog, QObject* parent)
    : QAbstractTableModel(parent), models_(catalog.models()) {}

QStringList ModelCatalogModel::families() const {
  QStringList out;
  for (const CatalogModel& m : models_)
    if (!out.contains(m.family)) out << m.family;
  return out;
}

int ModelCatalogModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(models_.size()); }

int ModelCatalogModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant ModelCatalogModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return QVariant();
  const CatalogModel& m = models_[index.row()];
  switch (role) {
    case HubIdRole: return m.hub_id;
    case MoeRole: return m.moe;
    case SearchRole: return QStringList{m.name(), m.hub_id, m.aliases.join(QLatin1Char(' ')), m.family}.join(QLatin1Char(' '));
    case SortRole:
      if (index.column() == TotalParamsColumn) return m.total_params_b;
      if (index.column() == ActiveParamsColumn) return m.active_params_b;
      return data(index, Qt::DisplayRole);
    case Qt::TextAlignmentRole:
      if (index.column() == TotalParamsColumn || index.column() == ActiveParamsColumn)
        return int(Qt::AlignRight | Qt::AlignVCenter);
      return QVariant();
    case Qt::ToolTipRole: return m.source.isEmpty() ? QVariant() : tr("Parameters: %1").arg(m.source);
    case Qt::DisplayRole: break;
    default: return QVariant();
  }
  switch (index.column()) {
    case NameColumn: return m.name();
    case FamilyColumn: return m.family;
    case KindColumn: return m.moe ? tr("MoE") : tr("dense");
    case TotalParamsColumn: return billions(m.total_params_b);
    case ActiveParamsColumn: return billions(m.active_params_b);
    case HubIdColumn: return m.hub_id;
    case SourceColumn: return m.source;
    default: break;
  }
  return QVariant();
}

QVariant ModelCatalogModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QVariant();
  switch (section) {
    case NameColumn: return tr("Model");
    case FamilyColumn: return tr("Family");
    case KindColumn: return tr("Kind");
    case TotalParamsColumn: return tr("Parameters");
    case ActiveParamsColumn: return tr("Active");
    case HubIdColumn: return tr("Hub id");
    case SourceColumn: return tr("Source");
    default: break;
  }
  return QVariant();
}

ModelCatalogFilter::ModelCatalogFilter(QObject* parent) : QSortFilterProxyModel(parent) {
  setSortRole(ModelCatalogModel::SortRole);
}

void ModelCatalogFilter::setSearchText(const QString& text) {
  words_ = text.simplified().split(QLatin1Char(' '), Qt::SkipEmptyParts);
  invalidateFilter();
}

void ModelCatalogFilter::setFamily(const QString& family) {
  family_ = family;
  invalidateFilter();
}

void ModelCatalogFilter::setKind(Kind kind) {
  kind_ = kind;
  invalidateFilter();
}

bool ModelCatalogFilter::filterAcceptsRow(int source_row, const QModelIndex& source_parent) const {
  const QModelIndex index = sourceModel()->index(source_row, ModelCatalogModel::FamilyColumn, source_parent);
  if (!family_.isEmpty() && index.data().toString() != family_) return false;
  const bool moe = index.data(ModelCatalogModel::MoeRole).toBool();
  if ((kind_ == Kind::Moe && !moe) || (kind_ == Kind::Dense && moe)) return false;
  const QString haystack = index.data(ModelCatalogModel::SearchRole).toString();
  for (const QString& word : words_)
    if (!haystack.contains(word, Qt::CaseInsensitive)) return false;
  return true;
}

}  // namespace owb::models
