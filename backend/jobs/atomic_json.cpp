#include "atomic_json.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonParseError>
#include <QSaveFile>

namespace owb::jobs {

QByteArray jsonBytes(const QJsonObject& object) { return QJsonDocument(object).toJson(QJsonDocument::Indented); }

bool writeBytesAtomic(const QString& path, const QByteArray& bytes, QString* error) {
  QDir().mkpath(QFileInfo(path).absolutePath());
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
    if (error) *error = QStringLiteral("%1: %2").arg(path, file.errorString());
    return false;
  }
  return true;
}

bool writeJsonAtomic(const QString& path, const QJsonObject& object, QString* error) {
  return writeBytesAtomic(path, jsonBytes(object), error);
}

bool readJsonObject(const QString& path, QJsonObject* object, QString* error) {
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    if (error) *error = QStringLiteral("%1: cannot open: %2").arg(path, file.errorString());
    return false;
  }
  QJsonParseError parse;
  const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
  if (parse.error != QJsonParseError::NoError) {
    if (error) *error = QStringLiteral("%1: invalid JSON at offset %2: %3").arg(path).arg(parse.offset).arg(parse.errorString());
    return false;
  }
  if (!doc.isObject()) {
    if (error) *error = QStringLiteral("%1: must be a JSON object").arg(path);
    return false;
  }
  *object = doc.object();
  return true;
}

}  // namespace owb::jobs
