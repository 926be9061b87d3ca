#include "local_worker_process.h"

#include "atomic_json.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QStandardPaths>

namespace owb::jobs {

namespace {
constexpr int kMaxLineShown = 300;
}  // namespace

LocalWorkerProcess::LocalWorkerProcess(QObject* parent) : JobRunner(parent) {
  process_ = new QProcess(this);
  connect(process_, &QProcess::readyReadStandardOutput, this, &LocalWorkerProcess::readStdout);
  connect(process_, &QProcess::readyReadStandardError, this, &LocalWorkerProcess::readStderr);
  connect(process_, &QProcess::finished, this, &LocalWorkerProcess::onFinished);
  connect(process_, &QProcess::errorOccurred, this, &LocalWorkerProcess::onError);
}

LocalWorkerProcess::~LocalWorkerProcess() {
  // Destroyed with the worker still running (the app quits): stop it without reporting.
  done_ = true;
  if (process_->state() != QProcess::NotRunning) {
    process_->kill();
    process_->waitForFinished(3000);
  }
}

QString LocalWorkerProcess::owbBinary() {
  const QString env = qEnvironmentVariable("OWB_BINARY");
  if (!env.isEmpty()) return env;
  const QString app_dir = QCoreApplication::applicationDirPath();
  // Installed side by side, or the build tree (app/gui/outlier-workbench next to app/owb).
  for (const QString& candidate : {app_dir + QStringLiteral("/owb"), app_dir + QStringLiteral("/../owb")}) {
    const QFileInfo info(candidate);
    if (info.isFile() && info.isExecutable()) return info.canonicalFilePath();
  }
  return QStandardPaths::findExecutable(QStringLiteral("owb"));
}

void LocalWorkerProcess::start(const JobLaunch& launch) {
  run_dir_ = launch.run_dir;
  QDir().mkpath(run_dir_);
  openWorkerLog(run_dir_);
  const QString job_file = QDir(run_dir_).filePath(QStringLiteral("job.json"));
  QString error;
  if (!writeJsonAtomic(job_file, launch.worker_job, &error)) {
    finish(QStringLiteral("failed"), tr("could not write the job file: %1").arg(error));
    return;
  }
  const QString owb = owbBinary();
  if (owb.isEmpty()) {
    finish(QStringLiteral("failed"), tr("owb not found: set OWB_BINARY or install owb next to the application"));
    return;
  }
  appendLog(QStringLiteral("[job] %1 worker --job %2").arg(owb, job_file));
  process_->setWorkingDirectory(run_dir_);
  process_->start(owb, {QStringLiteral("worker"), QStringLiteral("--job"), job_file});
}

void LocalWorkerProcess::cancel() {
  if (done_) return;
  cancelled_ = true;
  if (process_->state() != QProcess::NotRunning) process_->kill();
}

qint64 LocalWorkerProcess::processId() const { return process_->processId(); }

void LocalWorkerProcess::readStdout() {
  stdout_buffer_ += process_->readAllStandardOutput();
  for (qsizetype nl; (nl = stdout_buffer_.indexOf('\n')) >= 0;) {
    const QByteArray line = stdout_buffer_.left(nl).trimmed();
    stdout_buffer_.remove(0, nl + 1);
    if (!line.isEmpty()) handleLine(line);
  }
}

void LocalWorkerProcess::readStderr() {
  stderr_buffer_ += process_->readAllStandardError();
  for (qsizetype nl; (nl = stderr_buffer_.indexOf('\n')) >= 0;) {
    const QString line = QString::fromUtf8(stderr_buffer_.left(nl)).trimmed();
    stderr_buffer_.remove(0, nl + 1);
    if (line.isEmpty()) continue;
    appendLog(QStringLiteral("[stderr] ") + line);
    emit log(QStringLiteral("stderr"), line);
  }
}

void LocalWorkerProcess::handleLine(const QByteArray& line) {
  QString why;
  const std::optional<WorkerEvent> event = parseWorkerEvent(line, &why);
  if (!event) {
    // A stray print or a half line from a killed worker: say so and go on.
    const QString shown = QString::fromUtf8(line.left(kMaxLineShown));
    appendLog(QStringLiteral("[job] malformed event line (%1): %2").arg(why, shown));
    emit log(QStringLiteral("warning"), tr("malformed event line (%1): %2").arg(why, shown));
    return;
  }
  if (event->kind == WorkerEvent::Kind::Log) {
    rememberLogEvent(*event);
  }
  dispatch(*event);
}


void LocalWorkerProcess::onError(QProcess::ProcessError error) {
  if (error != QProcess::FailedToStart) return;  // crashes arrive through finished()
  transient_ = false;
  finish(QStringLiteral("failed"), tr("could not start %1: %2").arg(process_->program(), process_->errorString()));
}

void LocalWorkerProcess::onFinished(int exit_code, QProcess::ExitStatus status) {
  readStdout();
  readStderr();
  if (!stdout_buffer_.trimmed().isEmpty()) handleLine(stdout_buffer_.trimmed());  // a last line without newline
  stdout_buffer_.clear();
  if (cancelled_) {
    markRunFailed(run_dir_, tr("cancelled"));
    finish(QStringLiteral("cancelled"), tr("cancelled by the user"));
    return;
  }
  if (finished_event_seen_) {
    transient_ = false;
    finish(finished_status_ == QLatin1String("ok") ? QStringLiteral("ok") : QStringLiteral("failed"), finished_error_);
    return;
  }
  // Killed, crashed or silent: the job failed, and the reason may not be the job's own.
  transient_ = true;
  QString error = status == QProcess::CrashExit
                      ? tr("the worker crashed or was killed before it finished")
                      : tr("the worker exited with code %1 without a finished event").arg(exit_code);
  if (!recentLog().isEmpty()) error += tr("; last log line: %1").arg(recentLog().last());
  markRunFailed(run_dir_, error);
  finish(QStringLiteral("failed"), error);
}

void LocalWorkerProcess::finish(const QString& status, const QString& error) {
  if (done_) return;
  done_ = true;
  appendLog(QStringLiteral("[job] finished: %1%2").arg(status, error.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(error)));
  closeWorkerLog();
  emit finished(status, error);
}

}  // namespace owb::jobs
