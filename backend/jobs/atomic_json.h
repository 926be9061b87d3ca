#pragma once
// JSON files written the way every result file is: temp file + rename (QSaveFile), so a
// crash mid-write leaves the old file, never half a new one.
#include <QJsonDocument>
#include <QJsonObject>
#include <QString>

namespace owb::jobs {

// False with `error` naming the file when it could not be written.
bool writeJsonAtomic(const QString& path, const QJsonObject& object, QString* error = nullptr);
// The bytes writeJsonAtomic writes (indented, UTF-8), for writers on another thread.
QByteArray jsonBytes(const QJsonObject& object);
bool writeBytesAtomic(const QString& path, const QByteArray& bytes, QString* error = nullptr);

// Reads a JSON object; false with `error` = "FILE: reason" otherwise.
bool readJsonObject(const QString& path, QJsonObject* object, QString* error);

}  // namespace owb::jobs
