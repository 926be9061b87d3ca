// `owb estimate-vram` and the formula behind it (backend/engine/vram_estimate.h): the weights
// part against the tensors' bytes in the safetensors headers, the activations against a hand
// computation, and the resident / streaming totals against the peak RSS of real `owb run`
// processes on CPU (where resident memory is what an accelerator would hold).
#include "model_config.h"
#include "vram_estimate.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QtEndian>
#include <QtTest>

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmath>
#include <vector>

namespace {

const QString kTokenizer = QStringLiteral(OWB_SOURCE_DIR "/tests/tokenizer/fixtures/model_dir");
const QString kCorpus = QStringLiteral(OWB_SOURCE_DIR "/tests/data/tokenizer_corpus/corpus.jsonl");

QByteArray runOwb(const QStringList& args, int* exit_code = nullptr) {
  QProcess p;
  p.start(QStringLiteral(OWB_BINARY), args);
  p.waitForFinished(300000);
  if (exit_code) *exit_code = p.exitCode();
  if (p.exitCode() != 0) qWarning("owb %s: %s", qPrintable(args.join(' ')), p.readAllStandardError().constData());
  return p.readAllStandardOutput();
}

QString makeModel(const QString& dir, const QString& name, const QStringList& extra) {
  const QString out = QDir(dir).filePath(name);
  int code = -1;
  runOwb(QStringList{"make-test-model", "--out", out} + extra, &code);
  return code == 0 ? out : QString();
}

QJsonObject estimate(const QStringList& args) {
  return QJsonDocument::fromJson(runOwb(QStringList{"estimate-vram"} + args)).object();
}

qint64 bytes(const QJsonObject& o, const char* key) { return qint64(o.value(QLatin1String(key)).toDouble()); }
qint64 part(const QJsonObject& o, const char* group, const char* key) {
  return qint64(o.value("parts").toObject().value(QLatin1String(group)).toObject().value(QLatin1String(key)).toDouble());
}

// Sum of every tensor's stored bytes, read from the safetensors header by hand (u64 length,
// then JSON with data_offsets per tensor): independent of the engine's reader.
qint64 storedTensorBytes(const QString& file) {
  QFile f(file);
  if (!f.open(QIODevice::ReadOnly)) return -1;
  const QByteArray head = f.read(8);
  const quint64 length = qFromLittleEndian<quint64>(head.constData());
  const QJsonObject header = QJsonDocument::fromJson(f.read(qint64(length))).object();
  qint64 total = 0;
  for (auto it = header.begin(); it != header.end(); ++it) {
    if (it.key() == QLatin1String("__metadata__")) continue;
    const QJsonArray offsets = it.value().toObject().value("data_offsets").toArray();
    total += qint64(offsets[1].toDouble() - offsets[0].toDouble());
  }
  return total;
}

// Peak resident set (VmHWM, as the kernel reports it through wait4) of one owb child, in bytes.
qint64 peakRssOfOwb(const QStringList& args) {
  std::vector<QByteArray> storage{QByteArray(OWB_BINARY)};
  for (const QString& a : args) storage.push_back(a.toUtf8());
  std::vector<char*> argv;
  for (QByteArray& s : storage) argv.push_back(s.data());
  argv.push_back(nullptr);
  const pid_t pid = fork();
  if (pid == 0) {
    const int devnull = ::open("/dev/null", O_WRONLY);
    dup2(devnull, 1);
    dup2(devnull, 2);
    execv(argv[0], argv.data());
    _exit(127);
  }
  int status = 0;
  rusage usage{};
  if (pid < 0 || wait4(pid, &status, 0, &usage) != pid || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return -1;
  return qint64(usage.ru_maxrss) * 1024;
}

}  // namespace

class VramEstimateTest : public QObject {
  Q_OBJECT
  QTemporaryDir tmp_;

 private slots:
  void initTestCase() { QVERIFY(tmp_.isValid()); }

