#pragma once
// Table over a run's systematic-outlier records: the exact `systematic_outliers` list, or the
// seed's `top_features` / `all_systematic_outliers` when the exact list is absent (source()).
#include "run_folder_reader.h"

#include <QAbstractTableModel>

namespace owb::models {

class SystematicOutliersModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    FeatureDimColumn,
    MaxMagnitudeColumn,
    LayerPercentColumn,
    SeqPercentColumn,
    TotalOccurrencesColumn,
    LayersAffectedColumn,
    ColumnCount
  };
  enum Role {
    SortRole = Qt::UserRole + 1,  // raw number (fractions for percentages)
    FeatureDimRole,
  };

  explicit SystematicOutliersModel(QObject* parent = nullptr);

  void setRecords(const QVector<SystematicRecord>& records, SystematicSource source);
  void setResults(const OutlierResults& results) { setRecords(results.systematic, results.source); }
  void clear() { setRecords({}, SystematicSource::None); }

  SystematicSource source() const { return source_; }
  const QVector<SystematicRecord>& records() const { return records_; }
  // The record with the largest magnitude for `dim`, or nullptr.
  const SystematicRecord* recordForDim(int dim) const;
  // Distinct dims, ascending.
  QVector<int> dims() const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  QVector<SystematicRecord> records_;
  SystematicSource source_ = SystematicSource::None;
};

}  // namespace owb::models
