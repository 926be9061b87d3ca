#pragma once
// A sweep's RunPod options (sweep.json backend.runpod), carried by every job of the sweep as
// JobSpec::backend_options and applied by the RunPod runner over the backend's own settings:
//   {"gpu_types": ["NVIDIA A40", ...],   preference order (empty: the backend's list)
//    "gpu_count": 1, "cloud": "SECURE"|"COMMUNITY", "container_disk_gb": 50, "image": "...",
//    "keep_running": false,
//    "min_vram_gib": 40 | "auto",        GPU types with less memory (x gpu_count) are skipped
//    "max_usd_per_hour": 1.5,            GPU types whose price (x gpu_count) is higher are skipped
//    "max_total_usd": 20}                the sweep's budget: the queue stops launching and
//                                        terminates its pods when it would be exceeded
// Absent keys (or 0) leave the backend's setting. "auto" minimum VRAM is resolved with
// `owb estimate-vram` for each model of the sweep (weights + activations at the sweep's dtype,
// batch size, sequence length and mode): the largest model's min_vram_gib wins.
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace owb::jobs {

struct Sweep;

struct RunPodSweepOptions {
  QStringList gpu_types;
  int gpu_count = 0;
  QString cloud;
  int container_disk_gb = 0;
  QString image;
  std::optional<bool> keep_running;
  double min_vram_gib = 0;
  bool min_vram_auto = false;
  double max_usd_per_hour = 0;
  double max_total_usd = 0;
  bool isEmpty() const;
};

// Throws nothing: a wrong type is returned as "backend.runpod.KEY: what is wrong".
std::optional<RunPodSweepOptions> parseRunPodOptions(const QJsonObject& o, QString* error);
QJsonObject toJson(const RunPodSweepOptions& options);
// "field: what is wrong" or empty.
QString validateRunPodOptions(const RunPodSweepOptions& options);

// backend_options keys an "auto" minimum VRAM leaves in each job until the queue resolves it.
inline const char* kVramAuto = "auto";
inline const char* kVramModelsKey = "vram_models";        // every model of the sweep
inline const char* kVramArgumentsKey = "vram_arguments";  // estimate-vram flags after MODEL
inline const char* kVramStreamingKey = "vram_streaming";  // the sweep streams layers: its figure
inline const char* kVramSourceKey = "min_vram_source";    // "owb estimate-vram MODEL ...: N GiB"

// The estimate-vram flags for a sweep: the dtype, the batch size, the sequence length and
// count, and the mode (perplexity when any analysis computes logits, else outliers). Models
// that are not local folders are estimated from their config.json alone (no weight download).
QStringList vramEstimateArguments(const Sweep& sweep);

struct AutoVram {
  double min_vram_gib = 0;
  QString model;   // the model that needs the most
  QString source;  // the command line that gave it, for logs and backend_options
  QString error;
  bool ok() const { return error.isEmpty(); }
};
// Runs `owb estimate-vram` once per model and keeps the largest min_vram_gib (the streaming one
// when `streaming`). Blocking (a few hundred ms a model): call it off the GUI thread.
AutoVram resolveAutoMinVram(const QStringList& models, const QStringList& arguments, const QString& owb_program,
                            bool streaming = false, int timeout_ms = 120000);

}  // namespace owb::jobs
