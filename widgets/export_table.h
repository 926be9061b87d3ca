#pragma once
// Any table (or tree, flattened depth-first) to CSV or JSON: the header texts as keys, the
// displayed texts as values, what the user sees. The comparison table has its own exact,
// stable-keyed writer (ComparisonTableModel::saveTable); saveTable picks it when given one.
#include <QByteArray>
#include <QString>

class QAbstractItemModel;

namespace owb::widgets {

QByteArray tableToCsv(const QAbstractItemModel* model);
QByteArray tableToJson(const QAbstractItemModel* model);
// By the file's suffix (.csv / .json), written atomically; false with `error`.
bool saveTable(const QAbstractItemModel* model, const QString& path, QString* error);

}  // namespace owb::widgets
