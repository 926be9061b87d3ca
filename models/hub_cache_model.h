#pragma once
// The Hugging Face cache as `owb cache list --json` reports it: one row per cached repo (model
// or dataset) with its size, snapshots and refs; the total over all rows. The model holds what
// it was given (setListing); running owb is the cache view's job (OwbProcess).
#include <QAbstractTableModel>
#include <QMap>
#include <QStringList>
#include <QVector>

#include <optional>

namespace owb::models {

struct CachedRepo {
  QString id;    // "org/name"
  QString type;  // "model" or "dataset"
  QString path;  // <cache>/models--org--name
  qint64 size_bytes = 0;
  QMap<QString, QString> refs;  // revision -> commit
  QStringList snapshots;        // commits
};

struct CacheListing {
  QString cache_root;
  QVector<CachedRepo> repos;
};

// `owb cache list --json`: {"cache": root, "repos": [{type, id, path, size_bytes, refs, snapshots}]}.
std::optional<CacheListing> parseCacheListJson(const QByteArray& json, QString* error = nullptr);

class HubCacheModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { IdColumn, TypeColumn, SizeColumn, SnapshotsColumn, RefsColumn, ColumnCount };
  enum Role { IdRole = Qt::UserRole + 1, SizeBytesRole, TypeRole };

  explicit HubCacheModel(QObject* parent = nullptr);

  void setListing(const CacheListing& listing);
  const CacheListing& listing() const { return listing_; }
  const CachedRepo* repoAt(int row) const;
  int rowOf(const QString& id) const;
  qint64 totalBytes() const;

  int rowCount(const QModelIndex& parent = QModelIndex()) const override;
  int columnCount(const QModelIndex& parent = QModelIndex()) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

 private:
  CacheListing listing_;
};

}  // namespace owb::models
