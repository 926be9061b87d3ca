// Comparison model, scatter plots, exponential fit and export, over a hand-written workspace.
#include "plot_fixtures.h"

#include "comparison_fit.h"
#include "comparison_plots.h"
#include "comparison_table_model.h"
#include "export_heatmap.h"
#include "export_image.h"
#include "model_catalog.h"
#include "run_folder_reader.h"
#include "scatter_plot_view.h"
#include "workspace_scanner.h"

#include <QAbstractItemModelTester>
#include <QChart>
#include <QFile>
#include <QImage>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QSvgRenderer>
#include <QTemporaryDir>
#include <QXmlStreamReader>
#include <QtTest>

#include <cmath>

using namespace owb::plots_test;
using owb::models::ComparisonTableModel;

class GuiPlotsTest : public QObject {
  Q_OBJECT

 private:
  QTemporaryDir workspace_;
  QVector<ExpectedRun> expected_;

  // The model filled the way the window fills it: every run folder, read on a worker thread.
  void load(ComparisonTableModel& model) {
    QSignalSpy loaded(&model, &ComparisonTableModel::rowsLoaded);
    model.loadRuns(owb::models::findRunFolders(workspace_.path()));
    QCOMPARE(model.rowCount(), 0);  // asynchronous
    QVERIFY(loaded.wait(10000));
    QCOMPARE(model.rowCount(), expected_.size());
  }

  // Scatter points of the shown chart, as (x, y, name) sorted by name.
  static QList<std::tuple<QString, double, double>> chartPoints(owb::widgets::ScatterPlotView& view) {
    QList<std::tuple<QString, double, double>> out;
    for (QAbstractSeries* s : view.chart()->series()) {
      auto* scatter = qobject_cast<QScatterSeries*>(s);
      if (!scatter) continue;
      const QStringList names = scatter->property("owbPointLabels").toStringList();
      const QList<QPointF> points = scatter->points();
      for (int i = 0; i < points.size(); ++i) out << std::make_tuple(names.value(i), points[i].x(), points[i].y());
    }
    std::sort(out.begin(), out.end());
    return out;
  }

  void checkPlot(owb::widgets::ScatterPlotView& view, const QString& id,
                 const std::function<std::pair<double, double>(const ExpectedRun&)>& xy) {
    QVERIFY(view.setCurrentPlot(id));
    const auto points = chartPoints(view);
    QCOMPARE(points.size(), expected_.size());  // one point per run
    QList<std::tuple<QString, double, double>> wanted;
    for (const ExpectedRun& run : expected_) wanted << std::make_tuple(run.label, xy(run).first, xy(run).second);
    std::sort(wanted.begin(), wanted.end());
    for (int i = 0; i < wanted.size(); ++i) {
      QCOMPARE(std::get<0>(points[i]), std::get<0>(wanted[i]));
      QCOMPARE(std::get<1>(points[i]), std::get<1>(wanted[i]));
      QCOMPARE(std::get<2>(points[i]), std::get<2>(wanted[i]));
    }
  }

 private slots:
  void initTestCase() {
    QLocale::setDefault(QLocale(QLocale::English));
    expected_ = writePlotWorkspace(workspace_.path());
  }

  void catalogHasTheSeedAndExtraModels() {
    const auto& catalog = owb::models::ModelCatalog::builtIn();
    QCOMPARE(catalog.models().size(), 21);
    QCOMPARE(catalog.find("Qwen/Qwen3-30B-A3B")->active_params_b, 3.3);
    QVERIFY(catalog.find("/data/models/Mixtral-8x7B-v0.1/")->moe);
    QCOMPARE(catalog.find("EleutherAI/pythia-410m")->model_type, QString("gpt_neox"));
    QVERIFY(!catalog.find("tiny-a").has_value());
  }

  void comparisonModelPassesModelTester() {
    ComparisonTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    load(model);
    model.setIncluded(1, false);
    QCOMPARE(model.index(1, 0).data(Qt::CheckStateRole).toInt(), int(Qt::Unchecked));
    QVERIFY(model.setData(model.index(1, 0), Qt::Checked, Qt::CheckStateRole));
    model.clear();
  }

