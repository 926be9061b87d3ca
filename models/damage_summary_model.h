#pragma once
// The damage experiments of one results folder (`owb damage` run folders): one row per run with
// its treatment (and control) numbers, and the scaling-law report over them (per-model statistics,
// outlier filter, power-law fits; backend/results/scaling_law_report.h, the code `owb
// damage-report` runs). The folders are read off the GUI thread (QtConcurrent); changing the
// report's options only recomputes the statistics.
#include "damage_runs.h"
#include "scaling_law_report.h"

#include <QAbstractTableModel>
#include <QStringList>

namespace owb::models {

// What reading a results folder gave: the runs, or why there are none.
struct DamageFolder {
  QString results_dir;
  owb::DamageRunScan scan;
  QString error;  // the folder or a results.json could not be read
};
// Safe on a worker thread.
DamageFolder readDamageFolder(const QString& results_dir);

class DamageSummaryModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    ModelColumn,
    ParamsColumn,
    RunColumn,
    SeedColumn,
    PrecisionColumn,
    RankPreColumn,
    RankPostColumn,
    RankReductionColumn,
    PerplexityPreColumn,
    PerplexityPostColumn,
    PerplexityIncreaseColumn,
    ControlRankReductionColumn,
    ControlPerplexityIncreaseColumn,
    FilterColumn,  // "removed" when the outlier filter dropped the run
    FolderColumn,
    ColumnCount
  };
  enum Role {
    SortRole = Qt::UserRole + 1,  // numbers as numbers (NaN when missing)
    RunPathRole,
    RemovedRole,  // bool
  };

  explicit DamageSummaryModel(QObject* parent = nullptr);

  // Reads the folder off the GUI thread; summaryLoaded() follows (the latest request only).
  void loadResultsDir(const QString& results_dir);
  bool isLoading() const { return loads_in_flight_ > 0; }
  // Shows an already read folder (used by loadResultsDir, and by tests).
  void setFolder(const DamageFolder& folder);

  void setOptions(const owb::ScalingLawOptions& options);
  const owb::ScalingLawOptions& options() const { return options_; }

  QString resultsDir() const { return folder_.results_dir; }
  // Empty when the folder read fine.
  QString error() const { return folder_.error; }
  // Skipped folders, non-finite values, and the like.
  QStringList warnings() const;
  // Empty (no models) when there are no runs.
  const owb::ScalingLawReport& report() const { return report_; }
  const owb::DamageRun* runAt(int row) const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 signals:
  // The folder was read (rows and report reset).
  void summaryLoaded();
  // The report was recomputed (new options, or a new folder).
  void reportChanged();

 private:
  struct Row {
    const owb::DamageRun* run = nullptr;
    bool removed = false;
  };
  void rebuild();
  QVariant value(const Row& row, int column) const;

  DamageFolder folder_;
  owb::ScalingLawOptions options_;
  owb::ScalingLawReport report_;
  QVector<Row> rows_;  // in the report's order: by model size, then run
  quint64 generation_ = 0;
  int loads_in_flight_ = 0;
};

}  // namespace owb::models
