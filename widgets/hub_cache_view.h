#pragma once
// View > Hugging Face Cache: the models and datasets in the Hugging Face cache (huggingface_hub's
// own, so what the Python tools downloaded is listed too) with their size and the total, from
// `owb cache list --json` and `owb cache size --json`; Delete (after a confirmation) runs
// `owb cache delete ID`; Download runs `owb download` with a progress bar (HubDownloadPanel).
// Every command is a child process: the dialog never waits for one.
#include <QDialog>

class QLabel;
class QMessageBox;
class QPushButton;
class QTableView;

namespace owb::models {
class HubCacheModel;
class OwbProcess;
}  // namespace owb::models

namespace owb::widgets {

class HubDownloadPanel;

class HubCacheDialog : public QDialog {
  Q_OBJECT
 public:
  explicit HubCacheDialog(QWidget* parent = nullptr);

  // Reads the cache again (owb cache list, then owb cache size); refreshed() follows.
  void refresh();
  bool isBusy() const;
  // Asks to delete the selected model (a message box, answered asynchronously); deleted() follows a yes.
  void deleteSelected();
  // The open "Delete …?" question, or nullptr.
  QMessageBox* deleteQuestion() const { return question_; }
  bool selectRepo(const QString& id);

  owb::models::HubCacheModel* model() const { return model_; }
  QTableView* view() const { return view_; }
  QLabel* totalLabel() const { return total_; }
  QLabel* statusLabel() const { return status_; }
  QPushButton* deleteButton() const { return delete_; }
  QPushButton* refreshButton() const { return refresh_; }
  HubDownloadPanel* downloadPanel() const { return download_; }

 signals:
  void refreshed();
  void deleted(const QString& id, bool ok);

 private:
  void onListed(int exit_code, const QByteArray& out, const QString& error);
  void onSized(int exit_code, const QByteArray& out);
  void onDeleted(const QString& id, int exit_code, const QString& error);
  void startDelete(const QString& id);
  void updateButtons();
  void updateTotal();

  owb::models::HubCacheModel* model_ = nullptr;
  owb::models::OwbProcess* list_process_ = nullptr;
  owb::models::OwbProcess* delete_process_ = nullptr;
  QString cache_root_;
  qint64 dataset_rows_bytes_ = -1;
  QString status_after_refresh_;  // what the last delete did, shown once the list is read again
  QTableView* view_ = nullptr;
  QLabel* total_ = nullptr;
  QLabel* status_ = nullptr;
  QPushButton* refresh_ = nullptr;
  QPushButton* delete_ = nullptr;
  QMessageBox* question_ = nullptr;
  HubDownloadPanel* download_ = nullptr;
};

}  // namespace owb::widgets
