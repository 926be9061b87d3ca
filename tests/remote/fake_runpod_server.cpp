#include "fake_runpod_server.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>

namespace owb::remote_test {

FakeRunPodServer::FakeRunPodServer(QString api_key, QString ssh_host, int ssh_port, QObject* parent)
    : QObject(parent), server_(new QTcpServer(this)), api_key_(std::move(api_key)), ssh_host_(std::move(ssh_host)), ssh_port_(ssh_port) {
  connect(server_, &QTcpServer::newConnection, this, &FakeRunPodServer::onConnection);
}

bool FakeRunPodServer::listen() { return server_->listen(QHostAddress::LocalHost, 0); }

QString FakeRunPodServer::baseUrl() const { return QStringLiteral("http://127.0.0.1:%1/v2").arg(server_->serverPort()); }

QString FakeRunPodServer::addPod(const QString& name, const QString& status) {
  FakePod p;
  p.id = QStringLiteral("pod%1x").arg(next_id_++, 4, 10, QLatin1Char('0'));
  p.name = name;
  p.status = status;
  p.history << status;
  pods << p;
  return p.id;
}

QStringList FakeRunPodServer::livePods() const {
  QStringList out;
  for (const FakePod& p : pods)
    if (p.status != QLatin1String("TERMINATED") && p.status != QLatin1String("GONE")) out << p.id;
  return out;
}

FakePod* FakeRunPodServer::pod(const QString& id) {
  for (FakePod& p : pods)
    if (p.id == id && p.status != QLatin1String("GONE")) return &p;
  return nullptr;
}

void FakeRunPodServer::onConnection() {
  while (QTcpSocket* s = server_->nextPendingConnection()) {
    connect(s, &QTcpSocket::readyRead, this, [this, s] { onReadable(s); });
    connect(s, &QTcpSocket::disconnected, this, [this, s] {
      buffers_.remove(s);
      s->deleteLater();
    });
  }
}

void FakeRunPodServer::onReadable(QTcpSocket* socket) {
  QByteArray& buf = buffers_[socket];
  buf += socket->readAll();
  const qsizetype end = buf.indexOf("\r\n\r\n");
  if (end < 0) return;
  const QList<QByteArray> lines = buf.left(end).split('\n');
  const QList<QByteArray> request_line = lines.value(0).trimmed().split(' ');
  qsizetype length = 0;
  QByteArray auth;
  for (const QByteArray& l : lines.mid(1)) {
    const qsizetype colon = l.indexOf(':');
    const QByteArray key = l.left(colon).trimmed().toLower();
    const QByteArray value = l.mid(colon + 1).trimmed();
    if (key == "content-length") length = value.toLongLong();
    if (key == "authorization") auth = value;
  }
  if (buf.size() < end + 4 + length) return;
  const QByteArray body = buf.mid(end + 4, length);
  buffers_.remove(socket);
  auth_headers << QString::fromUtf8(auth);
  if (auth != "Bearer " + api_key_.toUtf8()) {
    ++unauthorized;
    return problem(socket, 401, QStringLiteral("Unauthorized"), QStringLiteral("invalid API key"));
  }
  handle(socket, request_line.value(0), QString::fromUtf8(request_line.value(1)), body);
}

void FakeRunPodServer::reply(QTcpSocket* socket, int status, const QByteArray& body, const QByteArray& type) {
  QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + " X\r\nConnection: close\r\n";
  if (status != 204) head += "Content-Type: " + type + "\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n";
  socket->write(head + "\r\n" + (status == 204 ? QByteArray() : body));
  socket->disconnectFromHost();
}

void FakeRunPodServer::problem(QTcpSocket* socket, int status, const QString& title, const QString& detail) {
  reply(socket, status,
        QJsonDocument(QJsonObject{{"title", title}, {"status", status}, {"detail", detail}}).toJson(QJsonDocument::Compact),
        "application/problem+json");
}

void FakeRunPodServer::advance(FakePod& p) {
  ++p.gets;
  QString next = p.status;
  if (p.status == QLatin1String("PROVISIONING") && p.gets >= (gets_until_running + 1) / 2) next = QStringLiteral("STARTING");
  if ((p.status == QLatin1String("PROVISIONING") || p.status == QLatin1String("STARTING")) && p.gets >= gets_until_running)
    next = QStringLiteral("RUNNING");
  if (next != p.status) {
    p.status = next;
    p.history << next;
  }
}

QJsonObject FakeRunPodServer::podJson(const FakePod& p) const {
  const bool running = p.status == QLatin1String("RUNNING");
  const QJsonObject gpu = p.request.value(QLatin1String("gpu")).toObject();
  QJsonValue direct = QJsonValue::Null;
  if (running && ssh_direct_on_running)
    direct = QJsonObject{{"host", ssh_host_}, {"port", ssh_port_}, {"username", "root"},
                         {"command", QStringLiteral("ssh root@%1 -p %2").arg(ssh_host_).arg(ssh_port_)}};
  QJsonArray actions;
  if (running) actions = QJsonArray{"stop", "restart", "terminate"};
  else if (p.status == QLatin1String("EXITED")) actions = QJsonArray{"start", "terminate"};
  else if (p.status != QLatin1String("TERMINATED")) actions = QJsonArray{"terminate"};
  return QJsonObject{{"id", p.id},
                     {"name", p.name},
                     {"image", p.request.value(QLatin1String("image"))},
                     {"status", p.status},
                     {"actions", actions},
                     {"costPerHr", costPerHr(p)},
                     {"gpu", QJsonObject{{"id", gpu.value(QLatin1String("id"))}, {"count", gpu.value(QLatin1String("count"))}}},
                     {"ports", p.request.value(QLatin1String("ports"))},
                     {"ssh", QJsonObject{{"direct", direct},
                                         {"proxy", QJsonObject{{"host", "ssh.runpod.io"}, {"port", 22}, {"username", p.id + "-64410f2e"}}}}}};
}

double FakeRunPodServer::costPerHr(const FakePod& p) const {
  const QJsonObject gpu = p.request.value(QLatin1String("gpu")).toObject();
  const bool community = p.request.value(QLatin1String("cloud")).toString() == QLatin1String("COMMUNITY");
  for (const FakeGpuType& t : gpu_types)
    if (t.id == gpu.value(QLatin1String("id")).toString()) return (community ? t.community_price : t.secure_price) * gpu.value(QLatin1String("count")).toInt(1);
  return 0.44;
}

// The legacy GraphQL API answers errors as 200 + {"errors": [...]}; only the price list is spoken.
void FakeRunPodServer::graphql(QTcpSocket* socket, const QByteArray& body) {
  const QString query = QJsonDocument::fromJson(body).object().value(QLatin1String("query")).toString();
  if (!query.contains(QLatin1String("gpuTypes")))
    return reply(socket, 200, QJsonDocument(QJsonObject{{"errors", QJsonArray{QJsonObject{{"message", "unsupported query"}}}}}).toJson());
  QJsonArray list;
  for (const FakeGpuType& t : gpu_types)
    list << QJsonObject{{"id", t.id}, {"displayName", t.id.section(QLatin1Char(' '), 1)}, {"memoryInGb", t.memory_gb},
                        {"securePrice", t.secure_price}, {"communityPrice", t.community_price}};
  reply(socket, 200, QJsonDocument(QJsonObject{{"data", QJsonObject{{"gpuTypes", list}}}}).toJson(QJsonDocument::Compact));
}

void FakeRunPodServer::handle(QTcpSocket* socket, const QByteArray& method, const QString& path, const QByteArray& body) {
  requests << QStringLiteral("%1 %2").arg(QString::fromLatin1(method), path);
  if (method == "POST" && path == QLatin1String("/graphql")) return graphql(socket, body);
  const QStringList parts = path.split(QLatin1Char('/'), Qt::SkipEmptyParts);  // v2, pods, {id}, action
  if (parts.value(0) != QLatin1String("v2") || parts.value(1) != QLatin1String("pods"))
    return problem(socket, 404, QStringLiteral("Not Found"), path);
  const QString id = parts.value(2);
  if (method == "POST" && id.isEmpty()) {
    const QJsonObject req = QJsonDocument::fromJson(body).object();
    if (req.value(QLatin1String("name")).toString().isEmpty() || req.value(QLatin1String("image")).toString().isEmpty())
      return problem(socket, 400, QStringLiteral("Bad Request"), QStringLiteral("name and image are required"));
    if (fail_creates > 0) {
      --fail_creates;
      return problem(socket, 503, QStringLiteral("Service Unavailable"), QStringLiteral("try again"));
    }
    if (no_capacity_gpus.contains(req.value(QLatin1String("gpu")).toObject().value(QLatin1String("id")).toString()))
      return problem(socket, 400, QStringLiteral("Bad Request"),
                     QStringLiteral("There are no longer any instances available with the requested specifications. Please refresh and try again."));
    env_seen = req.value(QLatin1String("env")).toObject();
    FakePod p;
    p.id = QStringLiteral("pod%1x").arg(next_id_++, 4, 10, QLatin1Char('0'));
    p.name = req.value(QLatin1String("name")).toString();
    p.request = req;
    p.history << p.status;
    pods << p;
    if (fail_creates_but_make > 0) {
      --fail_creates_but_make;
      return problem(socket, 500, QStringLiteral("Internal Server Error"), QStringLiteral("upstream timeout"));
    }
    return reply(socket, 201, QJsonDocument(podJson(p)).toJson(QJsonDocument::Compact));
  }
  if (method == "GET" && id.isEmpty()) {
    if (fail_lists > 0) {
      --fail_lists;
      return problem(socket, 500, QStringLiteral("Internal Server Error"), QStringLiteral("list failed"));
    }
    QJsonArray list;
    for (const FakePod& p : pods)
      if (p.status != QLatin1String("TERMINATED") && p.status != QLatin1String("GONE")) list << podJson(p);
    return reply(socket, 200, QJsonDocument(QJsonObject{{"pods", list}}).toJson(QJsonDocument::Compact));
  }
  FakePod* p = pod(id);
  if (method == "GET" && fail_gets > 0) {
    --fail_gets;
    return problem(socket, 502, QStringLiteral("Bad Gateway"), QStringLiteral("upstream"));
  }
  if (p && method == "GET" && vanish_after_gets >= 0 && p->gets >= vanish_after_gets) {
    p->status = QStringLiteral("GONE");  // deleted behind our back (host failure, account action)
    p->history << p->status;
    p = nullptr;
  }
  if (!p || p->status == QLatin1String("TERMINATED")) {
    if (method == "DELETE" && fail_terminates > 0) {
      --fail_terminates;
      return problem(socket, 500, QStringLiteral("Internal Server Error"), QStringLiteral("terminate failed"));
    }
    return problem(socket, 404, QStringLiteral("Not Found"), QStringLiteral("pod not found"));
  }
  if (method == "GET") {
    advance(*p);
    return reply(socket, 200, QJsonDocument(podJson(*p)).toJson(QJsonDocument::Compact));
  }
  auto terminate = [&] {
    if (fail_terminates > 0) {
      --fail_terminates;
      return problem(socket, 500, QStringLiteral("Internal Server Error"), QStringLiteral("terminate failed"));
    }
    p->status = QStringLiteral("TERMINATED");
    p->history << p->status;
    reply(socket, 204, {});
  };
  if (method == "DELETE") return terminate();
  if (method == "POST" && parts.value(3) == QLatin1String("action")) {
    const QString action = QJsonDocument::fromJson(body).object().value(QLatin1String("action")).toString();
    if (action == QLatin1String("terminate")) return terminate();
    if (action == QLatin1String("stop") && p->status == QLatin1String("RUNNING")) {
      p->status = QStringLiteral("EXITED");
      p->history << p->status;
      return reply(socket, 200, QJsonDocument(podJson(*p)).toJson(QJsonDocument::Compact));
    }
    return problem(socket, 409, QStringLiteral("Conflict"), QStringLiteral("action %1 not allowed now").arg(action));
  }
  problem(socket, 405, QStringLiteral("Method Not Allowed"), path);
}

}  // namespace owb::remote_test
