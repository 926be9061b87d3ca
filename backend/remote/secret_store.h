#pragma once
// Where the app keeps secrets the user types in (the RunPod API key): a JSON file readable by
// the user alone (0600), the way huggingface-cli keeps its token ($HF_HOME/token) and runpodctl
// its key (~/.runpod/config.toml). $OWB_SECRETS_FILE, else <config dir>/outlier-workbench/secrets.json.
// Values are never logged, never in QSettings, sweep files, job files or the workspace.
#include <QString>

namespace owb::remote {

inline const char* kRunPodApiKeySecret = "runpod_api_key";

class SecretStore {
 public:
  explicit SecretStore(QString file = defaultFile()) : file_(std::move(file)) {}
  static QString defaultFile();
  QString file() const { return file_; }

  QString value(const QString& name) const;  // empty when not stored
  // An empty value removes the entry. False with `error` naming the file.
  bool setValue(const QString& name, const QString& value, QString* error = nullptr) const;

 private:
  QString file_;
};

// The RunPod API key: $<env_name> when set, else the stored one. Empty when neither.
QString runPodApiKey(const QString& env_name = QStringLiteral("RUNPOD_API_KEY"));

}  // namespace owb::remote
