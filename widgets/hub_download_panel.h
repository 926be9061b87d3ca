#pragma once
// "Download" in the Hugging Face cache view: `owb download ID --events --json` as a child
// process; its progress events ({"event":"progress","stage":"download","file","done","total"},
// bytes of the whole download) drive the progress bar; Cancel kills the process (what was
// fetched stays in the cache as *.incomplete blobs, resumed by the next download).
#include <QWidget>

class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;

namespace owb::models {
class OwbProcess;
}

namespace owb::widgets {

class HubDownloadPanel : public QWidget {
  Q_OBJECT
 public:
  explicit HubDownloadPanel(QWidget* parent = nullptr);

  // Starts downloading `id` (org/name[@revision]); false, with the reason shown, when it is not one.
  bool download(const QString& id);
  void cancel();
  bool isDownloading() const;

  QLineEdit* idEdit() const { return id_; }
  QPushButton* downloadButton() const { return download_; }
  QPushButton* cancelButton() const { return cancel_; }
  QProgressBar* progressBar() const { return progress_; }
  QLabel* statusLabel() const { return status_; }
  // Progress events seen during the last download.
  int progressEvents() const { return progress_events_; }

 signals:
  // ok: the snapshot folder is `path`; otherwise `error` says why (or "cancelled").
  void finished(const QString& id, bool ok, const QString& path, const QString& error);

 private:
  void onLine(const QByteArray& line);
  void onFinished(int exit_code, const QByteArray& out, const QString& error);
  void setRunning(bool running);

  owb::models::OwbProcess* process_ = nullptr;
  QString current_id_;
  int progress_events_ = 0;
  QLineEdit* id_ = nullptr;
  QPushButton* download_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
};

}  // namespace owb::widgets
