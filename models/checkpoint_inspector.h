#pragma once
// Validates a model for the picker without blocking the GUI thread: `owb inspect MODEL` (a
// folder, or a hub id read from the cache only: HF_HUB_OFFLINE=1, so inspecting never downloads),
// the folder's size on disk (a worker thread), then `owb estimate-vram MODEL --dtype D` when owb
// has that command, else a weights-only estimate. Only the latest request is reported.
#include "checkpoint_info.h"

#include <QObject>

namespace owb::models {

class OwbProcess;

class CheckpointInspector : public QObject {
  Q_OBJECT
 public:
  explicit CheckpointInspector(QObject* parent = nullptr);

  // `dtype`: bf16, f16 or f32, the dtype the VRAM estimate is for.
  void inspect(const QString& model, const QString& dtype = QStringLiteral("bf16"));
  // Extra `owb estimate-vram` flags: the run's shape (--batch-size, --seq-len, --num-sequences).
  void setEstimateOptions(const QStringList& args) { estimate_options_ = args; }
  void cancel();
  bool isBusy() const { return busy_; }

 signals:
  void inspected(const owb::models::CheckpointInfo& info, const owb::models::VramEstimate& vram);
  void failed(const QString& model, const QString& error);

 private:
  void onInspected(int exit_code, const QByteArray& out, const QString& error);
  void onSizeKnown(quint64 generation, qint64 bytes);
  void onEstimated(int exit_code, const QByteArray& out);

  OwbProcess* process_ = nullptr;
  quint64 generation_ = 0;
  bool busy_ = false;
  QString model_;
  QString dtype_;
  QStringList estimate_options_;
  CheckpointInfo info_;
};

// Bytes of every file under `folder`, links followed (a hub snapshot links into blobs/).
qint64 folderSizeOnDisk(const QString& folder);

}  // namespace owb::models
