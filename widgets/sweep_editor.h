#pragma once
// The Sweep tab: models x analyses x thresholds over one dataset. Says inline what is wrong
// (Launch stays disabled until nothing is), saves and loads sweep.json, and on Launch expands
// the sweep into jobs on the queue. Keys the form does not show (a loaded file's device,
// streaming, extra threshold sets) are kept as loaded; the backend and its RunPod options are
// the Backend box's (sweep_backend_panel.h).
#include "sweep.h"

#include <QPointer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;

namespace owb::jobs {
class JobQueue;
}

namespace owb::widgets {

class ModelPickerDialog;
class SweepBackendPanel;

class SweepEditor : public QWidget {
  Q_OBJECT
 public:
  explicit SweepEditor(owb::jobs::JobQueue* queue, QWidget* parent = nullptr);

  owb::jobs::Sweep sweep() const;
  void setSweep(const owb::jobs::Sweep& sweep);
  // What keeps the sweep from launching; empty when it can.
  QString problem() const;
  void addModel(const QString& folder);
  bool saveTo(const QString& path, QString* error = nullptr);
  bool loadFrom(const QString& path, QString* error = nullptr);
  void applyDettmersPreset();
  // Opens the model picker (catalog, checked folders, hub ids); "Add" adds its models. Not modal
  // for the caller: returns the open dialog at once.
  ModelPickerDialog* pickModels();
  ModelPickerDialog* modelPicker() const;
  // Expands and enqueues; returns the job ids (empty when the sweep has a problem). The sweep
  // is kept as <workspace>/jobs/last_sweep.json and shown again when the workspace is opened.
  QStringList launch();
  QString lastSweepFile() const;

  QLineEdit* nameEdit() const { return name_; }
  QListWidget* modelList() const { return models_; }
  QCheckBox* analysisBox(const QString& analysis) const;
  QDoubleSpinBox* magnitudeSpin() const { return magnitude_; }
  QDoubleSpinBox* layerShareSpin() const { return layer_share_; }
  QDoubleSpinBox* seqShareSpin() const { return seq_share_; }
  QPushButton* presetButton() const { return preset_; }
  QPushButton* pickButton() const { return pick_model_; }
  QLineEdit* datasetEdit() const { return dataset_; }
  QSpinBox* numSequencesSpin() const { return num_sequences_; }
  QSpinBox* sequenceLengthSpin() const { return sequence_length_; }
  QSpinBox* batchSizeSpin() const { return batch_size_; }
  QComboBox* dtypeBox() const { return dtype_; }
  // Where it runs (local, RunPod with its options, SSH host, SLURM) and how many jobs at once.
  SweepBackendPanel* backendPanel() const { return backend_; }
  QLabel* problemLabel() const { return problem_label_; }
  QPushButton* launchButton() const { return launch_; }

 signals:
  void launched(const QStringList& job_ids);

 private:
  void revalidate();
  void chooseModels();
  void chooseDataset();
  void chooseSave();
  void chooseLoad();

  owb::jobs::JobQueue* queue_;
  owb::jobs::Sweep base_;  // what the form does not show
  bool initializing_ = false;
  QLineEdit* name_ = nullptr;
  QListWidget* models_ = nullptr;
  QPushButton* remove_model_ = nullptr;
  QPushButton* pick_model_ = nullptr;
  QPointer<ModelPickerDialog> picker_;
  QCheckBox* outliers_ = nullptr;
  QCheckBox* perplexity_ = nullptr;
  QCheckBox* both_ = nullptr;
  QDoubleSpinBox* magnitude_ = nullptr;
  QDoubleSpinBox* layer_share_ = nullptr;
  QDoubleSpinBox* seq_share_ = nullptr;
  QPushButton* preset_ = nullptr;
  QLabel* extra_sets_ = nullptr;
  QLineEdit* dataset_ = nullptr;
  QSpinBox* num_sequences_ = nullptr;
  QSpinBox* sequence_length_ = nullptr;
  QSpinBox* batch_size_ = nullptr;
  QComboBox* dtype_ = nullptr;
  SweepBackendPanel* backend_ = nullptr;
  QLabel* problem_label_ = nullptr;
  QPushButton* launch_ = nullptr;
};

}  // namespace owb::widgets
