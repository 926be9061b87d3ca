#include "sweep_backend_panel.h"

#include "local_worker_process.h"
#include "remote_settings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSpinBox>
#include <QTimer>
#include <QtConcurrent>

#include <cmath>

namespace owb::widgets {

using owb::jobs::RunPodSweepOptions;
using owb::jobs::SweepBackend;

namespace {

const QString kLocal = QStringLiteral("local");
const QString kRunPod = QStringLiteral("runpod");
constexpr int kEstimateDebounceMs = 400;
constexpr int kEstimateTimeoutMs = 60000;
constexpr int kConfiguredRole = Qt::UserRole + 1;  // the kind is set up (or built in)
constexpr int kSummaryRole = Qt::UserRole + 2;     // what Settings hold for that host

// Shortest text that reads back as the same double: the file's number, saved back unchanged.
QString numberText(double value) { return value > 0 ? QString::number(value, 'g', QLocale::FloatingPointShortest) : QString(); }

QSpinBox* defaultableSpin(int max, QWidget* parent) {
  auto* spin = new QSpinBox(parent);
  spin->setRange(0, max);  // 0: the backend's setting (the key is left out of sweep.json)
  return spin;
}

}  // namespace

SweepBackendPanel::SweepBackendPanel(QWidget* parent) : QGroupBox(tr("Backend"), parent) {
  kind_ = new QComboBox(this);
  kind_->setToolTip(tr("Where the sweep's jobs run. SSH hosts, SLURM and the RunPod defaults are set in Settings > Remote Backends…"));
  concurrency_ = new QSpinBox(this);
  concurrency_->setRange(1, 64);
  concurrency_->setToolTip(tr("Jobs of this sweep's backend that run at the same time."));
  host_summary_ = new QLabel(this);
  host_summary_->setWordWrap(true);

  gpu_types_ = new QLineEdit(this);
  gpu_types_->setToolTip(tr("GPU type ids in preference order, comma-separated; empty: the list in Settings"));
  gpu_count_ = defaultableSpin(64, this);
  cloud_ = new QComboBox(this);
  cloud_->addItem(QString(), QString());
  cloud_->addItem(QStringLiteral("SECURE"), QStringLiteral("SECURE"));
  cloud_->addItem(QStringLiteral("COMMUNITY"), QStringLiteral("COMMUNITY"));
  disk_ = defaultableSpin(100000, this);
  disk_->setSuffix(tr(" GB"));
  image_ = new QLineEdit(this);
  keep_running_ = new QComboBox(this);
  keep_running_->addItem(tr("as in Settings (terminate)"));
  keep_running_->addItem(tr("No: terminate each pod when its job ends"));
  keep_running_->addItem(tr("Yes: keep pods running (billed until you terminate them)"));
  min_vram_ = new QLineEdit(this);
  min_vram_->setPlaceholderText(tr("no minimum; \"auto\" or GiB"));
  min_vram_->setToolTip(tr("GPU types with less memory (x GPU count) are skipped. \"auto\": the largest model's "
                           "figure from owb estimate-vram for this sweep's run shape."));
  max_usd_per_hour_ = new QLineEdit(this);
  max_usd_per_hour_->setPlaceholderText(tr("no cap"));
  max_usd_per_hour_->setToolTip(tr("A pod's price cap (all its GPUs together): GPU types above it are never requested."));
  max_total_usd_ = new QLineEdit(this);
  max_total_usd_->setPlaceholderText(tr("no cap"));
  max_total_usd_->setToolTip(tr("The sweep's budget: past it nothing more is launched and its pods are terminated."));

  problem_label_ = new QLabel(this);
  problem_label_->setWordWrap(true);
  problem_label_->setStyleSheet(QStringLiteral("color: #c62828;"));
  estimate_label_ = new QLabel(this);
  estimate_label_->setWordWrap(true);
  estimate_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);

