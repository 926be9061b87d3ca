#pragma once
// Secrets a remote worker needs in its environment (HF_TOKEN for gated hub models), kept out of
// everything that is written or shown here: they travel over SFTP into a 0600 file in the remote
// run folder, which the worker's launcher sources and deletes before owb starts (so they are on
// no command line, in no job file, event, log, ledger or run folder). Any message that could
// hold one goes through scrubSecrets().
#include <QHash>
#include <QString>
#include <QStringList>

namespace owb::remote {

// The Hugging Face token as the hub code finds it (backend/hub/hub_env.h): $HF_TOKEN, else the
// first line of $HF_TOKEN_PATH, else of $HF_HOME/token ($HF_HOME: ~/.cache/huggingface), where
// `huggingface-cli login` and the app store it. Empty when there is none.
QString huggingFaceToken();

// {"HF_TOKEN": token} when there is one: what remote runners pass by default.
QHash<QString, QString> defaultWorkerSecrets();

// The launcher's env file: NAME='value' lines (POSIX-shell quoted), names checked.
QByteArray secretsEnvFile(const QHash<QString, QString>& secrets);
// The file's name in the remote run folder (never copied back).
inline const char* kSecretsFileName = ".owb-secrets.env";

// `text` with every secret value replaced by "***".
QString scrubSecrets(QString text, const QHash<QString, QString>& secrets);

}  // namespace owb::remote
