#include "worker_secrets.h"

#include "ssh_session.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>

namespace owb::remote {

namespace {
QString firstLine(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return QString();
  return QString::fromUtf8(f.readLine()).trimmed();
}
}  // namespace

QString huggingFaceToken() {
  const QString env = qEnvironmentVariable("HF_TOKEN").trimmed();
  if (!env.isEmpty()) return env;
  const QString path = qEnvironmentVariable("HF_TOKEN_PATH");
  if (!path.isEmpty()) return firstLine(path);
  QString home = qEnvironmentVariable("HF_HOME");
  if (home.isEmpty()) home = QDir::home().filePath(QStringLiteral(".cache/huggingface"));
  return firstLine(QDir(home).filePath(QStringLiteral("token")));
}

QHash<QString, QString> defaultWorkerSecrets() {
  QHash<QString, QString> secrets;
  const QString token = huggingFaceToken();
  if (!token.isEmpty()) secrets.insert(QStringLiteral("HF_TOKEN"), token);
  return secrets;
}

QByteArray secretsEnvFile(const QHash<QString, QString>& secrets) {
  static const QRegularExpression name(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
  QByteArray out;
  for (auto it = secrets.begin(); it != secrets.end(); ++it)
    if (name.match(it.key()).hasMatch() && !it.value().isEmpty())
      out += (it.key() + QLatin1Char('=') + shellQuote(it.value()) + QLatin1Char('\n')).toUtf8();
  return out;
}

QString scrubSecrets(QString text, const QHash<QString, QString>& secrets) {
  for (const QString& value : secrets)
    if (value.size() >= 4) text.replace(value, QStringLiteral("***"));
  return text;
}

}  // namespace owb::remote