  void rowsHoldTheSeedMetricsAndMatchedPerplexity() {
    ComparisonTableModel model;
    load(model);
    for (int i = 0; i < expected_.size(); ++i) {
      const owb::models::ComparisonRow& row = model.rows()[i];
      const ExpectedRun& want = expected_[i];
      QCOMPARE(row.run_path, QFileInfo(workspace_.filePath(want.folder)).absoluteFilePath());
      QCOMPARE(row.num_outliers, want.num_outliers);
      QCOMPARE(row.mean_layer_pct, want.mean_layer_pct);
      QCOMPARE(row.median_layer_pct, want.median_layer_pct);
      QCOMPARE(row.mean_seq_pct, want.mean_seq_pct);
      QCOMPARE(row.median_seq_pct, want.median_seq_pct);
      QCOMPARE(row.perplexity, want.perplexity);
      QCOMPARE(row.total_params_b, want.total_params_b);
      QCOMPARE(row.active_params_b, want.active_params_b);
      QCOMPARE(row.moe == 1, want.moe);
    }
    QCOMPARE(model.rows()[0].params_source, owb::models::ParamsSource::Catalog);
    QCOMPARE(model.rows()[1].params_source, owb::models::ParamsSource::RunModelInfo);
  }

  void scatterHasOnePointPerRunAtTheExpectedCoordinates() {
    ComparisonTableModel model;
    owb::widgets::ScatterPlotView view;
    view.setModel(&model);
    load(model);
    checkPlot(view, "perplexity_vs_mean_layer_pct", [](const ExpectedRun& r) { return std::make_pair(r.perplexity, r.mean_layer_pct); });
    checkPlot(view, "perplexity_vs_median_layer_pct", [](const ExpectedRun& r) { return std::make_pair(r.perplexity, r.median_layer_pct); });
    checkPlot(view, "perplexity_vs_mean_seq_pct", [](const ExpectedRun& r) { return std::make_pair(r.perplexity, r.mean_seq_pct); });
    checkPlot(view, "perplexity_vs_median_seq_pct", [](const ExpectedRun& r) { return std::make_pair(r.perplexity, r.median_seq_pct); });
    checkPlot(view, "perplexity_vs_num_outliers", [](const ExpectedRun& r) { return std::make_pair(r.perplexity, double(r.num_outliers)); });
    checkPlot(view, "total_params_vs_num_outliers", [](const ExpectedRun& r) { return std::make_pair(r.total_params_b, double(r.num_outliers)); });
    checkPlot(view, "active_params_vs_mean_layer_pct", [](const ExpectedRun& r) { return std::make_pair(r.active_params_b, r.mean_layer_pct); });
  }

  void uncheckedRunLeavesThePlot() {
    ComparisonTableModel model;
    owb::widgets::ScatterPlotView view;
    view.setModel(&model);
    load(model);
    QVERIFY(view.setCurrentPlot("perplexity_vs_num_outliers"));
    QCOMPARE(view.shownPoints().size(), 3);
    QVERIFY(model.setData(model.index(0, 0), Qt::Unchecked, Qt::CheckStateRole));
    QCOMPARE(view.shownPoints().size(), 2);
    for (const auto& p : view.shownPoints()) QVERIFY(p.label != expected_[0].label);
  }

  void hoveringAPointNamesItsModel() {
    ComparisonTableModel model;
    owb::widgets::ScatterPlotView view;
    view.setModel(&model);
    load(model);
    QVERIFY(view.setCurrentPlot("perplexity_vs_mean_layer_pct"));
    for (QAbstractSeries* s : view.chart()->series()) {
      auto* scatter = qobject_cast<QScatterSeries*>(s);
      if (!scatter || scatter->name() != "MoE") continue;
      emit scatter->hovered(scatter->points().first(), true);
      QVERIFY2(view.hoverText().startsWith("OLMoE-1B-7B-0924:"), qPrintable(view.hoverText()));
      emit scatter->hovered(scatter->points().first(), false);
      QVERIFY(view.hoverText().isEmpty());
      return;
    }
    QFAIL("no MoE series");
  }

  void fitRecoversAKnownExponential() {
    const double a = 2.5, b = -0.03;
    QVector<QPointF> points;
    for (double x : {5.0, 10.0, 20.0, 40.0, 80.0}) points << QPointF(x, a * std::exp(b * x));
    const owb::models::ExponentialFit fit = owb::models::fitExponential(points);
    QVERIFY(fit.valid);
    QCOMPARE(fit.points, 5);
    QVERIFY(std::abs(fit.a - a) < 1e-9);
    QVERIFY(std::abs(fit.b - b) < 1e-12);
    QVERIFY(std::abs(fit.r2 - 1.0) < 1e-12);
    QCOMPARE(fit.equation(), QString("y = 2.5·e^(-0.03·x)"));
  }

