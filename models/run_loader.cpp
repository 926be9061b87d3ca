#include "run_loader.h"

#include <QFutureWatcher>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

namespace owb::models {

namespace {
constexpr int kCachedRuns = 8;
}

RunLoader::RunLoader(QObject* parent) : QObject(parent) {}

void RunLoader::scanWorkspace(const QString& root) {
  const quint64 generation = ++scan_generation_;
  cache_.clear();  // a rescan means files may have changed
  cache_order_.clear();
  ++scans_in_flight_;
  auto* watcher = new QFutureWatcher<WorkspaceScan>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    --scans_in_flight_;
    if (generation == scan_generation_) emit workspaceScanned(watcher->result());
  });
  watcher->setFuture(QtConcurrent::run([root] { return owb::models::scanWorkspace(root); }));
}

void RunLoader::loadRun(const QString& run_path) {
  const quint64 generation = ++run_generation_;
  if (cache_.contains(run_path)) {
    // Still asynchronous, so callers see one behaviour.
    const RunData run = cache_.value(run_path);
    QTimer::singleShot(0, this, [this, run, generation] {
      if (generation == run_generation_) emit runLoaded(run);
    });
    return;
  }
  ++loads_in_flight_;
  auto* watcher = new QFutureWatcher<RunData>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    --loads_in_flight_;
    const RunData run = watcher->result();
    remember(run);
    if (generation == run_generation_) emit runLoaded(run);
  });
  watcher->setFuture(QtConcurrent::run([run_path] { return readRunFolder(run_path, ReadDepth::Full); }));
}

void RunLoader::remember(const RunData& run) {
  if (!run.errors.isEmpty()) return;  // a broken file may be fixed; read it again next time
  cache_order_.removeAll(run.path);
  cache_order_.append(run.path);
  cache_.insert(run.path, run);
  while (cache_order_.size() > kCachedRuns) cache_.remove(cache_order_.takeFirst());
}

}  // namespace owb::models
