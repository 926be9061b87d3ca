#pragma once
// The Sweep tab's "Backend" box: where the sweep runs (this machine, RunPod, an SSH host or a
// SLURM login node from Settings > Remote Backends), how many jobs at once, and for RunPod every
// backend.runpod option of sweep.json (sweep_runpod.h): GPU types, GPU count, cloud, container
// disk, image, keep_running, min VRAM ("auto" or GiB), max $/hour and max total $. Empty fields
// leave the backend's settings, exactly as absent keys do in the file, so a loaded sweep.json is
// saved back unchanged. Problems are said inline; an "auto" minimum VRAM is estimated with
// `owb estimate-vram` on a pool thread (the numbers the queue will use), next to the worst-case
// cost per hour.
#include "sweep.h"

#include <QGroupBox>

class QComboBox;
class QFormLayout;
class QLabel;
class QLineEdit;
class QSpinBox;
class QTimer;
class QWidget;

namespace owb::widgets {

class SweepBackendPanel : public QGroupBox {
  Q_OBJECT
 public:
  explicit SweepBackendPanel(QWidget* parent = nullptr);

  void setBackend(const owb::jobs::SweepBackend& backend);
  // The fields over `backend` (kind, concurrency, runpod); a field with a problem is left out.
  void writeTo(owb::jobs::SweepBackend* backend) const;
  // The first problem as "backend.FIELD: what is wrong"; empty when there is none.
  QString problem() const;
  // Every problem, one a line, as the box shows them.
  QStringList problems() const;
  // The backends of Settings > Remote Backends (QSettings); the selection is kept.
  void reloadRemoteBackends();
  // The sweep the estimate is for (models, run shape) and how many jobs it expands to.
  void setSweepForEstimate(const owb::jobs::Sweep& sweep, int jobs);
  bool isEstimating() const { return estimating_; }

  QComboBox* kindBox() const { return kind_; }
  QSpinBox* concurrencySpin() const { return concurrency_; }
  QLabel* hostSummaryLabel() const { return host_summary_; }
  // The RunPod rows (and the Estimate line) show when the backend is RunPod.
  bool showsRunPodOptions() const;
  QLineEdit* gpuTypesEdit() const { return gpu_types_; }
  QSpinBox* gpuCountSpin() const { return gpu_count_; }
  QComboBox* cloudBox() const { return cloud_; }
  QSpinBox* diskSpin() const { return disk_; }
  QLineEdit* imageEdit() const { return image_; }
  QComboBox* keepRunningBox() const { return keep_running_; }
  QLineEdit* minVramEdit() const { return min_vram_; }
  QLineEdit* maxUsdPerHourEdit() const { return max_usd_per_hour_; }
  QLineEdit* maxTotalUsdEdit() const { return max_total_usd_; }
  QLabel* problemLabel() const { return problem_label_; }
  QLabel* estimateLabel() const { return estimate_label_; }

 signals:
  void changed();
  // The estimate line was rewritten with a finished `owb estimate-vram` (or its failure).
  void estimateUpdated();

 protected:
  // Settings > Remote Backends may have changed while the tab was away.
  void showEvent(QShowEvent* event) override;

 private:
  struct Number {
    double value = 0;
    bool auto_value = false;
    QString problem;
  };
  // "" -> 0; a number > 0; "auto" where allowed; else a problem naming the field.
  static Number parseNumber(const QString& text, const char* field, bool allow_auto);
  void addKind(const QString& text, const QString& kind, const QString& summary, bool configured);
  // The item for `kind`, added (as not set up) when Settings do not have it.
  int kindIndex(const QString& kind);
  void onChanged();
  QList<QWidget*> runPodFields() const;
  void showKind();
  void updateProblems();
  void renderEstimate();
  void startEstimate();

  bool initializing_ = false;
  QComboBox* kind_ = nullptr;
  QSpinBox* concurrency_ = nullptr;
  QLabel* host_summary_ = nullptr;
  QFormLayout* form_ = nullptr;
  QLineEdit* gpu_types_ = nullptr;
  QSpinBox* gpu_count_ = nullptr;
  QComboBox* cloud_ = nullptr;
  QSpinBox* disk_ = nullptr;
  QLineEdit* image_ = nullptr;
  QComboBox* keep_running_ = nullptr;
  QLineEdit* min_vram_ = nullptr;
  QLineEdit* max_usd_per_hour_ = nullptr;
  QLineEdit* max_total_usd_ = nullptr;
  QLabel* problem_label_ = nullptr;
  QLabel* estimate_label_ = nullptr;

  // The estimate: inputs, the debounce timer, and the latest result.
  QTimer* estimate_timer_ = nullptr;
  QStringList estimate_models_;
  QStringList estimate_arguments_;
  bool estimate_streaming_ = false;
  QString estimate_key_;     // models + arguments the result is for
  QString estimated_key_;
  QString estimating_key_;
  bool estimating_ = false;
  quint64 estimate_generation_ = 0;
  double estimate_gib_ = 0;
  QString estimate_model_;
  QString estimate_error_;
  int jobs_ = 0;
};

}  // namespace owb::widgets
