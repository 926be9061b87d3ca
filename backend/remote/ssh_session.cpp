#include "ssh_session.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <libssh2.h>
#include <libssh2_sftp.h>

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <mutex>

namespace owb::remote {

namespace {

constexpr int kSliceMs = 100;  // how often a wait looks at the abort predicate
constexpr int kTransferTimeoutMs = 120000;

void initLibssh2Once() {
  static std::once_flag once;
  std::call_once(once, [] { libssh2_init(0); });
}

qint64 nowMs() { return QDateTime::currentMSecsSinceEpoch(); }

QString keyTypeName(int type) {
  switch (type) {
    case LIBSSH2_HOSTKEY_TYPE_RSA: return QStringLiteral("ssh-rsa");
    case LIBSSH2_HOSTKEY_TYPE_DSS: return QStringLiteral("ssh-dss");
#ifdef LIBSSH2_HOSTKEY_TYPE_ECDSA_256
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: return QStringLiteral("ecdsa-sha2-nistp256");
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: return QStringLiteral("ecdsa-sha2-nistp384");
    case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: return QStringLiteral("ecdsa-sha2-nistp521");
#endif
#ifdef LIBSSH2_HOSTKEY_TYPE_ED25519
    case LIBSSH2_HOSTKEY_TYPE_ED25519: return QStringLiteral("ssh-ed25519");
#endif
    default: return QStringLiteral("unknown");
  }
}

QString localSha256(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  QCryptographicHash h(QCryptographicHash::Sha256);
  h.addData(&f);
  return QString::fromLatin1(h.result().toHex());
}

// A TCP connection within the deadline; -1 with `error` otherwise.
int connectTcp(const QString& host, int port, int timeout_ms, QString* error) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const int gai = getaddrinfo(host.toUtf8().constData(), QByteArray::number(port).constData(), &hints, &found);
  if (gai != 0) {
    *error = QStringLiteral("cannot resolve %1: %2").arg(host, QString::fromUtf8(gai_strerror(gai)));
    return -1;
  }
  QString last = QStringLiteral("no address");
  for (addrinfo* a = found; a; a = a->ai_next) {
    const int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) continue;
    ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) | O_NONBLOCK);
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc != 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      rc = ::poll(&p, 1, timeout_ms);
      if (rc == 1) {
        int so_error = 0;
        socklen_t len = sizeof so_error;
        ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &so_error, &len);
        rc = so_error == 0 ? 0 : -1;
        errno = so_error;
      } else {
        if (rc == 0) errno = ETIMEDOUT;
        rc = -1;
      }
    }
    if (rc == 0) {
      freeaddrinfo(found);
      return fd;
    }
    last = QString::fromUtf8(std::strerror(errno));
    ::close(fd);
  }
  freeaddrinfo(found);
  *error = QStringLiteral("cannot connect to %1 port %2: %3").arg(host).arg(port).arg(last);
  return -1;
}

}  // namespace

QString defaultKeyPath() {
  const QString env = qEnvironmentVariable("SSH_KEY_PATH");
  if (!env.isEmpty()) return env;
  return QDir::homePath() + QStringLiteral("/.ssh/id_ed25519");
}

QString shellQuote(const QString& text) {
  QString t = text;
  t.replace(QLatin1Char('\''), QStringLiteral("'\\''"));
  return QLatin1Char('\'') + t + QLatin1Char('\'');
}

SshSession::SshSession(std::function<bool()> abort) : abort_(std::move(abort)) { initLibssh2Once(); }

SshSession::~SshSession() { disconnect(); }

void SshSession::startDeadline(int timeout_ms) { deadline_ms_ = nowMs() + timeout_ms; }

QString SshSession::lastError() const {
  if (!session_) return QStringLiteral("not connected");
  char* msg = nullptr;
  libssh2_session_last_error(session_, &msg, nullptr, 0);
  return msg ? QString::fromUtf8(msg) : QStringLiteral("unknown libssh2 error");
}

