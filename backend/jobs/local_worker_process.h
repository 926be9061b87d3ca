#pragma once
// Runs `owb worker --job <run_dir>/job.json` as a child process (QProcess) and turns its
// stdout lines into JobRunner signals. stderr, and stdout lines that are not events, go to
// <run_dir>/worker.log (and to log()). A worker that crashes, is killed or exits without a
// finished event ends as "failed", its run.json marked failed if it still says running.
#include "job_runner.h"

#include <QProcess>
#include <QStringList>

class QFile;

namespace owb::jobs {

class LocalWorkerProcess : public JobRunner {
  Q_OBJECT
 public:
  explicit LocalWorkerProcess(QObject* parent = nullptr);
  ~LocalWorkerProcess() override;

  // $OWB_BINARY, else `owb` next to the application binary (or one folder up, as in the build tree),
  // else on PATH. Empty when none is found.
  static QString owbBinary();

  void start(const JobLaunch& launch) override;
  void cancel() override;
  qint64 processId() const override;
  QProcess* process() const { return process_; }

 private:
  void readStdout();
  void readStderr();
  void handleLine(const QByteArray& line);
  void onFinished(int exit_code, QProcess::ExitStatus status);
  void onError(QProcess::ProcessError error);
  void appendLog(const QString& line);
  void finish(const QString& status, const QString& error);
  void markRunFailed(const QString& error) const;

  QProcess* process_ = nullptr;
  QFile* log_file_ = nullptr;
  QString run_dir_;
  QByteArray stdout_buffer_;
  QByteArray stderr_buffer_;
  QStringList recent_log_;  // last lines, for the failure message
  bool cancelled_ = false;
  bool done_ = false;
};

}  // namespace owb::jobs
