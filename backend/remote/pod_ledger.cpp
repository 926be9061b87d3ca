#include "pod_ledger.h"

#include "atomic_json.h"
#include "runpod_client.h"

#include <QDir>
#include <QEventLoop>
#include <QFileInfo>
#include <QJsonArray>
#include <QMutex>
#include <QPointer>
#include <QSet>
#include <QTimer>

#include <memory>

namespace owb::remote {

namespace {
QMutex g_ledger_mutex;

QJsonObject toJson(const LedgerPod& p) {
  QJsonObject o{{"id", p.id},
                {"name", p.name},
                {"job", p.job},
                {"created_at", p.created_at.toString(Qt::ISODateWithMs)},
                {"keep_running", p.keep_running},
                {"state", p.state},
                {"sweep", p.sweep},
                {"gpu", p.gpu},
                {"cost_per_hr", p.cost_per_hr}};
  if (p.terminated_at.isValid()) o.insert(QStringLiteral("terminated_at"), p.terminated_at.toString(Qt::ISODateWithMs));
  return o;
}

LedgerPod fromJson(const QJsonObject& o) {
  LedgerPod p;
  p.id = o.value(QLatin1String("id")).toString();
  p.name = o.value(QLatin1String("name")).toString();
  p.job = o.value(QLatin1String("job")).toString();
  p.created_at = QDateTime::fromString(o.value(QLatin1String("created_at")).toString(), Qt::ISODateWithMs);
  p.keep_running = o.value(QLatin1String("keep_running")).toBool();
  p.state = o.value(QLatin1String("state")).toString(QStringLiteral("active"));
  p.terminated_at = QDateTime::fromString(o.value(QLatin1String("terminated_at")).toString(), Qt::ISODateWithMs);
  p.sweep = o.value(QLatin1String("sweep")).toString();
  p.gpu = o.value(QLatin1String("gpu")).toString();
  p.cost_per_hr = o.value(QLatin1String("cost_per_hr")).toDouble();
  return p;
}
}  // namespace

double LedgerPod::hoursUp(const QDateTime& now) const {
  if (!created_at.isValid()) return 0;
  const QDateTime end = !active() && terminated_at.isValid() ? terminated_at : now;
  return std::max<qint64>(0, created_at.msecsTo(end)) / 3600000.0;
}

QString PodLedger::fileFor(const QString& workspace) { return QDir(workspace).filePath(QStringLiteral("remote/pods.json")); }

QVector<LedgerPod> PodLedger::pods(QString* error) const {
  QMutexLocker lock(&g_ledger_mutex);
  QVector<LedgerPod> out;
  if (!QFileInfo::exists(file_)) return out;
  QJsonObject o;
  if (!owb::jobs::readJsonObject(file_, &o, error)) return out;
  for (const QJsonValue& v : o.value(QLatin1String("pods")).toArray()) out << fromJson(v.toObject());
  return out;
}

QVector<LedgerPod> PodLedger::activePods() const {
  QVector<LedgerPod> out;
  for (const LedgerPod& p : pods())
    if (p.active()) out << p;
  return out;
}

bool PodLedger::save(const QVector<LedgerPod>& pods, QString* error) const {
  QJsonArray list;
  for (const LedgerPod& p : pods) list << toJson(p);
  QDir().mkpath(QFileInfo(file_).absolutePath());
  QMutexLocker lock(&g_ledger_mutex);
  return owb::jobs::writeJsonAtomic(file_, QJsonObject{{"v", 1}, {"pods", list}}, error);
}

bool PodLedger::record(const LedgerPod& pod, QString* error) const {
  QVector<LedgerPod> all = pods(error);
  all.erase(std::remove_if(all.begin(), all.end(), [&](const LedgerPod& p) { return p.id == pod.id; }), all.end());
  all << pod;
  return save(all, error);
}

bool PodLedger::markTerminated(const QString& id, QString* error) const {
  QVector<LedgerPod> all = pods(error);
  for (LedgerPod& p : all)
    if (p.id == id && p.active()) {
      p.state = QStringLiteral("terminated");
      p.terminated_at = QDateTime::currentDateTimeUtc();
    }
  return save(all, error);
}

void reconcilePods(RunPodClient* client, const PodLedger& ledger, const QStringList& wanted, const QString& name_prefix,
                   std::function<void(const ReconcileReport&)> done) {
  reconcilePods(client, ledger, wanted, [name_prefix](const QString& name) { return !name_prefix.isEmpty() && name.startsWith(name_prefix); },
                std::move(done));
}

void reconcilePods(RunPodClient* client, const PodLedger& ledger, const QStringList& wanted,
                   std::function<bool(const QString&)> ours_by_name, std::function<void(const ReconcileReport&)> done) {
  client->listPods([client, ledger, wanted, ours_by_name, done](const QVector<Pod>& pods, const ApiError& e) {
    auto report = std::make_shared<ReconcileReport>();
    if (e.isError()) {
      report->error = e.message;
      return done(*report);
    }
    QHash<QString, LedgerPod> ours;
    for (const LedgerPod& p : ledger.activePods()) ours.insert(p.id, p);
    QSet<QString> live;
    QStringList to_terminate;
    for (const Pod& pod : pods) {
      if (pod.status == QLatin1String("TERMINATED")) continue;
      live.insert(pod.id);
      const bool mine = ours.contains(pod.id) || (ours_by_name && ours_by_name(pod.name));
      if (!mine) continue;  // the user's other pods are none of our business
      if (wanted.contains(pod.id) || ours.value(pod.id).keep_running) report->kept << pod.id;
      else to_terminate << pod.id;
    }
    for (const LedgerPod& p : ours)
      if (!live.contains(p.id)) {
        ledger.markTerminated(p.id);
        report->gone << p.id;
      }
    if (to_terminate.isEmpty()) return done(*report);
    auto left = std::make_shared<int>(to_terminate.size());
    for (const QString& id : to_terminate) {
      client->terminatePod(id, [ledger, id, report, left, done](const ApiError& te) {
        if (te.isError()) report->failed << id;
        else {
          ledger.markTerminated(id);
          report->terminated << id;
        }
        if (--*left == 0) done(*report);
      });
    }
  });
}

ReconcileReport reconcilePodsNow(const ReconcileRequest& request) {
  const PodLedger ledger(request.ledger_file);
  if (ledger.activePods().isEmpty() && request.our_names.isEmpty()) return {};
  // Shared with the callbacks: after a timeout the client is deleted, and nothing they touch
  // may live on this stack.
  struct State {
    ReconcileReport report;
    bool done = false;
  };
  auto state = std::make_shared<State>();
  QEventLoop loop;
  auto* client = new RunPodClient(request.base_url, request.api_key);
  client->setTimeoutMs(request.timeout_ms + 1000);  // the deadline below speaks first, and plainly
  const QSet<QString> names(request.our_names.begin(), request.our_names.end());
  QPointer<QEventLoop> waiting(&loop);
  reconcilePods(client, ledger, request.wanted, [names](const QString& name) { return names.contains(name); },
                [state, waiting](const ReconcileReport& r) {
                  state->report = r;
                  state->done = true;
                  if (waiting) waiting->quit();
                });
  if (!state->done) {
    QTimer::singleShot(request.timeout_ms, &loop, &QEventLoop::quit);
    QTimer cancel_check;
    if (request.cancelled) {
      QObject::connect(&cancel_check, &QTimer::timeout, &loop, [&loop, &request] {
        if (*request.cancelled) loop.quit();
      });
      cancel_check.start(100);
    }
    loop.exec();
  }
  delete client;  // drops what is still under way
  if (state->done) return state->report;
  ReconcileReport unfinished;
  unfinished.error = request.cancelled && *request.cancelled
                         ? QStringLiteral("cancelled before the RunPod API answered")
                         : QStringLiteral("no answer from the RunPod API within %1 s").arg(request.timeout_ms / 1000.0);
  return unfinished;
}

}  // namespace owb::remote