bool SshSession::waitSocket(QString* error) {
  for (;;) {
    if (abort_ && abort_()) {
      *error = QStringLiteral("aborted");
      return false;
    }
    const qint64 left = deadline_ms_ - nowMs();
    if (left <= 0) {
      *error = QStringLiteral("timed out waiting for the SSH server");
      return false;
    }
    const int dirs = libssh2_session_block_directions(session_);
    pollfd p{socket_, 0, 0};
    if (dirs & LIBSSH2_SESSION_BLOCK_INBOUND) p.events |= POLLIN;
    if (dirs & LIBSSH2_SESSION_BLOCK_OUTBOUND) p.events |= POLLOUT;
    if (p.events == 0) p.events = POLLIN;
    const int rc = ::poll(&p, 1, int(qMin<qint64>(left, kSliceMs)));
    if (rc > 0) {
      if (p.revents & (POLLERR | POLLNVAL)) {
        *error = QStringLiteral("connection lost");
        return false;
      }
      return true;
    }
    if (rc < 0 && errno != EINTR) {
      *error = QString::fromUtf8(std::strerror(errno));
      return false;
    }
  }
}

// Repeats a libssh2 call while it would block. The macro keeps the call's own return type.
#define OWB_SSH_RETRY(rc, call, error)                                        \
  for (;;) {                                                                  \
    rc = (call);                                                              \
    if (rc != LIBSSH2_ERROR_EAGAIN) break;                                    \
    if (!waitSocket(error)) break;                                            \
  }
#define OWB_SSH_RETRY_PTR(ptr, call, error)                                                      \
  for (;;) {                                                                                     \
    ptr = (call);                                                                                \
    if (ptr || libssh2_session_last_errno(session_) != LIBSSH2_ERROR_EAGAIN) break;              \
    if (!waitSocket(error)) break;                                                               \
  }

bool SshSession::connect(const SshEndpoint& ep, const KnownHosts& known_hosts, int timeout_ms, QString* error) {
  disconnect();
  startDeadline(timeout_ms);
  const QString where = QStringLiteral("%1@%2:%3").arg(ep.user, ep.host).arg(ep.port);
  // Check the key before touching the network: a wrong path is the user's to fix, not a retry.
  const bool explicit_key = !ep.key_path.isEmpty() || !qEnvironmentVariable("SSH_KEY_PATH").isEmpty();
  const QString key = ep.key_path.isEmpty() ? defaultKeyPath() : ep.key_path;
  const bool have_key_file = QFileInfo(key).isFile();
  if (!have_key_file && explicit_key) {
    *error = QStringLiteral("SSH key %1 not found (set the host's key path or SSH_KEY_PATH)").arg(key);
    return false;
  }
  if (!have_key_file && qEnvironmentVariable("SSH_AUTH_SOCK").isEmpty()) {
    *error = QStringLiteral("no SSH key: %1 does not exist and no ssh-agent is running (SSH_AUTH_SOCK)").arg(key);
    return false;
  }
  socket_ = connectTcp(ep.host, ep.port, timeout_ms, error);
  if (socket_ < 0) return false;
  session_ = libssh2_session_init();
  libssh2_session_set_blocking(session_, 0);
  int rc;
  OWB_SSH_RETRY(rc, libssh2_session_handshake(session_, socket_), error);
  if (rc != 0) {
    if (rc != LIBSSH2_ERROR_EAGAIN) *error = QStringLiteral("SSH handshake with %1 failed: %2").arg(where, lastError());
    else *error = QStringLiteral("SSH handshake with %1: %2").arg(where, *error);
    disconnect();
    return false;
  }
  size_t key_len = 0;
  int key_type = 0;
  libssh2_session_hostkey(session_, &key_len, &key_type);
  const char* hash = libssh2_hostkey_hash(session_, LIBSSH2_HOSTKEY_HASH_SHA256);
  if (!hash) {
    *error = QStringLiteral("%1: no SHA-256 host key hash from libssh2").arg(where);
    disconnect();
    return false;
  }
  fingerprint_ = QStringLiteral("SHA256:") +
                 QString::fromLatin1(QByteArray(hash, 32).toBase64(QByteArray::Base64Encoding | QByteArray::OmitTrailingEquals));
  QString why;
  const KnownHosts::Check check = known_hosts.verifyOrRecord(ep.hostKeyName(), keyTypeName(key_type), fingerprint_, &why);
  if (check == KnownHosts::Check::Mismatch || check == KnownHosts::Check::Error) {
    *error = why;
    disconnect();
    return false;
  }
  const QByteArray user = ep.user.toUtf8();
  if (have_key_file) {
    const QByteArray key_file = QFile::encodeName(key);
    OWB_SSH_RETRY(rc, libssh2_userauth_publickey_fromfile_ex(session_, user.constData(), unsigned(user.size()), nullptr,
                                                            key_file.constData(), nullptr),
                  error);
    if (rc != 0) {
      *error = QStringLiteral("%1 refused the key %2: %3").arg(where, key, rc == LIBSSH2_ERROR_EAGAIN ? *error : lastError());
      disconnect();
      return false;
    }
    return true;
  }
  // No key file: every identity the agent holds.
  LIBSSH2_AGENT* agent = libssh2_agent_init(session_);
  bool ok = false;
  if (agent && libssh2_agent_connect(agent) == 0 && libssh2_agent_list_identities(agent) == 0) {
    libssh2_agent_publickey* identity = nullptr;
    libssh2_agent_publickey* prev = nullptr;
    while (!ok && libssh2_agent_get_identity(agent, &identity, prev) == 0) {
      OWB_SSH_RETRY(rc, libssh2_agent_userauth(agent, user.constData(), identity), error);
      ok = rc == 0;
      prev = identity;
    }
    libssh2_agent_disconnect(agent);
  }
  if (agent) libssh2_agent_free(agent);
  if (!ok) {
    *error = QStringLiteral("%1 accepted none of the ssh-agent's keys").arg(where);
    disconnect();
    return false;
  }
  return true;
}

