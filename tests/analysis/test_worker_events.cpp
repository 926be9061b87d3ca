// owb worker --job: the event protocol the job layer and the GUI consume (docs/result-files.md).
#include "analysis_fixtures.h"

#include <QtTest>

#include <map>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

std::vector<json> parse_events(const QString& out) {
  std::vector<json> events;
  for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) events.push_back(json::parse(line.toStdString()));
  return events;
}

json job(const std::string& model, const std::string& run_dir, const std::string& mode) {
  return {{"v", 1},
          {"mode", mode},
          {"run_dir", run_dir},
          {"config",
           {{"model", {{"name", model}, {"torch_dtype", "float32"}}},
            {"dataset", {{"name", corpus_path()}, {"num_sequences", 4}, {"sequence_length", 32}}},
            {"analysis", {{"batch_size", 2}}}}}};
}

}  // namespace

class WorkerEventsTest : public QObject {
  Q_OBJECT
  TempDir tmp_;
  std::string model_;

  std::vector<json> run_worker(const json& job_json, int* exit_code) {
    write_file(tmp_.file("job.json"), job_json.dump());
    OwbRun r = run_owb({"worker", "--job", QString::fromStdString(tmp_.file("job.json"))});
    *exit_code = r.exit_code;
    return parse_events(r.out);
  }

 private Q_SLOTS:
  void initTestCase() {
    model_ = tmp_.file("model");
    write_planted_model(model_, 3, {"dim=5,gamma=20"});
  }

  void streamsStartedProgressLayerStatsArtifactsAndFinished() {
    int code = -1;
    std::string run_dir = tmp_.file("run_both");
    std::vector<json> events = run_worker(job(model_, run_dir, "both"), &code);
    QCOMPARE(code, 0);
    QVERIFY(events.size() > 10);
    for (const json& e : events) QCOMPARE(e["v"].get<int>(), 1);
    QCOMPARE(events.front()["event"].get<std::string>(), std::string("started"));
    QCOMPARE(events.back()["event"].get<std::string>(), std::string("finished"));
    QCOMPARE(events.back()["status"].get<std::string>(), std::string("ok"));

    // The final layer_stats event of each hook equals that hook's row of layer_stats.json.
    json stats = read_json(run_dir + "/layer_stats.json");
    std::map<std::string, json> last_row;
    int64_t last_done = 0;
    std::vector<std::string> artifacts;
    bool saw_perplexity = false;
    for (const json& e : events) {
      const std::string kind = e["event"];
      if (kind == "layer_stats") last_row[e["hook"]] = e;
      if (kind == "artifact") artifacts.push_back(e["path"]);
      if (kind == "result") saw_perplexity = e["kind"] == "perplexity";
      if (kind == "progress" && e["stage"] == "layer") {
        QVERIFY(e["done"].get<int64_t>() <= e["total"].get<int64_t>());
        last_done = e["done"];
      }
    }
    QVERIFY(last_done > 0);
    QVERIFY(saw_perplexity);
    QCOMPARE(last_row.size(), stats["hooks"].size());
    for (size_t h = 0; h < stats["hooks"].size(); ++h) {
      const json& e = last_row[stats["hooks"][h]];
      QCOMPARE(e["batches_done"].get<int64_t>(), int64_t{2});
      QCOMPARE(e["hits"], stats["hits"][h]);
      QCOMPARE(e["max_abs"], stats["max_abs"][h]);
      QCOMPARE(e["positions"].get<int64_t>(), int64_t{4 * 32});
    }
    for (const char* file : {"outlier_analysis.log", "perplexity_computation.log"})
      QVERIFY2(QFile::exists(QString::fromStdString(run_dir + "/" + file)), file);
    for (const char* file : {"config.json", "batch_001_results.json", "batch_002_results.json",
                             "final_analysis_results.json", "layer_stats.json", "perplexity_results.json"}) {
      QVERIFY2(std::find(artifacts.begin(), artifacts.end(), file) != artifacts.end(), file);
      QVERIFY2(QFile::exists(QString::fromStdString(run_dir + "/" + file)), file);
    }
  }

  void failureIsReportedAsAFinishedEventAndInRunJson() {
    json bad = job(model_, tmp_.file("run_bad"), "outliers");
    bad["config"]["analysis"]["layers"] = {7};  // the model has 3 layers
    int code = -1;
    std::vector<json> events = run_worker(bad, &code);
    QCOMPARE(code, 1);
    QVERIFY(!events.empty());
    QCOMPARE(events.back()["event"].get<std::string>(), std::string("finished"));
    QCOMPARE(events.back()["status"].get<std::string>(), std::string("failed"));
    QVERIFY(events.back()["error"].get<std::string>().find("layer 7") != std::string::npos);
    json run = read_json(tmp_.file("run_bad") + "/run.json");
    QCOMPARE(run["status"].get<std::string>(), std::string("failed"));
    QVERIFY(!run["last_log"].empty());
  }
};

QTEST_GUILESS_MAIN(WorkerEventsTest)
#include "test_worker_events.moc"
