#include "runpod_client.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

namespace owb::remote {

QJsonObject PodSpec::toJson(const QString& gpu_type_id) const {
  QJsonObject o{{"name", name},
                {"image", image},
                {"gpu", QJsonObject{{"id", gpu_type_id}, {"count", gpu_count}}},
                {"cloud", cloud},
                {"containerDiskInGb", container_disk_gb},
                {"ports", QJsonArray::fromStringList(ports)},
                {"env", env},
                {"startSsh", true}};
  if (!data_center_ids.isEmpty()) o.insert(QStringLiteral("dataCenterIds"), QJsonArray::fromStringList(data_center_ids));
  return o;
}

Pod Pod::fromJson(const QJsonObject& o) {
  Pod p;
  p.id = o.value(QLatin1String("id")).toString();
  p.name = o.value(QLatin1String("name")).toString();
  p.status = o.value(QLatin1String("status")).toString();
  const QJsonObject direct = o.value(QLatin1String("ssh")).toObject().value(QLatin1String("direct")).toObject();
  p.ssh_host = direct.value(QLatin1String("host")).toString();
  p.ssh_port = direct.value(QLatin1String("port")).toInt();
  p.ssh_user = direct.value(QLatin1String("username")).toString(QStringLiteral("root"));
  p.gpu_id = o.value(QLatin1String("gpu")).toObject().value(QLatin1String("id")).toString();
  const QJsonValue cost = o.value(QLatin1String("costPerHr"));
  p.cost_per_hr = cost.isString() ? cost.toString().toDouble() : cost.toDouble();  // v1 sends a string
  return p;
}

GpuType GpuType::fromJson(const QJsonObject& o) {
  auto number = [&o](const char* key) {
    const QJsonValue v = o.value(QLatin1String(key));
    return v.isString() ? v.toString().toDouble() : v.toDouble();
  };
  GpuType g;
  g.id = o.value(QLatin1String("id")).toString();
  g.display_name = o.value(QLatin1String("displayName")).toString();
  g.memory_gb = number("memoryInGb");
  g.secure_price = number("securePrice");
  g.community_price = number("communityPrice");
  return g;
}

bool ApiError::noCapacity() const {
  return message.contains(QLatin1String("no longer any instances available"), Qt::CaseInsensitive) ||
         message.contains(QLatin1String("no instances available"), Qt::CaseInsensitive);
}

bool ApiError::transient() const {
  if (noCapacity()) return false;
  return http_status == 0 || http_status == 429 || http_status >= 500;
}

QString RunPodClient::defaultBaseUrl() {
  const QString env = qEnvironmentVariable("RUNPOD_API_BASE_URL");
  return env.isEmpty() ? QStringLiteral("https://api.runpod.io/v2") : env;
}

QString RunPodClient::apiKeyFromEnvironment() { return qEnvironmentVariable("RUNPOD_API_KEY"); }

RunPodClient::RunPodClient(QString base_url, QString api_key, QObject* parent)
    : QObject(parent), net_(new QNetworkAccessManager(this)), base_url_(std::move(base_url)), api_key_(std::move(api_key)) {
  while (base_url_.endsWith(QLatin1Char('/'))) base_url_.chop(1);
}

void RunPodClient::send(const QByteArray& verb, const QString& path, const QJsonObject* body,
                        std::function<void(int, const QByteArray&, const ApiError&)> done) {
  QNetworkRequest request(QUrl(path.startsWith(QLatin1String("http")) ? path : base_url_ + path));
  request.setRawHeader("Authorization", "Bearer " + api_key_.toUtf8());
  request.setHeader(QNetworkRequest::ContentTypeHeader, QStringLiteral("application/json"));
  request.setTransferTimeout(timeout_ms_);
  const QByteArray payload = body ? QJsonDocument(*body).toJson(QJsonDocument::Compact) : QByteArray();
  QNetworkReply* reply = net_->sendCustomRequest(request, verb, payload);
  connect(reply, &QNetworkReply::finished, this, [reply, done = std::move(done), verb, path] {
    reply->deleteLater();
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QByteArray bytes = reply->readAll();
    ApiError e;
    e.http_status = status;
    if (status == 0) {
      e.message = QStringLiteral("%1 %2: %3").arg(QString::fromLatin1(verb), path, reply->errorString());
    } else if (e.isError()) {
      // problem+json {"title","status","detail"} (v2), {"error"} or {"message"} (v1)
      const QJsonObject o = QJsonDocument::fromJson(bytes).object();
      QStringList parts;
      for (const char* key : {"title", "detail", "error", "message"}) {
        const QString v = o.value(QLatin1String(key)).toString();
        if (!v.isEmpty()) parts << v;
      }
      if (parts.isEmpty()) parts << QString::fromUtf8(bytes.left(200));
      e.message = QStringLiteral("%1 %2: HTTP %3: %4").arg(QString::fromLatin1(verb), path).arg(status).arg(parts.join(QStringLiteral(": ")));
      e.retry_after_s = reply->rawHeader("Retry-After").toInt();
    }
    done(status, bytes, e);
  });
}

void RunPodClient::createPod(const PodSpec& spec, const QString& gpu_type_id, PodCallback done) {
  const QJsonObject body = spec.toJson(gpu_type_id);
  send("POST", QStringLiteral("/pods"), &body, [done](int, const QByteArray& bytes, const ApiError& e) {
    if (e.isError()) return done(std::nullopt, e);
    done(Pod::fromJson(QJsonDocument::fromJson(bytes).object()), e);
  });
}

void RunPodClient::getPod(const QString& id, PodCallback done) {
  send("GET", QStringLiteral("/pods/") + id, nullptr, [done](int, const QByteArray& bytes, const ApiError& e) {
    if (e.isError()) return done(std::nullopt, e);
    done(Pod::fromJson(QJsonDocument::fromJson(bytes).object()), e);
  });
}

void RunPodClient::listPods(ListCallback done) {
  send("GET", QStringLiteral("/pods"), nullptr, [done](int, const QByteArray& bytes, const ApiError& e) {
    QVector<Pod> pods;
    if (!e.isError()) {
      const QJsonDocument doc = QJsonDocument::fromJson(bytes);
      // v2 wraps the list ({"pods": [...]}); v1 sends a bare array.
      const QJsonArray list = doc.isArray() ? doc.array() : doc.object().value(QLatin1String("pods")).toArray();
      for (const QJsonValue& v : list) pods << Pod::fromJson(v.toObject());
    }
    done(pods, e);
  });
}

void RunPodClient::stopPod(const QString& id, DoneCallback done) {
  const QJsonObject body{{"action", "stop"}};
  send("POST", QStringLiteral("/pods/%1/action").arg(id), &body, [done](int, const QByteArray&, const ApiError& e) { done(e); });
}

QString RunPodClient::graphqlUrl() const {
  if (!graphql_url_.isEmpty()) return graphql_url_;
  QString base = base_url_;
  if (base.endsWith(QLatin1String("/v2")) || base.endsWith(QLatin1String("/v1"))) base.chop(3);
  return base + QStringLiteral("/graphql");
}

void RunPodClient::listGpuTypes(GpuTypesCallback done) {
  const QJsonObject body{{"query", "query GpuTypes { gpuTypes { id displayName memoryInGb securePrice communityPrice } }"}};
  send("POST", graphqlUrl(), &body, [done](int, const QByteArray& bytes, const ApiError& e) {
    QVector<GpuType> types;
    if (e.isError()) return done(types, e);
    const QJsonObject o = QJsonDocument::fromJson(bytes).object();
    const QJsonArray errors = o.value(QLatin1String("errors")).toArray();
    if (!errors.isEmpty()) {
      ApiError ge{400, QStringLiteral("POST graphql gpuTypes: %1").arg(errors[0].toObject().value(QLatin1String("message")).toString()), 0};
      return done(types, ge);
    }
    for (const QJsonValue& v : o.value(QLatin1String("data")).toObject().value(QLatin1String("gpuTypes")).toArray())
      types << GpuType::fromJson(v.toObject());
    done(types, e);
  });
}

void RunPodClient::terminatePod(const QString& id, DoneCallback done) {
  send("DELETE", QStringLiteral("/pods/") + id, nullptr, [done](int, const QByteArray&, const ApiError& e) {
    if (e.notFound()) return done(ApiError{204, {}, 0});
    done(e);
  });
}

}  // namespace owb::remote
