#pragma once
// One super weight as a card: where it is (model, tensor, layer, row, col), its value and the
// activation spikes it makes, what zeroing it does (perplexity delta / ratio, task accuracy,
// loss / entropy deltas with bootstrap CIs, against the controls), the neuron's top tokens up and
// down, and the cascade through the logit lens as a sparkline. A view: it copies the card's
// numbers when made and owns no data.
#include "super_weight_results.h"

#include <QFrame>

class QLabel;

namespace owb::widgets {

// Δentropy and Δmargin per lens layer, drawn with QPainter (no axes: the card's text has numbers).
class CascadeSparkline : public QWidget {
  Q_OBJECT
 public:
  explicit CascadeSparkline(QWidget* parent = nullptr);
  void setCascade(const QVector<int>& layers, const QVector<double>& delta_entropy, const QVector<double>& delta_margin);
  bool isEmpty() const { return layers_.isEmpty(); }
  QSize sizeHint() const override { return {260, 44}; }

 protected:
  void paintEvent(QPaintEvent* event) override;

 private:
  QVector<int> layers_;
  QVector<double> entropy_, margin_;
};

class SuperWeightCardWidget : public QFrame {
  Q_OBJECT
 public:
  explicit SuperWeightCardWidget(const owb::models::SuperWeightCard& card, QWidget* parent = nullptr);

  QString key() const { return key_; }
  void setSelected(bool selected);
  bool isSelected() const { return selected_; }
  // The card's text (for tests and tooltips): every number the card shows.
  QString text() const;

  // A token as the card shows it: control characters and spaces made visible.
  static QString visibleToken(const QString& token);

 signals:
  void clicked(const QString& key);

 protected:
  void mousePressEvent(QMouseEvent* event) override;

 private:
  void updateFrame();

  QString key_;
  bool selected_ = false;
  QLabel* title_ = nullptr;
  QLabel* body_ = nullptr;
  CascadeSparkline* sparkline_ = nullptr;
};

}  // namespace owb::widgets
