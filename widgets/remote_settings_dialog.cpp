#include "remote_settings_dialog.h"

#include "known_hosts.h"
#include "secret_store.h"
#include "ssh_session.h"
#include "ssh_worker_runner.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>
#include <QtConcurrent>

namespace owb::widgets {

using owb::remote::RemoteSettings;
using owb::remote::SshHostEntry;

namespace {

struct ConnectionTest {
  bool ok = false;
  QString message;
};

// On a pool thread: connect (the host key checked against the workspace's pins, recorded on
// first contact), authenticate, run `true`.
ConnectionTest testSsh(const SshHostEntry& host, const QString& known_hosts_file) {
  owb::remote::SshEndpoint ep;
  ep.host = host.host;
  ep.port = host.port;
  ep.user = host.user;
  ep.key_path = host.key_path;
  owb::remote::SshSession session;
  QString error;
  if (!session.connect(ep, owb::remote::KnownHosts(known_hosts_file), 15000, &error)) return {false, error};
  owb::remote::SshSession::ExecResult result;
  if (!session.exec(QStringLiteral("true"), &result, &error, 15000)) return {false, error};
  return {true, QObject::tr("connected to %1@%2:%3, host key %4").arg(host.user, host.host).arg(host.port).arg(session.hostKeyFingerprint())};
}

}  // namespace

RemoteSettingsDialog::RemoteSettingsDialog(const RemoteSettings& settings, const QString& workspace, QWidget* parent)
    : QDialog(parent), settings_(settings), workspace_(workspace), tabs_(new QTabWidget(this)) {
  setWindowTitle(tr("Remote backends"));
  tabs_->addTab(runPodPage(), tr("RunPod"));
  tabs_->addTab(sshPage(), tr("SSH hosts"));
  tabs_->addTab(slurmPage(), tr("SLURM"));
  auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
  connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
  connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(tabs_);
  layout->addWidget(buttons);
  refreshHostNames();
  if (!settings_.hosts.isEmpty()) host_list_->setCurrentRow(0);
  else showHost(-1);
}

QWidget* RemoteSettingsDialog::runPodPage() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);
  api_key_ = new QLineEdit(page);
  api_key_->setEchoMode(QLineEdit::Password);
  // The stored key is never put back into the editor: typing replaces it.
  const bool stored = !owb::remote::SecretStore().value(QLatin1String(owb::remote::kRunPodApiKeySecret)).isEmpty();
  api_key_->setPlaceholderText(stored ? tr("stored (type to replace)") : tr("rpa_..."));
  api_key_state_ = new QLabel(qEnvironmentVariableIsSet("RUNPOD_API_KEY") ? tr("$RUNPOD_API_KEY is set and takes precedence")
                                                                            : tr("kept in %1, readable by you alone").arg(owb::remote::SecretStore().file()),
                              page);
  api_key_state_->setWordWrap(true);
  base_url_ = new QLineEdit(settings_.runpod_base_url, page);
  base_url_->setPlaceholderText(owb::remote::RunPodClient::defaultBaseUrl());
  gpu_types_ = new QLineEdit(settings_.runpod_gpu_types.join(QStringLiteral(", ")), page);
  gpu_types_->setToolTip(tr("GPU type ids in preference order, comma-separated (the next is tried when one has no capacity)"));
  image_ = new QLineEdit(settings_.runpod_image, page);
  cloud_ = new QComboBox(page);
  cloud_->addItems({QStringLiteral("SECURE"), QStringLiteral("COMMUNITY")});
  cloud_->setCurrentText(settings_.runpod_cloud);
  disk_ = new QSpinBox(page);
  disk_->setRange(10, 4000);
  disk_->setSuffix(tr(" GB"));
  disk_->setValue(settings_.runpod_disk_gb);
  form->addRow(tr("API key"), api_key_);
  form->addRow(QString(), api_key_state_);
  form->addRow(tr("API URL"), base_url_);
  form->addRow(tr("GPU types"), gpu_types_);
  form->addRow(tr("Image"), image_);
  form->addRow(tr("Cloud"), cloud_);
  form->addRow(tr("Container disk"), disk_);
  return page;
}

