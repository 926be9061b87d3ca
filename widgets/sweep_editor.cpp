#include "sweep_editor.h"

#include "checkpoint_info.h"
#include "job_queue.h"
#include "model_picker.h"
#include "sweep_backend_panel.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QVBoxLayout>

namespace owb::widgets {

using owb::jobs::Sweep;
using owb::jobs::ThresholdSet;

namespace {

QDoubleSpinBox* fractionSpin(QWidget* parent) {
  auto* spin = new QDoubleSpinBox(parent);
  spin->setRange(0.0, 1.0);
  spin->setDecimals(3);
  spin->setSingleStep(0.01);
  return spin;
}

QSpinBox* countSpin(int max, QWidget* parent) {
  auto* spin = new QSpinBox(parent);
  spin->setRange(1, max);
  spin->setGroupSeparatorShown(true);
  return spin;
}

// The sweep's name as a default: the form's folder names are checked by validateSweep.
const char* const kDefaultName = "sweep";

}  // namespace

SweepEditor::SweepEditor(owb::jobs::JobQueue* queue, QWidget* parent) : QWidget(parent), queue_(queue) {
  name_ = new QLineEdit(this);
  name_->setToolTip(tr("Names the folder the runs go to: <workspace>/runs/<name>/."));

  auto* models_box = new QGroupBox(tr("Models"), this);
  models_ = new QListWidget(models_box);
  models_->setSelectionMode(QAbstractItemView::ExtendedSelection);
  auto* add_model = new QPushButton(tr("&Add Model Folder…"), models_box);
  remove_model_ = new QPushButton(tr("&Remove"), models_box);
  pick_model_ = new QPushButton(tr("P&ick…"), models_box);
  pick_model_->setToolTip(tr("Pick models from the catalog, a checked checkpoint folder or a Hugging Face id."));
  auto* model_buttons = new QVBoxLayout;
  model_buttons->addWidget(pick_model_);
  model_buttons->addWidget(add_model);
  model_buttons->addWidget(remove_model_);
  model_buttons->addStretch(1);
  auto* models_layout = new QHBoxLayout(models_box);
  models_layout->addWidget(models_, 1);
  models_layout->addLayout(model_buttons);

  auto* analyses_box = new QGroupBox(tr("Analyses"), this);
  outliers_ = new QCheckBox(tr("&Outliers"), analyses_box);
  perplexity_ = new QCheckBox(tr("&Perplexity"), analyses_box);
  both_ = new QCheckBox(tr("Outliers + perplexity in &one pass"), analyses_box);
  auto* analyses_layout = new QHBoxLayout(analyses_box);
  for (QCheckBox* box : {outliers_, perplexity_, both_}) analyses_layout->addWidget(box);
  analyses_layout->addStretch(1);

  auto* thresholds_box = new QGroupBox(tr("Systematic-outlier criteria"), this);
  magnitude_ = new QDoubleSpinBox(thresholds_box);
  magnitude_->setRange(0.0, 100000.0);
  magnitude_->setDecimals(2);
  magnitude_->setSingleStep(0.5);
  magnitude_->setToolTip(tr("|x| at or above this counts as an outlier."));
  layer_share_ = fractionSpin(thresholds_box);
  layer_share_->setToolTip(tr("Fraction of analysed hook tensors a dimension must hit."));
  seq_share_ = fractionSpin(thresholds_box);
  seq_share_->setToolTip(tr("Fraction of sequence positions a dimension must hit."));
  preset_ = new QPushButton(tr("&Dettmers 2022"), thresholds_box);
  preset_->setToolTip(tr("Magnitude 6.0, 25 % of layers, 6 % of positions (LLM.int8(), Dettmers et al. 2022)."));
  extra_sets_ = new QLabel(thresholds_box);
  auto* thresholds_layout = new QFormLayout(thresholds_box);
  thresholds_layout->addRow(tr("Magnitude threshold:"), magnitude_);
  thresholds_layout->addRow(tr("Min. layer share:"), layer_share_);
  thresholds_layout->addRow(tr("Min. sequence share:"), seq_share_);
  thresholds_layout->addRow(preset_, extra_sets_);

  auto* data_box = new QGroupBox(tr("Dataset and run options"), this);
  dataset_ = new QLineEdit(data_box);
  dataset_->setPlaceholderText(tr(".txt or .jsonl file, or a folder of them"));
  auto* browse = new QPushButton(tr("&Browse…"), data_box);
  auto* dataset_row = new QHBoxLayout;
  dataset_row->addWidget(dataset_, 1);
  dataset_row->addWidget(browse);
  num_sequences_ = countSpin(10000000, data_box);
  sequence_length_ = countSpin(1048576, data_box);
  batch_size_ = countSpin(65536, data_box);
  dtype_ = new QComboBox(data_box);
  dtype_->addItem(tr("bfloat16"), QStringLiteral("bfloat16"));
  dtype_->addItem(tr("float16"), QStringLiteral("float16"));
  dtype_->addItem(tr("float32"), QStringLiteral("float32"));
  auto* data_layout = new QFormLayout(data_box);
  data_layout->addRow(tr("Dataset:"), dataset_row);
  data_layout->addRow(tr("Sequences:"), num_sequences_);
  data_layout->addRow(tr("Sequence length (tokens):"), sequence_length_);
  data_layout->addRow(tr("Batch size:"), batch_size_);
  data_layout->addRow(tr("Weights dtype:"), dtype_);

  problem_label_ = new QLabel(this);
  problem_label_->setWordWrap(true);
  problem_label_->setStyleSheet(QStringLiteral("color: #c62828;"));
  auto* save = new QPushButton(tr("&Save Sweep…"), this);
  auto* load = new QPushButton(tr("L&oad Sweep…"), this);
  launch_ = new QPushButton(tr("&Launch"), this);
  launch_->setDefault(true);
  auto* actions = new QHBoxLayout;
  actions->addWidget(problem_label_, 1);
  actions->addWidget(load);
  actions->addWidget(save);
  actions->addWidget(launch_);

  auto* form = new QFormLayout;
  form->addRow(tr("Sweep &name:"), name_);
  auto* layout = new QVBoxLayout(this);
  layout->addLayout(form);
  layout->addWidget(models_box, 1);
  layout->addWidget(analyses_box);
  auto* lower = new QHBoxLayout;
  lower->addWidget(thresholds_box);
  lower->addWidget(data_box, 1);
  layout->addLayout(lower);
  backend_ = new SweepBackendPanel(this);
  layout->addWidget(backend_);
  layout->addLayout(actions);

  connect(add_model, &QPushButton::clicked, this, &SweepEditor::chooseModels);
  connect(pick_model_, &QPushButton::clicked, this, &SweepEditor::pickModels);
  connect(remove_model_, &QPushButton::clicked, this, [this] {
    qDeleteAll(models_->selectedItems());
    revalidate();
  });
  connect(models_, &QListWidget::itemSelectionChanged, this,
          [this] { remove_model_->setEnabled(!models_->selectedItems().isEmpty()); });
  connect(browse, &QPushButton::clicked, this, &SweepEditor::chooseDataset);
  connect(preset_, &QPushButton::clicked, this, &SweepEditor::applyDettmersPreset);
  connect(save, &QPushButton::clicked, this, &SweepEditor::chooseSave);
  connect(load, &QPushButton::clicked, this, &SweepEditor::chooseLoad);
  connect(launch_, &QPushButton::clicked, this, &SweepEditor::launch);
  connect(name_, &QLineEdit::textChanged, this, &SweepEditor::revalidate);
  connect(dataset_, &QLineEdit::textChanged, this, &SweepEditor::revalidate);
  for (QCheckBox* box : {outliers_, perplexity_, both_}) connect(box, &QCheckBox::toggled, this, &SweepEditor::revalidate);
  for (QDoubleSpinBox* spin : {magnitude_, layer_share_, seq_share_})
    connect(spin, &QDoubleSpinBox::valueChanged, this, &SweepEditor::revalidate);
  for (QSpinBox* spin : {num_sequences_, sequence_length_, batch_size_})
    connect(spin, &QSpinBox::valueChanged, this, &SweepEditor::revalidate);
  connect(dtype_, &QComboBox::currentIndexChanged, this, &SweepEditor::revalidate);  // the VRAM estimate's dtype
  connect(backend_, &SweepBackendPanel::changed, this, &SweepEditor::revalidate);
  connect(queue_, &owb::jobs::JobQueue::queueReset, this, [this] {
    if (QFileInfo::exists(lastSweepFile())) loadFrom(lastSweepFile());
    revalidate();
  });

  Sweep defaults;
  defaults.name = QString::fromLatin1(kDefaultName);
  defaults.analyses = {QStringLiteral("outliers")};
  defaults.threshold_sets = {ThresholdSet{}};
  defaults.dataset = QJsonObject{{"num_sequences", 4}, {"sequence_length", 2048}};
  defaults.analysis = QJsonObject{{"batch_size", 1}};
  defaults.model_options = QJsonObject{{"torch_dtype", "bfloat16"}};
  setSweep(defaults);
}

QCheckBox* SweepEditor::analysisBox(const QString& analysis) const {
  if (analysis == QLatin1String("outliers")) return outliers_;
  if (analysis == QLatin1String("perplexity")) return perplexity_;
  if (analysis == QLatin1String("both")) return both_;
  return nullptr;
}

Sweep SweepEditor::sweep() const {
  Sweep s = base_;
  s.name = name_->text().trimmed();
  s.models.clear();
  for (int i = 0; i < models_->count(); ++i) s.models << models_->item(i)->data(Qt::UserRole).toString();
  s.analyses.clear();
  for (const char* a : {"outliers", "perplexity", "both"})
    if (analysisBox(QLatin1String(a))->isChecked()) s.analyses << QLatin1String(a);
  const ThresholdSet first{magnitude_->value(), layer_share_->value(), seq_share_->value()};
  if (s.threshold_sets.isEmpty()) s.threshold_sets << first;
  else s.threshold_sets[0] = first;
  s.dataset[QLatin1String("name")] = dataset_->text().trimmed();
  s.dataset[QLatin1String("num_sequences")] = num_sequences_->value();
  s.dataset[QLatin1String("sequence_length")] = sequence_length_->value();
  s.analysis[QLatin1String("batch_size")] = batch_size_->value();
  s.model_options[QLatin1String("torch_dtype")] = dtype_->currentData().toString();
  backend_->writeTo(&s.backend);
  return s;
}

void SweepEditor::setSweep(const Sweep& s) {
  initializing_ = true;  // one revalidation at the end, not one per field
  base_ = s;
  name_->setText(s.name);
  models_->clear();
  for (const QString& m : s.models) addModel(m);
  for (const char* a : {"outliers", "perplexity", "both"}) analysisBox(QLatin1String(a))->setChecked(s.analyses.contains(QLatin1String(a)));
  const ThresholdSet t = s.threshold_sets.value(0, ThresholdSet{});
  magnitude_->setValue(t.magnitude_threshold);
  layer_share_->setValue(t.min_layer_percentage);
  seq_share_->setValue(t.min_seq_percentage);
  extra_sets_->setText(s.threshold_sets.size() > 1 ? tr("+ %n more threshold set(s) from the file", nullptr, int(s.threshold_sets.size() - 1))
                                                   : QString());
  dataset_->setText(s.dataset.value(QLatin1String("name")).toString());
  num_sequences_->setValue(s.dataset.value(QLatin1String("num_sequences")).toInt(4));
  sequence_length_->setValue(s.dataset.value(QLatin1String("sequence_length")).toInt(2048));
  batch_size_->setValue(s.analysis.value(QLatin1String("batch_size")).toInt(1));
  const QString dtype = s.model_options.value(QLatin1String("torch_dtype")).toString(QStringLiteral("bfloat16"));
  const int dtype_index = dtype_->findData(dtype == QLatin1String("bf16")  ? QStringLiteral("bfloat16")
                                           : dtype == QLatin1String("f16") ? QStringLiteral("float16")
                                           : dtype == QLatin1String("f32") ? QStringLiteral("float32")
                                                                           : dtype);
  dtype_->setCurrentIndex(qMax(0, dtype_index));
  backend_->setBackend(s.backend);
  remove_model_->setEnabled(false);
  initializing_ = false;
  revalidate();
}

void SweepEditor::addModel(const QString& folder) {
  const QString path = QDir::cleanPath(folder);
  for (int i = 0; i < models_->count(); ++i)
    if (models_->item(i)->data(Qt::UserRole).toString() == path) return;
  auto* item = new QListWidgetItem(QDir::toNativeSeparators(path), models_);
  item->setData(Qt::UserRole, path);
  revalidate();
}

QString SweepEditor::problem() const {
  const Sweep s = sweep();
  const QString structural = owb::jobs::validateSweep(s);
  if (!structural.isEmpty()) return structural;
  const QString backend = backend_->problem();  // what the form could not put into the sweep
  if (!backend.isEmpty()) return backend;
  // Cheap checks of the paths, so a typo shows before a worker is started.
  // A hub id (org/name[@rev]) that is not a local folder is resolved by the worker.
  for (int i = 0; i < s.models.size(); ++i) {
    if (!QFileInfo::exists(s.models[i]) && owb::models::isHubId(s.models[i])) continue;
    if (!QFileInfo::exists(QDir(s.models[i]).filePath(QStringLiteral("config.json"))))
      return tr("models[%1]: %2 has no config.json").arg(i).arg(QDir::toNativeSeparators(s.models[i]));
  }
  const QString dataset = s.dataset.value(QLatin1String("name")).toString();
  if (!QFileInfo::exists(dataset)) return tr("dataset.name: %1 does not exist").arg(QDir::toNativeSeparators(dataset));
  if (queue_->workspace().isEmpty()) return tr("Open a workspace first: runs are written to <workspace>/runs/.");
  return QString();
}

void SweepEditor::revalidate() {
  if (initializing_) return;
  const QString why = problem();
  const Sweep s = sweep();
  const int jobs = int(owb::jobs::expandSweep(s).size());
  problem_label_->setText(why);
  launch_->setEnabled(why.isEmpty());
  launch_->setToolTip(why.isEmpty() ? tr("Queue %n job(s).", nullptr, jobs) : why);
  backend_->setSweepForEstimate(s, jobs);
}

void SweepEditor::applyDettmersPreset() {
  const ThresholdSet dettmers;  // 6.0 / 0.25 / 0.06
  magnitude_->setValue(dettmers.magnitude_threshold);
  layer_share_->setValue(dettmers.min_layer_percentage);
  seq_share_->setValue(dettmers.min_seq_percentage);
}

QStringList SweepEditor::launch() {
  if (!problem().isEmpty()) return {};
  const Sweep launched_sweep = sweep();
  saveTo(lastSweepFile());
  const QStringList ids = queue_->enqueueSweep(launched_sweep);
  emit launched(ids);
  return ids;
}

QString SweepEditor::lastSweepFile() const {
  return queue_->workspace().isEmpty() ? QString() : QDir(queue_->workspace()).filePath(QStringLiteral("jobs/last_sweep.json"));
}

bool SweepEditor::saveTo(const QString& path, QString* error) { return owb::jobs::saveSweep(sweep(), path, error); }

bool SweepEditor::loadFrom(const QString& path, QString* error) {
  const owb::jobs::SweepResult r = owb::jobs::loadSweep(path);
  if (!r.ok()) {
    if (error) *error = r.error;
    return false;
  }
  setSweep(*r.sweep);
  return true;
}

void SweepEditor::chooseModels() {
  const QString folder = QFileDialog::getExistingDirectory(this, tr("Add Model Folder"), QString());
  if (!folder.isEmpty()) addModel(folder);
}

ModelPickerDialog* SweepEditor::modelPicker() const { return picker_.data(); }

ModelPickerDialog* SweepEditor::pickModels() {
  if (picker_) {
    picker_->raise();
    return picker_;
  }
  picker_ = new ModelPickerDialog(this);
  picker_->setAttribute(Qt::WA_DeleteOnClose);
  const QString dtype = dtype_->currentData().toString();
  picker_->setRunShape(batch_size_->value(), sequence_length_->value(), num_sequences_->value(),
                       dtype == QLatin1String("float32") ? QStringLiteral("f32")
                       : dtype == QLatin1String("float16") ? QStringLiteral("f16")
                                                            : QStringLiteral("bf16"));
  if (models_->count() > 0) {
    const QString last = models_->item(models_->count() - 1)->data(Qt::UserRole).toString();
    if (QFileInfo(last).isDir()) picker_->setStartFolder(QFileInfo(last).absolutePath());
  }
  connect(picker_, &QDialog::accepted, this, [this] {
    for (const QString& model : picker_->selectedModels()) addModel(model);
  });
  picker_->open();
  return picker_;
}

void SweepEditor::chooseDataset() {
  const QString file = QFileDialog::getOpenFileName(this, tr("Choose Dataset"), dataset_->text(),
                                                    tr("Text datasets (*.jsonl *.txt);;All files (*)"));
  if (!file.isEmpty()) dataset_->setText(file);
}

void SweepEditor::chooseSave() {
  const QString start = queue_->workspace().isEmpty() ? QString() : QDir(queue_->workspace()).filePath(name_->text() + ".json");
  const QString file = QFileDialog::getSaveFileName(this, tr("Save Sweep"), start, tr("Sweep files (*.json)"));
  if (file.isEmpty()) return;
  QString error;
  if (!saveTo(file, &error)) QMessageBox::warning(this, tr("Save Sweep"), error);
}

void SweepEditor::chooseLoad() {
  const QString file = QFileDialog::getOpenFileName(this, tr("Load Sweep"), queue_->workspace(), tr("Sweep files (*.json)"));
  if (file.isEmpty()) return;
  QString error;
  if (!loadFrom(file, &error)) QMessageBox::warning(this, tr("Load Sweep"), error);
}

}  // namespace owb::widgets