  // One form, so every label lines up; the RunPod rows show for RunPod only.
  form_ = new QFormLayout(this);
  form_->addRow(tr("Run on:"), kind_);
  form_->addRow(tr("Parallel jobs:"), concurrency_);
  form_->addRow(host_summary_);
  form_->addRow(tr("GPU types:"), gpu_types_);
  form_->addRow(tr("GPUs per pod:"), gpu_count_);
  form_->addRow(tr("Cloud:"), cloud_);
  form_->addRow(tr("Container disk:"), disk_);
  form_->addRow(tr("Image:"), image_);
  form_->addRow(tr("Keep running:"), keep_running_);
  form_->addRow(tr("Min. VRAM (GiB):"), min_vram_);
  form_->addRow(tr("Max. $/hour per pod:"), max_usd_per_hour_);
  form_->addRow(tr("Max. total $:"), max_total_usd_);
  form_->addRow(problem_label_);
  form_->addRow(estimate_label_);

  estimate_timer_ = new QTimer(this);
  estimate_timer_->setSingleShot(true);
  estimate_timer_->setInterval(kEstimateDebounceMs);
  connect(estimate_timer_, &QTimer::timeout, this, &SweepBackendPanel::startEstimate);

  connect(kind_, &QComboBox::currentIndexChanged, this, &SweepBackendPanel::onChanged);
  for (QComboBox* box : {cloud_, keep_running_}) connect(box, &QComboBox::currentIndexChanged, this, &SweepBackendPanel::onChanged);
  for (QSpinBox* spin : {concurrency_, gpu_count_, disk_}) connect(spin, &QSpinBox::valueChanged, this, &SweepBackendPanel::onChanged);
  for (QLineEdit* edit : {gpu_types_, image_, min_vram_, max_usd_per_hour_, max_total_usd_})
    connect(edit, &QLineEdit::textChanged, this, &SweepBackendPanel::onChanged);

  reloadRemoteBackends();
  setBackend(SweepBackend{});
}

void SweepBackendPanel::addKind(const QString& text, const QString& kind, const QString& summary, bool configured) {
  kind_->addItem(text, kind);
  kind_->setItemData(kind_->count() - 1, configured, kConfiguredRole);
  kind_->setItemData(kind_->count() - 1, summary, kSummaryRole);
}

int SweepBackendPanel::kindIndex(const QString& kind) {
  const int index = kind_->findData(kind);
  if (index >= 0) return index;
  // A sweep's backend that Settings do not have (any more): kept, and refused by problem().
  for (int i = kind_->count() - 1; i >= 0; --i)
    if (!kind_->itemData(i, kConfiguredRole).toBool()) kind_->removeItem(i);  // an earlier file's
  addKind(tr("%1 (not in Settings > Remote Backends)").arg(kind), kind, QString(), false);
  return kind_->count() - 1;
}

void SweepBackendPanel::reloadRemoteBackends() {
  const owb::remote::RemoteSettings settings = owb::remote::RemoteSettings::load();
  const bool was_initializing = initializing_;
  initializing_ = true;
  const QString current = kind_->currentData().toString();
  kind_->clear();
  addKind(tr("This machine (local)"), kLocal, QString(), true);
  addKind(tr("RunPod"), kRunPod, QString(), true);
  const QString edit_hint = tr("(change it in Settings > Remote Backends…)");
  for (const owb::remote::SshHostEntry& h : settings.hosts) {
    if (h.name.isEmpty() || h.host.isEmpty()) continue;
    const QString login = QStringLiteral("%1@%2:%3").arg(h.user, h.host).arg(h.port);
    addKind(tr("SSH host %1").arg(h.name), QStringLiteral("ssh:") + h.name,
            tr("%1, runs in %2 with %3 %4").arg(login, h.work_dir, h.owb_path, edit_hint), true);
    if (h.slurm)
      addKind(tr("SLURM on %1").arg(h.name), QStringLiteral("slurm:") + h.name,
              tr("sbatch %1 on %2, runs in %3 %4").arg(h.sbatchArgs().join(QLatin1Char(' ')), login, h.work_dir, edit_hint), true);
  }
  // What the fields leave to the backend, shown where the field is empty.
  gpu_types_->setPlaceholderText(settings.runpod_gpu_types.join(QStringLiteral(", ")));
  gpu_count_->setSpecialValueText(tr("as in Settings (1)"));
  cloud_->setItemText(0, tr("as in Settings (%1)").arg(settings.runpod_cloud));
  disk_->setSpecialValueText(tr("as in Settings (%1 GB)").arg(settings.runpod_disk_gb));
  image_->setPlaceholderText(settings.runpod_image);
  kind_->setCurrentIndex(kindIndex(current.isEmpty() ? kLocal : current));
  initializing_ = was_initializing;
  if (!initializing_) onChanged();
}

