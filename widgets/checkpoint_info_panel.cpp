#include "checkpoint_info_panel.h"

#include "checkpoint_inspector.h"

#include <QComboBox>
#include <QDir>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QVBoxLayout>

namespace owb::widgets {

using owb::models::CheckpointInfo;
using owb::models::VramEstimate;

namespace {
const char* const kErrorStyle = "color: #c62828;";
const char* const kOkStyle = "color: #2e7d32;";
}  // namespace

CheckpointInfoPanel::CheckpointInfoPanel(QWidget* parent) : QWidget(parent) {
  inspector_ = new owb::models::CheckpointInspector(this);
  connect(inspector_, &owb::models::CheckpointInspector::inspected, this, &CheckpointInfoPanel::showInfo);
  connect(inspector_, &owb::models::CheckpointInspector::failed, this, &CheckpointInfoPanel::showFailure);

  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  dtype_ = new QComboBox(this);
  dtype_->addItem(tr("bfloat16"), QStringLiteral("bf16"));
  dtype_->addItem(tr("float16"), QStringLiteral("f16"));
  dtype_->addItem(tr("float32"), QStringLiteral("f32"));
  dtype_->setToolTip(tr("The dtype the model runs in, for the VRAM estimate."));
  dtype_->setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
  connect(dtype_, qOverload<int>(&QComboBox::currentIndexChanged), this, [this] {
    if (!model_.isEmpty() && state_ != State::Empty) inspect(model_);
  });

  auto* form = new QFormLayout;
  const QList<QPair<QString, QString>> rows = {
      {"family", tr("Family:")},     {"layers", tr("Layers:")},  {"hidden", tr("Hidden size:")},
      {"params", tr("Parameters:")}, {"active", tr("Active parameters:")}, {"dtype", tr("Stored as:")},
      {"disk", tr("Size on disk:")}, {"vram", tr("VRAM estimate:")}};
  for (const auto& [key, label] : rows) {
    auto* value = new QLabel(this);
    value->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fields_.insert(key, value);
    form->addRow(label, value);
  }
  form->addRow(tr("Compute dtype:"), dtype_);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(status_);
  layout->addLayout(form);
  layout->addStretch(1);
  clear();
}

void CheckpointInfoPanel::inspect(const QString& model) {
  model_ = model;
  info_.reset();
  for (QLabel* field : fields_) field->clear();
  setState(State::Busy, tr("Checking %1 with owb inspect…").arg(QDir::toNativeSeparators(model)));
  inspector_->inspect(model, dtype_->currentData().toString());
}

void CheckpointInfoPanel::clear(const QString& message) {
  inspector_->cancel();
  model_.clear();
  info_.reset();
  vram_ = VramEstimate();
  for (QLabel* field : fields_) field->clear();
  setState(message.isEmpty() ? State::Empty : State::Invalid, message);
}

void CheckpointInfoPanel::setRunShape(int batch_size, int sequence_length, int num_sequences, const QString& dtype) {
  inspector_->setEstimateOptions({QStringLiteral("--batch-size"), QString::number(batch_size), QStringLiteral("--seq-len"),
                                  QString::number(sequence_length), QStringLiteral("--num-sequences"),
                                  QString::number(num_sequences)});
  const int index = dtype_->findData(dtype);
  if (index >= 0) dtype_->setCurrentIndex(index);
}

QString CheckpointInfoPanel::statusText() const { return status_->text(); }

QString CheckpointInfoPanel::fieldText(const QString& field) const {
  const QLabel* label = fields_.value(field);
  return label ? label->text() : QString();
}

void CheckpointInfoPanel::setState(State state, const QString& status) {
  state_ = state;
  status_->setText(status);
  status_->setStyleSheet(state == State::Invalid ? QLatin1String(kErrorStyle)
                         : state == State::Valid ? QLatin1String(kOkStyle)
                                                 : QString());
  emit stateChanged(state);
}

QString CheckpointInfoPanel::vramText(const VramEstimate& vram) const {
  const QString dtype = dtype_->currentText();
  if (vram.resident_bytes < 0) return QString();
  const QString resident = owb::models::formatBytes(vram.resident_bytes);
  const QString streaming = vram.streaming_bytes >= 0 ? owb::models::formatBytes(vram.streaming_bytes) : QString();
  if (vram.weights_only)
    return streaming.isEmpty() ? tr("%1 in %2 (weights only)").arg(resident, dtype)
                               : tr("%1 resident, %2 streaming, in %3 (weights only)").arg(resident, streaming, dtype);
  return streaming.isEmpty() ? tr("%1 in %2").arg(resident, dtype)
                             : tr("%1 resident, %2 streaming, in %3").arg(resident, streaming, dtype);
}

void CheckpointInfoPanel::showInfo(const CheckpointInfo& info, const VramEstimate& vram) {
  info_ = info;
  vram_ = vram;
  const QLocale locale;
  QString family = info.family;
  if (info.model_type != info.family && !info.model_type.isEmpty()) family += QStringLiteral(" (%1)").arg(info.model_type);
  if (info.isMoe()) family += tr(", MoE: %1 experts, top-%2").arg(info.experts).arg(info.top_k);
  fields_["family"]->setText(family);
  fields_["layers"]->setText(locale.toString(info.layers));
  fields_["hidden"]->setText(locale.toString(info.hidden_size));
  fields_["params"]->setText(tr("%1 (%2)").arg(owb::models::formatParams(info.total_params), locale.toString(info.total_params)));
  fields_["active"]->setText(tr("%1 (%2)").arg(owb::models::formatParams(info.active_params), locale.toString(info.active_params)));
  fields_["dtype"]->setText(info.dtype);
  fields_["disk"]->setText(owb::models::formatBytes(info.size_on_disk));
  fields_["vram"]->setText(vramText(vram));
  fields_["vram"]->setToolTip(vram.weights_only ? tr("owb has no estimate-vram command: the weights alone, without "
                                                     "activations, at the compute dtype.")
                                                : tr("From owb estimate-vram."));
  const bool resolved = !info.path.isEmpty() && info.path != model_;
  setState(State::Valid, resolved ? tr("A usable checkpoint (cached at %1).").arg(QDir::toNativeSeparators(info.path))
                                  : tr("A usable checkpoint."));
}

void CheckpointInfoPanel::showFailure(const QString& model, const QString& error) {
  if (model != model_) return;
  if (error.contains(QLatin1String("not in the Hugging Face cache")))
    setState(State::Invalid, tr("%1 is not in the Hugging Face cache yet: a run downloads it when it starts, or "
                                "download it now in View > Hugging Face Cache.")
                                 .arg(model));
  else
    setState(State::Invalid, tr("Not a usable checkpoint: %1").arg(error));
}

}  // namespace owb::widgets
