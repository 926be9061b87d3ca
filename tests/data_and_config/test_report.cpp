// The comparison report over hand-written result folders: two in the seed tooling's format (only
// seed keys, no model_info) and one in ours. Expected numbers are computed by hand here.
#include "comparison_report.h"
#include "errors.h"
#include "test_support.h"

#include <QtTest>

#include <filesystem>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

json record(int64_t dim, double layer, double seq, int64_t batch_id) {
  return {{"feature_dim", dim}, {"max_magnitude", 20.0 + dim % 7}, {"layer_percentage", layer}, {"seq_percentage", seq},
          {"total_occurrences", 100}, {"layers_affected", {"layer_0_ln_attn", "layer_1_ln_mlp"}},
          {"example_values", {20.0, -8.5}}, {"batch_id", batch_id}};
}

// Seed run of Qwen/Qwen3-0.6B: four per-batch records, dim 1461 twice (batches 1 and 2).
// layer fractions {0.5, 0.2, 0.8, 0.3}: mean 45 %, median (0.3 + 0.5) / 2 = 40 %;
// seq fractions {0.1, 0.3, 0.2, 0.06}: mean 16.5 %, median (0.1 + 0.2) / 2 = 15 %.
json seed_outliers() {
  return {{"analysis_summary", {{"total_batches", 2}, {"total_sequences", 4}, {"total_systematic_outliers", 4},
                                {"completion_time", "2025-01-01T00:00:00"}}},
          {"run_config", {{"model", "Qwen/Qwen3-0.6B"}, {"dataset", "allenai/c4"}, {"num_sequences", 4},
                          {"sequence_length", 2048}, {"batch_size", 2}, {"threshold", 6.0}, {"layers", nullptr},
                          {"shard_range_inclusive", nullptr}, {"experiment_name", "qwen3_06b"}}},
          {"top_features", {{{"feature_dim", 1461}, {"max_magnitude", 33.75}, {"occurrences", 2}}}},
          {"all_systematic_outliers", {record(1461, 0.5, 0.1, 1), record(7, 0.2, 0.3, 1), record(1461, 0.8, 0.2, 2),
                                       record(300, 0.3, 0.06, 2)}},
          {"batch_results", json::array()}};
}

// Our run of a model the seeds' metadata does not know: three records, two unique dims.
// layer {0.5, 1.0, 0.25}: mean 58.33 %, median 50 %; seq {0.2, 0.4, 0.1}: mean 23.33 %, median 20 %.
json our_outliers(const std::string& model) {
  json j = seed_outliers();
  j["run_config"]["model"] = model;
  j["model"] = model;
  j["all_systematic_outliers"] = {record(3, 0.5, 0.2, 1), record(9, 1.0, 0.4, 1), record(3, 0.25, 0.1, 2)};
  j["systematic_outliers"] = {record(3, 0.5, 0.2, 0), record(9, 1.0, 0.4, 0)};
  j["model_info"] = {{"model_type", "llama"}, {"layers", 2}, {"hidden_size", 64}, {"total_params", 1234567}, {"active_params", 234567}};
  return j;
}

// Three folders under one root, as a remote_results/ tree would hold them.
struct ResultsTree {
  TempDir tmp;
  std::string root, seed_outliers_dir, seed_perplexity_dir, ours_dir, our_model;
  ResultsTree() {
    root = tmp.file("results");
    seed_outliers_dir = root + "/qwen3_06b_20250101_000000";
    seed_perplexity_dir = root + "/perplexity/ppl_20250102_000000";
    ours_dir = root + "/tiny_20250103_000000";
    our_model = tmp.file("models/tiny-llama");
    std::filesystem::create_directories(seed_perplexity_dir);
    std::filesystem::create_directories(ours_dir);
    std::filesystem::create_directories(seed_outliers_dir);
    write_file(seed_outliers_dir + "/final_analysis_results.json", seed_outliers().dump(2));
    write_file(seed_perplexity_dir + "/perplexity_results.json",
               json{{"perplexity", 21.5}, {"avg_loss", 3.068}, {"total_tokens", 8192}, {"num_sequences", 4},
                    {"model", "Qwen/Qwen3-0.6B"}, {"dataset", "allenai/c4"}, {"sequence_length", 2048}}
                   .dump(2));
    // A perplexity-only model (no outlier run): a row of its own, params from the seeds' metadata.
    std::filesystem::create_directories(root + "/perplexity/olmoe");
    write_file(root + "/perplexity/olmoe/perplexity_results.json",
               json{{"perplexity", 9.25}, {"model", "allenai/OLMoE-1B-7B-0125"}}.dump());
    write_file(ours_dir + "/final_analysis_results.json", our_outliers(our_model).dump(2));
    write_file(ours_dir + "/run.json", json{{"status", "ok"}}.dump());  // other files are ignored
  }
};