void SshSession::disconnect() {
  if (sftp_) {
    libssh2_sftp_shutdown(sftp_);  // non-blocking: best effort, the socket closes below anyway
    sftp_ = nullptr;
  }
  if (session_) {
    libssh2_session_disconnect(session_, "bye");
    libssh2_session_free(session_);
    session_ = nullptr;
  }
  if (socket_ >= 0) {
    ::close(socket_);
    socket_ = -1;
  }
}

bool SshSession::exec(const QString& command, ExecResult* result, QString* error, int timeout_ms) {
  if (!session_) {
    *error = QStringLiteral("not connected");
    return false;
  }
  startDeadline(timeout_ms);
  *result = ExecResult{};
  LIBSSH2_CHANNEL* channel = nullptr;
  OWB_SSH_RETRY_PTR(channel, libssh2_channel_open_session(session_), error);
  if (!channel) {
    if (error->isEmpty() || libssh2_session_last_errno(session_) != LIBSSH2_ERROR_EAGAIN) *error = QStringLiteral("cannot open an SSH channel: %1").arg(lastError());
    disconnect();
    return false;
  }
  const QByteArray cmd = command.toUtf8();
  int rc;
  OWB_SSH_RETRY(rc, libssh2_channel_process_startup(channel, "exec", 4, cmd.constData(), unsigned(cmd.size())), error);
  bool ok = rc == 0;
  if (!ok && rc != LIBSSH2_ERROR_EAGAIN) *error = QStringLiteral("exec failed: %1").arg(lastError());
  char buffer[16384];
  // Drain stdout and stderr together: a full stderr window would stall the remote command.
  while (ok) {
    bool progressed = false;
    for (int stream : {0, SSH_EXTENDED_DATA_STDERR}) {
      const ssize_t n = libssh2_channel_read_ex(channel, stream, buffer, sizeof buffer);
      if (n > 0) {
        (stream == 0 ? result->out : result->err).append(buffer, int(n));
        progressed = true;
      } else if (n < 0 && n != LIBSSH2_ERROR_EAGAIN) {
        *error = QStringLiteral("reading from the remote command: %1").arg(lastError());
        ok = false;
        break;
      }
    }
    if (!ok) break;
    if (libssh2_channel_eof(channel)) break;
    if (!progressed && !waitSocket(error)) ok = false;
  }
  if (ok) {
    OWB_SSH_RETRY(rc, libssh2_channel_close(channel), error);
    if (rc == 0) OWB_SSH_RETRY(rc, libssh2_channel_wait_closed(channel), error);
    result->exit_code = libssh2_channel_get_exit_status(channel);
  }
  libssh2_channel_free(channel);
  if (!ok) disconnect();  // a half-read channel leaves the session in an unknown state
  return ok;
}

