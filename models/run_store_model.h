#pragma once
// The run store as a tree: experiment folder -> run. Fed with a WorkspaceScan made off the
// GUI thread; the model itself only arranges and formats.
#include "workspace_scanner.h"

#include <QAbstractItemModel>

namespace owb::models {

class RunStoreModel : public QAbstractItemModel {
  Q_OBJECT
 public:
  enum Column { NameColumn, ModelColumn, StatusColumn, KindColumn, SystematicColumn, PerplexityColumn, ColumnCount };
  enum Role {
    RunPathRole = Qt::UserRole + 1,  // absolute folder of a run row; empty on experiment rows
    SortRole,                        // the raw value (numbers as numbers)
  };

  explicit RunStoreModel(QObject* parent = nullptr);

  void setScan(const WorkspaceScan& scan);
  void clear();
  const QString& workspaceRoot() const { return root_; }
  int runCount() const;

  // nullptr for experiment rows and invalid indexes.
  const RunSummary* runAt(const QModelIndex& index) const;
  QModelIndex indexOfRun(const QString& path, int column = 0) const;
  // The first run (tree order) that satisfies `wanted`, or an invalid index.
  template <class Pred>
  QModelIndex firstRun(Pred wanted) const {
    for (int e = 0; e < experiments_.size(); ++e)
      for (int r = 0; r < experiments_[e].runs.size(); ++r)
        if (wanted(experiments_[e].runs[r])) return createIndex(r, 0, quintptr(e + 1));
    return QModelIndex();
  }

  QModelIndex index(int row, int column, const QModelIndex& parent = QModelIndex()) const override;
  QModelIndex parent(const QModelIndex& child) const override;
  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

 private:
  struct Experiment {
    QString name;
    QVector<RunSummary> runs;
  };
  QVariant runData(const RunSummary& run, int column, int role) const;
  QVariant experimentData(const Experiment& experiment, int column, int role) const;

  QString root_;
  QVector<Experiment> experiments_;
};

}  // namespace owb::models
