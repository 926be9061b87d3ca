// owb outliers / owb worker on bad and good inputs, through the real binary: bad input exits
// with code 1 and a message naming the key, field or file; a run that fails after its folder
// exists leaves run.json saying "failed" with the error; flags override the config file.
#include "test_support.h"

#include <QtTest>

#include <algorithm>
#include <filesystem>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace fs = std::filesystem;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

// Twenty different sentences, repeated: a few paragraphs of English, thousands of tokens.
std::string english_text() {
  const std::vector<std::string> sentences = {
      "The river rose slowly through the night and covered the lower fields by morning.",
      "Farmers moved their animals to the hills before the water reached the barns.",
      "A small boat drifted past the church, empty except for a basket of apples.",
      "Children watched from the bridge and counted the fence posts that disappeared.",
      "By noon the rain had stopped, but the sky stayed the colour of wet slate.",
      "The baker opened his shop anyway and sold bread to anyone who could reach it.",
      "Old maps showed that the valley had flooded like this once every forty years.",
      "Nobody living remembered the last time, so the stories sounded like legends.",
      "In the evening the mayor read a short letter from the regional government.",
      "Help would arrive in two days, the letter said, if the roads stayed open.",
      "The schoolteacher organised a list of families who needed dry blankets.",
      "Volunteers carried sandbags along the main street until their arms ached.",
      "A dog barked at the rising water as if it could frighten it back into the river.",
      "Late at night the first trucks appeared on the northern road with their lights on.",
      "They brought food, clean water, tents and a doctor who had not slept for a day.",
      "When the water finally fell, it left a line of mud on every wall in the village.",
      "People scrubbed floors, dried books in the sun and laughed more than expected.",
      "The apples from the drifting boat were found later, caught in a willow tree.",
      "Someone made a pie from them and shared it with everyone who had helped.",
      "Years afterwards, the flood was remembered mostly for that pie.",
  };
  std::string text;
  for (int paragraph = 0; paragraph < 3; ++paragraph) {
    for (const auto& s : sentences) text += s + " ";
    text += "\n\n";
  }
  return text;
}

// One tiny llama with the fixture tokenizer and one dataset, shared by the suite.
struct Fixture {
  TempDir tmp;
  std::string model, dataset;
};

std::vector<std::string> run_folders(const std::string& save_dir) {
  std::vector<std::string> dirs;
  if (!fs::exists(save_dir)) return dirs;
  for (const auto& e : fs::directory_iterator(save_dir))
    if (e.is_directory()) dirs.push_back(e.path().string());
  std::sort(dirs.begin(), dirs.end());
  return dirs;
}

json read_json(const std::string& path) { return json::parse(read_file(path)); }

// The JSON lines of a worker's stdout.
std::vector<json> events_of(const QString& out) {
  std::vector<json> events;
  for (const QString& line : out.split('\n', Qt::SkipEmptyParts)) events.push_back(json::parse(line.toStdString()));
  return events;
}

}  // namespace

class CliJobsTest : public QObject {
  Q_OBJECT

  Fixture f_;

  // A run's arguments: the shared model and dataset, small and in f32, into `save_dir`.
  QStringList job(const std::string& save_dir, QStringList extra = {}) const {
    return QStringList{"outliers", "--model", q(f_.model), "--dataset", q(f_.dataset), "--dtype", "f32", "--sequence-length", "32",
                       "--num-sequences", "2", "--save-dir", q(save_dir)} +
           extra;
  }

 private Q_SLOTS:
  void initTestCase() {
    f_.model = f_.tmp.file("model");
    f_.dataset = f_.tmp.file("story.txt");
    write_file(f_.dataset, english_text());
    OwbRun r = run_owb({"make-test-model", "--arch", "llama", "--out", q(f_.model), "--layers", "2", "--tokenizer",
                        QString(OWB_SOURCE_DIR) + "/tests/tokenizer/fixtures/model_dir"});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    QVERIFY(fs::exists(f_.model + "/tokenizer.json"));
  }

  // The good path first: the shared inputs do run, so the failures below are the inputs' fault.
  void validRunWritesAnOkRunFolder() {
    TempDir out;
    OwbRun r = run_owb(job(out.path()));
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    const auto dirs = run_folders(out.path());
    QCOMPARE(dirs.size(), size_t(1));
    QCOMPARE(r.out.trimmed(), q(dirs[0]));
    QCOMPARE(read_json(dirs[0] + "/run.json")["status"].get<std::string>(), std::string("ok"));
    QVERIFY(fs::exists(dirs[0] + "/final_analysis_results.json"));
  }

