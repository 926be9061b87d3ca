// `owb damage-report` as a process over the standard synthetic table (damage_fixtures.h):
// default and explicit folders, options, the files it writes, and how it fails.
#include "damage_fixtures.h"
#include "png_reader.h"
#include "test_support.h"

#include <QtTest>

#include <filesystem>

using namespace owb::test;
using nlohmann::json;

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

struct Table {
  TempDir tmp;
  std::string root = tmp.file("results");
  Table() { write_standard_damage_table(root); }
};

QString describe(const OwbRun& r) { return QString("exit %1\nstdout:\n%2\nstderr:\n%3").arg(r.exit_code).arg(r.out, r.err); }

}  // namespace

class DamageReportCliTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // Output under <results-dir>/scaling_law_analysis/; a second run does not take that folder for a failed run.
  void writesIntoTheDefaultOutputFolder() {
    Table t;
    const OwbRun first = run_owb({"damage-report", "--results-dir", q(t.root)});
    QVERIFY2(first.exit_code == 0, qPrintable(describe(first)));
    QVERIFY(first.err.contains(kFailedRunFolder));
    const std::string out = t.root + "/scaling_law_analysis";
    for (const char* name : {"scaling_law_summary.csv", "scaling_law_summary.json", "scaling_law_curve.png", "scaling_law_curve.svg",
                             "aggregate_summary_rank_reduction.csv"})
      QVERIFY2(std::filesystem::exists(out + "/" + name), name);
    const OwbRun second = run_owb({"damage-report", "--results-dir", q(t.root)});
    QVERIFY2(second.exit_code == 0, qPrintable(describe(second)));
    QVERIFY2(!second.err.contains("scaling_law_analysis"), qPrintable(second.err));
    const json j = json::parse(read_file(out + "/scaling_law_summary.json"));
    QCOMPARE(j["models"].size(), std::size_t(3));
    QCOMPARE(j["filtering"]["applied"], json(false));
  }

  void filterAndModelOptionsReachTheReport() {
    Table t;
    const std::string out = t.tmp.file("analysis");
    const OwbRun r = run_owb({"damage-report", "--results-dir", q(t.root), "--models", "70m", "410m", "--output-dir", q(out),
                              "--filter-method", "iqr", "--filter-metric", "rank_reduction", "--filter-iqr-multiplier", "1.5"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    QVERIFY2(r.out.contains("removed 70m run 5"), qPrintable(r.out));
    QVERIFY(r.out.contains("power law, rank_reduction: y = "));
    const json j = json::parse(read_file(out + "/scaling_law_summary.json"));
    QCOMPARE(j["models"].size(), std::size_t(2));
    QCOMPARE(j["models_requested"], json::array({"70m", "410m"}));
    QCOMPARE(j["filtering"]["models"]["70m"]["removed_runs"], json::array({5}));
    QCOMPARE(j["models"][0]["rank_reduction"]["mean"], json(33.0));
    const DecodedPng png = decode_png(read_file(out + "/scaling_law_curve.png"));
    QCOMPARE(png.width, 1400);
  }

  void zscoreAndSignedValues() {
    Table t;
    const std::string out = t.tmp.file("analysis");
    const OwbRun r = run_owb({"damage-report", "--results-dir", q(t.root), "--output-dir", q(out), "--no-absolute",
                              "--filter-method", "zscore", "--filter-zscore-threshold", "1.5"});
    QVERIFY2(r.exit_code == 0, qPrintable(describe(r)));
    const json j = json::parse(read_file(out + "/scaling_law_summary.json"));
    QCOMPARE(j["use_absolute"], json(false));
    QCOMPARE(j["filtering"]["method"], json("zscore"));
    QCOMPARE(j["filtering"]["parameters"]["zscore_threshold"], json(1.5));
    QCOMPARE(j["filtering"]["models"]["70m"]["removed_indices"], json::array({4}));
    QCOMPARE(j["models"][1]["rank_reduction"]["mean"], json(-24.0));
  }

  void badOptionsExitWithUsage() {
    Table t;
    const std::vector<QStringList> runs = {
        {"damage-report", "--results-dir", q(t.root), "--filter-method", "median"},
        {"damage-report", "--results-dir", q(t.root), "--filter-metric", "loss"},
        {"damage-report", "--results-dir", q(t.root), "--use-absolute", "--no-absolute"},
        {"damage-report", "--results-dir", q(t.root), "--filter-iqr-multiplier", "many"},
        {"damage-report", "--results-dir", q(t.root), "--models"},
    };
    const QStringList expected = {"--filter-method", "--filter-metric", "--no-absolute", "--filter-iqr-multiplier", "--models"};
    const auto results = run_owb_parallel(runs);
    for (int i = 0; i < expected.size(); ++i) {
      QVERIFY2(results[i].exit_code == 2, qPrintable(describe(results[i])));
      QVERIFY2(results[i].err.contains(expected[i]), qPrintable(results[i].err));
      QVERIFY(results[i].err.contains("usage: owb damage-report"));
    }
    QVERIFY(!std::filesystem::exists(t.root + "/scaling_law_analysis"));
  }

  void malformedResultsExitOneNamingTheFile() {
    Table t;
    const std::string file = damage_run_folder(t.root, "160m", "pythia-160m", 4) + "/results.json";
    write_file(file, "[1, 2");
    const OwbRun r = run_owb({"damage-report", "--results-dir", q(t.root)});
    QVERIFY2(r.exit_code == 1, qPrintable(describe(r)));
    QVERIFY2(r.err.contains(q(file)), qPrintable(r.err));
    QVERIFY(!std::filesystem::exists(t.root + "/scaling_law_analysis/scaling_law_summary.json"));
  }

  void missingOrEmptyResultsFolderFails() {
    TempDir tmp;
    const OwbRun missing = run_owb({"damage-report", "--results-dir", q(tmp.file("nowhere"))});
    QCOMPARE(missing.exit_code, 1);
    QVERIFY2(missing.err.contains("nowhere") && missing.err.contains("not a folder"), qPrintable(missing.err));
    const OwbRun empty = run_owb({"damage-report", "--results-dir", q(tmp.path())});
    QCOMPARE(empty.exit_code, 1);
    QVERIFY2(empty.err.contains("no run folders"), qPrintable(empty.err));
  }

  void listedInTheCommandOverview() {
    const OwbRun r = run_owb({"--help"});
    QVERIFY(r.out.contains("damage-report"));
  }
};

QTEST_GUILESS_MAIN(DamageReportCliTest)
#include "test_damage_report_cli.moc"