const ComparisonRow* row_for(const std::vector<ComparisonRow>& rows, const std::string& model) {
  for (const auto& r : rows)
    if (r.model == model) return &r;
  return nullptr;
}

const json* json_row_for(const json& rows, const std::string& model) {
  for (const auto& r : rows)
    if (r["model"] == model) return &r;
  return nullptr;
}

bool near(double a, double b) { return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b)); }

QStringList csv_lines(const QString& out) { return out.split('\n', Qt::SkipEmptyParts); }

}  // namespace

class ReportTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Seed metrics over all_systematic_outliers as listed (duplicates counted), in percent.
  void seedFolderRowHasHandComputedMetrics() {
    ResultsTree t;
    const auto rows = collect_comparison_rows({t.root});
    const ComparisonRow* r = row_for(rows, "Qwen/Qwen3-0.6B");
    QVERIFY(r);
    QCOMPARE(r->run_dir, t.seed_outliers_dir);
    QCOMPARE(*r->num_outliers, int64_t(4));
    QVERIFY2(near(*r->mean_layer_pct, 45.0), qPrintable(QString::number(*r->mean_layer_pct)));
    QVERIFY2(near(*r->median_layer_pct, 40.0), qPrintable(QString::number(*r->median_layer_pct)));
    QVERIFY2(near(*r->mean_seq_pct, 16.5), qPrintable(QString::number(*r->mean_seq_pct)));
    QVERIFY2(near(*r->median_seq_pct, 15.0), qPrintable(QString::number(*r->median_seq_pct)));
    QVERIFY(!r->unique_systematic.has_value());  // seed files have no systematic_outliers
  }

  // Known names take the seeds' MODEL_METADATA; others their model_info (in billions).
  void paramsComeFromSeedMetadataOrModelInfo() {
    ResultsTree t;
    const auto rows = collect_comparison_rows({t.root});
    const ComparisonRow* seed = row_for(rows, "Qwen/Qwen3-0.6B");
    QVERIFY(seed);
    QCOMPARE(*seed->total_params_b, 0.6);
    QCOMPARE(*seed->active_params_b, 0.6);
    const ComparisonRow* ours = row_for(rows, t.our_model);
    QVERIFY(ours);
    QVERIFY(near(*ours->total_params_b, 1234567 / 1e9));
    QVERIFY(near(*ours->active_params_b, 234567 / 1e9));
  }

  // Our folder: odd count (median = middle value) and the exact unique-dim count.
  void ourFolderRowHasMetricsAndUniqueSystematicCount() {
    ResultsTree t;
    const auto rows = collect_comparison_rows({t.root});
    const ComparisonRow* r = row_for(rows, t.our_model);
    QVERIFY(r);
    QCOMPARE(r->run_dir, t.ours_dir);
    QCOMPARE(*r->num_outliers, int64_t(3));
    QCOMPARE(*r->unique_systematic, int64_t(2));
    QVERIFY(near(*r->mean_layer_pct, 175.0 / 3));
    QVERIFY(near(*r->median_layer_pct, 50.0));
    QVERIFY(near(*r->mean_seq_pct, 70.0 / 3));
    QVERIFY(near(*r->median_seq_pct, 20.0));
    QVERIFY(!r->perplexity.has_value());  // no perplexity run of this model
  }

  // Perplexity joins by model name; a model with only a perplexity run gets its own row.
  void perplexityIsMatchedByModelAndPerplexityOnlyModelGetsARow() {
    ResultsTree t;
    const auto rows = collect_comparison_rows({t.root});
    QCOMPARE(rows.size(), size_t(3));
    QCOMPARE(*row_for(rows, "Qwen/Qwen3-0.6B")->perplexity, 21.5);
    const ComparisonRow* olmoe = row_for(rows, "allenai/OLMoE-1B-7B-0125");
    QVERIFY(olmoe);
    QCOMPARE(*olmoe->perplexity, 9.25);
    QCOMPARE(*olmoe->total_params_b, 7.0);
    QCOMPARE(*olmoe->active_params_b, 1.3);
    QVERIFY(!olmoe->num_outliers.has_value());
    QVERIFY(!olmoe->mean_layer_pct.has_value());
  }

  // Several folders on the command line are one report.
  void severalFoldersAreCollectedTogether() {
    ResultsTree t;
    const auto rows = collect_comparison_rows({t.seed_outliers_dir, t.seed_perplexity_dir});
    QCOMPARE(rows.size(), size_t(1));
    QCOMPARE(*rows[0].perplexity, 21.5);
  }

  void csvReportHasHeaderAndRows() {
    ResultsTree t;
    OwbRun r = run_owb({"report", q(t.root), "--format", "csv"});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    const QStringList lines = csv_lines(r.out);
    QCOMPARE(lines.size(), 4);
    QCOMPARE(lines[0], QString("model,total_params_b,active_params_b,num_outliers,mean_layer_pct,median_layer_pct,"
                               "mean_seq_pct,median_seq_pct,unique_systematic,perplexity,run_dir"));
    QVERIFY(lines.contains(QString("Qwen/Qwen3-0.6B,0.6,0.6,4,45.0,40.0,16.5,15.0,,21.500,") + q(t.seed_outliers_dir)));
    QVERIFY(lines.contains(q(t.our_model) + ",0.001235,0.0002346,3,58.3,50.0,23.3,20.0,2,," + q(t.ours_dir)));
    QVERIFY(lines.contains(QString("allenai/OLMoE-1B-7B-0125,7,1.3,,,,,,,9.250,") + q(t.root + "/perplexity/olmoe")));
  }

  void jsonReportHasTheValues() {
    ResultsTree t;
    OwbRun r = run_owb({"report", q(t.root), "--format", "json"});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    const json rows = json::parse(r.out.toStdString());
    QCOMPARE(rows.size(), size_t(3));
    const json* seed = json_row_for(rows, "Qwen/Qwen3-0.6B");
    QVERIFY(seed);
    QCOMPARE((*seed)["num_outliers"].get<int64_t>(), int64_t(4));
    QVERIFY(near((*seed)["mean_layer_pct"].get<double>(), 45.0));
    QVERIFY(near((*seed)["median_layer_pct"].get<double>(), 40.0));
    QVERIFY(near((*seed)["mean_seq_pct"].get<double>(), 16.5));
    QVERIFY(near((*seed)["median_seq_pct"].get<double>(), 15.0));
    QCOMPARE((*seed)["total_params_b"].get<double>(), 0.6);
    QCOMPARE((*seed)["perplexity"].get<double>(), 21.5);
    QVERIFY((*seed)["unique_systematic"].is_null());
    QCOMPARE((*seed)["run_dir"].get<std::string>(), t.seed_outliers_dir);
    const json* ours = json_row_for(rows, t.our_model);
    QVERIFY(ours);
    QCOMPARE((*ours)["unique_systematic"].get<int64_t>(), int64_t(2));
    QVERIFY(near((*ours)["total_params_b"].get<double>(), 0.001234567));
    QVERIFY((*ours)["perplexity"].is_null());
    const json* olmoe = json_row_for(rows, "allenai/OLMoE-1B-7B-0125");
    QVERIFY(olmoe);
    QCOMPARE((*olmoe)["perplexity"].get<double>(), 9.25);
    QVERIFY((*olmoe)["num_outliers"].is_null());
  }

  // A file that is not JSON, or JSON of the wrong shape: exit 1 and the file is named.
  void malformedResultFileExitsWith1NamingTheFile() {
    TempDir tmp;
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"truncated/final_analysis_results.json", "{\"all_systematic_outliers\": [{\"layer_percentage\": 0.5,"},
        {"no_list/final_analysis_results.json", "{\"run_config\": {\"model\": \"m\"}}"},
        {"string_pct/final_analysis_results.json",
         "{\"model\": \"m\", \"all_systematic_outliers\": [{\"layer_percentage\": \"half\", \"seq_percentage\": 0.1}]}"},
        {"model_not_string/final_analysis_results.json", "{\"run_config\": {\"model\": 3}, \"all_systematic_outliers\": []}"},
        {"ppl_string/perplexity_results.json", "{\"model\": \"m\", \"perplexity\": \"low\"}"},
    };
    std::vector<QStringList> runs;
    for (const auto& [file, text] : cases) {
      const std::string dir = tmp.file(std::filesystem::path(file).parent_path().string());
      std::filesystem::create_directories(dir);
      write_file(tmp.file(file), text);
      runs.push_back({"report", q(dir), "--format", "csv"});
    }
    auto results = run_owb_parallel(runs);
    QStringList failures;
    for (size_t i = 0; i < cases.size(); ++i) {
      const OwbRun& r = results[i];
      if (r.exit_code != 1 || !r.err.contains(q(tmp.file(cases[i].first))))
        failures << QString("%1: exit %2, stderr: %3").arg(q(cases[i].first)).arg(r.exit_code).arg(r.err);
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
  }

  void noFolderOrBadFormatExitsWith2() {
    TempDir tmp;
    auto results = run_owb_parallel({{"report"}, {"report", q(tmp.path()), "--format", "xml"}, {"report", "--format", "csv"}});
    for (const auto& r : results) {
      QVERIFY2(r.exit_code == 2, qPrintable(r.err));
      QVERIFY2(r.err.contains("usage: owb report"), qPrintable(r.err));
    }
  }

  // A path that is not a folder is bad input (exit 1), named in the message.
  void missingFolderExitsWith1NamingIt() {
    TempDir tmp;
    OwbRun r = run_owb({"report", q(tmp.file("nowhere"))});
    QCOMPARE(r.exit_code, 1);
    QVERIFY2(r.err.contains(q(tmp.file("nowhere"))), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(ReportTest)
#include "test_report.moc"
