#include "hub_cache_model.h"

#include "checkpoint_info.h"

#include <QCoreApplication>
#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace owb::models {

std::optional<CacheListing> parseCacheListJson(const QByteArray& json, QString* error) {
  QJsonParseError parse_error;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parse_error);
  if (parse_error.error != QJsonParseError::NoError || !doc.object().value("repos").isArray()) {
    if (error)
      *error = QCoreApplication::translate("owb::models::HubCacheModel", "owb cache list printed no repo list (%1)")
                   .arg(parse_error.error != QJsonParseError::NoError ? parse_error.errorString() : QStringLiteral("no \"repos\""));
    return std::nullopt;
  }
  CacheListing listing;
  listing.cache_root = doc.object().value("cache").toString();
  for (const QJsonValue& value : doc.object().value("repos").toArray()) {
    const QJsonObject o = value.toObject();
    CachedRepo repo;
    repo.id = o.value("id").toString();
    repo.type = o.value("type").toString(QStringLiteral("model"));
    repo.path = o.value("path").toString();
    repo.size_bytes = qint64(o.value("size_bytes").toDouble());
    const QJsonObject refs = o.value("refs").toObject();
    for (auto it = refs.begin(); it != refs.end(); ++it) repo.refs.insert(it.key(), it.value().toString());
    for (const QJsonValue& s : o.value("snapshots").toArray()) repo.snapshots << s.toString();
    if (!repo.id.isEmpty()) listing.repos << repo;
  }
  return listing;
}

HubCacheModel::HubCacheModel(QObject* parent) : QAbstractTableModel(parent) {}

void HubCacheModel::setListing(const CacheListing& listing) {
  beginResetModel();
  listing_ = listing;
  endResetModel();
}

const CachedRepo* HubCacheModel::repoAt(int row) const {
  return row >= 0 && row < listing_.repos.size() ? &listing_.repos[row] : nullptr;
}

int HubCacheModel::rowOf(const QString& id) const {
  for (int r = 0; r < listing_.repos.size(); ++r)
    if (listing_.repos[r].id == id) return r;
  return -1;
}

qint64 HubCacheModel::totalBytes() const {
  qint64 total = 0;
  for (const CachedRepo& repo : listing_.repos) total += repo.size_bytes;
  return total;
}

int HubCacheModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(listing_.repos.size()); }

int HubCacheModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant HubCacheModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return QVariant();
  const CachedRepo& repo = listing_.repos[index.row()];
  if (role == IdRole) return repo.id;
  if (role == SizeBytesRole) return repo.size_bytes;
  if (role == TypeRole) return repo.type;
  if (role == Qt::ToolTipRole) return QDir::toNativeSeparators(repo.path);
  if (role == Qt::TextAlignmentRole && (index.column() == SizeColumn || index.column() == SnapshotsColumn))
    return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return QVariant();
  switch (index.column()) {
    case IdColumn: return repo.id;
    case TypeColumn: return repo.type == QLatin1String("dataset") ? tr("dataset") : tr("model");
    case SizeColumn: return formatBytes(repo.size_bytes);
    case SnapshotsColumn: return int(repo.snapshots.size());
    case RefsColumn: {
      QStringList refs;
      for (auto it = repo.refs.begin(); it != repo.refs.end(); ++it) refs << it.key() + QLatin1Char('=') + it.value().left(8);
      return refs.join(QLatin1String(", "));
    }
    default: break;
  }
  return QVariant();
}

QVariant HubCacheModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QVariant();
  switch (section) {
    case IdColumn: return tr("Repository");
    case TypeColumn: return tr("Type");
    case SizeColumn: return tr("Size");
    case SnapshotsColumn: return tr("Snapshots");
    case RefsColumn: return tr("Refs");
    default: break;
  }
  return QVariant();
}

}  // namespace owb::models