QWidget* RemoteSettingsDialog::sshPage() {
  auto* page = new QWidget(this);
  host_list_ = new QListWidget(page);
  add_host_ = new QPushButton(tr("Add"), page);
  remove_host_ = new QPushButton(tr("Remove"), page);
  host_name_ = new QLineEdit(page);
  host_name_->setToolTip(tr("Sweeps use the backend ssh:<name>"));
  host_ = new QLineEdit(page);
  port_ = new QSpinBox(page);
  port_->setRange(1, 65535);
  user_ = new QLineEdit(page);
  key_path_ = new QLineEdit(page);
  key_path_->setPlaceholderText(tr("$SSH_KEY_PATH, ~/.ssh/id_ed25519 or the ssh-agent"));
  work_dir_ = new QLineEdit(page);
  owb_path_ = new QLineEdit(page);
  test_ = new QPushButton(tr("Test connection"), page);
  test_result_ = new QLabel(page);
  test_result_->setWordWrap(true);
  auto* list_column = new QVBoxLayout;
  list_column->addWidget(host_list_);
  auto* list_buttons = new QHBoxLayout;
  list_buttons->addWidget(add_host_);
  list_buttons->addWidget(remove_host_);
  list_column->addLayout(list_buttons);
  auto* form = new QFormLayout;
  form->addRow(tr("Name"), host_name_);
  form->addRow(tr("Host"), host_);
  form->addRow(tr("Port"), port_);
  form->addRow(tr("User"), user_);
  form->addRow(tr("Key file"), key_path_);
  form->addRow(tr("Working dir"), work_dir_);
  form->addRow(tr("owb command"), owb_path_);
  form->addRow(test_, test_result_);
  auto* layout = new QHBoxLayout(page);
  layout->addLayout(list_column, 1);
  layout->addLayout(form, 2);
  connect(host_list_, &QListWidget::currentRowChanged, this, &RemoteSettingsDialog::showHost);
  connect(add_host_, &QPushButton::clicked, this, &RemoteSettingsDialog::addHost);
  connect(remove_host_, &QPushButton::clicked, this, &RemoteSettingsDialog::removeHost);
  connect(test_, &QPushButton::clicked, this, &RemoteSettingsDialog::testConnection);
  for (QLineEdit* e : {host_name_, host_, user_, key_path_, work_dir_, owb_path_})
    connect(e, &QLineEdit::textEdited, this, &RemoteSettingsDialog::storeHost);
  connect(port_, &QSpinBox::valueChanged, this, &RemoteSettingsDialog::storeHost);
  return page;
}

QWidget* RemoteSettingsDialog::slurmPage() {
  auto* page = new QWidget(this);
  auto* form = new QFormLayout(page);
  slurm_host_ = new QComboBox(page);
  slurm_enabled_ = new QCheckBox(tr("Submit through SLURM on this login node (backend slurm:<name>)"), page);
  partition_ = new QLineEdit(page);
  gpus_ = new QSpinBox(page);
  gpus_->setRange(0, 64);
  time_limit_ = new QLineEdit(page);
  time_limit_->setPlaceholderText(QStringLiteral("HH:MM:SS"));
  form->addRow(tr("Login host"), slurm_host_);
  form->addRow(QString(), slurm_enabled_);
  form->addRow(tr("Partition"), partition_);
  form->addRow(tr("GPUs"), gpus_);
  form->addRow(tr("Time limit"), time_limit_);
  connect(slurm_host_, &QComboBox::currentIndexChanged, this, &RemoteSettingsDialog::showSlurmHost);
  connect(slurm_enabled_, &QCheckBox::toggled, this, &RemoteSettingsDialog::storeSlurmHost);
  connect(partition_, &QLineEdit::textEdited, this, &RemoteSettingsDialog::storeSlurmHost);
  connect(time_limit_, &QLineEdit::textEdited, this, &RemoteSettingsDialog::storeSlurmHost);
  connect(gpus_, &QSpinBox::valueChanged, this, &RemoteSettingsDialog::storeSlurmHost);
  return page;
}

void RemoteSettingsDialog::refreshHostNames() {
  const bool was_loading = loading_;
  loading_ = true;
  const int row = host_list_->currentRow();
  host_list_->clear();
  slurm_host_->clear();
  for (const SshHostEntry& h : settings_.hosts) {
    const QString label = h.name.isEmpty() ? h.host : h.name;
    host_list_->addItem(label);
    slurm_host_->addItem(label);
  }
  host_list_->setCurrentRow(qMin(row, int(settings_.hosts.size()) - 1));
  loading_ = was_loading;
  shown_host_ = host_list_->currentRow();
  showSlurmHost(slurm_host_->currentIndex());
}

void RemoteSettingsDialog::showHost(int row) {
  loading_ = true;
  shown_host_ = row;
  const bool valid = row >= 0 && row < settings_.hosts.size();
  const SshHostEntry h = valid ? settings_.hosts[row] : SshHostEntry{};
  host_name_->setText(h.name);
  host_->setText(h.host);
  port_->setValue(h.port);
  user_->setText(h.user);
  key_path_->setText(h.key_path);
  work_dir_->setText(h.work_dir);
  owb_path_->setText(h.owb_path);
  for (QWidget* w : std::initializer_list<QWidget*>{host_name_, host_, port_, user_, key_path_, work_dir_, owb_path_, test_, remove_host_})
    w->setEnabled(valid);
  test_result_->clear();
  loading_ = false;
}

