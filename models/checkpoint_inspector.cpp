#include "checkpoint_inspector.h"

#include "owb_process.h"

#include <QDirIterator>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QProcessEnvironment>
#include <QtConcurrent/QtConcurrentRun>

namespace owb::models {

qint64 folderSizeOnDisk(const QString& folder) {
  qint64 bytes = 0;
  QDirIterator it(folder, QDir::Files | QDir::Hidden | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    it.next();
    bytes += it.fileInfo().size();  // size() follows symbolic links
  }
  return bytes;
}

CheckpointInspector::CheckpointInspector(QObject* parent) : QObject(parent), process_(new OwbProcess(this)) {}

void CheckpointInspector::inspect(const QString& model, const QString& dtype) {
  ++generation_;
  busy_ = true;
  model_ = model;
  dtype_ = dtype;
  info_ = CheckpointInfo();
  process_->disconnect(this);
  connect(process_, &OwbProcess::finished, this, &CheckpointInspector::onInspected);
  QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
  env.insert(QStringLiteral("HF_HUB_OFFLINE"), QStringLiteral("1"));  // a hub id: the cache only
  process_->start({QStringLiteral("inspect"), model}, env);
}

void CheckpointInspector::cancel() {
  ++generation_;
  busy_ = false;
  process_->disconnect(this);
  process_->cancel();
}

void CheckpointInspector::onInspected(int exit_code, const QByteArray& out, const QString& error) {
  process_->disconnect(this);
  if (exit_code != 0) {
    busy_ = false;
    emit failed(model_, error);
    return;
  }
  QString parse_error;
  const std::optional<CheckpointInfo> info = parseInspectJson(out, &parse_error);
  if (!info) {
    busy_ = false;
    emit failed(model_, parse_error);
    return;
  }
  info_ = *info;
  info_.model = model_;
  const QString folder = info_.path.isEmpty() ? model_ : info_.path;
  const quint64 generation = generation_;
  auto* watcher = new QFutureWatcher<qint64>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    onSizeKnown(generation, watcher->result());
  });
  watcher->setFuture(QtConcurrent::run([folder] { return folderSizeOnDisk(folder); }));
}

void CheckpointInspector::onSizeKnown(quint64 generation, qint64 bytes) {
  if (generation != generation_) return;  // superseded or cancelled
  info_.size_on_disk = bytes;
  connect(process_, &OwbProcess::finished, this,
          [this](int exit_code, const QByteArray& out, const QString&) { onEstimated(exit_code, out); });
  // The resolved folder: a hub id is read from the cache, never downloaded.
  const QString model = info_.path.isEmpty() ? model_ : info_.path;
  process_->start(QStringList{QStringLiteral("estimate-vram"), model, QStringLiteral("--dtype"), dtype_} + estimate_options_);
}

void CheckpointInspector::onEstimated(int exit_code, const QByteArray& out) {
  process_->disconnect(this);
  busy_ = false;
  std::optional<VramEstimate> estimate;
  if (exit_code == 0) estimate = parseVramEstimateJson(out);
  if (estimate && estimate->dtype.isEmpty()) estimate->dtype = dtype_;
  emit inspected(info_, estimate ? *estimate : weightsOnlyEstimate(info_, dtype_));
}

}  // namespace owb::models
