#pragma once
// A stand-in for RunPod's REST API v2 on loopback (QTcpServer, HTTP/1.1, one request per
// connection): POST/GET /v2/pods, GET/DELETE /v2/pods/{id}, POST /v2/pods/{id}/action, with
// the real JSON shapes (problem+json errors, {"pods": [...]}, ssh.direct null until running).
// Every pod ever created is kept with its history; faults are injected per test.
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QStringList>
#include <QVector>

class QTcpServer;
class QTcpSocket;

namespace owb::remote_test {

// The price list's entry (GraphQL gpuTypes): memory and $/hour per GPU.
struct FakeGpuType {
  QString id;
  double memory_gb = 48;
  double secure_price = 0.44;
  double community_price = 0.35;
};

struct FakePod {
  QString id;
  QString name;
  QString status = QStringLiteral("PROVISIONING");
  QJsonObject request;  // the create body as received
  int gets = 0;
  QStringList history;  // statuses in order
};

class FakeRunPodServer : public QObject {
  Q_OBJECT
 public:
  FakeRunPodServer(QString api_key, QString ssh_host, int ssh_port, QObject* parent = nullptr);
  bool listen();
  QString baseUrl() const;  // http://127.0.0.1:<port>/v2

  // Faults.
  int fail_creates = 0;            // the next N creates answer 503
  int fail_creates_but_make = 0;   // the next N creates make the pod and still answer 500
  int fail_gets = 0;               // the next N GET /pods/{id} answer 502
  int fail_terminates = 0;         // the next N DELETEs answer 500
  int fail_lists = 0;
  QStringList no_capacity_gpus;    // create for these GPU types: 400 "no longer any instances available"
  int gets_until_running = 2;      // slow provisioning: GETs before RUNNING with ssh.direct
  int vanish_after_gets = -1;      // the pod disappears (404) after this many GETs
  bool ssh_direct_on_running = true;
  // POST /graphql { gpuTypes { ... } }: the price list; a pod's costPerHr is its type's price
  // x count (0.44 for types not listed).
  QVector<FakeGpuType> gpu_types = {{QStringLiteral("NVIDIA H100 80GB HBM3"), 80, 2.99, 2.69},
                                    {QStringLiteral("NVIDIA A40"), 48, 0.44, 0.35},
                                    {QStringLiteral("NVIDIA GeForce RTX 4090"), 24, 0.69, 0.34}};
  QJsonObject env_seen;            // the env of the last create, as received

  // Seen.
  QVector<FakePod> pods;           // every pod ever created
  QStringList requests;            // "METHOD /path" in order
  QStringList auth_headers;        // Authorization values received
  int unauthorized = 0;

  // A pod created outside the runner (another tool, an earlier session).
  QString addPod(const QString& name, const QString& status = QStringLiteral("RUNNING"));
  // Pods neither TERMINATED nor gone.
  QStringList livePods() const;
  FakePod* pod(const QString& id);

 private:
  void onConnection();
  void onReadable(QTcpSocket* socket);
  void handle(QTcpSocket* socket, const QByteArray& method, const QString& path, const QByteArray& body);
  void reply(QTcpSocket* socket, int status, const QByteArray& body, const QByteArray& type = "application/json");
  void problem(QTcpSocket* socket, int status, const QString& title, const QString& detail);
  QJsonObject podJson(const FakePod& pod) const;
  double costPerHr(const FakePod& pod) const;
  void graphql(QTcpSocket* socket, const QByteArray& body);
  void advance(FakePod& pod);

  QTcpServer* server_;
  QString api_key_;
  QString ssh_host_;
  int ssh_port_;
  QHash<QTcpSocket*, QByteArray> buffers_;
  int next_id_ = 1;
};

}  // namespace owb::remote_test