  void weightsEqualTheTensorBytesOfTheCheckpoint() {
    const QString model = makeModel(tmp_.path(), "llama", {"--arch", "llama", "--layers", "3"});
    QVERIFY(!model.isEmpty());
    const qint64 stored = storedTensorBytes(QDir(model).filePath("model.safetensors"));  // f32 on disk
    QVERIFY(stored > 0);
    const QJsonObject f32 = estimate({model, "--dtype", "f32"});
    QCOMPARE(part(f32, "weights", "all_tensors"), stored);
    // Outlier passes never load the LM head; perplexity does.
    QCOMPARE(bytes(f32, "weights_bytes"), stored - part(f32, "weights", "lm_head"));
    QCOMPARE(bytes(estimate({model, "--dtype", "f32", "--mode", "perplexity"}), "weights_bytes"), stored);
    // At bf16 every tensor takes half the bytes it takes stored as f32.
    QCOMPARE(part(estimate({model, "--dtype", "bf16"}), "weights", "all_tensors"), stored / 2);
    // config.json alone gives the same (the test model has no optional biases).
    QCOMPARE(part(estimate({model, "--dtype", "f32", "--config-only"}), "weights", "all_tensors"), stored);
  }

  void mxfp4ExpertsCountDequantised() {
    const QString model = makeModel(tmp_.path(), "oss", {"--arch", "gpt_oss"});
    QVERIFY(!model.isEmpty());
    const QJsonObject inspect = QJsonDocument::fromJson(runOwb({"inspect", model})).object();
    const qint64 params = qint64(inspect.value("total_params").toDouble());
    const QJsonObject e = estimate({model, "--dtype", "bf16"});
    QCOMPARE(part(e, "weights", "all_tensors"), 2 * params);  // 2 bytes a parameter, MXFP4 unpacked
    QVERIFY(part(e, "weights", "all_tensors") > bytes(inspect, "bytes_total"));  // more than stored
    QVERIFY(part(e, "weights", "expert_stacking_copy") > 0);
  }

  void activationsMatchAHandComputation() {
    // make-test-model's llama: D 64, 4 heads, 2 kv heads, head_dim 16, I 128, V 256.
    const QString model = makeModel(tmp_.path(), "hand", {"--arch", "llama", "--layers", "2"});
    QVERIFY(!model.isEmpty());
    const owb::ModelConfig c = owb::load_model_config(model.toStdString());
    QCOMPARE(c.hidden_size, 64);
    QCOMPARE(c.intermediate_size, 128);
    owb::VramRequest r;
    r.batch_size = 2;
    r.seq_len = 64;
    r.dtype_bytes = 4;
    r.dtype = "f32";
    const owb::VramEstimate e = owb::estimate_vram(c, owb::weight_bytes(c, 4), r);
    // N = 2 x 64 = 128 tokens, s = 4 bytes.
    QCOMPARE(e.hidden_states_bytes, 2ull * 64 * 64 * 4);  // [B, T, D]
    const quint64 norm = 128 * 64 * 4 + 128 * 64 * 4;     // norm output + its fp32 copy for the statistics
    const quint64 qkv = 128 * (4 + 2 + 2) * 16 * 4;
    const quint64 roped = 128 * (4 + 2) * 16 * 4;
    const quint64 contiguous_kv = 2 * 128 * 2 * 16 * 4;
    const quint64 tile = 2ull * 4 * 64 * 64 * (3 * 4 + 4);  // [B, H, tile = T, T]: scores, masked, fp32 softmax, cast
    const quint64 out = 128 * 4 * 16 * 4;
    QCOMPARE(e.attention_peak_bytes, norm + qkv + roped + contiguous_kv + tile + out);
    const quint64 mlp = 2 * 128 * 64 * 4 + 3 * 128 * 128 * 4 + 128 * 128 * 4 + 128 * 64 * 4;
    QCOMPARE(e.mlp_peak_bytes, mlp);
    QCOMPARE(e.logits_bytes, 0ull);  // outliers stop before the LM head
    QCOMPARE(e.activations_bytes, e.hidden_states_bytes + e.attention_peak_bytes);
    QCOMPARE(e.kv_bytes, 0ull);
    r.mode = owb::VramMode::Perplexity;
    const owb::VramEstimate p = owb::estimate_vram(c, owb::weight_bytes(c, 4), r);
    QCOMPARE(p.logits_bytes, 128ull * 64 * 4 + 64ull * 256 * (4 + 8));  // final norm + [min(128, T), V] chunk
    QCOMPARE(p.resident_bytes, p.weights_bytes + p.activations_bytes);
    QCOMPARE(p.min_vram_gib, 1);
    // The CLI prints the same numbers.
    const QJsonObject cli = estimate({model, "--dtype", "f32", "--batch-size", "2", "--seq-len", "64", "--mode", "perplexity"});
    QCOMPARE(quint64(bytes(cli, "activations_bytes")), p.activations_bytes);
    QCOMPARE(quint64(bytes(cli, "resident_bytes")), p.resident_bytes);
  }

