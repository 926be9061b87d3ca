#include "remote_settings.h"

#include "remote_backends.h"

#include <QSettings>

namespace owb::remote {

QStringList SshHostEntry::sbatchArgs() const {
  QStringList args;
  if (!partition.isEmpty()) args << QStringLiteral("--partition=%1").arg(partition);
  if (gpus > 0) args << QStringLiteral("--gres=gpu:%1").arg(gpus);
  if (!time_limit.isEmpty()) args << QStringLiteral("--time=%1").arg(time_limit);
  return args;
}

RemoteSettings RemoteSettings::load(QSettings& q) {
  RemoteSettings s;
  q.beginGroup(QStringLiteral("remote"));
  s.runpod_base_url = q.value(QStringLiteral("runpod/base_url")).toString();
  s.runpod_gpu_types = q.value(QStringLiteral("runpod/gpu_types"), s.runpod_gpu_types).toStringList();
  s.runpod_image = q.value(QStringLiteral("runpod/image"), s.runpod_image).toString();
  s.runpod_cloud = q.value(QStringLiteral("runpod/cloud"), s.runpod_cloud).toString();
  s.runpod_disk_gb = q.value(QStringLiteral("runpod/disk_gb"), s.runpod_disk_gb).toInt();
  const int n = q.beginReadArray(QStringLiteral("ssh_hosts"));
  for (int i = 0; i < n; ++i) {
    q.setArrayIndex(i);
    SshHostEntry h;
    h.name = q.value(QStringLiteral("name")).toString();
    h.host = q.value(QStringLiteral("host")).toString();
    h.port = q.value(QStringLiteral("port"), 22).toInt();
    h.user = q.value(QStringLiteral("user")).toString();
    h.key_path = q.value(QStringLiteral("key_path")).toString();
    h.work_dir = q.value(QStringLiteral("work_dir"), h.work_dir).toString();
    h.owb_path = q.value(QStringLiteral("owb_path"), h.owb_path).toString();
    h.slurm = q.value(QStringLiteral("slurm")).toBool();
    h.partition = q.value(QStringLiteral("partition")).toString();
    h.gpus = q.value(QStringLiteral("gpus"), 1).toInt();
    h.time_limit = q.value(QStringLiteral("time_limit"), h.time_limit).toString();
    s.hosts << h;
  }
  q.endArray();
  q.endGroup();
  return s;
}

RemoteSettings RemoteSettings::load() {
  QSettings q;
  return load(q);
}

void RemoteSettings::save(QSettings& q) const {
  q.beginGroup(QStringLiteral("remote"));
  q.remove(QString());
  q.setValue(QStringLiteral("runpod/base_url"), runpod_base_url);
  q.setValue(QStringLiteral("runpod/gpu_types"), runpod_gpu_types);
  q.setValue(QStringLiteral("runpod/image"), runpod_image);
  q.setValue(QStringLiteral("runpod/cloud"), runpod_cloud);
  q.setValue(QStringLiteral("runpod/disk_gb"), runpod_disk_gb);
  q.beginWriteArray(QStringLiteral("ssh_hosts"), int(hosts.size()));
  for (int i = 0; i < hosts.size(); ++i) {
    const SshHostEntry& h = hosts[i];
    q.setArrayIndex(i);
    q.setValue(QStringLiteral("name"), h.name);
    q.setValue(QStringLiteral("host"), h.host);
    q.setValue(QStringLiteral("port"), h.port);
    q.setValue(QStringLiteral("user"), h.user);
    q.setValue(QStringLiteral("key_path"), h.key_path);
    q.setValue(QStringLiteral("work_dir"), h.work_dir);
    q.setValue(QStringLiteral("owb_path"), h.owb_path);
    q.setValue(QStringLiteral("slurm"), h.slurm);
    q.setValue(QStringLiteral("partition"), h.partition);
    q.setValue(QStringLiteral("gpus"), h.gpus);
    q.setValue(QStringLiteral("time_limit"), h.time_limit);
  }
  q.endArray();
  q.endGroup();
}

void RemoteSettings::save() const {
  QSettings q;
  save(q);
}

SshHostSettings sshHostSettings(const SshHostEntry& h, const QString& workspace) {
  SshHostSettings s;
  s.endpoint.host = h.host;
  s.endpoint.port = h.port;
  s.endpoint.user = h.user;
  s.endpoint.key_path = h.key_path;
  s.work_dir = h.work_dir;
  s.owb_path = h.owb_path;
  s.known_hosts_file = knownHostsFile(workspace);
  return s;
}

RunPodSettings runPodSettings(const RemoteSettings& settings, const QString& workspace) {
  RunPodSettings s;
  if (!settings.runpod_base_url.isEmpty()) s.base_url = settings.runpod_base_url;
  s.workspace = workspace;
  if (!settings.runpod_gpu_types.isEmpty()) s.pod.gpu_type_ids = settings.runpod_gpu_types;
  s.pod.image = settings.runpod_image;
  s.pod.cloud = settings.runpod_cloud;
  s.pod.container_disk_gb = settings.runpod_disk_gb;
  s.ssh.known_hosts_file = knownHostsFile(workspace);
  return s;
}

void registerRemoteBackends(owb::jobs::JobQueue* queue, const RemoteSettings& settings, const QString& workspace) {
  registerRunPod(queue, QStringLiteral("runpod"), runPodSettings(settings, workspace));
  for (const SshHostEntry& h : settings.hosts) {
    if (h.name.isEmpty() || h.host.isEmpty()) continue;
    const SshHostSettings s = sshHostSettings(h, workspace);
    registerSshHost(queue, QStringLiteral("ssh:") + h.name, s);
    if (!h.slurm) continue;
    SshHostSettings slurm = s;
    slurm.scheduler = QStringLiteral("slurm");
    slurm.sbatch_args = h.sbatchArgs();
    registerSshHost(queue, QStringLiteral("slurm:") + h.name, slurm);
  }
}

}  // namespace owb::remote