void SweepBackendPanel::showEvent(QShowEvent* event) {
  reloadRemoteBackends();
  QGroupBox::showEvent(event);
}

void SweepBackendPanel::setBackend(const SweepBackend& b) {
  initializing_ = true;
  kind_->setCurrentIndex(kindIndex(b.kind));
  concurrency_->setValue(qMax(1, b.concurrency));
  const RunPodSweepOptions& r = b.runpod;
  gpu_types_->setText(r.gpu_types.join(QStringLiteral(", ")));
  gpu_count_->setValue(r.gpu_count);
  while (cloud_->count() > 3) cloud_->removeItem(3);  // an earlier file's unknown cloud
  int cloud = cloud_->findData(r.cloud);
  if (cloud < 0) {  // kept as loaded; problem() says what is wrong with it
    cloud_->addItem(r.cloud, r.cloud);
    cloud = cloud_->count() - 1;
  }
  cloud_->setCurrentIndex(cloud);
  disk_->setValue(r.container_disk_gb);
  image_->setText(r.image);
  keep_running_->setCurrentIndex(!r.keep_running ? 0 : *r.keep_running ? 2 : 1);
  min_vram_->setText(r.min_vram_auto ? QLatin1String(owb::jobs::kVramAuto) : numberText(r.min_vram_gib));
  max_usd_per_hour_->setText(numberText(r.max_usd_per_hour));
  max_total_usd_->setText(numberText(r.max_total_usd));
  initializing_ = false;
  onChanged();
}

void SweepBackendPanel::writeTo(SweepBackend* b) const {
  b->kind = kind_->currentData().toString();
  b->concurrency = concurrency_->value();
  RunPodSweepOptions r;
  for (const QString& id : gpu_types_->text().split(QLatin1Char(','), Qt::SkipEmptyParts))
    if (!id.trimmed().isEmpty()) r.gpu_types << id.trimmed();
  r.gpu_count = gpu_count_->value();
  r.cloud = cloud_->currentData().toString();
  r.container_disk_gb = disk_->value();
  r.image = image_->text().trimmed();
  if (keep_running_->currentIndex() > 0) r.keep_running = keep_running_->currentIndex() == 2;
  const Number vram = parseNumber(min_vram_->text(), "min_vram_gib", true);
  if (vram.problem.isEmpty()) {
    r.min_vram_auto = vram.auto_value;
    r.min_vram_gib = vram.value;
  }
  const Number rate = parseNumber(max_usd_per_hour_->text(), "max_usd_per_hour", false);
  if (rate.problem.isEmpty()) r.max_usd_per_hour = rate.value;
  const Number total = parseNumber(max_total_usd_->text(), "max_total_usd", false);
  if (total.problem.isEmpty()) r.max_total_usd = total.value;
  b->runpod = r;
}

