#include "checkpoint_info.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QRegularExpression>

#include <algorithm>
#include <cmath>

namespace owb::models {

namespace {

// Translation context of this file's free functions (lupdate reads the macro).
struct Text {
  Q_DECLARE_TR_FUNCTIONS(owb::models::CheckpointInfo)
};

std::optional<QJsonObject> parseObject(const QByteArray& json, QString* error) {
  QJsonParseError parse_error;
  const QJsonDocument doc = QJsonDocument::fromJson(json, &parse_error);
  if (parse_error.error != QJsonParseError::NoError || !doc.isObject()) {
    if (error) *error = Text::tr("not a JSON object (%1)").arg(parse_error.errorString());
    return std::nullopt;
  }
  return doc.object();
}

bool isName(const QString& s) {
  static const QRegularExpression name(QStringLiteral("^[A-Za-z0-9_][A-Za-z0-9_.\\-]{0,95}$"));
  return name.match(s).hasMatch() && !s.contains(QLatin1String(".."));
}

}  // namespace

std::optional<CheckpointInfo> parseInspectJson(const QByteArray& json, QString* error) {
  const auto o = parseObject(json, error);
  if (!o) return std::nullopt;
  for (const char* key : {"model_type", "layers", "hidden_size", "total_params"}) {
    if (!o->contains(QLatin1String(key))) {
      if (error) *error = Text::tr("owb inspect printed no \"%1\"").arg(QLatin1String(key));
      return std::nullopt;
    }
  }
  CheckpointInfo info;
  info.path = o->value("path").toString();
  info.model_type = o->value("model_type").toString();
  info.family = o->value("family").toString(info.model_type);
  info.layers = o->value("layers").toInt();
  info.hidden_size = o->value("hidden_size").toInt();
  info.total_params = qint64(o->value("total_params").toDouble());
  info.active_params = qint64(o->value("active_params").toDouble(double(info.total_params)));
  info.dtype = o->value("dtype").toString();
  info.weight_bytes = qint64(o->value("bytes_total").toDouble(-1));
  for (const QJsonValue& v : o->value("bytes_per_layer").toArray()) info.bytes_per_layer << qint64(v.toDouble());
  const QJsonObject moe = o->value("moe").toObject();
  info.experts = moe.value("experts").toInt();
  info.top_k = moe.value("top_k").toInt();
  return info;
}

std::optional<VramEstimate> parseVramEstimateJson(const QByteArray& json, QString* error) {
  const auto o = parseObject(json, error);
  if (!o) return std::nullopt;
  if (!o->value("resident_bytes").isDouble()) {
    if (error) *error = Text::tr("owb estimate-vram printed no \"resident_bytes\"");
    return std::nullopt;
  }
  VramEstimate e;
  e.resident_bytes = qint64(o->value("resident_bytes").toDouble());
  e.streaming_bytes = qint64(o->value("streaming_bytes").toDouble(-1));
  e.dtype = o->value("dtype").toString();
  return e;
}

int bytesPerElement(const QString& dtype) {
  const QString d = dtype.toLower();
  if (d == QLatin1String("f32") || d == QLatin1String("float32")) return 4;
  return 2;  // bf16 / f16, the run default
}

VramEstimate weightsOnlyEstimate(const CheckpointInfo& info, const QString& dtype) {
  VramEstimate e;
  e.weights_only = true;
  e.dtype = dtype;
  e.resident_bytes = info.total_params * bytesPerElement(dtype);
  if (info.bytes_per_layer.isEmpty() || info.weight_bytes <= 0) return e;
  // Layers are stored in their own dtype; scale stored bytes to the compute dtype.
  const double scale = double(e.resident_bytes) / double(info.weight_bytes);
  qint64 in_layers = 0, largest = 0;
  for (qint64 b : info.bytes_per_layer) {
    in_layers += b;
    largest = std::max(largest, b);
  }
  e.streaming_bytes = qint64(std::llround(scale * double(largest + std::max<qint64>(0, info.weight_bytes - in_layers))));
  return e;
}

QString hubIdProblem(const QString& text) {
  if (text.isEmpty()) return Text::tr("empty");
  const qsizetype at = text.lastIndexOf(QLatin1Char('@'));
  const QString id = at < 0 ? text : text.left(at);
  if (at >= 0) {
    static const QRegularExpression revision(QStringLiteral("^[A-Za-z0-9_.\\-/]+$"));
    const QString rev = text.mid(at + 1);
    if (rev.isEmpty()) return Text::tr("nothing after '@' (org/name@revision)");
    if (!revision.match(rev).hasMatch()) return Text::tr("the revision \"%1\" has characters a revision cannot have").arg(rev);
  }
  const QStringList parts = id.split(QLatin1Char('/'));
  if (parts.size() != 2) return Text::tr("a hub id is org/name (one '/')");
  for (const QString& part : parts)
    if (!isName(part))
      return Text::tr("\"%1\" is not a hub name (letters, digits, '-', '_', '.'; not starting with '.' or '-')").arg(part);
  return QString();
}

QString formatBytes(qint64 bytes) {
  if (bytes < 0) return QString();
  static const char* const units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = double(bytes);
  int u = 0;
  while (v >= 1024.0 && u < 4) v /= 1024.0, ++u;
  return QStringLiteral("%1 %2").arg(QLocale().toString(v, 'f', u == 0 ? 0 : 1), QLatin1String(units[u]));
}

QString formatParams(qint64 params) {
  const double p = double(params);
  const QLocale locale;
  if (p >= 1e9) return QStringLiteral("%1 B").arg(locale.toString(p / 1e9, 'g', 3));
  if (p >= 1e6) return QStringLiteral("%1 M").arg(locale.toString(p / 1e6, 'g', 3));
  if (p >= 1e3) return QStringLiteral("%1 K").arg(locale.toString(p / 1e3, 'g', 3));
  return locale.toString(params);
}

}  // namespace owb::models
