#include "owb_process.h"

#include "local_worker_process.h"

#include <QCoreApplication>
#include <QProcess>
#include <QTimer>

namespace owb::models {

namespace {
// owb writes "owb inspect: error: <what>" as its last stderr line; the prefix says nothing new.
QString lastErrorLine(const QByteArray& stderr_bytes) {
  const QList<QByteArray> lines = stderr_bytes.trimmed().split('\n');
  for (auto it = lines.crbegin(); it != lines.crend(); ++it) {
    QString line = QString::fromUtf8(it->trimmed());
    if (line.isEmpty()) continue;
    const qsizetype marker = line.indexOf(QLatin1String(": error: "));
    if (line.startsWith(QLatin1String("owb")) && marker >= 0) line = line.mid(marker + 9);
    return line;
  }
  return QString();
}
}  // namespace

OwbProcess::OwbProcess(QObject* parent) : QObject(parent) {}

OwbProcess::~OwbProcess() {
  if (process_ && process_->state() != QProcess::NotRunning) {
    process_->disconnect(this);
    process_->kill();
    process_->waitForFinished(2000);
  }
}

QString OwbProcess::binary() { return owb::jobs::LocalWorkerProcess::owbBinary(); }

void OwbProcess::start(const QStringList& args, const QProcessEnvironment& environment) {
  if (process_) {
    // The previous command is abandoned: killed, deleted once it has exited, never reported.
    process_->disconnect(this);
    if (process_->state() != QProcess::NotRunning) {
      connect(process_, &QProcess::finished, process_, &QObject::deleteLater);
      process_->kill();
    } else {
      process_->deleteLater();
    }
    process_ = nullptr;
  }
  const quint64 generation = ++generation_;
  args_ = args;
  stdout_.clear();
  pending_line_.clear();
  stderr_.clear();
  cancelled_ = false;
  start_failed_ = false;
  const QString owb = binary();
  if (owb.isEmpty()) {
    QTimer::singleShot(0, this, [this, generation] {
      if (generation != generation_) return;
      emit finished(-1, QByteArray(), tr("owb not found: set OWB_BINARY or install owb next to the application"));
    });
    return;
  }
  process_ = new QProcess(this);
  process_->setProcessEnvironment(environment);
  connect(process_, &QProcess::readyReadStandardOutput, this, &OwbProcess::readStdout);
  connect(process_, &QProcess::readyReadStandardError, this, [this] { stderr_ += process_->readAllStandardError(); });
  connect(process_, &QProcess::finished, this, &OwbProcess::onFinished);
  connect(process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart) return;  // the others end in finished()
    start_failed_ = true;
    onFinished();
  });
  process_->start(owb, args);
}

void OwbProcess::cancel() {
  if (!isRunning()) return;
  cancelled_ = true;
  process_->kill();
}

bool OwbProcess::isRunning() const { return process_ && process_->state() != QProcess::NotRunning; }

void OwbProcess::readStdout() {
  const QByteArray bytes = process_->readAllStandardOutput();
  stdout_ += bytes;
  pending_line_ += bytes;
  qsizetype newline = 0;
  while ((newline = pending_line_.indexOf('\n')) >= 0) {
    const QByteArray line = pending_line_.left(newline).trimmed();
    pending_line_.remove(0, newline + 1);
    if (!line.isEmpty()) emit lineRead(line);
  }
}

QString OwbProcess::errorText(int exit_code) const {
  if (cancelled_) return tr("cancelled");
  if (start_failed_) return tr("owb could not be started: %1").arg(process_->errorString());
  const QString owb_says = lastErrorLine(stderr_);
  if (exit_code < 0) return owb_says.isEmpty() ? tr("owb crashed") : tr("owb crashed: %1").arg(owb_says);
  return owb_says.isEmpty() ? tr("owb exited with code %1").arg(exit_code) : owb_says;
}

void OwbProcess::onFinished() {
  if (!process_) return;
  readStdout();
  stderr_ += process_->readAllStandardError();
  if (!pending_line_.trimmed().isEmpty()) emit lineRead(pending_line_.trimmed());
  pending_line_.clear();
  const bool normal = !start_failed_ && process_->exitStatus() == QProcess::NormalExit && !cancelled_;
  const int exit_code = normal ? process_->exitCode() : -1;
  const QString error = exit_code == 0 ? QString() : errorText(exit_code);
  emit finished(exit_code, stdout_, error);
}

}  // namespace owb::models