  // Bad values are rejected before anything is written: exit 1, the message names the key/field.
  void invalidConfigOrFlagsExitWith1NamingTheKey() {
    TempDir tmp;
    write_file(tmp.file("typo.json"), R"({"analysis": {"magnitude_treshold": 5.0}})");
    write_file(tmp.file("section.json"), R"({"analyses": {}})");
    const std::vector<std::pair<QStringList, QString>> cases = {
        {job(tmp.file("a"), {q(tmp.file("typo.json"))}), "magnitude_treshold"},
        {job(tmp.file("b"), {q(tmp.file("section.json"))}), "analyses"},
        {job(tmp.file("c"), {"--magnitude-threshold", "-1"}), "analysis.magnitude_threshold"},
        {job(tmp.file("d"), {"--min-layer-percentage", "1.5"}), "analysis.min_layer_percentage"},
        {job(tmp.file("e"), {"--min-seq-percentage", "-0.1"}), "analysis.min_seq_percentage"},
        {job(tmp.file("f"), {"--batch-size", "0"}), "analysis.batch_size"},
        {job(tmp.file("g"), {"--log-level", "LOUD"}), "output.log_level"},
    };
    std::vector<QStringList> runs;
    for (const auto& c : cases) runs.push_back(c.first);
    auto results = run_owb_parallel(runs);
    QStringList failures;
    for (size_t i = 0; i < cases.size(); ++i) {
      const OwbRun& r = results[i];
      if (r.exit_code != 1 || !r.err.contains(cases[i].second))
        failures << QString("%1: exit %2, stderr: %3").arg(cases[i].second).arg(r.exit_code).arg(r.err);
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
    for (const char* d : {"a", "b", "c", "d", "e", "f", "g"}) QVERIFY2(run_folders(tmp.file(d)).empty(), d);
  }

  // Input problems found after the run folder exists: exit 1 naming the file, and run.json
  // says "failed" with the same error.
  void inputFailuresExitWith1AndMarkTheRunFailed() {
    TempDir tmp;
    write_file(tmp.file("empty.txt"), "");
    write_file(tmp.file("short.txt"), "Only a few words here.");
    struct Case {
      const char* what;
      QStringList args;
      QStringList mentions;
    };
    const std::string missing_model = tmp.file("no-such-model");
    const std::vector<Case> cases = {
        {"empty dataset", job(tmp.file("a"), {"--dataset", q(tmp.file("empty.txt"))}), {q(tmp.file("empty.txt"))}},
        {"too few tokens", job(tmp.file("b"), {"--dataset", q(tmp.file("short.txt"))}),
         {q(tmp.file("short.txt")), "only 0 sequences", "2 were asked for"}},
        {"missing model", job(tmp.file("c"), {"--model", q(missing_model)}), {q(missing_model)}},
        {"layer out of range", job(tmp.file("d"), {"--layers", "99"}), {"layer 99", "2 layers"}},
    };
    std::vector<QStringList> runs;
    for (const auto& c : cases) runs.push_back(c.args);
    auto results = run_owb_parallel(runs);
    QStringList failures;
    for (size_t i = 0; i < cases.size(); ++i) {
      const OwbRun& r = results[i];
      const Case& c = cases[i];
      if (r.exit_code != 1) failures << QString("%1: exit %2, stderr: %3").arg(c.what).arg(r.exit_code).arg(r.err);
      for (const QString& m : c.mentions)
        if (!r.err.contains(m)) failures << QString("%1: stderr lacks \"%2\": %3").arg(c.what, m, r.err);
      const auto dirs = run_folders(tmp.file(std::string(1, char('a' + i))));
      if (dirs.size() != 1) {
        failures << QString("%1: %2 run folders").arg(c.what).arg(dirs.size());
        continue;
      }
      const json run = read_json(dirs[0] + "/run.json");
      if (run["status"] != "failed") failures << QString("%1: run.json status %2").arg(c.what, q(run["status"].dump()));
      const QString error = run["error"].is_string() ? q(run["error"].get<std::string>()) : QString();
      for (const QString& m : c.mentions)
        if (!error.contains(m)) failures << QString("%1: run.json error lacks \"%2\": %3").arg(c.what, m, error);
      if (run["finished"].is_null()) failures << QString("%1: run.json has no finished time").arg(c.what);
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
  }

  // Flags win over the config file; what the file sets and no flag overrides is kept.
  void flagsOverrideTheConfigFile() {
    TempDir tmp;
    write_file(tmp.file("job.json"), json{{"dataset", {{"num_sequences", 2}, {"sequence_length", 16}}},
                                          {"analysis", {{"magnitude_threshold", 4.0}}},
                                          {"output", {{"experiment_name", "from_file"}}}}
                                         .dump());
    // Not job(): num_sequences and sequence_length come only from the file and --num-sequences.
    OwbRun r = run_owb({"outliers", q(tmp.file("job.json")), "--model", q(f_.model), "--dataset", q(f_.dataset), "--dtype", "f32",
                        "--num-sequences", "3", "--save-dir", q(tmp.file("out"))});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    const auto dirs = run_folders(tmp.file("out"));
    QCOMPARE(dirs.size(), size_t(1));
    QVERIFY2(fs::path(dirs[0]).filename().string().rfind("from_file_", 0) == 0, dirs[0].c_str());
    const json config = read_json(dirs[0] + "/config.json");
    QCOMPARE(config["dataset"]["num_sequences"].get<int64_t>(), int64_t(3));
    QCOMPARE(config["dataset"]["sequence_length"].get<int64_t>(), int64_t(16));
    QCOMPARE(config["analysis"]["magnitude_threshold"].get<double>(), 4.0);
    QCOMPARE(config["model"]["torch_dtype"].get<std::string>(), std::string("f32"));
    const json results = read_json(dirs[0] + "/final_analysis_results.json");
    QCOMPARE(results["run_config"]["num_sequences"].get<int64_t>(), int64_t(3));
  }

  // A job file the worker cannot read still ends with a finished/failed event (the job layer
  // waits for one), nothing else on stdout is non-JSON, and the exit code is 1.
  void workerWithMalformedJobPrintsFailedFinishedEvent() {
    TempDir tmp;
    write_file(tmp.file("broken.json"), "{\"v\": 1, \"mode\": \"outliers\", \"config\": ");
    write_file(tmp.file("unknown.json"), R"({"v": 1, "mode": "outliers", "config": {}, "priority": 3})");
    write_file(tmp.file("badmode.json"), R"({"v": 1, "mode": "everything", "config": {}})");
    const std::vector<std::pair<std::string, QString>> cases = {
        {"broken.json", q(tmp.file("broken.json"))}, {"unknown.json", "priority"}, {"badmode.json", "everything"}};
    std::vector<QStringList> runs;
    for (const auto& c : cases) runs.push_back({"worker", "--job", q(tmp.file(c.first))});
    auto results = run_owb_parallel(runs);
    for (size_t i = 0; i < cases.size(); ++i) {
      const OwbRun& r = results[i];
      QVERIFY2(r.exit_code == 1, qPrintable(r.err));
      const std::vector<json> events = events_of(r.out);
      QVERIFY2(!events.empty(), qPrintable(r.out));
      const json& last = events.back();
      QCOMPARE(last["event"].get<std::string>(), std::string("finished"));
      QCOMPARE(last["status"].get<std::string>(), std::string("failed"));
      QCOMPARE(last["v"].get<int>(), 1);
      QVERIFY2(q(last["error"].get<std::string>()).contains(cases[i].second), last.dump().c_str());
    }
  }

  // A run that fails inside run_analysis_job ends with exactly one finished event, and run.json
  // in the job's run_dir says failed.
  void workerRunFailureSendsExactlyOneFinishedEvent() {
    TempDir tmp;
    json config = {{"model", {{"name", f_.model}, {"torch_dtype", "f32"}}},
                   {"dataset", {{"name", f_.dataset}, {"num_sequences", 2}, {"sequence_length", 32}}},
                   {"analysis", {{"layers", {99}}}}};
    write_file(tmp.file("job.json"), json{{"v", 1}, {"mode", "outliers"}, {"run_dir", tmp.file("run")}, {"config", config}}.dump());
    OwbRun r = run_owb({"worker", "--job", q(tmp.file("job.json"))});
    QCOMPARE(r.exit_code, 1);
    const std::vector<json> events = events_of(r.out);
    QVERIFY(!events.empty());
    QVERIFY(std::any_of(events.begin(), events.end(), [](const json& e) { return e["event"] == "started"; }));
    int finished = 0;
    for (const auto& e : events) finished += e["event"] == "finished";
    QVERIFY2(finished == 1, qPrintable(r.out));
    QCOMPARE(events.back()["event"].get<std::string>(), std::string("finished"));
    QCOMPARE(events.back()["status"].get<std::string>(), std::string("failed"));
    QCOMPARE(events.back()["run"].get<std::string>(), tmp.file("run"));
    QCOMPARE(read_json(tmp.file("run/run.json"))["status"].get<std::string>(), std::string("failed"));
  }
};

QTEST_GUILESS_MAIN(CliJobsTest)
#include "test_cli_jobs.moc"