bool SshSession::ensureSftp(QString* error) {
  if (sftp_) return true;
  if (!session_) {
    *error = QStringLiteral("not connected");
    return false;
  }
  OWB_SSH_RETRY_PTR(sftp_, libssh2_sftp_init(session_), error);
  if (!sftp_) {
    *error = QStringLiteral("cannot start SFTP: %1").arg(lastError());
    disconnect();
    return false;
  }
  return true;
}

bool SshSession::readFrom(const QString& remote, qint64 offset, QByteArray* data, bool* exists, QString* error,
                          qint64 max_bytes) {
  data->clear();
  *exists = false;
  startDeadline(kTransferTimeoutMs);
  if (!ensureSftp(error)) return false;
  const QByteArray path = remote.toUtf8();
  LIBSSH2_SFTP_HANDLE* handle = nullptr;
  OWB_SSH_RETRY_PTR(handle, libssh2_sftp_open_ex(sftp_, path.constData(), unsigned(path.size()), LIBSSH2_FXF_READ, 0, LIBSSH2_SFTP_OPENFILE), error);
  if (!handle) {
    if (libssh2_session_last_errno(session_) == LIBSSH2_ERROR_SFTP_PROTOCOL &&
        libssh2_sftp_last_error(sftp_) == LIBSSH2_FX_NO_SUCH_FILE)
      return true;
    if (error->isEmpty()) *error = QStringLiteral("cannot open %1: %2").arg(remote, lastError());
    disconnect();
    return false;
  }
  *exists = true;
  libssh2_sftp_seek64(handle, libssh2_uint64_t(offset));
  char buffer[32768];
  bool ok = true;
  while (data->size() < max_bytes) {
    ssize_t n;
    OWB_SSH_RETRY(n, libssh2_sftp_read(handle, buffer, sizeof buffer), error);
    if (n == 0) break;
    if (n < 0) {
      if (n != LIBSSH2_ERROR_EAGAIN) *error = QStringLiteral("reading %1: %2").arg(remote, lastError());
      ok = false;
      break;
    }
    data->append(buffer, int(n));
  }
  int rc;
  if (ok) OWB_SSH_RETRY(rc, libssh2_sftp_close_handle(handle), error);
  if (!ok) disconnect();
  return ok;
}

bool SshSession::upload(const QString& local, const QString& remote, QString* error) {
  QFile in(local);
  if (!in.open(QIODevice::ReadOnly)) {
    *error = QStringLiteral("cannot read %1: %2").arg(local, in.errorString());
    return false;
  }
  startDeadline(kTransferTimeoutMs);
  if (!ensureSftp(error)) return false;
  const QString part = remote + QStringLiteral(".part");
  const QByteArray path = part.toUtf8();
  const long mode = QFileInfo(local).isExecutable() ? 0755 : 0644;
  LIBSSH2_SFTP_HANDLE* handle = nullptr;
  OWB_SSH_RETRY_PTR(handle, libssh2_sftp_open_ex(sftp_, path.constData(), unsigned(path.size()),
                                                 LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_TRUNC, mode, LIBSSH2_SFTP_OPENFILE),
                    error);
  if (!handle) {
    if (error->isEmpty() || libssh2_session_last_errno(session_) != LIBSSH2_ERROR_EAGAIN) *error = QStringLiteral("cannot create %1: %2").arg(part, lastError());
    return false;
  }
  bool ok = true;
  while (ok && !in.atEnd()) {
    const QByteArray chunk = in.read(65536);
    // A write may take part of the buffer; the rest is sent from where it stopped.
    for (qsizetype sent = 0; sent < chunk.size();) {
      ssize_t n;
      startDeadline(kTransferTimeoutMs);
      OWB_SSH_RETRY(n, libssh2_sftp_write(handle, chunk.constData() + sent, size_t(chunk.size() - sent)), error);
      if (n < 0) {
        if (n != LIBSSH2_ERROR_EAGAIN) *error = QStringLiteral("writing %1: %2").arg(part, lastError());
        ok = false;
        break;
      }
      sent += n;
    }
  }
  int rc;
  if (ok) OWB_SSH_RETRY(rc, libssh2_sftp_close_handle(handle), error);
  if (!ok) {
    disconnect();
    return false;
  }
  const QString want = localSha256(local);
  ExecResult r;
  if (!exec(QStringLiteral("sha256sum -- %1 && mv -f -- %1 %2").arg(shellQuote(part), shellQuote(remote)), &r, error)) return false;
  const QString got = QString::fromLatin1(r.out).section(QLatin1Char(' '), 0, 0).trimmed();
  if (r.exit_code != 0 || got != want) {
    *error = QStringLiteral("upload of %1 to %2 did not verify (sha256 %3, remote %4)%5")
                 .arg(local, remote, want, got, r.err.isEmpty() ? QString() : QStringLiteral(": ") + QString::fromUtf8(r.err).trimmed());
    return false;
  }
  return true;
}

