#pragma once
// The comparison table over the runs of a workspace: one row per outlier run (and per
// perplexity-only model), the seed's metrics, parameters and perplexity (comparison_rows.h).
// Column 0 is checkable: whether the run is included in the plots. Loading reads every run's
// result files on a worker thread (QtConcurrent); only the latest request is delivered.
#include "comparison_rows.h"

#include <QAbstractTableModel>
#include <QSet>

namespace owb::models {

class ComparisonTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    ModelColumn,
    TotalParamsColumn,
    ActiveParamsColumn,
    ArchitectureColumn,
    NumOutliersColumn,
    MeanLayerColumn,
    MedianLayerColumn,
    MeanSeqColumn,
    MedianSeqColumn,
    UniqueColumn,
    PerplexityColumn,
    RunColumn,
    ColumnCount
  };
  enum Role {
    SortRole = Qt::UserRole + 1,  // the raw value (numbers as numbers, NaN when missing)
    RunPathRole,
  };

  explicit ComparisonTableModel(QObject* parent = nullptr);

  // Reads the run folders off the GUI thread; rowsLoaded() follows.
  void loadRuns(const QStringList& run_folders);
  bool isLoading() const { return loads_in_flight_ > 0; }
  void setRows(const QVector<ComparisonRow>& rows);
  void clear() { setRows({}); }

  const QVector<ComparisonRow>& rows() const { return rows_; }
  QStringList loadErrors() const { return errors_; }
  // One flag per row: checked in column 0.
  QVector<bool> includedMask() const;
  bool isIncluded(int row) const;
  void setIncluded(int row, bool included);
  void setAllIncluded(bool included);

  QByteArray toCsv(bool included_only = false) const;
  QByteArray toJson(bool included_only = false) const;
  // Writes CSV or JSON by the file's suffix; false with `error` otherwise.
  bool saveTable(const QString& path, QString* error) const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  bool setData(const QModelIndex& index, const QVariant& value, int role = Qt::EditRole) override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  Qt::ItemFlags flags(const QModelIndex& index) const override;

 signals:
  void rowsLoaded();
  // A run was checked or unchecked (also after setAllIncluded / setRows).
  void inclusionChanged();

 private:
  QVector<ComparisonRow> selected(bool included_only) const;

  QVector<ComparisonRow> rows_;
  QSet<QString> excluded_;  // run paths unchecked by the user; kept across reloads
  QStringList errors_;
  quint64 generation_ = 0;
  int loads_in_flight_ = 0;
};

}  // namespace owb::models
