#include "known_hosts.h"

#include "atomic_json.h"

#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QMutex>

namespace owb::remote {

namespace {
// Runners on several threads may pin at once: one writer at a time (the file is small).
QMutex g_file_mutex;

QJsonObject load(const QString& file, QString* error) {
  QJsonObject o;
  if (!QFileInfo::exists(file)) return QJsonObject{{"v", 1}, {"hosts", QJsonObject{}}};
  if (!jobs::readJsonObject(file, &o, error)) return {};
  return o;
}
}  // namespace

KnownHosts::Check KnownHosts::verifyOrRecord(const QString& name, const QString& type, const QString& sha256,
                                             QString* error) const {
  QMutexLocker lock(&g_file_mutex);
  QString why;
  QJsonObject o = load(file_, &why);
  if (o.isEmpty()) {
    if (error) *error = QStringLiteral("cannot read the known hosts file %1: %2").arg(file_, why);
    return Check::Error;
  }
  QJsonObject hosts = o.value(QLatin1String("hosts")).toObject();
  const QJsonObject entry = hosts.value(name).toObject();
  if (!entry.isEmpty()) {
    const QString known = entry.value(QLatin1String("sha256")).toString();
    if (known == sha256) return Check::Match;
    if (error)
      *error = QStringLiteral(
                   "host key of %1 has changed (pinned %2 %3, offered %4 %5): refusing to connect. If the host "
                   "was reinstalled, remove its entry from %6")
                   .arg(name, entry.value(QLatin1String("type")).toString(), known, type, sha256, file_);
    return Check::Mismatch;
  }
  hosts.insert(name, QJsonObject{{"type", type},
                                 {"sha256", sha256},
                                 {"first_seen", QDateTime::currentDateTimeUtc().toString(Qt::ISODate)}});
  o[QLatin1String("hosts")] = hosts;
  o[QLatin1String("v")] = 1;
  QDir().mkpath(QFileInfo(file_).absolutePath());
  if (!jobs::writeJsonAtomic(file_, o, &why)) {
    if (error) *error = why;
    return Check::Error;
  }
  return Check::Recorded;
}

QString KnownHosts::pinned(const QString& name) const {
  QMutexLocker lock(&g_file_mutex);
  const QJsonObject o = load(file_, nullptr);
  return o.value(QLatin1String("hosts")).toObject().value(name).toObject().value(QLatin1String("sha256")).toString();
}

bool KnownHosts::forget(const QString& name, QString* error) const {
  QMutexLocker lock(&g_file_mutex);
  QJsonObject o = load(file_, error);
  if (o.isEmpty()) return false;
  QJsonObject hosts = o.value(QLatin1String("hosts")).toObject();
  hosts.remove(name);
  o[QLatin1String("hosts")] = hosts;
  return jobs::writeJsonAtomic(file_, o, error);
}

}  // namespace owb::remote
