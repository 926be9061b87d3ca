#pragma once
// Settings > Remote backends: RunPod (API key into the SecretStore, never shown back or logged;
// API URL, GPU types, image, cloud, disk), SSH hosts (host, port, user, key, working dir, owb
// command; "Test connection" runs the SSH connect and host-key check on a pool thread), and
// SLURM per host (partition, GPUs, time limit). OK saves to QSettings (remote_settings.h).
#include "remote_settings.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPushButton;
class QSpinBox;
class QTabWidget;

namespace owb::widgets {

class RemoteSettingsDialog : public QDialog {
  Q_OBJECT
 public:
  // `workspace`: whose known_hosts.json the connection test checks and pins.
  RemoteSettingsDialog(const owb::remote::RemoteSettings& settings, const QString& workspace, QWidget* parent = nullptr);

  owb::remote::RemoteSettings settings() const;
  // Saves the settings (QSettings) and a newly typed API key (SecretStore); false with a message.
  bool save(QString* error = nullptr);

  // For tests.
  QTabWidget* tabs() const { return tabs_; }
  QLineEdit* apiKeyEdit() const { return api_key_; }
  QLineEdit* baseUrlEdit() const { return base_url_; }
  QLineEdit* gpuTypesEdit() const { return gpu_types_; }
  QListWidget* hostList() const { return host_list_; }
  QPushButton* addHostButton() const { return add_host_; }
  QLineEdit* hostNameEdit() const { return host_name_; }
  QLineEdit* hostEdit() const { return host_; }
  QSpinBox* portSpin() const { return port_; }
  QLineEdit* userEdit() const { return user_; }
  QLineEdit* keyPathEdit() const { return key_path_; }
  QLineEdit* workDirEdit() const { return work_dir_; }
  QPushButton* testButton() const { return test_; }
  QLabel* testResult() const { return test_result_; }
  QComboBox* slurmHostCombo() const { return slurm_host_; }
  QCheckBox* slurmEnabledBox() const { return slurm_enabled_; }
  QLineEdit* partitionEdit() const { return partition_; }
  QSpinBox* gpusSpin() const { return gpus_; }
  QLineEdit* timeLimitEdit() const { return time_limit_; }

 signals:
  // The connection test ended: ok, and the message shown.
  void connectionTested(bool ok, const QString& message);

 protected:
  void done(int result) override;

 private:
  QWidget* runPodPage();
  QWidget* sshPage();
  QWidget* slurmPage();
  void showHost(int row);
  void storeHost();
  void showSlurmHost(int index);
  void storeSlurmHost();
  void addHost();
  void removeHost();
  void testConnection();
  void refreshHostNames();

  owb::remote::RemoteSettings settings_;
  QString workspace_;
  bool loading_ = false;  // filling the editors: their change signals are not edits
  int shown_host_ = -1;
  int shown_slurm_host_ = -1;
  QTabWidget* tabs_;
  QLineEdit* api_key_ = nullptr;
  QLabel* api_key_state_ = nullptr;
  QLineEdit* base_url_ = nullptr;
  QLineEdit* gpu_types_ = nullptr;
  QLineEdit* image_ = nullptr;
  QComboBox* cloud_ = nullptr;
  QSpinBox* disk_ = nullptr;
  QListWidget* host_list_ = nullptr;
  QPushButton* add_host_ = nullptr;
  QPushButton* remove_host_ = nullptr;
  QLineEdit* host_name_ = nullptr;
  QLineEdit* host_ = nullptr;
  QSpinBox* port_ = nullptr;
  QLineEdit* user_ = nullptr;
  QLineEdit* key_path_ = nullptr;
  QLineEdit* work_dir_ = nullptr;
  QLineEdit* owb_path_ = nullptr;
  QPushButton* test_ = nullptr;
  QLabel* test_result_ = nullptr;
  QComboBox* slurm_host_ = nullptr;
  QCheckBox* slurm_enabled_ = nullptr;
  QLineEdit* partition_ = nullptr;
  QSpinBox* gpus_ = nullptr;
  QLineEdit* time_limit_ = nullptr;
};

}  // namespace owb::widgets