SweepBackendPanel::Number SweepBackendPanel::parseNumber(const QString& input, const char* field, bool allow_auto) {
  Number n;
  QString text = input.trimmed();
  if (text.isEmpty()) return n;
  const QString name = QStringLiteral("backend.runpod.%1").arg(QLatin1String(field));
  if (allow_auto && text.compare(QLatin1String(owb::jobs::kVramAuto), Qt::CaseInsensitive) == 0) {
    n.auto_value = true;
    return n;
  }
  if (!allow_auto && text.startsWith(QLatin1Char('$'))) text = text.mid(1).trimmed();
  // The file's notation first (1.5), then the user's (1,5 in German).
  bool ok = false;
  n.value = QLocale::c().toDouble(text, &ok);
  if (!ok) n.value = QLocale().toDouble(text, &ok);
  if (!ok || !std::isfinite(n.value)) {
    n.value = 0;
    n.problem = allow_auto ? tr("%1: \"%2\" is not a number of GiB or auto").arg(name, input.trimmed())
                           : tr("%1: \"%2\" is not an amount of US dollars").arg(name, input.trimmed());
    return n;
  }
  if (n.value <= 0) {
    n.problem = allow_auto ? tr("%1: must be more than 0 GiB (leave it empty for no minimum)").arg(name)
                           : tr("%1: must be more than $0 (leave it empty for no cap)").arg(name);
    n.value = 0;
  }
  return n;
}

QStringList SweepBackendPanel::problems() const {
  QStringList out;
  const QString kind = kind_->currentData().toString();
  if (!kind_->currentData(kConfiguredRole).toBool())
    out << tr("backend.kind: \"%1\" is not set up in Settings > Remote Backends…").arg(kind);
  if (kind != kRunPod) return out;
  const Number vram = parseNumber(min_vram_->text(), "min_vram_gib", true);
  const Number rate = parseNumber(max_usd_per_hour_->text(), "max_usd_per_hour", false);
  const Number total = parseNumber(max_total_usd_->text(), "max_total_usd", false);
  for (const Number* n : {&vram, &rate, &total})
    if (!n->problem.isEmpty()) out << n->problem;
  SweepBackend b;
  writeTo(&b);
  const QString options = owb::jobs::validateRunPodOptions(b.runpod);
  if (!options.isEmpty()) out << options;
  return out;
}

QString SweepBackendPanel::problem() const { return problems().value(0); }

void SweepBackendPanel::onChanged() {
  if (initializing_) return;
  showKind();
  updateProblems();
  renderEstimate();
  emit changed();
}

bool SweepBackendPanel::showsRunPodOptions() const { return gpu_types_->isVisibleTo(this); }

QList<QWidget*> SweepBackendPanel::runPodFields() const {
  return {gpu_types_, gpu_count_, cloud_, disk_, image_, keep_running_, min_vram_, max_usd_per_hour_, max_total_usd_, estimate_label_};
}

void SweepBackendPanel::showKind() {
  const QString kind = kind_->currentData().toString();
  const QString summary = kind_->currentData(kSummaryRole).toString();
  host_summary_->setText(summary);
  form_->setRowVisible(host_summary_, !summary.isEmpty());
  for (QWidget* field : runPodFields()) form_->setRowVisible(field, kind == kRunPod);
}

void SweepBackendPanel::updateProblems() {
  const QStringList all = problems();
  problem_label_->setText(all.join(QLatin1Char('\n')));
  form_->setRowVisible(problem_label_, !all.isEmpty());
}

void SweepBackendPanel::setSweepForEstimate(const owb::jobs::Sweep& sweep, int jobs) {
  jobs_ = jobs;
  estimate_models_ = sweep.models;
  estimate_arguments_ = owb::jobs::vramEstimateArguments(sweep);
  estimate_streaming_ = sweep.model_options.value(QLatin1String("streaming")).toBool();
  estimate_key_ = estimate_models_.join(QLatin1Char('\n')) + QLatin1Char('\n') + estimate_arguments_.join(QLatin1Char(' ')) +
                  (estimate_streaming_ ? QStringLiteral(" streaming") : QString());
  renderEstimate();
}

