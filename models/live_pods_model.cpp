#include "live_pods_model.h"

#include "pod_ledger.h"
#include "runpod_client.h"
#include "secret_store.h"

#include <QFutureWatcher>
#include <QHash>
#include <QPointer>
#include <QTimer>
#include <QtConcurrent>

namespace owb::models {

double LivePod::uptimeHours(const QDateTime& now) const {
  return created_at.isValid() ? std::max<qint64>(0, created_at.msecsTo(now)) / 3600000.0 : 0.0;
}

LivePodsModel::LivePodsModel(QObject* parent) : QAbstractTableModel(parent), timer_(new QTimer(this)) {
  connect(timer_, &QTimer::timeout, this, &LivePodsModel::refresh);
}

void LivePodsModel::setWorkspace(const QString& workspace) {
  workspace_ = workspace;
  refresh();
}

void LivePodsModel::setApi(const QString& base_url, const QString& api_key) {
  base_url_ = base_url;
  api_key_ = api_key;
  delete client_;  // with it any request under way, whose answer would never come
  client_ = nullptr;
  refreshing_ = false;
}

void LivePodsModel::setRefreshInterval(int ms) {
  if (ms > 0) timer_->start(ms);
  else timer_->stop();
}

remote::RunPodClient* LivePodsModel::client() {
  if (client_) return client_;
  const QString key = api_key_.isEmpty() ? remote::runPodApiKey() : api_key_;
  if (key.isEmpty()) return nullptr;
  client_ = new remote::RunPodClient(base_url_.isEmpty() ? remote::RunPodClient::defaultBaseUrl() : base_url_, key, this);
  return client_;
}

int LivePodsModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(pods_.size()); }
int LivePodsModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

double LivePodsModel::totalUsdPerHour() const {
  double total = 0;
  for (const LivePod& p : pods_) total += p.usd_per_hour;
  return total;
}

QVariant LivePodsModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
  switch (section) {
    case Pod: return tr("Pod");
    case Job: return tr("Job");
    case State: return tr("State");
    case Gpu: return tr("GPU");
    case UsdPerHour: return tr("$/hour");
    case Uptime: return tr("Uptime");
    case Cost: return tr("Cost so far");
  }
  return {};
}

QVariant LivePodsModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= pods_.size()) return {};
  const LivePod& p = pods_[index.row()];
  if (role == Qt::UserRole) return p.id;
  if (role == Qt::ToolTipRole) return tr("%1 (%2)%3").arg(p.name, p.id, p.keep_running ? tr(", kept running") : QString());
  if (role == Qt::TextAlignmentRole && index.column() >= UsdPerHour) return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case Pod: return p.name.isEmpty() ? p.id : p.name;
    case Job: return p.job;
    case State: return p.state;
    case Gpu: return p.gpu;
    case UsdPerHour: return QStringLiteral("$%1").arg(p.usd_per_hour, 0, 'f', 2);
    case Uptime: {
      const qint64 s = qint64(p.uptimeHours() * 3600);
      return QStringLiteral("%1:%2:%3").arg(s / 3600).arg(s / 60 % 60, 2, 10, QLatin1Char('0')).arg(s % 60, 2, 10, QLatin1Char('0'));
    }
    case Cost: return QStringLiteral("$%1").arg(p.runningCostUsd(), 0, 'f', 2);
  }
  return {};
}

void LivePodsModel::refresh() {
  if (workspace_.isEmpty() || refreshing_) return;
  refreshing_ = true;
  const QString file = remote::PodLedger::fileFor(workspace_);
  auto* watcher = new QFutureWatcher<QVector<LivePod>>(this);
  connect(watcher, &QFutureWatcher<QVector<LivePod>>::finished, this, [this, watcher] {
    watcher->deleteLater();
    merge(watcher->result());
  });
  // The ledger is a file: read on the pool, not on the GUI thread.
  watcher->setFuture(QtConcurrent::run([file] {
    QVector<LivePod> out;
    for (const remote::LedgerPod& e : remote::PodLedger(file).activePods())
      out << LivePod{e.id, e.name, e.job, e.sweep, QStringLiteral("?"), e.gpu, e.cost_per_hr, e.created_at, e.keep_running};
    return out;
  }));
}

void LivePodsModel::merge(const QVector<LivePod>& ledger_pods) {
  remote::RunPodClient* api = client();
  auto publish = [this](QVector<LivePod> pods) {
    beginResetModel();
    pods_ = std::move(pods);
    endResetModel();
    refreshing_ = false;
    emit refreshed();
  };
  if (!api || ledger_pods.isEmpty()) {
    if (!api && !ledger_pods.isEmpty()) emit errorOccurred(tr("no RunPod API key: states and prices are the ledger's"));
    return publish(ledger_pods);
  }
  QPointer<LivePodsModel> self(this);
  api->listPods([self, ledger_pods, publish](const QVector<remote::Pod>& listed, const remote::ApiError& e) {
    if (!self) return;
    QVector<LivePod> pods = ledger_pods;
    if (e.isError()) {
      emit self->errorOccurred(e.message);
      return publish(pods);
    }
    QHash<QString, remote::Pod> by_id;
    for (const remote::Pod& p : listed) by_id.insert(p.id, p);
    for (LivePod& p : pods) {
      if (!by_id.contains(p.id)) {
        p.state = QStringLiteral("gone");
        continue;
      }
      const remote::Pod& now = by_id[p.id];
      p.state = now.status;
      if (now.cost_per_hr > 0) p.usd_per_hour = now.cost_per_hr;  // the server's price is the truth
      if (!now.gpu_id.isEmpty()) p.gpu = now.gpu_id;
    }
    publish(pods);
  });
}

void LivePodsModel::terminate(const QString& pod_id) {
  remote::RunPodClient* api = client();
  if (!api) return emit errorOccurred(tr("no RunPod API key: cannot terminate %1").arg(pod_id));
  const QString ledger_file = remote::PodLedger::fileFor(workspace_);
  QPointer<LivePodsModel> self(this);
  api->terminatePod(pod_id, [self, pod_id, ledger_file](const remote::ApiError& e) {
    if (!self) return;
    if (e.isError()) return emit self->errorOccurred(e.message);
    remote::PodLedger(ledger_file).markTerminated(pod_id);
    emit self->terminated(pod_id);
    self->refresh();
  });
}

}  // namespace owb::models
