// The scaling-law report in process over the standard synthetic table (damage_fixtures.h):
// statistics, both filters and what they record, |.| or signed rank reduction, --models, the
// CSV/JSON files, the PNG, and bad folders.
#include "damage_fixtures.h"
#include "damage_runs.h"
#include "errors.h"
#include "json_file.h"
#include "line_plot_image.h"
#include "png_reader.h"
#include "scaling_law_figure.h"
#include "scaling_law_report.h"
#include "test_support.h"

#include <QtTest>

#include <cmath>
#include <filesystem>
#include <sstream>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

constexpr double kT3 = 3.182446305284263;  // t_{0.975, 3}
constexpr double kT4 = 2.7764451051977987;  // t_{0.975, 4}

bool near(double a, double b) { return std::fabs(a - b) <= 1e-9 * std::max(1.0, std::fabs(b)); }
#define QVERIFY_NEAR(a, b) QVERIFY2(near((a), (b)), qPrintable(QString("%1 != %2").arg((a), 0, 'g', 17).arg((b), 0, 'g', 17)))

struct Table {
  TempDir tmp;
  std::string root = tmp.file("results");
  Table() { write_standard_damage_table(root); }
  ScalingLawReport report(ScalingLawOptions o = {}) const { return build_scaling_law_report(read_damage_runs(root), o, root); }
};

const ModelScaling& model(const ScalingLawReport& r, const std::string& key) {
  for (const auto& m : r.models)
    if (m.key == key) return m;
  throw std::runtime_error("no model " + key);
}

ScalingLawOptions iqr_on(DamageMetric metric) {
  ScalingLawOptions o;
  o.filter = OutlierFilter::Iqr;
  o.filter_metric = metric;
  return o;
}

std::vector<std::vector<std::string>> parse_csv(const std::string& text) {
  std::vector<std::vector<std::string>> rows;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    std::vector<std::string> fields;
    std::istringstream cells(line);
    for (std::string cell; std::getline(cells, cell, ',');) fields.push_back(cell);
    if (!line.empty() && line.back() == ',') fields.push_back("");
    rows.push_back(fields);
  }
  return rows;
}

std::string field(const std::vector<std::vector<std::string>>& csv, size_t row, const std::string& column) {
  for (size_t c = 0; c < csv[0].size(); ++c)
    if (csv[0][c] == column) return csv.at(row).at(c);
  throw std::runtime_error("no column " + column);
}

void expect_input_error(const std::string& root, const std::string& needle1, const std::string& needle2) {
  try {
    read_damage_runs(root);
    QFAIL("no InputError");
  } catch (const InputError& e) {
    const std::string what = e.what();
    QVERIFY2(what.find(needle1) != std::string::npos && what.find(needle2) != std::string::npos, e.what());
  }
}

}  // namespace

class ScalingLawReportTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void readsRunFoldersAndSkipsOneWithoutResults() {
    Table t;
    const DamageRunScan scan = read_damage_runs(t.root);
    QCOMPARE(scan.runs.size(), std::size_t(15));
    QCOMPARE(scan.warnings.size(), std::size_t(1));
    QVERIFY(scan.warnings[0].find(kFailedRunFolder) != std::string::npos);
    QVERIFY(scan.warnings[0].find("no results.json") != std::string::npos);
    const DamageRun& first = scan.runs.front();  // by key ("160m" < "410m" < "70m"), then run
    QCOMPARE(first.size_label, std::string("160m"));
    QCOMPARE(first.run, 1);
    QCOMPARE(*first.seed, int64_t(43));
    QCOMPARE(first.model, std::string("EleutherAI/pythia-160m"));
    QVERIFY(!first.control);
  }

  // owb damage leaves run.json beside a failed run: its error is in the warning.
  void failedRunsErrorIsInTheWarning() {
    Table t;
    write_file(t.root + "/" + kFailedRunFolder + "/run.json", json{{"status", "failed"}, {"error", "out of memory"}}.dump());
    const DamageRunScan scan = read_damage_runs(t.root);
    QCOMPARE(scan.warnings.size(), std::size_t(1));
    QVERIFY2(scan.warnings[0].find("run failed: out of memory") != std::string::npos, scan.warnings[0].c_str());
  }

  void outputFolderInsideResultsIsNotAFailedRun() {
    Table t;
    const std::string out = t.root + "/scaling_law_analysis";
    std::filesystem::create_directories(out);
    QCOMPARE(read_damage_runs(t.root, {out}).warnings.size(), std::size_t(1));
    QCOMPARE(read_damage_runs(t.root).warnings.size(), std::size_t(2));
  }

  void malformedResultsJsonFailsNamingTheFile() {
    Table t;
    const std::string file = damage_run_folder(t.root, "70m", "pythia-70m", 3) + "/results.json";
    write_file(file, "{\"schema\": \"owb.damage_run/1\", ");
    expect_input_error(t.root, file, "malformed JSON");
  }

  void missingMetricFailsNamingFileAndField() {
    Table t;
    const std::string file = damage_run_folder(t.root, "410m", "pythia-410m", 2) + "/results.json";
    json j = read_json_file(file);
    j.erase("rank_post");
    write_file(file, j.dump());
    expect_input_error(t.root, file, "\"rank_post\"");
  }

  void otherSchemaFails() {
    Table t;
    const std::string file = damage_run_folder(t.root, "410m", "pythia-410m", 2) + "/results.json";
    write_file(file, json{{"schema", "something/2"}}.dump());
    expect_input_error(t.root, file, "schema");
  }

  // No filter: 70m rank_reduction {30, 32, 34, 36, 80}: mean 42.4; 410m {12..16}: mean 14,
  // var 10/4, CI 14 -/+ t4 sqrt(2.5 / 5); 160m |{-20..-28}|: mean 24.
  void statisticsPerModelMatchHandComputation() {
    Table t;
    const ScalingLawReport r = t.report();
    QCOMPARE(r.models.size(), std::size_t(3));
    QCOMPARE(r.models[0].key, std::string("70m"));  // by parameters
    QCOMPARE(r.models[2].key, std::string("410m"));
    const SampleSummary& a = r.stat(model(r, "70m"), DamageMetric::RankReduction);
    QCOMPARE(a.n, std::size_t(5));
    QVERIFY_NEAR(a.mean, 42.4);
    const SampleSummary& b = r.stat(model(r, "410m"), DamageMetric::RankReduction);
    QVERIFY_NEAR(b.std, std::sqrt(2.5));
    QVERIFY_NEAR(b.sem, std::sqrt(0.5));
    QVERIFY_NEAR(b.ci95_low, 14 - kT4 * std::sqrt(0.5));
    QVERIFY_NEAR(b.ci95_high, 14 + kT4 * std::sqrt(0.5));
    QVERIFY_NEAR(r.stat(model(r, "160m"), DamageMetric::RankReduction).mean, 24.0);
    QVERIFY_NEAR(r.stat(model(r, "160m"), DamageMetric::PerplexityIncrease).mean, 11.6);
    QVERIFY_NEAR(r.stat(model(r, "70m"), DamageMetric::PerplexityPost).mean, 32.0);
    QVERIFY(!model(r, "70m").filtering);
  }

  // 410m has a control group: rank_reduction 1..5, mean 3.
  void controlGroupIsSummarisedApart() {
    Table t;
    const ScalingLawReport r = t.report();
    QCOMPARE(model(r, "410m").control_runs, std::size_t(5));
    QVERIFY_NEAR(model(r, "410m").control[0].mean, 3.0);
    QCOMPARE(model(r, "70m").control_runs, std::size_t(0));
  }

  // 70m sorted {30, 32, 34, 36, 80}: Q1 32, Q3 36, fences [26, 42]: run 5 (index 4) goes.
  // Kept {30, 32, 34, 36}: mean 33, var 20/3, CI 33 -/+ t3 sqrt(20/3) / 2.
  void iqrFilterRemovesThePlantedRunAndRecordsIt() {
    Table t;
    const ScalingLawReport r = t.report(iqr_on(DamageMetric::RankReduction));
    const ModelScaling& m = model(r, "70m");
    QVERIFY(m.filtering);
    QCOMPARE(m.filtering->removed_indices, std::vector<std::size_t>({4}));
    QCOMPARE(m.kept, std::vector<bool>({true, true, true, true, false}));
    QVERIFY_NEAR(m.filtering->lower, 26.0);
    QVERIFY_NEAR(m.filtering->upper, 42.0);
    QVERIFY_NEAR(m.filtering->original[0].mean, 42.4);
    const SampleSummary& s = r.stat(m, DamageMetric::RankReduction);
    QCOMPARE(s.n, std::size_t(4));
    QVERIFY_NEAR(s.mean, 33.0);
    QVERIFY_NEAR(s.std, std::sqrt(20.0 / 3.0));
    QVERIFY_NEAR(s.ci95_high, 33.0 + kT3 * std::sqrt(20.0 / 3.0) / 2.0);
    // The other metrics follow the kept runs: perplexity_increase {10, 11, 12, 13}.
    QVERIFY_NEAR(r.stat(m, DamageMetric::PerplexityIncrease).mean, 11.5);
    QVERIFY(model(r, "160m").filtering->removed_indices.empty());
    QVERIFY(model(r, "410m").filtering->removed_indices.empty());
  }

  // 160m perplexity_increase sorted {6, 8, 9, 10, 25}: Q1 8, Q3 10, fences [5, 13]: run 2 goes.
  void iqrFilterOnPerplexityRemovesThatMetricsOutlier() {
    Table t;
    const ScalingLawReport r = t.report(iqr_on(DamageMetric::PerplexityIncrease));
    QCOMPARE(model(r, "160m").filtering->removed_indices, std::vector<std::size_t>({1}));
    QVERIFY(model(r, "70m").filtering->removed_indices.empty());
    QVERIFY_NEAR(r.stat(model(r, "160m"), DamageMetric::PerplexityIncrease).mean, 8.25);
  }

  // 70m: mean 42.4, sample std sqrt(1787.2 / 4) = 21.14, z(80) = 1.78 > 1.5; every other |z| < 1.3.
  // With 5 runs no |z| can exceed (n - 1) / sqrt(n) = 1.79, so the seed's t = 3 removes nothing.
  void zscoreFilterRemovesThePlantedRunAtItsThreshold() {
    Table t;
    ScalingLawOptions o;
    o.filter = OutlierFilter::ZScore;
    o.zscore_threshold = 1.5;
    ScalingLawReport r = t.report(o);
    QCOMPARE(model(r, "70m").filtering->removed_indices, std::vector<std::size_t>({4}));
    QVERIFY(model(r, "160m").filtering->removed_indices.empty());
    QVERIFY(model(r, "410m").filtering->removed_indices.empty());
    o.zscore_threshold = 3.0;
    r = t.report(o);
    for (const auto& m : r.models) QVERIFY(m.filtering->removed_indices.empty());
  }

  // Signed: 160m's mean is -24 and cannot be logged; the fit uses 70m and 410m only.
  void noAbsoluteKeepsTheSignAndTheFitSkipsNegativeMeans() {
    Table t;
    ScalingLawOptions o;
    o.use_absolute = false;
    const ScalingLawReport r = t.report(o);
    QVERIFY_NEAR(r.stat(model(r, "160m"), DamageMetric::RankReduction).mean, -24.0);
    const PowerLawFit& fit = r.fit(DamageMetric::RankReduction);
    QVERIFY(fit.valid);
    QCOMPARE(fit.skipped, std::vector<std::size_t>({1}));
    QCOMPARE(fit.points_used, std::size_t(2));
    QVERIFY_NEAR(fit.b, std::log10(14.0 / 42.4) / std::log10(410.0 / 70.0));
    const json j = scaling_law_summary_json(r);
    QCOMPARE(j["fits"]["rank_reduction"]["skipped_models"], json::array({"160m"}));
  }

  // The fit of mean |rank reduction| on parameters, computed here from the three means.
  void fitIsThePowerLawOfTheMeans() {
    Table t;
    const ScalingLawReport r = t.report(iqr_on(DamageMetric::RankReduction));
    const double x[] = {std::log10(7e7), std::log10(1.6e8), std::log10(4.1e8)};
    const double y[] = {std::log10(33.0), std::log10(24.0), std::log10(14.0)};
    const double mx = (x[0] + x[1] + x[2]) / 3, my = (y[0] + y[1] + y[2]) / 3;
    double sxy = 0, sxx = 0;
    for (int i = 0; i < 3; ++i) sxy += (x[i] - mx) * (y[i] - my), sxx += (x[i] - mx) * (x[i] - mx);
    const PowerLawFit& fit = r.fit(DamageMetric::RankReduction);
    QVERIFY_NEAR(fit.b, sxy / sxx);
    QVERIFY_NEAR(std::log10(fit.a), my - sxy / sxx * mx);
    QVERIFY(fit.r2 > 0.9 && fit.r2 <= 1.0);
  }

  void modelsSelectBySizeLabelOrName() {
    Table t;
    ScalingLawOptions o;
    o.models = {"70m", "pythia-410m", "2.8b"};
    const ScalingLawReport r = t.report(o);
    QCOMPARE(r.models.size(), std::size_t(2));
    QCOMPARE(r.models[1].key, std::string("410m"));
    bool warned = false;
    for (const auto& w : r.warnings) warned |= w.find("--models 2.8b") != std::string::npos;
    QVERIFY(warned);
    o.models = {"2.8b"};
    QVERIFY_THROWS_EXCEPTION(InputError, t.report(o));
  }

  void summaryCsvHasHandComputedValues() {
    Table t;
    const auto csv = parse_csv(scaling_law_summary_csv(t.report(iqr_on(DamageMetric::RankReduction))));
    QCOMPARE(csv.size(), std::size_t(4));
    QCOMPARE(csv[0].size(), std::size_t(6 + 3 * 6));
    QCOMPARE(field(csv, 1, "size_label"), std::string("70m"));
    QCOMPARE(field(csv, 1, "total_params"), std::string("70000000"));
    QCOMPARE(field(csv, 1, "n_runs"), std::string("5"));
    QCOMPARE(field(csv, 1, "n_removed"), std::string("1"));
    QCOMPARE(field(csv, 1, "rank_reduction_n"), std::string("4"));
    QCOMPARE(field(csv, 1, "rank_reduction_mean"), std::string("33"));
    QVERIFY_NEAR(std::stod(field(csv, 1, "rank_reduction_std")), std::sqrt(20.0 / 3.0));
    QCOMPARE(field(csv, 1, "perplexity_increase_mean"), std::string("11.5"));
    QCOMPARE(field(csv, 3, "rank_reduction_mean"), std::string("14"));
    QVERIFY_NEAR(std::stod(field(csv, 3, "rank_reduction_ci95_low")), 14 - kT4 * std::sqrt(0.5));
  }

  void summaryJsonRecordsTheFiltering() {
    Table t;
    const json j = scaling_law_summary_json(t.report(iqr_on(DamageMetric::RankReduction)));
    const json& f = j["filtering"];
    QCOMPARE(f["applied"], json(true));
    QCOMPARE(f["method"], json("iqr"));
    QCOMPARE(f["metric"], json("rank_reduction"));
    QCOMPARE(f["parameters"]["iqr_multiplier"], json(1.5));
    QCOMPARE(f["total_removed"], json(1));
    const json& m = f["models"]["70m"];
    QCOMPARE(m["n_original"], json(5));
    QCOMPARE(m["n_filtered"], json(4));
    QCOMPARE(m["removed_indices"], json::array({4}));
    QCOMPARE(m["removed_runs"], json::array({5}));
    QVERIFY(m["removed_run_dirs"][0].get<std::string>().find("run05") != std::string::npos);
    QVERIFY_NEAR(m["original"]["rank_reduction"]["mean"].get<double>(), 42.4);
    QVERIFY_NEAR(m["filtered"]["rank_reduction"]["mean"].get<double>(), 33.0);
    QVERIFY_NEAR(m["lower_bound"].get<double>(), 26.0);
    QCOMPARE(f["models"]["160m"]["n_removed"], json(0));
    QCOMPARE(j["models"][0]["key"], json("70m"));
    QVERIFY_NEAR(j["models"][0]["rank_reduction"]["mean"].get<double>(), 33.0);
    QVERIFY_NEAR(j["models"][2]["control"]["rank_reduction"]["mean"].get<double>(), 3.0);
    QCOMPARE(j["use_absolute"], json(true));
    QCOMPARE(j["warnings"].size(), std::size_t(1));

    const json unfiltered = scaling_law_summary_json(t.report());
    QCOMPARE(unfiltered["filtering"]["applied"], json(false));
  }

  // One row per run and group: 15 treatment rows and 5 control rows (410m); |.| in "value".
  void aggregateCsvHasOneRowPerRunAndGroup() {
    Table t;
    const auto csv = parse_csv(aggregate_summary_csv(t.report(iqr_on(DamageMetric::RankReduction)), DamageMetric::RankReduction));
    QCOMPARE(csv.size(), std::size_t(1 + 15 + 5));
    QCOMPARE(field(csv, 5, "run"), std::string("5"));
    QCOMPARE(field(csv, 5, "size_label"), std::string("70m"));
    QCOMPARE(field(csv, 5, "removed_by_filter"), std::string("1"));
    QCOMPARE(field(csv, 5, "seed"), std::string("47"));
    QCOMPARE(field(csv, 6, "rank_reduction"), std::string("-20"));
    QCOMPARE(field(csv, 6, "value"), std::string("20"));
    QCOMPARE(field(csv, 12, "group"), std::string("control"));
    QCOMPARE(field(csv, 12, "rank_reduction"), std::string("1"));
    const auto ppl = parse_csv(aggregate_summary_csv(t.report(), DamageMetric::PerplexityPost));
    QCOMPARE(ppl[0], std::vector<std::string>({"model", "model_name", "size_label", "total_params", "run", "seed", "group",
                                               "precision", "perplexity_pre", "perplexity_post", "value", "removed_by_filter",
                                               "run_dir"}));
    QCOMPARE(field(ppl, 1, "removed_by_filter"), std::string(""));
  }

  // Every file lands, none half-written; the PNG decodes and shows each model's mean.
  void writesAllOutputsAndThePngShowsTheMeans() {
    Table t;
    const ScalingLawReport r = t.report(iqr_on(DamageMetric::RankReduction));
    const std::string out = t.tmp.file("analysis");
    const auto written = write_scaling_law_outputs(r, out);
    QCOMPARE(written.size(), std::size_t(7));
    for (const char* name : {"scaling_law_summary.csv", "scaling_law_summary.json", "scaling_law_curve.png", "scaling_law_curve.svg",
                             "aggregate_summary_rank_reduction.csv", "aggregate_summary_perplexity_increase.csv",
                             "aggregate_summary_perplexity_post.csv"})
      QVERIFY2(std::filesystem::exists(out + "/" + name), name);
    for (const auto& entry : std::filesystem::directory_iterator(out))
      QVERIFY2(entry.path().string().find(".tmp.") == std::string::npos, qPrintable(QString::fromStdString(entry.path().string())));

    const DecodedPng png = decode_png(read_file(out + "/scaling_law_curve.png"));
    const plot::Figure figure = scaling_law_figure(r);
    QCOMPARE(png.width, figure.width_px);
    QCOMPARE(png.height, figure.height_px);
    const auto layouts = plot::layout_figure(figure);
    for (size_t p = 0; p < kCurveMetrics.size(); ++p) {
      const plot::Rgb colour = figure.panels[p].series[0].color;
      for (const auto& m : r.models) {
        const int x = int(std::floor(layouts[p].to_px_x(double(m.total_params))));
        const int y = int(std::floor(layouts[p].to_px_y(r.stat(m, kCurveMetrics[p]).mean)));
        const auto px = png.at(x, y);
        QVERIFY2(px.r == colour.r && px.g == colour.g && px.b == colour.b,
                 qPrintable(QString("%1 panel %2 at (%3, %4)").arg(QString::fromStdString(m.key)).arg(p).arg(x).arg(y)));
      }
    }
    QVERIFY(read_file(out + "/scaling_law_curve.svg").find("fit: y = ") != std::string::npos);
  }

  void legendShowsTheFitEquation() {
    Table t;
    const ScalingLawReport r = t.report();
    const std::string legend = fit_legend(r.fit(DamageMetric::RankReduction));
    QVERIFY2(legend.rfind("fit: y = ", 0) == 0 && legend.find("R^{2} = ") != std::string::npos, legend.c_str());
    QCOMPARE(scaling_law_figure(r).panels[0].series[1].label, legend);
  }
};

QTEST_GUILESS_MAIN(ScalingLawReportTest)
#include "test_scaling_law_report.moc"
