#pragma once
// The remote backends the user set up in Settings > Remote backends, kept in QSettings under
// "remote/" (no secret: the RunPod API key lives in the SecretStore), and registered with the
// job queue under the names sweeps use: "runpod", "ssh:<name>", and "slurm:<name>" for a host
// whose SLURM page is enabled.
#include "runpod_runner.h"
#include "ssh_worker_runner.h"

#include <QString>
#include <QStringList>
#include <QVector>

class QSettings;

namespace owb::jobs {
class JobQueue;
}

namespace owb::remote {

struct SshHostEntry {
  QString name;  // the backend is ssh:<name>
  QString host;
  int port = 22;
  QString user;
  QString key_path;  // empty: $SSH_KEY_PATH, ~/.ssh/id_ed25519 or the agent
  QString work_dir = QStringLiteral("owb-runs");
  QString owb_path = QStringLiteral("owb");
  // SLURM on this host (its login node): sbatch --partition, --gres=gpu:N, --time.
  bool slurm = false;
  QString partition;
  int gpus = 1;
  QString time_limit = QStringLiteral("02:00:00");
  QStringList sbatchArgs() const;
};

struct RemoteSettings {
  QString runpod_base_url;  // empty: RunPodClient::defaultBaseUrl()
  QStringList runpod_gpu_types = {QStringLiteral("NVIDIA A40")};
  QString runpod_image = PodSpec().image;
  QString runpod_cloud = QStringLiteral("SECURE");
  int runpod_disk_gb = 50;
  QVector<SshHostEntry> hosts;

  static RemoteSettings load(QSettings& settings);
  static RemoteSettings load();  // the application's QSettings
  void save(QSettings& settings) const;
  void save() const;
};

SshHostSettings sshHostSettings(const SshHostEntry& host, const QString& workspace);
RunPodSettings runPodSettings(const RemoteSettings& settings, const QString& workspace);
// Registers every configured backend with `queue` (replacing earlier registrations).
void registerRemoteBackends(owb::jobs::JobQueue* queue, const RemoteSettings& settings, const QString& workspace);

}  // namespace owb::remote
