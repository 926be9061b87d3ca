#pragma once
// Reads workspaces and run folders off the GUI thread (QtConcurrent::run) and delivers the
// results on the owner's thread through QFutureWatcher. A request supersedes the previous
// one of its kind: only the latest scan / run load is delivered.
#include "workspace_scanner.h"

#include <QHash>
#include <QObject>
#include <QStringList>

namespace owb::models {

class RunLoader : public QObject {
  Q_OBJECT
 public:
  explicit RunLoader(QObject* parent = nullptr);

  void scanWorkspace(const QString& root);
  // Served from the cache when this run was loaded since the last scan.
  void loadRun(const QString& run_path);
  bool isScanning() const { return scans_in_flight_ > 0; }
  bool isLoadingRun() const { return loads_in_flight_ > 0; }

 signals:
  void workspaceScanned(const owb::models::WorkspaceScan& scan);
  void runLoaded(const owb::models::RunData& run);

 private:
  void remember(const RunData& run);

  quint64 scan_generation_ = 0;
  quint64 run_generation_ = 0;
  int scans_in_flight_ = 0;
  int loads_in_flight_ = 0;
  // Recently loaded runs, so switching back and forth does not reparse large files.
  QHash<QString, RunData> cache_;
  QStringList cache_order_;
};

}  // namespace owb::models
