#include "remote_fixtures.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonDocument>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QtTest>

#include <csignal>
#include <pwd.h>
#include <sys/prctl.h>
#include <unistd.h>

namespace owb::remote_test {

TestSshd::TestSshd() = default;
TestSshd::~TestSshd() { stop(); }

QString TestSshd::userKey() const { return QDir(dir_.path()).filePath(QStringLiteral("user_ed25519")); }

QString TestSshd::user() const {
  const passwd* pw = getpwuid(getuid());
  return pw ? QString::fromUtf8(pw->pw_name) : QStringLiteral("root");
}

QString TestSshd::keygen(const QString& file) {
  QFile::remove(file);
  QFile::remove(file + QStringLiteral(".pub"));
  QProcess p;
  p.start(QStringLiteral("ssh-keygen"), {"-q", "-t", "ed25519", "-N", "", "-C", "owb-test", "-f", file});
  if (!p.waitForFinished(30000) || p.exitCode() != 0) return QStringLiteral("ssh-keygen failed: ") + QString::fromUtf8(p.readAllStandardError());
  return {};
}

QString TestSshd::start() {
  if (!dir_.isValid()) return QStringLiteral("no temp dir");
  if (!QFileInfo(QStringLiteral("/usr/sbin/sshd")).isExecutable()) return QStringLiteral("/usr/sbin/sshd not installed");
  QDir().mkpath(QStringLiteral("/run/sshd"));  // privilege separation directory sshd insists on
  const QString d = dir_.path();
  if (QString e = keygen(d + QStringLiteral("/host_ed25519")); !e.isEmpty()) return e;
  if (QString e = keygen(userKey()); !e.isEmpty()) return e;
  QFile::remove(d + QStringLiteral("/authorized_keys"));
  if (!QFile::copy(userKey() + QStringLiteral(".pub"), d + QStringLiteral("/authorized_keys"))) return QStringLiteral("cannot write authorized_keys");
  {
    QTcpServer probe;  // a free port: bind 0, note it, let it go
    if (!probe.listen(QHostAddress::LocalHost, 0)) return QStringLiteral("no free port");
    port_ = probe.serverPort();
  }
  QFile config(d + QStringLiteral("/sshd_config"));
  if (!config.open(QIODevice::WriteOnly)) return QStringLiteral("cannot write sshd_config");
  config.write(QStringLiteral("Port %1\nListenAddress 127.0.0.1\nHostKey %2/host_ed25519\nPidFile %2/sshd.pid\n"
                              "AuthorizedKeysFile %2/authorized_keys\nPermitRootLogin prohibit-password\nStrictModes no\n"
                              "UsePAM no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n"
                              "Subsystem sftp internal-sftp\nLogLevel ERROR\nMaxStartups 50\n")
                   .arg(port_)
                   .arg(d)
                   .toUtf8());
  config.close();
  return launch();
}

QString TestSshd::launch() {
  sshd_ = std::make_unique<QProcess>();
  // Its log goes to a file (a child holding our stderr would keep a test pipeline open), and it
  // dies with the test process even when that crashes.
  sshd_->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGKILL); });
  sshd_->start(QStringLiteral("/usr/sbin/sshd"),
               {"-D", "-E", dir_.path() + QStringLiteral("/sshd.log"), "-f", dir_.path() + QStringLiteral("/sshd_config")});
  if (!sshd_->waitForStarted(10000)) return QStringLiteral("sshd did not start");
  for (int i = 0; i < 100; ++i) {
    QTcpSocket s;
    s.connectToHost(QHostAddress::LocalHost, quint16(port_));
    if (s.waitForConnected(200)) return {};
    if (sshd_->state() == QProcess::NotRunning) return QStringLiteral("sshd exited (code %1)").arg(sshd_->exitCode());
    QThread::msleep(50);
  }
  return QStringLiteral("sshd does not accept connections on port %1").arg(port_);
}

void TestSshd::stop() {
  if (!sshd_) return;
  dropConnections();
  sshd_->kill();
  sshd_->waitForFinished(5000);
  sshd_.reset();
}

