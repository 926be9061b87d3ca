// Run statistics, the outlier filters and the power-law fit against hand computations and
// published t quantiles (scipy.stats.t.ppf values, to the digits shown).
#include "power_law_fit.h"
#include "run_statistics.h"

#include <QtTest>

#include <cmath>

using namespace owb;

namespace {

bool near(double actual, double expected, double rel = 1e-9) {
  return std::fabs(actual - expected) <= rel * std::max(1.0, std::fabs(expected));
}

#define QVERIFY_NEAR(actual, expected, rel) \
  QVERIFY2(near((actual), (expected), (rel)), qPrintable(QString("%1 != %2").arg((actual), 0, 'g', 17).arg((expected), 0, 'g', 17)))

using Indices = std::vector<std::size_t>;

}  // namespace

class RunStatisticsTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // {10, 12, 14, 16, 18}: mean 14, squares 16+4+0+4+16 = 40, var 40/4 = 10, sem = sqrt(10/5) = sqrt(2),
  // CI = 14 -/+ t_{0.975,4} sqrt(2).
  void summaryOfFiveRunsMatchesHandComputation() {
    const SampleSummary s = summarize({10, 12, 14, 16, 18});
    QCOMPARE(s.n, std::size_t(5));
    QVERIFY_NEAR(s.mean, 14.0, 1e-12);
    QVERIFY_NEAR(s.std, std::sqrt(10.0), 1e-12);
    QVERIFY_NEAR(s.sem, std::sqrt(2.0), 1e-12);
    const double t = 2.7764451051977987;
    QVERIFY_NEAR(s.ci95_low, 14.0 - t * std::sqrt(2.0), 1e-9);
    QVERIFY_NEAR(s.ci95_high, 14.0 + t * std::sqrt(2.0), 1e-9);
  }

  // {1.5, 2.5}: mean 2, std sqrt(0.5), sem 0.5, CI 2 -/+ 12.706 * 0.5.
  void summaryOfTwoRunsUsesOneDegreeOfFreedom() {
    const SampleSummary s = summarize({1.5, 2.5});
    QVERIFY_NEAR(s.std, std::sqrt(0.5), 1e-12);
    QVERIFY_NEAR(s.sem, 0.5, 1e-12);
    QVERIFY_NEAR(s.ci95_high - s.mean, 12.706204736174698 * 0.5, 1e-9);
  }

  void summaryOfOneRunHasNoSpread() {
    const SampleSummary s = summarize({7.0});
    QCOMPARE(s.n, std::size_t(1));
    QCOMPARE(s.mean, 7.0);
    QVERIFY(std::isnan(s.std) && std::isnan(s.sem) && std::isnan(s.ci95_low) && std::isnan(s.ci95_high));
    QVERIFY(std::isnan(summarize({}).mean));
  }

  void tQuantilesMatchTables() {
    QVERIFY_NEAR(student_t_quantile(0.975, 1), 12.706204736174698, 1e-9);
    QVERIFY_NEAR(student_t_quantile(0.975, 2), 4.302652729749464, 1e-9);
    QVERIFY_NEAR(student_t_quantile(0.975, 3), 3.182446305284263, 1e-9);
    QVERIFY_NEAR(student_t_quantile(0.975, 4), 2.7764451051977987, 1e-9);
    QVERIFY_NEAR(student_t_quantile(0.975, 29), 2.045229642132703, 1e-9);
    QVERIFY_NEAR(student_t_quantile(0.995, 1), 63.65674116287399, 1e-9);
    QVERIFY_NEAR(student_t_quantile(0.025, 4), -2.7764451051977987, 1e-9);
    QCOMPARE(student_t_quantile(0.5, 7), 0.0);
    // Large dof tends to the normal quantile 1.959964.
    QVERIFY(std::fabs(student_t_quantile(0.975, 1e6) - 1.959963984540054) < 1e-5);
  }

  // t with 1 dof is Cauchy: cdf(t) = 1/2 + atan(t) / pi.
  void tCdfWithOneDofIsCauchy() {
    for (double t : {-3.0, -0.5, 0.0, 0.7, 12.706})
      QVERIFY_NEAR(student_t_cdf(t, 1), 0.5 + std::atan(t) / M_PI, 1e-12);
  }

  // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b.
  void incompleteBetaClosedForms() {
    QVERIFY_NEAR(regularized_incomplete_beta(0.3, 1, 1), 0.3, 1e-12);
    QVERIFY_NEAR(regularized_incomplete_beta(0.6, 3, 1), 0.216, 1e-12);
    QVERIFY_NEAR(regularized_incomplete_beta(0.2, 1, 4), 1 - std::pow(0.8, 4), 1e-12);
  }

  // numpy.percentile([7, 15, 36, 39, 40, 41], 25) = 20.25 (position 1.25); 75 -> 39.75.
  void percentileInterpolatesLikeNumpy() {
    const std::vector<double> v = {41, 7, 39, 15, 40, 36};
    QVERIFY_NEAR(percentile_linear(v, 25), 20.25, 1e-12);
    QVERIFY_NEAR(percentile_linear(v, 75), 39.75, 1e-12);
    QVERIFY_NEAR(percentile_linear(v, 50), 37.5, 1e-12);
    QCOMPARE(percentile_linear({3.0}, 25), 3.0);
  }

  // Sorted {20, 21, 22, 23, 24, 60}: Q1 = 21.25, Q3 = 23.75, IQR 2.5, fences [17.5, 27.5].
  void iqrFilterRemovesThePlantedOutlier() {
    const FilterOutcome f = iqr_filter({22, 20, 60, 21, 24, 23}, 1.5);
    QCOMPARE(f.removed, Indices({2}));
    QCOMPARE(f.kept, Indices({0, 1, 3, 4, 5}));
    QVERIFY_NEAR(f.lower, 17.5, 1e-12);
    QVERIFY_NEAR(f.upper, 27.5, 1e-12);
  }

  void iqrFilterRemovesLowOutliersToo() {
    const FilterOutcome f = iqr_filter({-40, 22, 20, 21, 24, 23}, 1.5);
    QCOMPARE(f.removed, Indices({0}));
  }

  // Eleven values near 10 and a 30: mean 140/12, sample std 5.809, z(30) = 3.156.
  void zscoreFilterRemovesThePlantedOutlier() {
    const std::vector<double> v = {10, 11, 9, 10, 10.5, 9.5, 10, 30, 11, 9, 10, 10};
    QCOMPARE(zscore_filter(v, 3.0).removed, Indices({7}));
    QCOMPARE(zscore_filter(v, 3.2).removed, Indices({}));
  }

  void zscoreFilterLeavesTinyOrFlatSamples() {
    QCOMPARE(zscore_filter({1, 100}, 0.1).removed, Indices({}));
    QCOMPARE(zscore_filter({5, 5, 5, 5}, 0.1).removed, Indices({}));
    QCOMPARE(zscore_filter({5, 5, 5, 5}, 0.1).kept.size(), std::size_t(4));
  }

  // y = 3e4 * x^-0.4 exactly at five sizes.
  void powerLawFitRecoversExactData() {
    std::vector<double> x = {7e7, 1.6e8, 4.1e8, 1e9, 2.8e9}, y;
    for (double v : x) y.push_back(3e4 * std::pow(v, -0.4));
    const PowerLawFit fit = fit_power_law(x, y);
    QVERIFY(fit.valid);
    QVERIFY_NEAR(fit.a, 3e4, 1e-9);
    QVERIFY_NEAR(fit.b, -0.4, 1e-9);
    QVERIFY_NEAR(fit.r2, 1.0, 1e-12);
    QCOMPARE(fit.points_used, std::size_t(5));
    QVERIFY(fit.skipped.empty());
    QVERIFY_NEAR(fit.at(1e8), 3e4 * std::pow(1e8, -0.4), 1e-9);
  }

  // log10 points (1, 1), (2, 3), (3, 2): slope 0.5, intercept 1, residuals -0.5, 1, -0.5, R^2 = 1 - 1.5 / 2.
  void powerLawFitR2IsOnTheLogScale() {
    const PowerLawFit fit = fit_power_law({10, 100, 1000}, {10, 1000, 100});
    QVERIFY_NEAR(fit.b, 0.5, 1e-12);
    QVERIFY_NEAR(fit.a, 10.0, 1e-12);
    QVERIFY_NEAR(fit.r2, 0.25, 1e-12);
  }

  void powerLawFitSaysWhatItSkipped() {
    const PowerLawFit fit = fit_power_law({1e8, 2e8, 4e8, 8e8}, {-2.0, 8.0, 4.0, 0.0});
    QVERIFY(fit.valid);
    QCOMPARE(fit.skipped, Indices({0, 3}));
    QCOMPARE(fit.points_used, std::size_t(2));
    QVERIFY_NEAR(fit.b, -1.0, 1e-12);
    QVERIFY(fit.note.find("2 point(s)") != std::string::npos);
    const PowerLawFit none = fit_power_law({1e8, 2e8}, {5.0, -1.0});
    QVERIFY(!none.valid);
    QVERIFY(none.note.find("needs 2+ points") != std::string::npos);
    QCOMPARE(none.equation(), std::string("no fit"));
  }
};

QTEST_APPLESS_MAIN(RunStatisticsTest)
#include "test_run_statistics.moc"