  void fitLeavesOutNonPositiveYAndNeedsTwoPoints() {
    const owb::models::ExponentialFit fit = owb::models::fitExponential({{1, 0.0}, {2, -1.0}, {3, 5.0}});
    QVERIFY(!fit.valid);
    QCOMPARE(fit.points, 1);
    QVERIFY(!owb::models::fitExponential({{2, 1.0}, {2, 3.0}}).valid);  // no spread in x
  }

  void exportedCsvEqualsTheRows() {
    ComparisonTableModel model;
    load(model);
    const QString path = workspace_.filePath("out/comparison.csv");
    QDir().mkpath(workspace_.filePath("out"));
    QString error;
    QVERIFY2(model.saveTable(path, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(file.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), expected_.size() + 1);
    const QStringList keys = lines[0].split(',');
    QCOMPARE(keys, owb::models::comparisonKeys());
    for (int i = 0; i < expected_.size(); ++i) {
      const QStringList cells = lines[i + 1].split(',');
      const auto value = [&](const char* key) { return cells[keys.indexOf(key)]; };
      const owb::models::ComparisonRow& row = model.rows()[i];
      QCOMPARE(value("model"), row.model);
      QCOMPARE(value("num_outliers").toLongLong(), row.num_outliers);
      // Shortest round-trip form: parsing gives the very same double.
      QCOMPARE(value("mean_layer_pct").toDouble(), row.mean_layer_pct);
      QVERIFY(value("mean_seq_pct").toDouble() == row.mean_seq_pct);
      QVERIFY(value("median_seq_pct").toDouble() == row.median_seq_pct);
      QVERIFY(value("perplexity").toDouble() == row.perplexity);
      QVERIFY(value("total_params_b").toDouble() == row.total_params_b);
      QCOMPARE(value("run_dir"), row.run_path);
      QCOMPARE(value("moe"), QString(row.moe == 1 ? "true" : "false"));
    }
  }

  void exportedPngHasTheRequestedSizeAndDpi() {
    ComparisonTableModel model;
    owb::widgets::ScatterPlotView view;
    view.setModel(&model);
    load(model);
    owb::widgets::ImageExportOptions options;
    options.size_px = QSize(1234, 567);
    options.dpi = 200;
    const QString path = workspace_.filePath("out/plot.png");
    QString error;
    QVERIFY2(view.saveImage(path, options, &error), qPrintable(error));
    QImage image(path);
    QCOMPARE(image.size(), QSize(1234, 567));
    QVERIFY(std::abs(image.dotsPerMeterX() * 0.0254 - 200) < 0.5);
    // Something was drawn: not a blank page.
    QSet<QRgb> colours;
    for (int x = 0; x < image.width(); x += 7) colours.insert(image.pixel(x, image.height() / 2));
    QVERIFY(colours.size() > 2);
  }

  void exportedHeatmapPngHasTheRequestedSize() {
    owb::models::LayerStats stats;
    stats.hidden_size = 8;
    stats.hooks = {"layer_0_ln_attn", "layer_0_ln_mlp"};
    for (int i = 0; i < 16; ++i) stats.max_abs << i, stats.hits << 0;
    owb::widgets::ImageExportOptions options;
    options.size_px = QSize(640, 480);
    options.dpi = 72;
    const QString path = workspace_.filePath("out/heatmap.png");
    QString error;
    QVERIFY2(owb::widgets::saveHeatmapImage(stats, "fixture", path, options, &error), qPrintable(error));
    QCOMPARE(QImage(path).size(), QSize(640, 480));
  }

  void exportedSvgParses() {
    ComparisonTableModel model;
    owb::widgets::ScatterPlotView view;
    view.setModel(&model);
    load(model);
    owb::widgets::ImageExportOptions options;
    options.size_px = QSize(800, 500);
    const QString path = workspace_.filePath("out/plot.svg");
    QString error;
    QVERIFY2(view.saveImage(path, options, &error), qPrintable(error));
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    QXmlStreamReader xml(&file);
    int elements = 0;
    while (!xml.atEnd()) elements += xml.readNext() == QXmlStreamReader::StartElement ? 1 : 0;
    QVERIFY2(!xml.hasError(), qPrintable(xml.errorString()));
    QVERIFY(elements > 10);
    QSvgRenderer renderer(path);
    QVERIFY(renderer.isValid());
    QCOMPARE(renderer.viewBox().size(), QSize(800, 500));
  }

  void unknownSuffixIsRefused() {
    ComparisonTableModel model;
    QString error;
    QVERIFY(!model.saveTable(workspace_.filePath("out/table.txt"), &error));
    QVERIFY(error.contains(".csv"));
  }
};

QTEST_MAIN(GuiPlotsTest)
#include "test_gui_plots.moc"