void RemoteSettingsDialog::storeHost() {
  if (loading_ || shown_host_ < 0 || shown_host_ >= settings_.hosts.size()) return;
  SshHostEntry& h = settings_.hosts[shown_host_];
  h.name = host_name_->text().trimmed();
  h.host = host_->text().trimmed();
  h.port = port_->value();
  h.user = user_->text().trimmed();
  h.key_path = key_path_->text().trimmed();
  h.work_dir = work_dir_->text().trimmed();
  h.owb_path = owb_path_->text().trimmed();
  const QString label = h.name.isEmpty() ? h.host : h.name;
  if (QListWidgetItem* item = host_list_->item(shown_host_)) item->setText(label);
  slurm_host_->setItemText(shown_host_, label);
}

void RemoteSettingsDialog::showSlurmHost(int index) {
  const bool was_loading = loading_;
  loading_ = true;
  shown_slurm_host_ = index;
  const bool valid = index >= 0 && index < settings_.hosts.size();
  const SshHostEntry h = valid ? settings_.hosts[index] : SshHostEntry{};
  slurm_enabled_->setChecked(h.slurm);
  partition_->setText(h.partition);
  gpus_->setValue(h.gpus);
  time_limit_->setText(h.time_limit);
  for (QWidget* w : std::initializer_list<QWidget*>{slurm_enabled_, partition_, gpus_, time_limit_}) w->setEnabled(valid);
  loading_ = was_loading;
}

void RemoteSettingsDialog::storeSlurmHost() {
  if (loading_ || shown_slurm_host_ < 0 || shown_slurm_host_ >= settings_.hosts.size()) return;
  SshHostEntry& h = settings_.hosts[shown_slurm_host_];
  h.slurm = slurm_enabled_->isChecked();
  h.partition = partition_->text().trimmed();
  h.gpus = gpus_->value();
  h.time_limit = time_limit_->text().trimmed();
}

void RemoteSettingsDialog::addHost() {
  SshHostEntry h;
  h.name = tr("host%1").arg(settings_.hosts.size() + 1);
  settings_.hosts << h;
  refreshHostNames();
  host_list_->setCurrentRow(int(settings_.hosts.size()) - 1);
  host_name_->setFocus();
}

void RemoteSettingsDialog::removeHost() {
  const int row = host_list_->currentRow();
  if (row < 0 || row >= settings_.hosts.size()) return;
  settings_.hosts.removeAt(row);
  refreshHostNames();
  showHost(host_list_->currentRow());
}

void RemoteSettingsDialog::testConnection() {
  if (shown_host_ < 0 || shown_host_ >= settings_.hosts.size()) return;
  const SshHostEntry host = settings_.hosts[shown_host_];
  test_->setEnabled(false);
  test_result_->setText(tr("connecting to %1:%2 ...").arg(host.host).arg(host.port));
  auto* watcher = new QFutureWatcher<ConnectionTest>(this);
  connect(watcher, &QFutureWatcher<ConnectionTest>::finished, this, [this, watcher] {
    watcher->deleteLater();
    const ConnectionTest r = watcher->result();
    test_->setEnabled(true);
    test_result_->setText(r.ok ? r.message : tr("failed: %1").arg(r.message));
    emit connectionTested(r.ok, r.message);
  });
  const QString known_hosts = owb::remote::knownHostsFile(workspace_);
  watcher->setFuture(QtConcurrent::run([host, known_hosts] { return testSsh(host, known_hosts); }));
}

RemoteSettings RemoteSettingsDialog::settings() const {
  RemoteSettings s = settings_;
  s.runpod_base_url = base_url_->text().trimmed();
  s.runpod_gpu_types.clear();
  for (const QString& g : gpu_types_->text().split(QLatin1Char(','), Qt::SkipEmptyParts)) s.runpod_gpu_types << g.trimmed();
  s.runpod_image = image_->text().trimmed();
  s.runpod_cloud = cloud_->currentText();
  s.runpod_disk_gb = disk_->value();
  return s;
}

bool RemoteSettingsDialog::save(QString* error) {
  settings().save();
  const QString key = api_key_->text().trimmed();
  if (key.isEmpty()) return true;
  QString why;
  if (!owb::remote::SecretStore().setValue(QLatin1String(owb::remote::kRunPodApiKeySecret), key, &why)) {
    if (error) *error = why;
    return false;
  }
  api_key_->clear();
  api_key_->setPlaceholderText(tr("stored (type to replace)"));
  return true;
}

void RemoteSettingsDialog::done(int result) {
  if (result == QDialog::Accepted) {
    QString error;
    if (!save(&error)) {
      QMessageBox::warning(this, tr("Remote backends"), tr("The API key could not be stored: %1").arg(error));
      return;
    }
  }
  QDialog::done(result);
}

}  // namespace owb::widgets
