#pragma once
// A real OpenSSH server for the tests: /usr/sbin/sshd on a free loopback port, run as the
// current user with a throwaway host key and user key (ssh-keygen), its own config,
// authorized_keys and pid file in a temp folder. Plus a planted tiny model and small jobs.
#include "job.h"

#include <QJsonObject>
#include <QProcess>
#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace owb::remote_test {

class TestSshd {
 public:
  TestSshd();
  ~TestSshd();
  // Empty on success, else what went wrong.
  QString start();
  void stop();
  // A new host key and a restart on the same port (the "host was reinstalled" case).
  QString restartWithNewHostKey();
  // Kills this sshd's per-connection processes (by pid): every client sees its connection drop.
  int dropConnections();

  int port() const { return port_; }
  QString userKey() const;  // private key file (the .pub beside it)
  QString user() const;     // the current user
  QString dir() const { return dir_.path(); }

 private:
  QString keygen(const QString& file);
  QString launch();
  QTemporaryDir dir_;
  std::unique_ptr<QProcess> sshd_;
  int port_ = 0;
};

// <dir>/model: llama, 2 layers, residual dim 5 planted with gamma 20. Empty on failure.
QString makePlantedModel(const QString& dir);
QString corpusPath();
// An outliers job over 2 x 32 tokens of the corpus, float32.
owb::jobs::JobSpec smallJob(const QString& id, const QString& model, const QString& backend);
QJsonObject readJson(const QString& path);
// A shell script standing in for owb on the host: `body` runs with $OWB set to the real owb.
QString writeOwbWrapper(const QString& dir, const QString& name, const QString& body);
// An owb stand-in that writes its environment to <dump> and its launcher's command line to
// <dump>.cmdline, prints `stderr_text` on stderr, then runs the real owb with its arguments.
QString writeEnvDumpingOwb(const QString& dir, const QString& name, const QString& dump, const QString& stderr_text = {});
// Files under `dir` whose bytes contain `needle`.
QStringList filesContaining(const QString& dir, const QByteArray& needle);

}  // namespace owb::remote_test