void SweepBackendPanel::startEstimate() {
  if (kind_->currentData().toString() != kRunPod || estimate_models_.isEmpty() ||
      !parseNumber(min_vram_->text(), "min_vram_gib", true).auto_value)
    return;
  const quint64 generation = ++estimate_generation_;
  estimating_ = true;
  const QString key = estimate_key_;
  estimating_key_ = key;
  const QStringList models = estimate_models_, arguments = estimate_arguments_;
  const bool streaming = estimate_streaming_;
  const QString owb = owb::jobs::LocalWorkerProcess::owbBinary();
  auto* watcher = new QFutureWatcher<owb::jobs::AutoVram>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation, key] {
    watcher->deleteLater();
    if (generation != estimate_generation_) return;  // the sweep changed meanwhile: a newer run reports
    const owb::jobs::AutoVram result = watcher->result();
    estimating_ = false;
    estimated_key_ = key;
    estimate_gib_ = result.min_vram_gib;
    estimate_model_ = result.model;
    estimate_error_ = result.error;
    renderEstimate();
    emit estimateUpdated();
  });
  // The queue's own resolution (sweep_runpod.h): the figure shown is the one a launch will use.
  watcher->setFuture(QtConcurrent::run(
      [models, arguments, owb, streaming] { return owb::jobs::resolveAutoMinVram(models, arguments, owb, streaming, kEstimateTimeoutMs); }));
}

void SweepBackendPanel::renderEstimate() {
  if (kind_->currentData().toString() != kRunPod) {
    estimate_timer_->stop();
    return;
  }
  QStringList parts;
  const Number vram = parseNumber(min_vram_->text(), "min_vram_gib", true);
  if (vram.auto_value) {
    const bool current = estimated_key_ == estimate_key_;
    if (estimate_models_.isEmpty()) {
      parts << tr("min. VRAM auto: add a model to estimate it");
    } else if (!current) {
      parts << tr("min. VRAM auto: estimating with owb estimate-vram…");
      const bool under_way = estimating_ && estimating_key_ == estimate_key_;
      if (!under_way && !estimate_timer_->isActive()) estimate_timer_->start();
    } else if (!estimate_error_.isEmpty()) {
      parts << estimate_error_;
    } else {
      parts << tr("min. VRAM auto = %1 GiB (%2 needs the most)").arg(QLocale().toString(estimate_gib_, 'f', 1), estimate_model_);
    }
  }
  const Number rate = parseNumber(max_usd_per_hour_->text(), "max_usd_per_hour", false);
  if (rate.problem.isEmpty() && rate.value > 0) {
    // max_usd_per_hour caps a whole pod (price x GPU count): the worst case is every pod the
    // sweep may have at once at that price.
    const int pods = qMax(1, jobs_ > 0 ? qMin(jobs_, concurrency_->value()) : concurrency_->value());
    const double worst = pods * rate.value;
    parts << tr("worst case $%1/hour (%n pod(s) at once x $%2/hour)", nullptr, pods)
                 .arg(QLocale().toString(worst, 'f', 2), QLocale().toString(rate.value, 'f', 2));
    const Number total = parseNumber(max_total_usd_->text(), "max_total_usd", false);
    if (total.problem.isEmpty() && total.value > 0)
      parts << tr("max. total $%1 lasts at least %2 h at that rate")
                   .arg(QLocale().toString(total.value, 'f', 2), QLocale().toString(total.value / worst, 'f', 1));
  }
  estimate_label_->setText(parts.isEmpty() ? tr("Estimate: set min. VRAM to auto or a max. $/hour to see the VRAM and the worst-case cost here.")
                                           : tr("Estimate: %1").arg(parts.join(QStringLiteral("; "))));
}

}  // namespace owb::widgets