  void minVramIsResidentPlusHeadroomRoundedUp() {
    owb::ModelConfig c = owb::load_model_config(QDir(tmp_.path()).filePath("hand").toStdString());
    owb::VramRequest r;
    r.batch_size = 64;
    r.seq_len = 4096;
    const owb::VramEstimate e = owb::estimate_vram(c, owb::weight_bytes(c, 2), r);
    const double gib = 1024.0 * 1024.0 * 1024.0;
    QCOMPARE(e.min_vram_gib, qint64(std::ceil(e.resident_bytes * 1.2 / gib)));
    QVERIFY(e.min_vram_gib > 1);
  }

  void badArgumentsFailClearly() {
    int code = 0;
    runOwb({"estimate-vram", QDir(tmp_.path()).filePath("hand"), "--dtype", "int8"}, &code);
    QCOMPARE(code, 2);
    runOwb({"estimate-vram", QDir(tmp_.path()).filePath("hand"), "--mode", "dance"}, &code);
    QCOMPARE(code, 1);
  }

  // The estimate is for an accelerator, but on CPU the same tensors live in the resident set:
  // the growth of a real run's peak RSS from a tiny model to a ~200 MB one must stay within the
  // growth of the estimate (+15 % and 16 MiB for allocator slack and the checkpoint pages being
  // copied). Differences cancel what both processes share (libtorch, the tokenizer, the corpus).
  void peakRssOfARealRunStaysWithinTheEstimate() {
    const QString small = makeModel(tmp_.path(), "rss-small", {"--arch", "llama", "--layers", "2", "--tokenizer", kTokenizer});
    const QString big = makeModel(tmp_.path(), "rss-big",
                                  {"--arch", "llama", "--layers", "4", "--hidden", "1024", "--heads", "8", "--kv-heads", "4",
                                   "--intermediate", "3072", "--tokenizer", kTokenizer});
    QVERIFY(!small.isEmpty() && !big.isEmpty());
    for (const QString& mode : {QStringLiteral("outliers"), QStringLiteral("perplexity")}) {
      for (bool streaming : {false, true}) {
        auto peak = [&](const QString& model) {
          QStringList args{"run", "--model", model, "--dataset", kCorpus, "--dtype", "float32", "--num-sequences", "4",
                           "--sequence-length", "256", "--mode", mode, "--run-dir",
                           QDir(tmp_.path()).filePath(QStringLiteral("run-%1-%2-%3").arg(QFileInfo(model).fileName(), mode).arg(streaming))};
          if (streaming) args << "--streaming";
          return peakRssOfOwb(args);
        };
        auto estimated = [&](const QString& model) {
          const QJsonObject e = estimate({model, "--dtype", "f32", "--seq-len", "256", "--num-sequences", "4", "--mode", mode});
          return bytes(e, streaming ? "streaming_bytes" : "resident_bytes");
        };
        const qint64 measured = peak(big) - peak(small);
        const qint64 expected = estimated(big) - estimated(small);
        const QString what = QStringLiteral("%1%2: peak RSS grew %3 MiB, the estimate %4 MiB")
                                 .arg(mode, streaming ? " streaming" : "")
                                 .arg(measured / 1048576.0, 0, 'f', 1)
                                 .arg(expected / 1048576.0, 0, 'f', 1);
        qInfo("%s", qPrintable(what));
        QVERIFY2(measured > 0 && expected > 0, qPrintable(what));
        QVERIFY2(measured <= expected * 1.15 + 16 * 1048576, qPrintable(what));
        QVERIFY2(measured >= expected / 2, qPrintable(what));  // the estimate is not wildly generous either
      }
    }
  }
};

QTEST_GUILESS_MAIN(VramEstimateTest)
#include "test_vram_estimate.moc"
