#pragma once
// The super-weight cards of a workspace: one row per super weight (model, layer, row, col),
// merged from `owb superweights` analyses and `owb vocab` cards (super_weight_results.h).
// Loading reads the files on a worker thread (QtConcurrent); only the latest request is delivered.
// sort() orders the rows (the card grid shows them in row order); the Value column sorts by |value|.
#include "super_weight_results.h"

#include <QAbstractTableModel>

namespace owb::models {

class SuperWeightCardsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column {
    ModelColumn,
    TensorColumn,
    LayerColumn,
    RowColumn,
    ColColumn,
    ValueColumn,
    InputSpikeColumn,
    OutputSpikeColumn,
    PerplexityRatioColumn,
    DeltaPerplexityColumn,
    DeltaLossColumn,
    ColumnCount
  };
  enum Role {
    SortRole = Qt::UserRole + 1,  // the raw value (|value| for the Value column; NaN when missing)
    CardKeyRole,                  // SuperWeightCard::key()
  };

  explicit SuperWeightCardsModel(QObject* parent = nullptr);

  // Reads the run folders off the GUI thread; cardsLoaded() follows.
  void loadFolders(const QStringList& run_folders);
  bool isLoading() const { return loads_in_flight_ > 0; }
  void setSet(const SuperWeightSet& set);
  void clear() { setSet({}); }

  const QVector<SuperWeightCard>& cards() const { return cards_; }
  const SuperWeightCard* cardAt(int row) const { return row >= 0 && row < cards_.size() ? &cards_[row] : nullptr; }
  const QVector<SuperWeightAnalysis>& analyses() const { return analyses_; }
  // The analysis a card came from, or nullptr (vocab-only cards).
  const SuperWeightAnalysis* analysisOf(const SuperWeightCard& card) const;
  QStringList loadErrors() const { return errors_; }

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
  void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;

  // The raw value behind `column` (what SortRole returns, as a double; NaN when missing).
  static double sortValue(const SuperWeightCard& card, int column);

 signals:
  void cardsLoaded();

 private:
  QVector<SuperWeightCard> cards_;
  QVector<SuperWeightAnalysis> analyses_;
  QStringList errors_;
  int sort_column_ = -1;
  Qt::SortOrder sort_order_ = Qt::AscendingOrder;
  quint64 generation_ = 0;
  int loads_in_flight_ = 0;
};

}  // namespace owb::models
