#pragma once
// The heatmap's data: hook points (forward order) x feature dimensions, from layer_stats.json
// or, live, from layer_stats events. Cell value = max |x| or hit share (hits / positions).
#include "run_folder_reader.h"

#include <QAbstractTableModel>

namespace owb::models {

class HeatmapMatrix : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum class Measure { MaxAbs, HitShare };
  Q_ENUM(Measure)

  explicit HeatmapMatrix(QObject* parent = nullptr);

  void setLayerStats(const LayerStats& stats);
  void clear();
  // A layer_stats event: replaces the hook's row, or appends it (hooks arrive in forward order).
  // `positions` is the number of positions the hit counts are over.
  void updateHook(const QString& hook, const QVector<double>& max_abs, const QVector<double>& hits, qint64 positions);

  Measure measure() const { return measure_; }
  void setMeasure(Measure measure);
  static QString measureLabel(Measure measure);

  int hookCount() const { return hooks_.size(); }
  int dimCount() const { return dims_; }
  const QStringList& hooks() const { return hooks_; }
  QString hookName(int row) const { return hooks_.value(row); }
  QString model() const { return model_; }
  double threshold() const { return threshold_; }
  bool isEmpty() const { return hooks_.isEmpty() || dims_ == 0; }

  // The cell under the current measure (NaN where a hit share has no positions).
  double value(int row, int dim) const { return value(row, dim, measure_); }
  double value(int row, int dim, Measure measure) const;
  // One dim down all hooks, e.g. its max |x| per hook for the profile plot.
  QVector<double> profile(int dim, Measure measure) const;
  // Over the whole matrix under the current measure; NaN when empty / no positive value.
  double maxValue() const;
  double minPositiveValue() const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 signals:
  void measureChanged(owb::models::HeatmapMatrix::Measure measure);

 private:
  QString model_;
  double threshold_ = 0.0;
  int dims_ = 0;
  QStringList hooks_;
  QVector<double> max_abs_;   // [hooks x dims]
  QVector<double> hits_;      // [hooks x dims]
  QVector<qint64> positions_; // per hook
  Measure measure_ = Measure::MaxAbs;
};

}  // namespace owb::models
