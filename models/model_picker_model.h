#pragma once
// The model picker's catalog: one row per catalog model (resources/model_catalog.json) and a
// filter over it: search text (name, hub id, alias, family), family, MoE or dense.
#include "model_catalog.h"

#include <QAbstractTableModel>
#include <QSortFilterProxyModel>

namespace owb::models {

class ModelCatalogModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, FamilyColumn, KindColumn, TotalParamsColumn, ActiveParamsColumn, HubIdColumn, SourceColumn, ColumnCount };
  enum Role {
    HubIdRole = Qt::UserRole + 1,
    SortRole,    // parameters as numbers
    SearchRole,  // name, hub id, aliases and family in one string
    MoeRole,
  };

  explicit ModelCatalogModel(const ModelCatalog& catalog = ModelCatalog::builtIn(), QObject* parent = nullptr);

  const CatalogModel& modelAt(int row) const { return models_.at(row); }
  // Families in catalog order, each once.
  QStringList families() const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QVector<CatalogModel> models_;
};

class ModelCatalogFilter : public QSortFilterProxyModel {
  Q_OBJECT
 public:
  enum class Kind { Any, Moe, Dense };

  explicit ModelCatalogFilter(QObject* parent = nullptr);

  // Every word must occur (case-insensitive) in the name, hub id, an alias or the family.
  void setSearchText(const QString& text);
  // Empty: every family.
  void setFamily(const QString& family);
  void setKind(Kind kind);

 protected:
  bool filterAcceptsRow(int source_row, const QModelIndex& source_parent) const override;

 private:
  QStringList words_;
  QString family_;
  Kind kind_ = Kind::Any;
};

}  // namespace owb::models
