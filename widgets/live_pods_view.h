#pragma once
// The live pods panel (beside the Monitor tab's job table): the workspace's RunPod pods with
// state, GPU, $/hour, uptime and cost so far (LivePodsModel, refreshed off the GUI thread), the
// total burn rate, and a Terminate button for the selected pod.
#include <QWidget>

class QLabel;
class QPushButton;
class QTableView;

namespace owb::models {
class LivePodsModel;
}

namespace owb::widgets {

class LivePodsView : public QWidget {
  Q_OBJECT
 public:
  explicit LivePodsView(owb::models::LivePodsModel* model, QWidget* parent = nullptr);

  // Tests switch the "Terminate pod ...?" question off.
  void setConfirmTerminate(bool confirm) { confirm_ = confirm; }
  QTableView* table() const { return table_; }
  QPushButton* terminateButton() const { return terminate_; }
  QPushButton* refreshButton() const { return refresh_; }
  QLabel* statusLabel() const { return status_; }

 private:
  void terminateSelected();
  void updateStatus();
  QString selectedPod() const;

  owb::models::LivePodsModel* model_;
  QTableView* table_;
  QPushButton* refresh_;
  QPushButton* terminate_;
  QLabel* status_;
  QString last_error_;
  bool confirm_ = true;
};

}  // namespace owb::widgets
