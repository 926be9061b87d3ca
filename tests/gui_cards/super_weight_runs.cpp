#include "super_weight_runs.h"

#include <QFileInfo>
#include <QProcess>

QString runOwb(const QStringList& args) {
  QProcess p;
  p.setWorkingDirectory(OWB_SOURCE_DIR);
  p.start(OWB_BINARY, args);
  if (!p.waitForFinished(180000)) return QStringLiteral("owb %1: did not finish").arg(args.join(' '));
  if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
    return QStringLiteral("owb %1 failed (%2): %3").arg(args.join(' ')).arg(p.exitCode()).arg(QString::fromUtf8(p.readAllStandardError()));
  return QString();
}

SuperWeightRuns makeSuperWeightRuns(const QTemporaryDir& dir, bool vocab_cascade) {
  SuperWeightRuns runs;
  const QString model = dir.filePath("models/planted");
  runs.error = runOwb({"make-test-model", "--arch", "llama", "--out", model, "--layers", "4", "--tokenizer",
                       "tests/tokenizer/fixtures/model_dir", "--plant-super-weight", "layer=1,row=3,col=7,value=2",
                       "--plant-super-weight", "layer=2,row=10,col=9,value=-1.5"});
  if (!runs.error.isEmpty()) return runs;
  runs.error = runOwb({"superweights", "--models", model, "--dataset", "tests/data/tokenizer_corpus/corpus.jsonl",
                       "--perplexity-samples", "4", "--sequence-length", "64", "--dtype", "float32", "--results-dir",
                       dir.filePath("ws/runs/sw")});
  if (!runs.error.isEmpty()) return runs;
  QStringList vocab{"vocab", "--models", model, "--dataset", "tests/data/tokenizer_corpus/corpus.jsonl", "--tokens", "300",
                    "--window-len", "64", "--stride", "32", "--dtype", "float32", "--bootstrap", "20", "--top-k", "5",
                    "--output-dir", dir.filePath("ws/runs/vocab")};
  if (vocab_cascade) vocab << "--enable-cascade";
  runs.error = runOwb(vocab);
  runs.sw_run = QFileInfo(dir.filePath("ws/runs/sw/planted")).absoluteFilePath();
  runs.vocab_run = QFileInfo(dir.filePath("ws/runs/vocab/planted")).absoluteFilePath();
  return runs;
}
