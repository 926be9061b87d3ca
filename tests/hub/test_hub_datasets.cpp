// Hub datasets through the dataset viewer API of a fake hub on 127.0.0.1: /splits chooses the
// config, /rows pages of 100 are read lazily, cached as JSONL per (dataset, config, split,
// offset range), and a rerun reads the cache only (online or HF_HUB_OFFLINE=1) with the same rows.
#include "hub_test_env.h"

#include "dataset_rows.h"
#include "errors.h"
#include "text_source.h"

#include <QtTest>

#include <filesystem>
#include <fstream>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace fs = std::filesystem;

namespace {

QString input_error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  return "(no InputError)";
}

std::vector<std::string> numbered_texts(const std::string& prefix, int n) {
  std::vector<std::string> texts;
  for (int i = 0; i < n; ++i) texts.push_back(prefix + " document " + std::to_string(i) + ": the river rose again.");
  return texts;
}

std::vector<std::string> read_texts(hub::DatasetRows& rows, size_t limit = SIZE_MAX) {
  std::vector<std::string> texts;
  while (texts.size() < limit) {
    auto row = rows.next_row();
    if (!row) break;
    texts.push_back((*row)["text"].get<std::string>());
  }
  return texts;
}

std::vector<std::string> read_documents(TextSource& source) {
  std::vector<std::string> docs;
  while (auto d = source.next_document()) docs.push_back(*d);
  return docs;
}

size_t count_path(const FakeHubServer& s, const std::string& path) {
  size_t n = 0;
  for (const auto& r : s.requests()) n += r.path == path;
  return n;
}

}  // namespace

class HubDatasetsTest : public QObject {
  Q_OBJECT

  std::unique_ptr<FakeHubServer> server_;
  std::vector<std::string> train_ = numbered_texts("train", 250);

 private Q_SLOTS:
  void initTestCase() {
    server_ = std::make_unique<FakeHubServer>();
    server_->add_dataset({"org/data", {{"default", {{"train", train_}, {"test", numbered_texts("test", 7)}}}}});
    server_->add_dataset({"HuggingFaceFW/fineweb-edu-like",
                          {{"sample-10BT", {{"train", numbered_texts("10BT", 30)}}},
                           {"sample-100BT", {{"train", numbered_texts("100BT", 30)}}}}});
  }

  void rowsStreamInOrderAndAreCachedAsJsonlPages() {
    HubEnv env(*server_);
    server_->clear_requests();
    hub::DatasetRows rows({"org/data", "", "train"});
    QCOMPARE(rows.config(), std::string("default"));
    QCOMPARE(read_texts(rows), train_);
    QCOMPARE(count_path(*server_, "/splits"), size_t(1));
    QCOMPARE(count_path(*server_, "/rows"), size_t(3));
    for (const auto& r : server_->requests())
      if (r.path == "/rows") QCOMPARE(r.query.at("length"), std::string("100"));
    const std::string folder = env.home() + "/owb-datasets/org/data/default/train";
    QCOMPARE(rows.split_folder(), folder);
    for (const char* page : {"rows_0_100.jsonl", "rows_100_200.jsonl", "rows_200_250.jsonl"})
      QVERIFY2(fs::is_regular_file(folder + "/" + page), page);
    std::ifstream first(folder + "/rows_0_100.jsonl");
    std::string line;
    std::getline(first, line);
    QCOMPARE(json::parse(line)["text"].get<std::string>(), train_[0]);
  }

  void rowsAreReadLazilyPageByPage() {
    HubEnv env(*server_);
    server_->clear_requests();
    hub::DatasetRows rows({"org/data", "default", "train"});
    QCOMPARE(read_texts(rows, 5).size(), size_t(5));
    QCOMPARE(count_path(*server_, "/rows"), size_t(1));
    QCOMPARE(count_path(*server_, "/splits"), size_t(0));  // the config was given
  }

  void rerunReadsTheCacheOnlyAndYieldsTheSameRows() {
    HubEnv env(*server_);
    hub::DatasetRows first({"org/data", "", "train"});
    const std::vector<std::string> texts = read_texts(first);
    server_->clear_requests();
    hub::DatasetRows online_again({"org/data", "", "train"});
    QCOMPARE(read_texts(online_again), texts);
    env.set("HF_HUB_OFFLINE", "1");
    hub::DatasetRows offline({"org/data", "", "train"});
    QCOMPARE(read_texts(offline), texts);
    QCOMPARE(server_->request_count(), size_t(0));
  }

  void offlineWithoutCachedRowsFailsNamingHfHubOffline() {
    HubEnv env(*server_);
    env.set("HF_HUB_OFFLINE", "1");
    const QString message = input_error_of([] { hub::DatasetRows rows({"org/data", "default", "train"}); rows.next_row(); });
    QVERIFY2(message.contains("org/data") && message.contains("HF_HUB_OFFLINE"), qPrintable(message));
    QCOMPARE(server_->request_count(), size_t(0));
  }

  void severalConfigsWithoutDatasetConfigListsThem() {
    HubEnv env(*server_);
    const QString message = input_error_of([] { hub::DatasetRows rows({"HuggingFaceFW/fineweb-edu-like", "", "train"}); });
    QVERIFY2(message.contains("dataset.config") && message.contains("sample-10BT") && message.contains("sample-100BT"),
             qPrintable(message));
    hub::DatasetRows rows({"HuggingFaceFW/fineweb-edu-like", "sample-10BT", "train"});
    QCOMPARE(read_texts(rows), numbered_texts("10BT", 30));
  }

  void textSourceOpensAHubIdWithConfigAndSplit() {
    HubEnv env(*server_);
    TextSourceSpec spec{"org/data", "test", "text", "default"};
    auto source = open_text_source(spec);
    QCOMPARE(read_documents(*source), numbered_texts("test", 7));
    QVERIFY2(source->describe().find("org/data") != std::string::npos, source->describe().c_str());
  }

  void textSourceMissingColumnNamesIt() {
    HubEnv env(*server_);
    TextSourceSpec spec{"org/data", "test", "content", "default"};
    auto source = open_text_source(spec);
    const QString message = input_error_of([&] { source->next_document(); });
    QVERIFY2(message.contains("content") && message.contains("dataset.text_field"), qPrintable(message));
  }

  void unknownDatasetGivesTheViewersMessage() {
    HubEnv env(*server_);
    const QString message = input_error_of([] { open_text_source({"org/no-such-data"}); });
    QVERIFY2(message.contains("org/no-such-data") && message.contains("404") && message.contains("does not exist") &&
                 message.contains("no local file or folder"),
             qPrintable(message));
  }
};

QTEST_GUILESS_MAIN(HubDatasetsTest)
#include "test_hub_datasets.moc"
