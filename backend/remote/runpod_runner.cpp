#include "runpod_runner.h"

#include "secret_store.h"

#include <QDateTime>
#include <QDir>
#include <QEventLoop>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QTimer>

#include <algorithm>

namespace owb::remote {

using owb::jobs::JobLaunch;

RunPodRunner::RunPodRunner(RunPodSettings settings, QObject* parent)
    : JobRunner(parent), settings_(std::move(settings)), ledger_(PodLedger::fileFor(settings_.workspace)) {}

RunPodRunner::~RunPodRunner() {
  done_ = true;
  delete ssh_.data();  // stops its thread before the pod goes
  if (!pod_active_ || settings_.keep_running || !client_) return;
  QEventLoop loop;
  bool ok = false;
  client_->terminatePod(pod_id_, [&](const ApiError& e) {
    ok = !e.isError();
    loop.quit();
  });
  QTimer::singleShot(10000, &loop, &QEventLoop::quit);
  loop.exec();
  if (ok) ledger_.markTerminated(pod_id_);
}

void RunPodRunner::say(const QString& level, const QString& msg) { emit log(level, msg); }

void RunPodRunner::later(int ms, std::function<void()> f) { QTimer::singleShot(ms, this, std::move(f)); }

void RunPodRunner::start(const JobLaunch& launch) {
  launch_ = launch;
  const QString key = runPodApiKey(settings_.api_key_env);
  if (key.isEmpty()) {
    finishNow(QStringLiteral("failed"),
              tr("no RunPod API key: set the environment variable %1 or store one in Settings > Remote backends").arg(settings_.api_key_env),
              false);
    return;
  }
  const QString key_path = settings_.ssh.endpoint.key_path.isEmpty() ? defaultKeyPath() : settings_.ssh.endpoint.key_path;
  QFile pub(key_path + QStringLiteral(".pub"));
  if (!QFileInfo(key_path).isFile() || !pub.open(QIODevice::ReadOnly)) {
    finishNow(QStringLiteral("failed"),
              tr("SSH key %1 (and %1.pub) not found: the pod needs its public key (set SSH_KEY_PATH)").arg(key_path), false);
    return;
  }
  settings_.pod.env.insert(QStringLiteral("PUBLIC_KEY"), QString::fromUtf8(pub.readAll()).trimmed());
  settings_.ssh.endpoint.key_path = key_path;
  if (settings_.pod.name.isEmpty()) settings_.pod.name = settings_.name_prefix + launch.job_id;
  QString why;
  if (!applyBackendOptions(&why)) return finishNow(QStringLiteral("failed"), why, false);
  client_ = new RunPodClient(settings_.base_url, key, this);
  if (!settings_.graphql_url.isEmpty()) client_->setGraphqlUrl(settings_.graphql_url);
  if (min_vram_gib_ > 0 || max_usd_per_hour_ > 0) return filterGpuTypesThenCreate();
  createPod(0, 1);
}

bool RunPodRunner::applyBackendOptions(QString* error) {
  const QJsonObject o = launch_.backend_options;
  QStringList gpus;
  for (const QJsonValue& v : o.value(QLatin1String("gpu_types")).toArray()) gpus << v.toString();
  if (!gpus.isEmpty()) settings_.pod.gpu_type_ids = gpus;
  if (o.value(QLatin1String("gpu_count")).toInt() > 0) settings_.pod.gpu_count = o.value(QLatin1String("gpu_count")).toInt();
  if (!o.value(QLatin1String("cloud")).toString().isEmpty()) settings_.pod.cloud = o.value(QLatin1String("cloud")).toString();
  if (o.value(QLatin1String("container_disk_gb")).toInt() > 0) settings_.pod.container_disk_gb = o.value(QLatin1String("container_disk_gb")).toInt();
  if (!o.value(QLatin1String("image")).toString().isEmpty()) settings_.pod.image = o.value(QLatin1String("image")).toString();
  if (o.value(QLatin1String("keep_running")).isBool()) settings_.keep_running = o.value(QLatin1String("keep_running")).toBool();
  const QJsonValue vram = o.value(QLatin1String("min_vram_gib"));
  if (vram.isString()) {
    *error = tr("minimum VRAM \"auto\" was not resolved before the launch (owb estimate-vram)");
    return false;
  }
  min_vram_gib_ = vram.toDouble();
  max_usd_per_hour_ = o.value(QLatin1String("max_usd_per_hour")).toDouble();
  if (o.contains(QLatin1String("min_vram_source")))
    say(QStringLiteral("info"), tr("minimum VRAM %1 GiB from %2").arg(min_vram_gib_).arg(o.value(QLatin1String("min_vram_source")).toString()));
  return true;
}

void RunPodRunner::filterGpuTypesThenCreate() {
  client_->listGpuTypes([this](const QVector<GpuType>& types, const ApiError& e) {
    if (done_) return;
    if (cancelled_) return finishNow(QStringLiteral("cancelled"), tr("cancelled by the user"), false);
    if (e.isError())
      return finishNow(QStringLiteral("failed"), tr("cannot read RunPod's GPU types and prices: %1").arg(e.message), e.transient());
    QHash<QString, GpuType> by_id;
    for (const GpuType& t : types) by_id.insert(t.id, t);
    QStringList candidates = settings_.pod.gpu_type_ids;
    if (candidates.isEmpty()) {  // no preference: every type, cheapest first
      QVector<GpuType> sorted = types;
      std::sort(sorted.begin(), sorted.end(), [this](const GpuType& a, const GpuType& b) {
        return a.pricePerHour(settings_.pod.cloud) < b.pricePerHour(settings_.pod.cloud);
      });
      for (const GpuType& t : sorted) candidates << t.id;
    }
    const int n = std::max(1, settings_.pod.gpu_count);
    QStringList kept, skipped;
    for (const QString& id : candidates) {
      if (!by_id.contains(id)) {
        skipped << tr("%1: not in RunPod's GPU list").arg(id);
        continue;
      }
      const GpuType& t = by_id[id];
      const double memory = t.memory_gb * n, price = t.pricePerHour(settings_.pod.cloud) * n;
      if (price <= 0) skipped << tr("%1: not offered in %2 cloud").arg(id, settings_.pod.cloud);
      else if (min_vram_gib_ > 0 && memory < min_vram_gib_) skipped << tr("%1: %2 GB is below the minimum VRAM of %3 GiB").arg(id).arg(memory).arg(min_vram_gib_);
      else if (max_usd_per_hour_ > 0 && price > max_usd_per_hour_)
        skipped << tr("%1: $%2/h is above max_usd_per_hour $%3").arg(id).arg(price, 0, 'f', 2).arg(max_usd_per_hour_, 0, 'f', 2);
      else {
        kept << id;
        listed_usd_per_hour_.insert(id, price);
      }
    }
    if (kept.isEmpty())
      return finishNow(QStringLiteral("failed"), tr("no GPU type fits this job (%1 x GPU): %2").arg(n).arg(skipped.join(QStringLiteral("; "))), false);
    for (const QString& s : skipped) say(QStringLiteral("info"), tr("GPU type skipped: %1").arg(s));
    say(QStringLiteral("info"), tr("GPU types to try: %1").arg(kept.join(QStringLiteral(", "))));
    settings_.pod.gpu_type_ids = kept;
    createPod(0, 1);
  });
}

void RunPodRunner::createPod(int gpu_index, int attempt) {
  if (cancelled_) return finishNow(QStringLiteral("cancelled"), tr("cancelled by the user"), false);
  const QString gpu = settings_.pod.gpu_type_ids.value(gpu_index);
  say(QStringLiteral("info"), tr("creating pod %1 (%2 x %3, %4)").arg(settings_.pod.name, QString::number(settings_.pod.gpu_count), gpu, settings_.pod.cloud));
  client_->createPod(settings_.pod, gpu, [this, gpu_index, attempt](const std::optional<Pod>& pod, const ApiError& e) {
    if (done_) return;
    if (pod && !pod->id.isEmpty()) {
      pod_id_ = pod->id;
      pod_active_ = true;
      // Before anything else: a pod that is not in the ledger could outlive us unseen.
      LedgerPod entry{pod->id, pod->name, launch_.job_id, QDateTime::currentDateTimeUtc(), settings_.keep_running};
      entry.sweep = launch_.sweep;
      entry.gpu = settings_.pod.gpu_type_ids.value(gpu_index);
      entry.cost_per_hr = pod->cost_per_hr > 0 ? pod->cost_per_hr : listed_usd_per_hour_.value(entry.gpu);
      QString why;
      if (!ledger_.record(entry, &why)) {
        endWith(QStringLiteral("failed"), tr("could not record pod %1 in the ledger (%2); terminating it").arg(pod->id, why), false);
        return;
      }
      emit podCreated(pod_id_);
      say(QStringLiteral("info"), tr("pod %1 created; waiting for it to run").arg(pod_id_));
      provision_deadline_ms_ = QDateTime::currentMSecsSinceEpoch() + settings_.provision_timeout_ms;
      later(0, [this] { pollPod(); });
      return;
    }
    if (e.noCapacity() && gpu_index + 1 < settings_.pod.gpu_type_ids.size()) {
      say(QStringLiteral("warning"), tr("no capacity for %1; trying %2").arg(settings_.pod.gpu_type_ids[gpu_index], settings_.pod.gpu_type_ids[gpu_index + 1]));
      return createPod(gpu_index + 1, 1);
    }
    if (e.transient() && attempt <= settings_.create_retries) {
      const int delay = e.retry_after_s > 0 ? e.retry_after_s * 1000 : settings_.api_retry_base_ms * (1 << (attempt - 1));
      say(QStringLiteral("warning"), tr("create failed (%1); retrying in %2 s").arg(e.message).arg(delay / 1000.0));
      // A 5xx may still have made the pod: the reconcile pass finds it by its name prefix.
      return later(delay, [this, gpu_index, attempt] { createPod(gpu_index, attempt + 1); });
    }
    const QString what = e.noCapacity() ? tr("no capacity for any requested GPU type: %1").arg(e.message)
                                        : tr("could not create a pod: %1").arg(e.message);
    // No capacity and server errors may pass later; 4xx (a bad key, a bad request) will not.
    finishNow(QStringLiteral("failed"), what, e.noCapacity() || e.transient());
  });
}

void RunPodRunner::pollPod() {
  if (done_ || ending_) return;
  if (cancelled_) return endWith(QStringLiteral("cancelled"), tr("cancelled by the user"), false);
  if (QDateTime::currentMSecsSinceEpoch() > provision_deadline_ms_)
    return endWith(QStringLiteral("failed"), tr("pod %1 was not ready (RUNNING with an SSH port) within %2 s").arg(pod_id_).arg(settings_.provision_timeout_ms / 1000), true);
  client_->getPod(pod_id_, [this](const std::optional<Pod>& pod, const ApiError& e) {
    if (done_ || ending_) return;
    if (e.notFound()) {
      pod_active_ = false;
      ledger_.markTerminated(pod_id_);
      return endWith(QStringLiteral("failed"), tr("pod %1 vanished while starting").arg(pod_id_), true);
    }
    if (pod && (pod->status == QLatin1String("ERROR") || pod->status == QLatin1String("TERMINATED") || pod->status == QLatin1String("EXITED")))
      return endWith(QStringLiteral("failed"), tr("pod %1 is %2 instead of running").arg(pod_id_, pod->status), true);
    if (pod && pod->sshReady()) return runJob(*pod);
    if (e.isError() && !e.transient())
      return endWith(QStringLiteral("failed"), tr("cannot read pod %1: %2").arg(pod_id_, e.message), false);
    later(settings_.poll_interval_ms, [this] { pollPod(); });
  });
}

void RunPodRunner::runJob(const Pod& pod) {
  say(QStringLiteral("info"), tr("pod %1 running; SSH at %2:%3").arg(pod.id, pod.ssh_host).arg(pod.ssh_port));
  SshHostSettings s = settings_.ssh;
  s.endpoint.host = pod.ssh_host;
  s.endpoint.port = pod.ssh_port;
  s.endpoint.user = pod.ssh_user.isEmpty() ? QStringLiteral("root") : pod.ssh_user;
  s.endpoint.host_key_name = QStringLiteral("runpod:") + pod.id;  // a pod's address is reused by others
  if (s.build_cache_key == QLatin1String("host")) s.build_cache_key = settings_.pod.image;  // a build per image
  // If this app disappears (killed, laptop closed), the pod removes itself after the grace period.
  if (s.watchdog_command.isEmpty() && !settings_.keep_running)
    s.watchdog_command = QStringLiteral("runpodctl remove pod \"$RUNPOD_POD_ID\" || runpodctl stop pod \"$RUNPOD_POD_ID\"");
  if (s.known_hosts_file.isEmpty()) s.known_hosts_file = knownHostsFile(settings_.workspace);
  if (s.first_connect_deadline_ms <= 0) s.first_connect_deadline_ms = 3 * 60 * 1000;  // sshd starts after the port
  ssh_ = new SshWorkerRunner(s, this);
  connect(ssh_, &JobRunner::started, this, &JobRunner::started);
  connect(ssh_, &JobRunner::progress, this, &JobRunner::progress);
  connect(ssh_, &JobRunner::layerStats, this, &JobRunner::layerStats);
  connect(ssh_, &JobRunner::log, this, &JobRunner::log);
  connect(ssh_, &JobRunner::artifact, this, &JobRunner::artifact);
  connect(ssh_, &JobRunner::result, this, &JobRunner::result);
  connect(ssh_, &JobRunner::finished, this, [this](const QString& status, const QString& error) {
    endWith(status, error, ssh_ && ssh_->lastFailureTransient());
  });
  emit podReady(pod.id, pod.ssh_host, pod.ssh_port);  // sshRunner() is set from here on
  ssh_->start(launch_);
  if (cancelled_) ssh_->cancel();
}

void RunPodRunner::cancel() {
  if (done_ || cancelled_) return;
  cancelled_ = true;
  if (ssh_) ssh_->cancel();  // its finished() terminates the pod
  // Creating or polling: the next callback sees the flag.
}

// Terminates the pod (unless keep_running after a success... or always keep_running: the user
// asked), then reports. A terminate that keeps failing leaves the pod active in the ledger.
void RunPodRunner::endWith(const QString& status, const QString& error, bool transient) {
  if (ending_ || done_) return;
  ending_ = true;
  if (!pod_active_ || settings_.keep_running) {
    if (pod_active_) say(QStringLiteral("info"), tr("pod %1 kept running (keep_running)").arg(pod_id_));
    return finishNow(status, error, transient);
  }
  terminateThen(1, [this, status, error, transient](bool ok, const QString& why) {
    QString err = error;
    if (!ok) err += (err.isEmpty() ? QString() : QStringLiteral("; ")) + tr("pod %1 could not be terminated (%2): it stays in the ledger and is terminated at the next reconcile").arg(pod_id_, why);
    finishNow(ok ? status : QStringLiteral("failed"), err, transient);
  });
}

void RunPodRunner::terminateThen(int attempt, std::function<void(bool, const QString&)> then) {
  client_->terminatePod(pod_id_, [this, attempt, then](const ApiError& e) {
    if (!e.isError()) {
      pod_active_ = false;
      ledger_.markTerminated(pod_id_);
      say(QStringLiteral("info"), tr("pod %1 terminated").arg(pod_id_));
      emit podTerminated(pod_id_);
      return then(true, QString());
    }
    if (attempt >= 5) return then(false, e.message);
    later(settings_.api_retry_base_ms * attempt, [this, attempt, then] { terminateThen(attempt + 1, then); });
  });
}

void RunPodRunner::finishNow(const QString& status, const QString& error, bool transient) {
  if (done_) return;
  done_ = true;
  transient_ = transient;
  emit finished(status, error);
}

}  // namespace owb::remote
