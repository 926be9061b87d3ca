#pragma once
// What the model picker knows about one checkpoint: family, layers, hidden size, parameters
// (total and active), storage dtype, size on disk and a VRAM estimate for the chosen compute
// dtype. inspect() runs owb in the background (CheckpointInspector); the panel says "checking…",
// then shows the numbers, or why the folder or id cannot be used.
#include "checkpoint_info.h"

#include <QMap>
#include <QWidget>

#include <optional>

class QComboBox;
class QFormLayout;
class QLabel;

namespace owb::models {
class CheckpointInspector;
}

namespace owb::widgets {

class CheckpointInfoPanel : public QWidget {
  Q_OBJECT
 public:
  enum class State { Empty, Busy, Valid, Invalid };
  Q_ENUM(State)

  explicit CheckpointInfoPanel(QWidget* parent = nullptr);

  void inspect(const QString& model);
  // Back to no checkpoint, with `message` (e.g. why the input is not even worth inspecting).
  void clear(const QString& message = QString());
  // The run the VRAM estimate is for: its shape and compute dtype (bf16, f16, f32).
  void setRunShape(int batch_size, int sequence_length, int num_sequences, const QString& dtype);

  State state() const { return state_; }
  QString model() const { return model_; }
  QString statusText() const;
  const std::optional<owb::models::CheckpointInfo>& info() const { return info_; }
  const owb::models::VramEstimate& vram() const { return vram_; }
  // The shown value of a field: "family", "layers", "hidden", "params", "active", "dtype", "disk", "vram".
  QString fieldText(const QString& field) const;
  QComboBox* dtypeBox() const { return dtype_; }

 signals:
  void stateChanged(owb::widgets::CheckpointInfoPanel::State state);

 private:
  void setState(State state, const QString& status);
  void showInfo(const owb::models::CheckpointInfo& info, const owb::models::VramEstimate& vram);
  void showFailure(const QString& model, const QString& error);
  QString vramText(const owb::models::VramEstimate& vram) const;

  owb::models::CheckpointInspector* inspector_ = nullptr;
  State state_ = State::Empty;
  QString model_;
  std::optional<owb::models::CheckpointInfo> info_;
  owb::models::VramEstimate vram_;
  QLabel* status_ = nullptr;
  QComboBox* dtype_ = nullptr;
  QMap<QString, QLabel*> fields_;
};

}  // namespace owb::widgets
