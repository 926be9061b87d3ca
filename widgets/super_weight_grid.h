#pragma once
// The "Super weights" tab: a sortable grid of super-weight cards (SuperWeightCardsModel rows, in
// the model's order) above a detail view of the selected card: the detection passes of its
// analysis (SuperWeightDetectionPlot) and every number of the card with the files it came from.
#include "super_weight_cards_model.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGridLayout;
class QLabel;
class QScrollArea;
class QTextBrowser;

namespace owb::widgets {

class SuperWeightCardWidget;
class SuperWeightDetectionPlot;

class SuperWeightGrid : public QWidget {
  Q_OBJECT
 public:
  explicit SuperWeightGrid(QWidget* parent = nullptr);

  void setModel(owb::models::SuperWeightCardsModel* model);
  owb::models::SuperWeightCardsModel* model() const { return model_; }

  // Sorts by a SuperWeightCardsModel column (LayerColumn, ValueColumn (|value|), PerplexityRatioColumn, …).
  void sortBy(int column, Qt::SortOrder order);
  QList<SuperWeightCardWidget*> cardWidgets() const { return cards_; }
  QString selectedKey() const { return selected_; }
  bool selectCard(const QString& key);
  SuperWeightDetectionPlot* detectionPlot() const { return detection_; }
  QString messageText() const;
  QString detailText() const;

 signals:
  void cardSelected(const QString& key);

 protected:
  bool eventFilter(QObject* watched, QEvent* event) override;

 private:
  void rebuildCards();
  void relayout();
  void applySort();
  void showDetail();

  owb::models::SuperWeightCardsModel* model_ = nullptr;
  QComboBox* sort_combo_ = nullptr;
  QCheckBox* descending_ = nullptr;
  QLabel* count_label_ = nullptr;
  QLabel* message_ = nullptr;
  QScrollArea* scroll_ = nullptr;
  QWidget* grid_host_ = nullptr;
  QGridLayout* grid_ = nullptr;
  QList<SuperWeightCardWidget*> cards_;
  int columns_ = 0;
  QString selected_;
  SuperWeightDetectionPlot* detection_ = nullptr;
  QTextBrowser* detail_ = nullptr;
};

}  // namespace owb::widgets
