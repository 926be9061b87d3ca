#include "worker_event.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace owb::jobs {

namespace {

struct EventError {
  QString message;
};

QString stringField(const QJsonObject& o, const char* key, bool required = false) {
  const QJsonValue v = o.value(QLatin1String(key));
  if (v.isUndefined() || v.isNull()) {
    if (required) throw EventError{QStringLiteral("no \"%1\"").arg(QLatin1String(key))};
    return QString();
  }
  if (!v.isString()) throw EventError{QStringLiteral("\"%1\" is not a string").arg(QLatin1String(key))};
  return v.toString();
}

double numberField(const QJsonObject& o, const char* key, double fallback) {
  const QJsonValue v = o.value(QLatin1String(key));
  if (v.isUndefined() || v.isNull()) return fallback;
  if (!v.isDouble()) throw EventError{QStringLiteral("\"%1\" is not a number").arg(QLatin1String(key))};
  return v.toDouble();
}

QVector<double> numberArray(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  if (!v.isArray()) throw EventError{QStringLiteral("\"%1\" is not an array").arg(QLatin1String(key))};
  const QJsonArray a = v.toArray();
  QVector<double> out;
  out.reserve(a.size());
  for (const QJsonValue& x : a) {
    if (!x.isDouble()) throw EventError{QStringLiteral("\"%1\" holds a non-number").arg(QLatin1String(key))};
    out << x.toDouble();
  }
  return out;
}

WorkerEvent::Kind kindOf(const QString& name) {
  using K = WorkerEvent::Kind;
  if (name == QLatin1String("started")) return K::Started;
  if (name == QLatin1String("progress")) return K::Progress;
  if (name == QLatin1String("layer_stats")) return K::LayerStats;
  if (name == QLatin1String("log")) return K::Log;
  if (name == QLatin1String("artifact")) return K::Artifact;
  if (name == QLatin1String("result")) return K::Result;
  if (name == QLatin1String("finished")) return K::Finished;
  return K::Unknown;
}

void fill(WorkerEvent& e, const QJsonObject& o) {
  using K = WorkerEvent::Kind;
  switch (e.kind) {
    case K::Started:
      e.run = stringField(o, "run");
      e.mode = stringField(o, "mode");
      break;
    case K::Progress:
      e.stage = stringField(o, "stage");
      e.done = qint64(numberField(o, "done", 0));
      e.total = qint64(numberField(o, "total", 0));
      e.eta_s = numberField(o, "eta_s", e.eta_s);
      break;
    case K::LayerStats: {
      LayerStatsEvent& s = e.layer_stats;
      s.hook = stringField(o, "hook", true);
      s.max_abs = numberArray(o, "max_abs");
      s.hits = numberArray(o, "hits");
      if (s.max_abs.size() != s.hits.size()) throw EventError{QStringLiteral("\"max_abs\" and \"hits\" differ in length")};
      s.positions = qint64(numberField(o, "positions", 0));
      s.batches_done = qint64(numberField(o, "batches_done", 0));
      s.batches_total = qint64(numberField(o, "batches_total", 0));
      break;
    }
    case K::Log:
      e.level = stringField(o, "level");
      e.msg = stringField(o, "msg");
      break;
    case K::Artifact:
      e.path = stringField(o, "path", true);
      break;
    case K::Finished:
      e.status = stringField(o, "status", true);
      e.error = stringField(o, "error");
      e.run = stringField(o, "run");
      break;
    case K::Result:
    case K::Unknown:
      break;
  }
}

}  // namespace

std::optional<WorkerEvent> parseWorkerEvent(const QByteArray& line, QString* error) {
  auto fail = [error](const QString& why) -> std::optional<WorkerEvent> {
    if (error) *error = why;
    return std::nullopt;
  };
  QJsonParseError parse;
  const QJsonDocument doc = QJsonDocument::fromJson(line, &parse);
  if (parse.error != QJsonParseError::NoError) return fail(QStringLiteral("not JSON (%1)").arg(parse.errorString()));
  if (!doc.isObject()) return fail(QStringLiteral("not a JSON object"));
  const QJsonObject o = doc.object();
  const QJsonValue name = o.value(QLatin1String("event"));
  if (!name.isString()) return fail(QStringLiteral("no \"event\" string"));
  const QJsonValue version = o.value(QLatin1String("v"));
  if (!version.isUndefined() && version.toDouble(-1) != 1)
    return fail(QStringLiteral("unsupported event version %1").arg(version.toVariant().toString()));
  WorkerEvent e;
  e.name = name.toString();
  e.kind = kindOf(e.name);
  e.raw = o;
  try {
    fill(e, o);
  } catch (const EventError& bad) {
    return fail(QStringLiteral("%1 event: %2").arg(e.name, bad.message));
  }
  return e;
}

}  // namespace owb::jobs
