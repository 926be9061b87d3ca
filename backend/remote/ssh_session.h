#pragma once
// One SSH connection (libssh2, non-blocking underneath, every call bounded by a deadline and
// an abort predicate): connect with the host key checked against KnownHosts, public-key auth
// (a key file, or the ssh-agent), exec, and SFTP transfers checked by SHA-256. Blocking from
// the caller's view: use it on a worker thread, one session per thread at a time.
#include "known_hosts.h"

#include <QByteArray>
#include <QString>
#include <QVector>

#include <functional>

struct _LIBSSH2_SESSION;
struct _LIBSSH2_SFTP;

namespace owb::remote {

struct SshEndpoint {
  QString host;
  int port = 22;
  QString user;
  // Private key file. Empty: $SSH_KEY_PATH, else ~/.ssh/id_ed25519; when that default does not
  // exist the ssh-agent ($SSH_AUTH_SOCK) is asked. A key file named explicitly must exist.
  QString key_path;
  // The known_hosts entry; empty: "host:port". Pods use "runpod:<pod id>" (ports are reused).
  QString host_key_name;
  QString hostKeyName() const { return host_key_name.isEmpty() ? QStringLiteral("%1:%2").arg(host).arg(port) : host_key_name; }
};

// $SSH_KEY_PATH, else ~/.ssh/id_ed25519.
QString defaultKeyPath();
// 'text' for a POSIX shell, with embedded quotes escaped.
QString shellQuote(const QString& text);

struct RemoteFile {
  QString path;  // relative to the listed folder
  QString sha256;
};

class SshSession {
 public:
  // `abort` is polled while waiting on the network; true ends the current call with an error.
  explicit SshSession(std::function<bool()> abort = {});
  ~SshSession();
  SshSession(const SshSession&) = delete;
  SshSession& operator=(const SshSession&) = delete;

  bool connect(const SshEndpoint& endpoint, const KnownHosts& known_hosts, int timeout_ms, QString* error);
  bool isConnected() const { return session_ != nullptr; }
  void disconnect();

  struct ExecResult {
    int exit_code = -1;
    QByteArray out;
    QByteArray err;
  };
  // Runs `command` through the remote shell, collecting stdout and stderr. False only when the
  // transport failed (the command's own failure is exit_code != 0).
  bool exec(const QString& command, ExecResult* result, QString* error, int timeout_ms = 60000);

  // Bytes of `remote` from `offset` (at most `max_bytes`); `exists` false when there is no file.
  bool readFrom(const QString& remote, qint64 offset, QByteArray* data, bool* exists, QString* error,
                qint64 max_bytes = 8 << 20);
  // Uploads to <remote>.part, checks its SHA-256 with sha256sum on the host, renames.
  bool upload(const QString& local, const QString& remote, QString* error);
  // Downloads into <local>.part (resuming what is there), checks the SHA-256 against
  // `expected_sha256` (fetched with sha256sum when empty), renames; one retry from zero when the
  // checksum does not match.
  bool download(const QString& remote, const QString& local, QString* error, const QString& expected_sha256 = {});
  // Writes `bytes` to `remote` over SFTP, created with mode 0600 (secrets for the worker: they
  // never touch a local file or a command line).
  bool writePrivateFile(const QString& remote, const QByteArray& bytes, QString* error);
  // Every regular file under `dir`, with its SHA-256 (empty list when `dir` does not exist).
  bool listWithSha256(const QString& dir, QVector<RemoteFile>* files, QString* error);
  // Copies a local folder tree to `remote_dir`, skipping files whose SHA-256 already matches.
  bool uploadTree(const QString& local_dir, const QString& remote_dir, QString* error, int* uploaded = nullptr);
  // Copies a remote folder tree into `local_dir`, skipping files whose SHA-256 already matches.
  bool downloadTree(const QString& remote_dir, const QString& local_dir, QString* error, int* downloaded = nullptr);

  QString hostKeyFingerprint() const { return fingerprint_; }

 private:
  bool waitSocket(QString* error);
  bool ensureSftp(QString* error);
  bool downloadOnce(const QString& remote, const QString& part, QString* error);
  QString lastError() const;
  void startDeadline(int timeout_ms);

  std::function<bool()> abort_;
  int socket_ = -1;
  _LIBSSH2_SESSION* session_ = nullptr;
  _LIBSSH2_SFTP* sftp_ = nullptr;
  qint64 deadline_ms_ = 0;
  QString fingerprint_;
};

}  // namespace owb::remote
