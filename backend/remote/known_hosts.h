#pragma once
// Host-key pinning for SSH connections: <workspace>/remote/known_hosts.json maps a host name
// ("host:port", or an alias such as "runpod:<pod id>" for hosts whose address is reused) to the
// SHA-256 fingerprint of its key. First contact records the key; afterwards a different key is
// refused, never silently accepted.
//   {"v": 1, "hosts": {"127.0.0.1:2222": {"type": "ssh-ed25519", "sha256": "SHA256:...", "first_seen": "..."}}}
#include <QString>

namespace owb::remote {

class KnownHosts {
 public:
  explicit KnownHosts(QString file) : file_(std::move(file)) {}
  QString file() const { return file_; }

  enum class Check { Match, Recorded, Mismatch, Error };
  // Compares `sha256` with the pinned key of `name`, pinning it when there is none yet.
  // Mismatch and Error come with `error` saying what to do.
  Check verifyOrRecord(const QString& name, const QString& type, const QString& sha256, QString* error) const;
  // The pinned fingerprint, empty when none.
  QString pinned(const QString& name) const;
  bool forget(const QString& name, QString* error = nullptr) const;

 private:
  QString file_;
};

}  // namespace owb::remote
