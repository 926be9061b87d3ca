// Text sources on real files: a .txt file is one document, a .jsonl file one document per
// non-blank line (the chosen field), a folder every .txt/.jsonl under it in path order; every
// error names the file and, for JSONL, the line.
#include "errors.h"
#include "test_support.h"
#include "text_source.h"

#include <QtTest>

#include <filesystem>

using namespace owb;
using namespace owb::test;

namespace {

std::vector<std::string> read_all(TextSource& source) {
  std::vector<std::string> docs;
  while (auto doc = source.next_document()) docs.push_back(*doc);
  return docs;
}

std::vector<std::string> read_all(const TextSourceSpec& spec) { return read_all(*open_text_source(spec)); }

// The message of the InputError `f` throws; fails the test (returns "") when it throws none.
template <typename F>
QString input_error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  QTest::qFail("expected an InputError, none was thrown", __FILE__, __LINE__);
  return {};
}

QString q(const std::string& s) { return QString::fromStdString(s); }

}  // namespace

class TextSourcesTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // The whole file, newlines and blank lines included, is a single document.
  void txtFileIsOneDocumentWithItsExactContent() {
    TempDir tmp;
    const std::string text = "First line.\n\nSecond paragraph, after a blank line.\n  indented\n";
    write_file(tmp.file("doc.txt"), text);
    auto source = open_text_source({tmp.file("doc.txt")});
    QCOMPARE(read_all(*source), std::vector<std::string>{text});
    QCOMPARE(source->describe(), tmp.file("doc.txt"));
    QVERIFY(!source->next_document());  // stays at the end
  }

  // Each non-blank line gives the chosen field; other fields are ignored; whitespace-only lines
  // (spaces, tabs, CRLF) are skipped rather than parsed.
  void jsonlYieldsChosenFieldAndSkipsBlankLines() {
    TempDir tmp;
    write_file(tmp.file("rows.jsonl"),
               "{\"text\": \"not this\", \"body\": \"alpha\"}\n"
               "\n"
               "   \t \n"
               "{\"body\": \"beta \\u00e9\\n second line\", \"id\": 2}\r\n"
               "\r\n"
               "{\"body\": \"\", \"text\": 3}\n"
               "{\"body\": \"gamma\"}");  // no newline at the end
    TextSourceSpec spec{tmp.file("rows.jsonl")};
    spec.text_field = "body";
    QCOMPARE(read_all(spec), (std::vector<std::string>{"alpha", "beta \xc3\xa9\n second line", "", "gamma"}));
  }

  // Files are read one after the other in path order, subfolders included; other extensions are
  // ignored.
  void folderIsReadRecursivelyInPathOrder() {
    TempDir tmp;
    const std::string root = tmp.file("corpus");
    std::filesystem::create_directories(root + "/m/deeper");
    // Written out of order on purpose.
    write_file(root + "/z.txt", "zeta");
    write_file(root + "/m/deeper/y.jsonl", "{\"text\": \"m-deeper-1\"}\n{\"text\": \"m-deeper-2\"}\n");
    write_file(root + "/b.txt", "bravo");
    write_file(root + "/m/c.txt", "m-c");
    write_file(root + "/a.jsonl", "{\"text\": \"a-1\"}\n\n{\"text\": \"a-2\"}\n");
    write_file(root + "/notes.md", "not a document");
    write_file(root + "/m/data.csv", "not,a,document");
    auto source = open_text_source({root});
    QCOMPARE(read_all(*source), (std::vector<std::string>{"a-1", "a-2", "bravo", "m-c", "m-deeper-1", "m-deeper-2", "zeta"}));
    QCOMPARE(source->describe(), root);
  }

  // The line number counts blank lines too, so it is the line an editor shows.
  void malformedJsonlLineNamesFileAndLine() {
    TempDir tmp;
    const std::string path = tmp.file("bad.jsonl");
    write_file(path, "{\"text\": \"ok\"}\n\n{\"text\": \"ok too\"}\n{\"text\": \"cut off\n{\"text\": \"never read\"}\n");
    auto source = open_text_source({path});
    QCOMPARE(*source->next_document(), std::string("ok"));
    QCOMPARE(*source->next_document(), std::string("ok too"));
    const QString message = input_error_of([&] { source->next_document(); });
    QVERIFY2(message.contains(q(path + ":4")), qPrintable(message));
  }

  void jsonlLineThatIsNotAnObjectNamesFileAndLine() {
    TempDir tmp;
    const std::string path = tmp.file("array.jsonl");
    write_file(path, "[\"text\", \"a list\"]\n");
    const QString message = input_error_of([&] { read_all({path}); });
    QVERIFY2(message.contains(q(path + ":1")), qPrintable(message));
  }

  void missingFieldNamesFileLineAndField() {
    TempDir tmp;
    const std::string path = tmp.file("rows.jsonl");
    write_file(path, "{\"content\": \"a\"}\n{\"content\": \"b\", \"text\": \"c\"}\n{\"text\": \"d\"}\n");
    TextSourceSpec spec{path};
    spec.text_field = "content";
    const QString message = input_error_of([&] { read_all(spec); });
    QVERIFY2(message.contains(q(path + ":3")), qPrintable(message));
    QVERIFY2(message.contains("\"content\""), qPrintable(message));
  }

  void nonStringFieldNamesFileLineAndField() {
    TempDir tmp;
    const std::string path = tmp.file("rows.jsonl");
    write_file(path, "{\"text\": \"fine\"}\n{\"text\": [\"a\", \"b\"]}\n");
    const QString message = input_error_of([&] { read_all({path}); });
    QVERIFY2(message.contains(q(path + ":2")), qPrintable(message));
    QVERIFY2(message.contains("\"text\"") && message.contains("not a string"), qPrintable(message));
  }

  // Inside a folder, the error names the nested file (not the folder) and its line.
  void errorInsideFolderNamesTheNestedFileAndLine() {
    TempDir tmp;
    const std::string root = tmp.file("corpus");
    std::filesystem::create_directories(root + "/sub");
    write_file(root + "/a.txt", "fine");
    write_file(root + "/sub/rows.jsonl", "{\"text\": \"fine\"}\n{\"txt\": \"typo\"}\n");
    const QString message = input_error_of([&] { read_all({root}); });
    QVERIFY2(message.contains(q(root + "/sub/rows.jsonl:2")), qPrintable(message));
  }

  void nonexistentPathIsAnErrorNamingIt() {
    TempDir tmp;
    const std::string path = tmp.file("missing/corpus.jsonl");
    const QString message = input_error_of([&] { open_text_source({path}); });
    QVERIFY2(message.contains(q(path)), qPrintable(message));
    QVERIFY2(message.contains("no such file"), qPrintable(message));
  }

  // The message names the file and says what is supported.
  void unsupportedExtensionIsAnErrorNamingFileAndSupportedKinds() {
    TempDir tmp;
    const std::string path = tmp.file("table.csv");
    write_file(path, "text\nhello\n");
    const QString message = input_error_of([&] { open_text_source({path}); });
    QVERIFY2(message.contains(q(path)), qPrintable(message));
    QVERIFY2(message.contains(".txt") && message.contains(".jsonl"), qPrintable(message));
  }

  // A folder with no .txt/.jsonl anywhere under it (only other files) is an error, not an empty corpus.
  void folderWithoutTextFilesIsAnErrorNamingIt() {
    TempDir tmp;
    const std::string root = tmp.file("empty");
    std::filesystem::create_directories(root + "/sub");
    write_file(root + "/sub/readme.md", "nothing to read");
    const QString message = input_error_of([&] { open_text_source({root}); });
    QVERIFY2(message.contains(q(root)), qPrintable(message));
  }

  void emptyNameIsAnErrorNamingTheField() {
    const QString message = input_error_of([&] { open_text_source({""}); });
    QVERIFY2(message.contains("dataset.name"), qPrintable(message));
  }
};

QTEST_GUILESS_MAIN(TextSourcesTest)
#include "test_text_sources.moc"
