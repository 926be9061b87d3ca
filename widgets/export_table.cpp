#include "export_table.h"

#include "table_file.h"
#include "comparison_table_model.h"

#include <QAbstractItemModel>
#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>

namespace owb::widgets {
namespace {

QStringList headers(const QAbstractItemModel* model) {
  QStringList out;
  for (int c = 0; c < model->columnCount(); ++c) {
    QString h = model->headerData(c, Qt::Horizontal, Qt::DisplayRole).toString();
    out << h.remove(QLatin1Char('&'));
  }
  return out;
}

// Rows depth-first: a tree's children follow their parent.
void collectRows(const QAbstractItemModel* model, const QModelIndex& parent, QList<QStringList>& rows) {
  for (int r = 0; r < model->rowCount(parent); ++r) {
    QStringList cells;
    for (int c = 0; c < model->columnCount(parent); ++c) cells << model->index(r, c, parent).data().toString();
    rows << cells;
    const QModelIndex child = model->index(r, 0, parent);
    if (model->hasChildren(child)) collectRows(model, child, rows);
  }
}

QString csvField(const QString& s) {
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
  return QLatin1Char('"') + QString(s).replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

}  // namespace

QByteArray tableToCsv(const QAbstractItemModel* model) {
  QList<QStringList> rows;
  collectRows(model, QModelIndex(), rows);
  QStringList lines;
  QStringList head;
  for (const QString& h : headers(model)) head << csvField(h);
  lines << head.join(QLatin1Char(','));
  for (const QStringList& row : rows) {
    QStringList cells;
    for (const QString& cell : row) cells << csvField(cell);
    lines << cells.join(QLatin1Char(','));
  }
  return (lines.join(QLatin1Char('\n')) + QLatin1Char('\n')).toUtf8();
}

QByteArray tableToJson(const QAbstractItemModel* model) {
  QList<QStringList> rows;
  collectRows(model, QModelIndex(), rows);
  const QStringList keys = headers(model);
  QJsonArray array;
  for (const QStringList& row : rows) {
    QJsonObject o;
    for (int c = 0; c < keys.size() && c < row.size(); ++c) o.insert(keys[c], row[c]);
    array << o;
  }
  return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

bool saveTable(const QAbstractItemModel* model, const QString& path, QString* error) {
  if (const auto* comparison = qobject_cast<const owb::models::ComparisonTableModel*>(model))
    return comparison->saveTable(path, error);
  return owb::models::saveCsvOrJson(path, [&] { return tableToCsv(model); }, [&] { return tableToJson(model); }, error);
}

}  // namespace owb::widgets
