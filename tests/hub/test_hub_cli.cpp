// owb with hub ids through the real binary, HF_ENDPOINT / HF_DATASETS_SERVER pointing at a
// fake hub on 127.0.0.1: `owb outliers --model org/name --dataset org/data` end to end,
// `owb download`, `owb cache list|size|delete`.
#include "hub_test_env.h"

#include <QtTest>

#include <filesystem>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace fs = std::filesystem;

namespace {

const std::string kCommit = "89abcdef0123456789abcdef0123456789abcdef";

QString q(const std::string& s) { return QString::fromStdString(s); }

std::vector<std::string> sentences(int n) {
  std::vector<std::string> texts;
  for (int i = 0; i < n; ++i)
    texts.push_back("The river rose slowly through night " + std::to_string(i) +
                    " and covered the lower fields by morning, so the farmers moved their animals to the hills.");
  return texts;
}

std::vector<std::string> run_folders(const std::string& save_dir) {
  std::vector<std::string> dirs;
  if (!fs::exists(save_dir)) return dirs;
  for (const auto& e : fs::directory_iterator(save_dir))
    if (e.is_directory()) dirs.push_back(e.path().string());
  return dirs;
}

}  // namespace

class HubCliTest : public QObject {
  Q_OBJECT

  TempDir fixture_;
  std::unique_ptr<FakeHubServer> server_;

 private Q_SLOTS:
  void initTestCase() {
    const std::string dir = fixture_.file("tiny");
    OwbRun r = run_owb({"make-test-model", "--arch", "llama", "--out", q(dir), "--layers", "2", "--shards", "2",
                        "--tokenizer", QString(OWB_SOURCE_DIR) + "/tests/tokenizer/fixtures/model_dir"});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    server_ = std::make_unique<FakeHubServer>();
    FakeModelRepo repo = repo_from_folder("org/tiny", kCommit, dir);
    server_->add_model(repo);
    repo.id = "org/gated";
    repo.required_token = "hf_secret";
    server_->add_model(repo);
    server_->add_dataset({"org/data", {{"default", {{"train", sentences(120)}}}}});
  }

  void outliersRunsWithHubModelAndHubDataset() {
    HubEnv env(*server_);
    TempDir out;
    OwbRun r = run_owb({"outliers", "--model", "org/tiny", "--dataset", "org/data", "--dtype", "f32", "--sequence-length",
                        "32", "--num-sequences", "2", "--save-dir", q(out.path())});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    const auto dirs = run_folders(out.path());
    QCOMPARE(dirs.size(), size_t(1));
    QCOMPARE(json::parse(read_file(dirs[0] + "/run.json"))["status"].get<std::string>(), std::string("ok"));
    QCOMPARE(json::parse(read_file(dirs[0] + "/config.json"))["model"]["name"].get<std::string>(), std::string("org/tiny"));
    const std::string log = read_file(dirs[0] + "/outlier_analysis.log");
    QVERIFY2(log.find("downloading model-00001-of-00002.safetensors") != std::string::npos, log.c_str());
    QVERIFY(fs::is_directory(env.cache() + "/models--org--tiny/snapshots/" + kCommit));
    QVERIFY(fs::is_regular_file(env.home() + "/owb-datasets/org/data/default/train/rows_0_100.jsonl"));
    // The same run again, offline: everything comes from the cache.
    env.set("HF_HUB_OFFLINE", "1");
    server_->clear_requests();
    OwbRun again = run_owb({"outliers", "--model", "org/tiny", "--dataset", "org/data", "--dtype", "f32",
                            "--sequence-length", "32", "--num-sequences", "2", "--save-dir", q(out.file("again"))});
    QVERIFY2(again.exit_code == 0, qPrintable(again.err));
    QCOMPARE(server_->request_count(), size_t(0));
    // The result files name the model by its id, not by the snapshot folder it resolved to.
    const json final_results = json::parse(read_file(dirs[0] + "/final_analysis_results.json"));
    QCOMPARE(final_results["model"].get<std::string>(), std::string("org/tiny"));
    // inspect and forward take ids too (offline: from the cache).
    OwbRun inspect = run_owb({"inspect", "org/tiny"});
    QVERIFY2(inspect.exit_code == 0, qPrintable(inspect.err));
    QCOMPARE(json::parse(inspect.out.toStdString())["layers"].get<int64_t>(), int64_t(2));
    QCOMPARE(server_->request_count(), size_t(0));
  }

  void workerEmitsDownloadProgressEvents() {
    HubEnv env(*server_);
    TempDir tmp;
    json config = {{"model", {{"name", "org/tiny"}, {"torch_dtype", "float32"}}},
                   {"dataset", {{"name", "org/data"}, {"config", "default"}, {"num_sequences", 1}, {"sequence_length", 16}}},
                   {"output", {{"save_dir", tmp.file("runs")}}}};
    json job = {{"v", 1}, {"mode", "outliers"}, {"config", config}};
    write_file(tmp.file("job.json"), job.dump());
    OwbRun r = run_owb({"worker", "--job", q(tmp.file("job.json"))});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err + r.out));
    bool download_done = false;
    for (const QString& line : r.out.split('\n', Qt::SkipEmptyParts)) {
      json e = json::parse(line.toStdString());
      if (e.value("event", "") == "progress" && e.value("stage", "") == "download" && e["total"].get<int64_t>() > 0)
        download_done = download_done || e["done"] == e["total"];
    }
    QVERIFY2(download_done, qPrintable(r.out));
  }

  void downloadPrintsTheSnapshotAndCacheCommandsSeeIt() {
    HubEnv env(*server_);
    OwbRun d = run_owb({"download", "org/tiny"});
    QVERIFY2(d.exit_code == 0, qPrintable(d.err));
    const std::string snapshot = env.cache() + "/models--org--tiny/snapshots/" + kCommit;
    QCOMPARE(d.out.trimmed(), q(snapshot));
    OwbRun list = run_owb({"cache", "list", "--json"});
    QVERIFY2(list.exit_code == 0, qPrintable(list.err));
    json repos = json::parse(list.out.toStdString())["repos"];
    QCOMPARE(repos.size(), size_t(1));
    QCOMPARE(repos[0]["id"].get<std::string>(), std::string("org/tiny"));
    QCOMPARE(repos[0]["refs"]["main"].get<std::string>(), kCommit);
    QVERIFY(repos[0]["size_bytes"].get<uint64_t>() > 0);
    OwbRun size = run_owb({"cache", "size", "--json"});
    QCOMPARE(json::parse(size.out.toStdString())["hub_cache_bytes"], repos[0]["size_bytes"]);
    OwbRun del = run_owb({"cache", "delete", "org/tiny"});
    QVERIFY2(del.exit_code == 0, qPrintable(del.err));
    QVERIFY(!fs::exists(env.cache() + "/models--org--tiny"));
    QCOMPARE(run_owb({"cache", "delete", "org/tiny"}).exit_code, 1);
  }

  void downloadOfGatedRepoExitsWith1SayingWhatToDo() {
    HubEnv env(*server_);
    OwbRun r = run_owb({"download", "org/gated"});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains("401") && r.err.contains("HF_TOKEN"), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(HubCliTest)
#include "test_hub_cli.moc"
