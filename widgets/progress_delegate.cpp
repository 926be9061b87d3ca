#include "progress_delegate.h"

#include <QApplication>
#include <QPainter>
#include <QStyleOptionProgressBar>

#include <cmath>

namespace owb::widgets {

ProgressDelegate::ProgressDelegate(int fraction_role, QObject* parent)
    : QStyledItemDelegate(parent), fraction_role_(fraction_role) {}

void ProgressDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const {
  const double fraction = index.data(fraction_role_).toDouble();
  if (!(fraction >= 0)) {
    QStyledItemDelegate::paint(painter, option, index);
    return;
  }
  // The selection background first, so a selected row stays visibly selected.
  QStyleOptionViewItem background = option;
  initStyleOption(&background, index);
  background.text.clear();
  const QWidget* widget = option.widget;
  QStyle* style = widget ? widget->style() : QApplication::style();
  style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

  QStyleOptionProgressBar bar;
  bar.rect = option.rect.adjusted(2, 2, -2, -2);
  bar.minimum = 0;
  bar.maximum = 1000;
  bar.progress = int(std::lround(std::min(1.0, fraction) * 1000));
  bar.text = QStringLiteral("%1 %").arg(int(std::floor(std::min(1.0, fraction) * 100)));
  bar.textVisible = true;
  bar.textAlignment = Qt::AlignCenter;
  bar.state = option.state | QStyle::State_Horizontal;
  style->drawControl(QStyle::CE_ProgressBar, &bar, painter, widget);
}

}  // namespace owb::widgets