QString TestSshd::restartWithNewHostKey() {
  stop();
  if (QString e = keygen(dir_.path() + QStringLiteral("/host_ed25519")); !e.isEmpty()) return e;
  return launch();
}

int TestSshd::dropConnections() {
  if (!sshd_) return 0;
  const qint64 master = sshd_->processId();
  int killed = 0;
  // The master's direct children are the per-connection sshd processes of our clients.
  for (const QString& entry : QDir(QStringLiteral("/proc")).entryList(QDir::Dirs)) {
    bool numeric = false;
    const qint64 pid = entry.toLongLong(&numeric);
    if (!numeric) continue;
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly)) continue;
    const QByteArray s = stat.readAll();
    const QList<QByteArray> fields = s.mid(s.lastIndexOf(')') + 2).split(' ');
    if (fields.size() > 1 && fields[1].toLongLong() == master) {
      ::kill(pid_t(pid), SIGKILL);
      ++killed;
    }
  }
  return killed;
}

QString makePlantedModel(const QString& dir) {
  const QString out = QDir(dir).filePath(QStringLiteral("model"));
  QProcess owb;
  owb.start(QStringLiteral(OWB_BINARY),
            {"make-test-model", "--arch", "llama", "--out", out, "--layers", "2", "--tokenizer",
             QStringLiteral(OWB_SOURCE_DIR "/tests/tokenizer/fixtures/model_dir"), "--plant-outlier", "dim=5,gamma=20"});
  if (!owb.waitForFinished(120000) || owb.exitStatus() != QProcess::NormalExit || owb.exitCode() != 0) {
    qWarning("make-test-model failed: %s", owb.readAllStandardError().constData());
    return QString();
  }
  return out;
}

QString corpusPath() { return QStringLiteral(OWB_SOURCE_DIR "/tests/data/tokenizer_corpus/corpus.jsonl"); }

owb::jobs::JobSpec smallJob(const QString& id, const QString& model, const QString& backend) {
  owb::jobs::JobSpec s;
  s.id = id;
  s.sweep = QStringLiteral("remote-test");
  s.model = model;
  s.analysis = QStringLiteral("outliers");
  s.backend = backend;
  s.config = QJsonObject{
      {"model", QJsonObject{{"name", model}, {"torch_dtype", "float32"}}},
      {"dataset", QJsonObject{{"name", corpusPath()}, {"num_sequences", 2}, {"sequence_length", 32}}},
      {"analysis", QJsonObject{{"batch_size", 1}, {"magnitude_threshold", 6.0}, {"min_layer_percentage", 0.25}, {"min_seq_percentage", 0.06}}}};
  return s;
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

QString writeOwbWrapper(const QString& dir, const QString& name, const QString& body) {
  const QString path = QDir(dir).filePath(name);
  QFile f(path);
  if (!f.open(QIODevice::WriteOnly)) return {};
  f.write(QStringLiteral("#!/bin/bash\nOWB=%1\n%2\n").arg(QStringLiteral(OWB_BINARY), body).toUtf8());
  f.close();
  f.setPermissions(f.permissions() | QFileDevice::ExeOwner | QFileDevice::ExeUser);
  return path;
}

QString writeEnvDumpingOwb(const QString& dir, const QString& name, const QString& dump, const QString& stderr_text) {
  return writeOwbWrapper(dir, name,
                         QStringLiteral("env > '%1'\ntr '\\0' ' ' < /proc/$PPID/cmdline > '%1.cmdline'\n"
                                        "%2exec \"$OWB\" \"$@\"")
                             .arg(dump, stderr_text.isEmpty() ? QString() : QStringLiteral("echo '%1' >&2\n").arg(stderr_text)));
}

QStringList filesContaining(const QString& dir, const QByteArray& needle) {
  QStringList hits;
  QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    QFile f(it.next());
    if (f.open(QIODevice::ReadOnly) && f.readAll().contains(needle)) hits << f.fileName();
  }
  return hits;
}

}  // namespace owb::remote_test
