#pragma once
// The model catalog (resources/model_catalog.json, embedded at :/owb/model_catalog.json): hub id,
// family, model_type, total and active parameters in billions, MoE or dense. The comparison
// table takes parameters from here when a run has no model_info (seed folders).
// Immutable after loading, so one instance is safely shared by worker threads.
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace owb::models {

struct CatalogModel {
  QString hub_id;  // "Qwen/Qwen3-0.6B"
  QStringList aliases;
  QString family;
  QString model_type;
  bool moe = false;
  double total_params_b = 0.0;
  double active_params_b = 0.0;
  QString source;  // where the numbers come from
  QString name() const;  // hub_id after the last '/'
};

class ModelCatalog {
 public:
  ModelCatalog() = default;
  // Parses the catalog JSON; on failure returns an empty catalog and sets `error`.
  static ModelCatalog fromJson(const QByteArray& json, QString* error = nullptr);
  // The embedded catalog (read once, thread-safe).
  static const ModelCatalog& builtIn();

  const QVector<CatalogModel>& models() const { return models_; }
  // Matched on the name after the last '/' (a hub id, a local path) or an alias, ignoring case.
  std::optional<CatalogModel> find(const QString& model) const;

 private:
  QVector<CatalogModel> models_;
};

// "Qwen/Qwen3-0.6B" -> "Qwen3-0.6B"; "/data/models/tiny-a/" -> "tiny-a".
QString modelShortName(const QString& model);

}  // namespace owb::models
