#pragma once
// A sweep: models x analyses x threshold sets over one dataset, saved as sweep.json and
// expanded into jobs. Format (v 1):
//   {"v": 1, "name": "...", "models": [checkpoint folders], "analyses": ["outliers", ...],
//    "threshold_sets": [{"magnitude_threshold", "min_layer_percentage", "min_seq_percentage"}],
//    "dataset": {job config dataset section}, "analysis": {"batch_size", "layers", "chunk_layers"},
//    "model_options": {"torch_dtype", "device", "streaming", "device_map"},
//    "backend": {"kind": "local", "concurrency": 1, "runpod": {sweep_runpod.h}}}
#include "job.h"
#include "sweep_runpod.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>

namespace owb::jobs {

struct SweepBackend {
  QString kind = QStringLiteral("local");
  int concurrency = 1;
  RunPodSweepOptions runpod;  // applied by a RunPod backend (GPU filter, caps); others ignore it
};

struct Sweep {
  QString name;
  QStringList models;
  QStringList analyses;  // outliers | perplexity | both
  QVector<ThresholdSet> threshold_sets;
  QJsonObject dataset;        // passed to the job config's dataset section as given
  QJsonObject analysis;       // batch_size, layers, chunk_layers (no thresholds: threshold_sets)
  QJsonObject model_options;  // torch_dtype, device, streaming, device_map
  SweepBackend backend;
};

struct SweepResult {
  std::optional<Sweep> sweep;
  QString error;  // "FILE: field: what is wrong"
  bool ok() const { return sweep.has_value(); }
};

// Reads and checks the structure (types, unknown keys, version); `where` prefixes errors.
SweepResult parseSweep(const QJsonObject& o, const QString& where);
SweepResult loadSweep(const QString& path);
// Atomic write; false with `error` naming the file.
bool saveSweep(const Sweep& sweep, const QString& path, QString* error = nullptr);
QJsonObject toJson(const Sweep& sweep);

// The first thing that keeps the sweep from running, as "field: what is wrong" (e.g.
// "threshold_sets[1].min_layer_percentage: must be between 0 and 1"); empty when it can run.
QString validateSweep(const Sweep& sweep);

// One job per model x analysis x threshold set, in that nesting order. Perplexity does not
// depend on the outlier thresholds, so a "perplexity" analysis is one job per model.
// Ids are stable (the same sweep gives the same ids) and unique within the sweep.
// RunPod options travel in each job's backend_options (an "auto" minimum VRAM with the sweep's
// models and estimate-vram flags, resolved by the queue before the first launch).
QVector<JobSpec> expandSweep(const Sweep& sweep);

}  // namespace owb::jobs
