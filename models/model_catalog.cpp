#include "model_catalog.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

// Q_INIT_RESOURCE must be called outside any namespace; the resource lives in a static library,
// whose static initializer the linker may otherwise drop.
static void initCatalogResource() { Q_INIT_RESOURCE(model_catalog); }

namespace owb::models {

QString modelShortName(const QString& model) {
  QString name = model.trimmed();
  while (name.endsWith(QLatin1Char('/')) || name.endsWith(QLatin1Char('\\'))) name.chop(1);
  const qsizetype slash = std::max(name.lastIndexOf(QLatin1Char('/')), name.lastIndexOf(QLatin1Char('\\')));
  return slash < 0 ? name : name.mid(slash + 1);
}

QString CatalogModel::name() const { return modelShortName(hub_id); }

ModelCatalog ModelCatalog::fromJson(const QByteArray& json, QString* error) {
  ModelCatalog catalog;
  QJsonParseError parse_error;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parse_error);
  if (parse_error.error != QJsonParseError::NoError || !doc.object().value("models").isArray()) {
    if (error)
      *error = QCoreApplication::translate("owb::models::ModelCatalog", "model catalog: not valid (%1)")
                   .arg(parse_error.error != QJsonParseError::NoError ? parse_error.errorString()
                                                                      : QStringLiteral("no 'models' list"));
    return catalog;
  }
  for (const QJsonValue& value : doc.object().value("models").toArray()) {
    const QJsonObject o = value.toObject();
    CatalogModel m;
    m.hub_id = o.value("hub_id").toString();
    for (const QJsonValue& alias : o.value("aliases").toArray()) m.aliases << alias.toString();
    m.family = o.value("family").toString();
    m.model_type = o.value("model_type").toString();
    m.moe = o.value("moe").toBool();
    m.total_params_b = o.value("total_params_b").toDouble();
    m.active_params_b = o.value("active_params_b").toDouble(m.total_params_b);
    m.source = o.value("source").toString();
    if (!m.hub_id.isEmpty()) catalog.models_ << m;
  }
  return catalog;
}

const ModelCatalog& ModelCatalog::builtIn() {
  static const ModelCatalog catalog = [] {
    initCatalogResource();
    QFile file(QStringLiteral(":/owb/model_catalog.json"));
    if (!file.open(QIODevice::ReadOnly)) return ModelCatalog();
    return fromJson(file.readAll());
  }();
  return catalog;
}

std::optional<CatalogModel> ModelCatalog::find(const QString& model) const {
  const QString wanted = modelShortName(model);
  if (wanted.isEmpty()) return std::nullopt;
  for (const CatalogModel& m : models_) {
    if (m.name().compare(wanted, Qt::CaseInsensitive) == 0) return m;
    for (const QString& alias : m.aliases)
      if (modelShortName(alias).compare(wanted, Qt::CaseInsensitive) == 0) return m;
  }
  return std::nullopt;
}

}  // namespace owb::models
