// `owb tokenize`: JSON output, decoding, input sources and exit codes.
#include "test_support.h"

#include <QtTest>

namespace {

QString fixture(const char* name) { return QStringLiteral(OWB_TOKENIZER_FIXTURES "/") + QString::fromUtf8(name); }

QStringList tokenize(const QStringList& more) {
  return QStringList{"tokenize", "--tokenizer", fixture("byte_level.json")} + more;
}

}  // namespace

class TokenizeCommandTest : public QObject {
  Q_OBJECT

 private slots:
  void printsTheIdsAsACompactJsonArray() {
    auto r = owb::test::run_owb(tokenize({"--text", "hello world"}));
    QCOMPARE(r.exit_code, 0);
    QCOMPARE(r.out, QString("[259,264]\n"));
  }

  void addsSpecialTokensOnRequest() {
    auto r = owb::test::run_owb(tokenize({"--text", "hello world", "--add-special-tokens"}));
    QCOMPARE(r.exit_code, 0);
    QCOMPARE(r.out, QString("[272,259,264,273]\n"));
  }

  void decodesAJsonArrayOfIds() {
    auto r = owb::test::run_owb(tokenize({"--decode", "--text", "[272, 259, 264, 273]"}));
    QCOMPARE(r.exit_code, 0);
    QCOMPARE(r.out, QString("<|bos|>hello world<|eos|>\n"));
    r = owb::test::run_owb(tokenize({"--decode", "--skip-special-tokens", "--text", "[272,259,264,273]"}));
    QCOMPARE(r.out, QString("hello world\n"));
  }

  void readsTheTextFromAFileOrStandardInput() {
    owb::test::TempDir dir;
    owb::test::write_file(dir.file("in.txt"), "hello world");
    auto r = owb::test::run_owb(tokenize({"--text-file", QString::fromStdString(dir.file("in.txt"))}));
    QCOMPARE(r.out, QString("[259,264]\n"));

    QProcess p;
    p.start(QStringLiteral(OWB_BINARY), tokenize({"--text-file", "-"}));
    QVERIFY(p.waitForStarted());
    p.write("hello world");
    p.closeWriteChannel();
    QVERIFY(p.waitForFinished(60000));
    QCOMPARE(p.exitCode(), 0);
    QCOMPARE(QString::fromUtf8(p.readAllStandardOutput()), QString("[259,264]\n"));
  }

  void printsItsUsageWithHelp() {
    auto r = owb::test::run_owb({"tokenize", "--help"});
    QCOMPARE(r.exit_code, 0);
    QVERIFY2(r.out.contains("usage: owb tokenize --tokenizer"), qPrintable(r.out));
  }

  void exitsWithTwoOnBadArguments() {
    const QList<QStringList> bad = {
        {"tokenize", "--text", "x"},                               // no --tokenizer
        tokenize({}),                                              // no text
        tokenize({"--text", "x", "--text-file", "y"}),             // both
        tokenize({"--text", "x", "--frobnicate"}),                 // unknown option
        tokenize({"--text", "x", "--skip-special-tokens"}),        // only with --decode
    };
    for (const auto& args : bad) {
      auto r = owb::test::run_owb(args);
      QVERIFY2(r.exit_code == 2, qPrintable(args.join(' ') + " -> " + QString::number(r.exit_code) + ": " + r.err));
      QVERIFY2(r.err.contains("owb tokenize:"), qPrintable(r.err));
    }
  }

  void exitsWithOneNamingTheProblemOnBadInput() {
    auto r = owb::test::run_owb({"tokenize", "--tokenizer", fixture("bad_wordpiece.json"), "--text", "x"});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("bad_wordpiece.json: model.type"), qPrintable(r.err));
    r = owb::test::run_owb(tokenize({"--decode", "--text", "[1, \"two\"]"}));
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("--text: element 1"), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(TokenizeCommandTest)
#include "test_tokenize_command.moc"
