#pragma once
// The pods this workspace has up on RunPod: every active entry of the pod ledger
// (<workspace>/remote/pods.json), joined with what the API says now (state, GPU, $/hour), with
// uptime and running cost (cost_per_hr x hours since created). refresh() reads the ledger on a
// pool thread and lists pods with the asynchronous REST client, so the GUI thread never waits;
// a timer refreshes every interval. terminate() asks the API, then closes the ledger entry.
#include <QAbstractTableModel>
#include <QDateTime>
#include <QVector>

class QTimer;

namespace owb::remote {
class RunPodClient;
}

namespace owb::models {

struct LivePod {
  QString id;
  QString name;
  QString job;
  QString sweep;
  QString state;  // the API's status; "gone" when the API no longer lists it
  QString gpu;
  double usd_per_hour = 0;
  QDateTime created_at;
  bool keep_running = false;
  double uptimeHours(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
  double runningCostUsd(const QDateTime& now = QDateTime::currentDateTimeUtc()) const { return usd_per_hour * uptimeHours(now); }
};

class LivePodsModel : public QAbstractTableModel {
  Q_OBJECT
 public:
  enum Column { Pod, Job, State, Gpu, UsdPerHour, Uptime, Cost, ColumnCount };

  explicit LivePodsModel(QObject* parent = nullptr);

  // The ledger's folder; the API at `base_url` with `api_key` (empty: runPodApiKey()).
  void setWorkspace(const QString& workspace);
  void setApi(const QString& base_url, const QString& api_key = {});
  void setRefreshInterval(int ms);  // 0: no timer

  int rowCount(const QModelIndex& parent = {}) const override;
  int columnCount(const QModelIndex& parent = {}) const override;
  QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
  QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

  const LivePod& pod(int row) const { return pods_.at(row); }
  double totalUsdPerHour() const;

 public slots:
  void refresh();
  void terminate(const QString& pod_id);

 signals:
  void refreshed();
  void terminated(const QString& pod_id);
  void errorOccurred(const QString& message);

 private:
  void merge(const QVector<LivePod>& ledger_pods);
  remote::RunPodClient* client();

  QString workspace_;
  QString base_url_;
  QString api_key_;
  remote::RunPodClient* client_ = nullptr;
  QTimer* timer_;
  QVector<LivePod> pods_;
  bool refreshing_ = false;
};

}  // namespace owb::models