bool SshSession::writePrivateFile(const QString& remote, const QByteArray& bytes, QString* error) {
  startDeadline(kTransferTimeoutMs);
  if (!ensureSftp(error)) return false;
  const QByteArray path = remote.toUtf8();
  LIBSSH2_SFTP_HANDLE* handle = nullptr;
  OWB_SSH_RETRY_PTR(handle, libssh2_sftp_open_ex(sftp_, path.constData(), unsigned(path.size()),
                                                 LIBSSH2_FXF_WRITE | LIBSSH2_FXF_CREAT | LIBSSH2_FXF_TRUNC, 0600, LIBSSH2_SFTP_OPENFILE),
                    error);
  if (!handle) {
    if (error->isEmpty() || libssh2_session_last_errno(session_) != LIBSSH2_ERROR_EAGAIN) *error = QStringLiteral("cannot create %1: %2").arg(remote, lastError());
    return false;
  }
  for (qsizetype sent = 0; sent < bytes.size();) {
    ssize_t n;
    OWB_SSH_RETRY(n, libssh2_sftp_write(handle, bytes.constData() + sent, size_t(bytes.size() - sent)), error);
    if (n < 0) {
      if (n != LIBSSH2_ERROR_EAGAIN) *error = QStringLiteral("writing %1: %2").arg(remote, lastError());
      disconnect();
      return false;
    }
    sent += n;
  }
  int rc;
  OWB_SSH_RETRY(rc, libssh2_sftp_close_handle(handle), error);
  return rc == 0;
}

bool SshSession::downloadOnce(const QString& remote, const QString& part, QString* error) {
  QFile out(part);
  if (!out.open(QIODevice::WriteOnly | QIODevice::Append)) {
    *error = QStringLiteral("cannot write %1: %2").arg(part, out.errorString());
    return false;
  }
  for (;;) {
    QByteArray data;
    bool exists = false;
    if (!readFrom(remote, out.size(), &data, &exists, error)) return false;
    if (!exists) {
      *error = QStringLiteral("%1 is not on the host").arg(remote);
      return false;
    }
    if (data.isEmpty()) return true;
    if (out.write(data) != data.size()) {
      *error = QStringLiteral("cannot write %1: %2").arg(part, out.errorString());
      return false;
    }
    out.flush();
  }
}

