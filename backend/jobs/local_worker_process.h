#pragma once
// Runs `owb worker --job <run_dir>/job.json` as a child process (QProcess) and turns its
// stdout lines into JobRunner signals. stderr, and stdout lines that are not events, go to
// <run_dir>/worker.log (and to log()). A worker that crashes, is killed or exits without a
// finished event ends as "failed", its run.json marked failed if it still says running.
#include "job_runner.h"

#include <QProcess>
#include <QStringList>


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
  void finish(const QString& status, const QString& error);

  QProcess* process_ = nullptr;
  QString run_dir_;
  QByteArray stdout_buffer_;
  QByteArray stderr_buffer_;
  bool cancelled_ = false;
  bool done_ = false;
};

}  // namespace owb::jobs
