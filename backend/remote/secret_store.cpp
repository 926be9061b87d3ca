#include "secret_store.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

namespace owb::remote {

namespace {
QJsonObject readAll(const QString& file) {
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}
}  // namespace

QString SecretStore::defaultFile() {
  const QString env = qEnvironmentVariable("OWB_SECRETS_FILE");
  if (!env.isEmpty()) return env;
  return QDir(QStandardPaths::writableLocation(QStandardPaths::GenericConfigLocation))
      .filePath(QStringLiteral("outlier-workbench/secrets.json"));
}

QString SecretStore::value(const QString& name) const { return readAll(file_).value(name).toString(); }

bool SecretStore::setValue(const QString& name, const QString& value, QString* error) const {
  QJsonObject all = readAll(file_);
  if (value.isEmpty()) all.remove(name);
  else all.insert(name, value);
  QDir().mkpath(QFileInfo(file_).absolutePath());
  QSaveFile f(file_);
  // The temporary file is made private before a byte of the secret goes in.
  if (!f.open(QIODevice::WriteOnly) || !f.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
    if (error) *error = QStringLiteral("%1: %2").arg(file_, f.errorString());
    return false;
  }
  f.write(QJsonDocument(all).toJson());
  if (!f.commit()) {
    if (error) *error = QStringLiteral("%1: %2").arg(file_, f.errorString());
    return false;
  }
  return true;
}

QString runPodApiKey(const QString& env_name) {
  const QString env = qEnvironmentVariable(env_name.toUtf8().constData());
  return env.isEmpty() ? SecretStore().value(QLatin1String(kRunPodApiKeySecret)) : env;
}

}  // namespace owb::remote
