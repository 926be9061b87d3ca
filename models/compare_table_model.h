#pragma once
// The Compare tab's data: two or more runs side by side, one column per run.
//  - CompareTableModel: one row per metric (model, parameters, systematic count, mean/median
//    layer % and seq %, perplexity); loads the runs on a worker thread (QtConcurrent), only the
//    latest request is delivered.
//  - ConfigDiffModel: one row per config.json key (dotted), the keys that differ first and
//    highlighted; by default only those.
#include "compare_runs.h"

#include <QAbstractTableModel>

namespace owb::models {

class CompareTableModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Metric {
    ModelRow,
    TotalParamsRow,
    ActiveParamsRow,
    UniqueSystematicRow,
    NumOutliersRow,
    MeanLayerRow,
    MedianLayerRow,
    MeanSeqRow,
    MedianSeqRow,
    PerplexityRow,
    MetricCount
  };
  enum Role {
    ValueRole = Qt::UserRole + 1,  // the raw value (numbers as numbers, NaN / -1 when missing)
    RunPathRole,                   // on header data too
  };

  explicit CompareTableModel(QObject* parent = nullptr);

  void loadRuns(const QStringList& run_folders, const QStringList& perplexity_folders = {});
  bool isLoading() const { return loads_in_flight_ > 0; }
  void setSet(const CompareSet& set);
  const CompareSet& set() const { return set_; }
  const QVector<CompareRun>& runs() const { return set_.runs; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 signals:
  void runsLoaded();

 private:
  CompareSet set_;
  quint64 generation_ = 0;
  int loads_in_flight_ = 0;
};

class ConfigDiffModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Role { DiffersRole = Qt::UserRole + 1 };

  explicit ConfigDiffModel(QObject* parent = nullptr);

  void setRuns(const QVector<CompareRun>& runs);
  // false (default): only the keys that differ; true: every key, the differing ones first.
  void setShowAll(bool show_all);
  bool showAll() const { return show_all_; }
  const QStringList& differingKeys() const { return differing_; }
  // The keys shown, in row order.
  const QStringList& keys() const { return keys_; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  void rebuild();

  QStringList run_names_;
  QVector<bool> has_config_;
  QVector<QMap<QString, QJsonValue>> flat_;
  QStringList differing_;
  QStringList keys_;
  bool show_all_ = false;
};

}  // namespace owb::models