bool SshSession::download(const QString& remote, const QString& local, QString* error, const QString& expected_sha256) {
  QString want = expected_sha256;
  if (want.isEmpty()) {
    ExecResult r;
    if (!exec(QStringLiteral("sha256sum -- %1").arg(shellQuote(remote)), &r, error)) return false;
    if (r.exit_code != 0) {
      *error = QStringLiteral("cannot checksum %1 on the host: %2").arg(remote, QString::fromUtf8(r.err).trimmed());
      return false;
    }
    want = QString::fromLatin1(r.out).section(QLatin1Char(' '), 0, 0).trimmed();
  }
  QDir().mkpath(QFileInfo(local).absolutePath());
  const QString part = local + QStringLiteral(".part");
  for (int attempt = 0; attempt < 2; ++attempt) {
    if (!downloadOnce(remote, part, error)) return false;  // the .part stays: the next try resumes
    const QString got = localSha256(part);
    if (got == want) {
      QFile::remove(local);
      if (!QFile::rename(part, local)) {
        *error = QStringLiteral("cannot rename %1 to %2").arg(part, local);
        return false;
      }
      return true;
    }
    QFile::remove(part);  // a stale or corrupt partial: start over once
    *error = QStringLiteral("download of %1 did not verify (sha256 %2, expected %3)").arg(remote, got, want);
  }
  return false;
}

bool SshSession::listWithSha256(const QString& dir, QVector<RemoteFile>* files, QString* error) {
  files->clear();
  ExecResult r;
  const QString cmd = QStringLiteral("cd %1 2>/dev/null || exit 0; find . -type f ! -name '*.part' -exec sha256sum {} +").arg(shellQuote(dir));
  if (!exec(cmd, &r, error)) return false;
  if (r.exit_code != 0) {
    *error = QStringLiteral("cannot list %1: %2").arg(dir, QString::fromUtf8(r.err).trimmed());
    return false;
  }
  for (const QByteArray& line : r.out.split('\n')) {
    // "<64 hex>  ./relative/path"
    if (line.size() < 68) continue;
    RemoteFile f;
    f.sha256 = QString::fromLatin1(line.left(64));
    f.path = QString::fromUtf8(line.mid(66));
    if (f.path.startsWith(QLatin1String("./"))) f.path = f.path.mid(2);
    *files << f;
  }
  return true;
}

bool SshSession::uploadTree(const QString& local_dir, const QString& remote_dir, QString* error, int* uploaded) {
  if (uploaded) *uploaded = 0;
  QVector<RemoteFile> there;
  if (!listWithSha256(remote_dir, &there, error)) return false;
  QHash<QString, QString> remote_sha;
  for (const RemoteFile& f : there) remote_sha.insert(f.path, f.sha256);
  QStringList files;
  QStringList dirs{remote_dir};
  QDirIterator it(local_dir, QDir::Files | QDir::NoDotAndDotDot, QDirIterator::Subdirectories);
  while (it.hasNext()) {
    const QString rel = QDir(local_dir).relativeFilePath(it.next());
    if (remote_sha.value(rel) == localSha256(QDir(local_dir).filePath(rel))) continue;
    files << rel;
    dirs << QFileInfo(remote_dir + QLatin1Char('/') + rel).path();
  }
  if (files.isEmpty()) return true;
  dirs.removeDuplicates();
  QStringList quoted;
  for (const QString& d : dirs) quoted << shellQuote(d);
  ExecResult r;
  if (!exec(QStringLiteral("mkdir -p -- ") + quoted.join(QLatin1Char(' ')), &r, error)) return false;
  if (r.exit_code != 0) {
    *error = QStringLiteral("cannot create %1 on the host: %2").arg(remote_dir, QString::fromUtf8(r.err).trimmed());
    return false;
  }
  for (const QString& rel : files) {
    if (!upload(QDir(local_dir).filePath(rel), remote_dir + QLatin1Char('/') + rel, error)) return false;
    if (uploaded) ++*uploaded;
  }
  return true;
}

bool SshSession::downloadTree(const QString& remote_dir, const QString& local_dir, QString* error, int* downloaded) {
  if (downloaded) *downloaded = 0;
  QVector<RemoteFile> files;
  if (!listWithSha256(remote_dir, &files, error)) return false;
  for (const RemoteFile& f : files) {
    const QString local = QDir(local_dir).filePath(f.path);
    if (QFileInfo::exists(local) && localSha256(local) == f.sha256) continue;
    if (!download(remote_dir + QLatin1Char('/') + f.path, local, error, f.sha256)) return false;
    if (downloaded) ++*downloaded;
  }
  return true;
}

}  // namespace owb::remote
