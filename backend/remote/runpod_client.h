#pragma once
// RunPod's REST API v2 (/work/shared/RUNPOD.md), asynchronous over QNetworkAccessManager:
// create, get, list, stop, terminate. The API key comes from the environment
// (RUNPOD_API_KEY) and goes only into the Authorization header: never into logs, errors,
// sweep files or results. The base URL is a setting (RUNPOD_API_BASE_URL; the tests point it at
// a loopback fake).
#include <QJsonObject>
#include <QObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <functional>
#include <optional>

class QNetworkAccessManager;
class QNetworkReply;

namespace owb::remote {

struct PodSpec {
  QString name;
  QString image = QStringLiteral("runpod/pytorch:2.4.0-py3.11-cuda12.4.1-devel-ubuntu22.04");
  QStringList gpu_type_ids = {QStringLiteral("NVIDIA A40")};  // preference order; the next on no capacity
  int gpu_count = 1;
  QString cloud = QStringLiteral("SECURE");  // SECURE | COMMUNITY
  int container_disk_gb = 50;
  QStringList ports = {QStringLiteral("22/tcp")};
  QJsonObject env;  // PUBLIC_KEY is added by the runner
  QStringList data_center_ids;
  QJsonObject toJson(const QString& gpu_type_id) const;
};

struct Pod {
  QString id;
  QString name;
  QString status;  // PROVISIONING | STARTING | RUNNING | EXITED | ERROR | TERMINATED
  QString ssh_host;  // ssh.direct; empty until the public port is assigned
  int ssh_port = 0;
  QString ssh_user;
  double cost_per_hr = 0;
  QString gpu_id;  // gpu.id
  bool sshReady() const { return status == QLatin1String("RUNNING") && !ssh_host.isEmpty() && ssh_port > 0; }
  static Pod fromJson(const QJsonObject& o);
};

// A GPU type as the legacy GraphQL API lists it (REST v2 has no price list):
// gpuTypes { id displayName memoryInGb securePrice communityPrice }, prices per GPU and hour.
struct GpuType {
  QString id;
  QString display_name;
  double memory_gb = 0;
  double secure_price = 0;
  double community_price = 0;
  // $/hour for one GPU in `cloud` (SECURE | COMMUNITY); 0 when not offered there.
  double pricePerHour(const QString& cloud) const {
    return cloud == QLatin1String("COMMUNITY") ? community_price : secure_price;
  }
  static GpuType fromJson(const QJsonObject& o);
};

struct ApiError {
  int http_status = 0;  // 0: no HTTP answer (network error, timeout)
  QString message;      // "title: detail", never containing the key
  int retry_after_s = 0;
  bool isError() const { return http_status != 200 && http_status != 201 && http_status != 204; }
  bool noCapacity() const;
  bool notFound() const { return http_status == 404; }
  // Worth retrying: no answer, 429, 5xx (except a capacity message).
  bool transient() const;
};

class RunPodClient : public QObject {
  Q_OBJECT
 public:
  static QString defaultBaseUrl();  // $RUNPOD_API_BASE_URL, else https://api.runpod.io/v2
  static QString apiKeyFromEnvironment();  // $RUNPOD_API_KEY

  RunPodClient(QString base_url, QString api_key, QObject* parent = nullptr);
  void setTimeoutMs(int ms) { timeout_ms_ = ms; }
  // The GraphQL endpoint for the price list: <base without /v2>/graphql unless set.
  void setGraphqlUrl(const QString& url) { graphql_url_ = url; }
  QString graphqlUrl() const;

  using PodCallback = std::function<void(const std::optional<Pod>&, const ApiError&)>;
  using ListCallback = std::function<void(const QVector<Pod>&, const ApiError&)>;
  using DoneCallback = std::function<void(const ApiError&)>;
  using GpuTypesCallback = std::function<void(const QVector<GpuType>&, const ApiError&)>;

  void createPod(const PodSpec& spec, const QString& gpu_type_id, PodCallback done);
  void getPod(const QString& id, PodCallback done);
  void listPods(ListCallback done);
  void stopPod(const QString& id, DoneCallback done);
  // Terminating a pod that is already gone (404) counts as done.
  void terminatePod(const QString& id, DoneCallback done);
  // Every GPU type with its memory and prices (GraphQL; errors answered as 200 + "errors").
  void listGpuTypes(GpuTypesCallback done);

 private:
  // `path` relative to the REST base, or an absolute URL.
  void send(const QByteArray& verb, const QString& path, const QJsonObject* body,
            std::function<void(int status, const QByteArray& body, const ApiError&)> done);

  QNetworkAccessManager* net_;
  QString base_url_;
  QString api_key_;
  QString graphql_url_;
  int timeout_ms_ = 30000;
};

}  // namespace owb::remote
