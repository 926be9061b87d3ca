#pragma once
// Draws a progress bar in a table cell from a fraction role (0..1; < 0: no bar, text only).
#include <QStyledItemDelegate>

namespace owb::widgets {

class ProgressDelegate : public QStyledItemDelegate {
  Q_OBJECT
 public:
  explicit ProgressDelegate(int fraction_role, QObject* parent = nullptr);
  void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;

 private:
  int fraction_role_;
};

}  // namespace owb::widgets
