#include "hub_download_panel.h"

#include "checkpoint_info.h"
#include "owb_process.h"

#include <QDir>
#include <QGridLayout>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace owb::widgets {

namespace {
constexpr int kProgressSteps = 1000;
const char* const kErrorStyle = "color: #c62828;";
}  // namespace

HubDownloadPanel::HubDownloadPanel(QWidget* parent) : QWidget(parent) {
  process_ = new owb::models::OwbProcess(this);
  connect(process_, &owb::models::OwbProcess::lineRead, this, &HubDownloadPanel::onLine);
  connect(process_, &owb::models::OwbProcess::finished, this, &HubDownloadPanel::onFinished);
  id_ = new QLineEdit(this);
  id_->setPlaceholderText(tr("org/name or org/name@revision"));
  download_ = new QPushButton(tr("&Download"), this);
  cancel_ = new QPushButton(tr("Cancel"), this);
  progress_ = new QProgressBar(this);
  progress_->setRange(0, kProgressSteps);
  progress_->setValue(0);
  status_ = new QLabel(this);
  status_->setWordWrap(true);
  status_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  auto* layout = new QGridLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(id_, 0, 0);
  layout->addWidget(download_, 0, 1);
  layout->addWidget(progress_, 1, 0);
  layout->addWidget(cancel_, 1, 1);
  layout->addWidget(status_, 2, 0, 1, 2);
  connect(download_, &QPushButton::clicked, this, [this] { download(id_->text().trimmed()); });
  connect(id_, &QLineEdit::returnPressed, this, [this] {
    if (!isDownloading()) download(id_->text().trimmed());
  });
  connect(cancel_, &QPushButton::clicked, this, &HubDownloadPanel::cancel);
  setRunning(false);
  progress_->hide();
}

bool HubDownloadPanel::download(const QString& id) {
  if (isDownloading()) return false;
  const QString problem = owb::models::hubIdProblem(id);
  if (!problem.isEmpty()) {
    status_->setStyleSheet(QLatin1String(kErrorStyle));
    status_->setText(tr("Not a hub id: %1").arg(problem));
    return false;
  }
  current_id_ = id;
  progress_events_ = 0;
  progress_->setRange(0, 0);  // busy until the first event says how much there is
  progress_->show();
  status_->setStyleSheet(QString());
  status_->setText(tr("Downloading %1…").arg(id));
  setRunning(true);
  process_->start({QStringLiteral("download"), id, QStringLiteral("--events"), QStringLiteral("--json")});
  return true;
}

void HubDownloadPanel::cancel() { process_->cancel(); }

bool HubDownloadPanel::isDownloading() const { return process_->isRunning(); }

void HubDownloadPanel::setRunning(bool running) {
  download_->setEnabled(!running);
  id_->setEnabled(!running);
  cancel_->setEnabled(running);
  cancel_->setVisible(running);
}

void HubDownloadPanel::onLine(const QByteArray& line) {
  if (!line.startsWith('{')) return;  // the final --json object spans several lines
  const QJsonObject event = QJsonDocument::fromJson(line).object();
  if (event.value("event").toString() != QLatin1String("progress")) return;
  ++progress_events_;
  const double done = event.value("done").toDouble();
  const double total = event.value("total").toDouble();
  if (total > 0) {
    progress_->setRange(0, kProgressSteps);
    progress_->setValue(int(std::clamp(done / total, 0.0, 1.0) * kProgressSteps));
  }
  status_->setText(tr("Downloading %1: %2 (%3 of %4)")
                       .arg(current_id_, event.value("file").toString(), owb::models::formatBytes(qint64(done)),
                            owb::models::formatBytes(qint64(total))));
}

void HubDownloadPanel::onFinished(int exit_code, const QByteArray& out, const QString& error) {
  setRunning(false);
  const QString id = current_id_;
  if (exit_code != 0) {
    progress_->hide();
    status_->setStyleSheet(process_->cancelled() ? QString() : QLatin1String(kErrorStyle));
    status_->setText(process_->cancelled() ? tr("Download of %1 cancelled; a later download resumes it.").arg(id)
                                           : tr("Download of %1 failed: %2").arg(id, error));
    emit finished(id, false, QString(), error);
    return;
  }
  // stdout: progress lines, then the pretty-printed --json result.
  const qsizetype brace = out.lastIndexOf("\n{");
  const QJsonObject result = QJsonDocument::fromJson(brace >= 0 ? out.mid(brace + 1) : out).object();
  const QString path = result.value("path").toString();
  progress_->setRange(0, kProgressSteps);
  progress_->setValue(kProgressSteps);
  status_->setText(tr("%1 is in the cache: %2 (%3 downloaded)")
                       .arg(id, QDir::toNativeSeparators(path),
                            owb::models::formatBytes(qint64(result.value("downloaded_bytes").toDouble()))));
  emit finished(id, true, path, QString());
}

}  // namespace owb::widgets
