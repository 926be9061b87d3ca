#include "table_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSaveFile>

namespace owb::models {

namespace {
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::models::TableFile)
};
}  // namespace

bool saveCsvOrJson(const QString& path, const std::function<QByteArray()>& csv, const std::function<QByteArray()>& json,
                   QString* error) {
  const QString suffix = QFileInfo(path).suffix().toLower();
  const auto fail = [&](const QString& why) {
    if (error) *error = Text::tr("%1: %2").arg(QDir::toNativeSeparators(path), why);
    return false;
  };
  if (suffix != QLatin1String("csv") && suffix != QLatin1String("json")) return fail(Text::tr("choose a .csv or .json file"));
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly)) return fail(file.errorString());
  file.write(suffix == QLatin1String("csv") ? csv() : json());
  if (!file.commit()) return fail(file.errorString());
  return true;
}

}  // namespace owb::models
