#pragma once
// One `owb COMMAND ...` child process for the GUI (inspect, estimate-vram, cache, download):
// started with QProcess, never waited for, so the GUI thread never blocks on it. Each stdout line
// is reported as it arrives (download progress events); finished() gives the exit code, the whole
// stdout and, on failure, one readable sentence (owb's own error line, or why it did not run).
// The binary is the one the job layer runs workers with (LocalWorkerProcess::owbBinary()).
#include <QByteArray>
#include <QObject>
#include <QProcessEnvironment>
#include <QStringList>

class QProcess;

namespace owb::models {

class OwbProcess : public QObject {
  Q_OBJECT
 public:
  explicit OwbProcess(QObject* parent = nullptr);
  // A process still running is killed: a closed dialog leaves nothing behind.
  ~OwbProcess() override;

  static QString binary();

  // Starts `owb <args>` with `environment` (default: the application's). A running command is
  // killed first, without a finished() for it. When owb is not found, finished() still follows
  // (queued) with exit code -1 and the reason.
  void start(const QStringList& args, const QProcessEnvironment& environment = QProcessEnvironment::systemEnvironment());
  // Kills the running command; finished() follows with cancelled() true.
  void cancel();
  bool isRunning() const;
  bool cancelled() const { return cancelled_; }
  QStringList arguments() const { return args_; }

 signals:
  void lineRead(const QByteArray& line);
  // exit_code -1: crashed, killed or not started. `error` is empty on exit code 0.
  void finished(int exit_code, const QByteArray& standard_output, const QString& error);

 private:
  void readStdout();
  void onFinished();
  QString errorText(int exit_code) const;

  QProcess* process_ = nullptr;
  QStringList args_;
  QByteArray stdout_;
  QByteArray pending_line_;
  QByteArray stderr_;
  bool cancelled_ = false;
  bool start_failed_ = false;
  quint64 generation_ = 0;
};

}  // namespace owb::models
