#include "jobs_fixtures.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QProcess>
#include <QtTest>

namespace owb::jobs_test {

QString makePlantedModel(const QString& dir) {
  const QString out = QDir(dir).filePath(QStringLiteral("model"));
  // Not through test_support.h: its torch headers and Qt's `slots` macro do not mix.
  QProcess owb;
  owb.start(QStringLiteral(OWB_BINARY),
            {"make-test-model", "--arch", "llama", "--out", out, "--layers", "4", "--tokenizer",
             QStringLiteral(OWB_SOURCE_DIR "/tests/tokenizer/fixtures/model_dir"), "--plant-outlier", "dim=5,gamma=20"});
  if (!owb.waitForFinished(120000) || owb.exitStatus() != QProcess::NormalExit || owb.exitCode() != 0) {
    qWarning("make-test-model failed: %s", owb.readAllStandardError().constData());
    return QString();
  }
  return out;
}

QString corpusPath() { return QStringLiteral(OWB_SOURCE_DIR "/tests/data/tokenizer_corpus/corpus.jsonl"); }

owb::jobs::Sweep smallSweep(const QString& name, const QString& model, const QString& analysis, int num_sequences,
                            int sequence_length) {
  owb::jobs::Sweep s;
  s.name = name;
  s.models = {model};
  s.analyses = {analysis};
  s.threshold_sets = {owb::jobs::ThresholdSet{}};
  s.dataset = QJsonObject{{"name", corpusPath()}, {"num_sequences", num_sequences}, {"sequence_length", sequence_length}};
  s.analysis = QJsonObject{{"batch_size", 1}};
  s.model_options = QJsonObject{{"torch_dtype", "float32"}};
  return s;
}

QJsonObject readJson(const QString& path) {
  QFile f(path);
  if (!f.open(QIODevice::ReadOnly)) return {};
  return QJsonDocument::fromJson(f.readAll()).object();
}

}  // namespace owb::jobs_test
