#include "damage_view.h"

#include "damage_summary_model.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace owb::widgets {

namespace {

const QColor kMeanColour(31, 119, 180);  // the palette of the other plots (tab10-like)
const QColor kFitColour(255, 127, 14);
constexpr int kFitSamples = 64;
const char* const kLastFolderKey = "damage/lastResultsDir";

QString metricLabel(owb::DamageMetric metric, bool absolute) {
  switch (metric) {
    case owb::DamageMetric::RankReduction:
      return absolute ? DamageView::tr("|Effective-rank reduction|") : DamageView::tr("Effective-rank reduction");
    case owb::DamageMetric::PerplexityIncrease: return DamageView::tr("Perplexity increase");
    case owb::DamageMetric::PerplexityPost: return DamageView::tr("Perplexity after the attack");
  }
  return {};
}

QString significant(double v) { return QLocale().toString(v, 'g', 3); }

// "y = 7.99e+04 · x^-0.434 (R² = 0.967)", or why there is no fit.
QString fitName(const owb::PowerLawFit& fit) {
  if (!fit.valid) return DamageView::tr("No power-law fit: fewer than 2 models with a mean > 0");
  return DamageView::tr("Power law: y = %1 · x^%2 (R² = %3)").arg(significant(fit.a), significant(fit.b), significant(fit.r2));
}

}  // namespace

DamageView::DamageView(owb::models::DamageSummaryModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  auto* open = new QPushButton(tr("Open results folder…"), this);
  open->setObjectName("openDamageFolder");
  connect(open, &QPushButton::clicked, this, &DamageView::openResultsFolder);
  bar->addWidget(open);
  folder_label_ = new QLabel(this);
  folder_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  bar->addWidget(folder_label_, 1);
  bar->addWidget(new QLabel(tr("Metric:"), this));
  metric_box_ = new QComboBox(this);
  metric_box_->setObjectName("damageMetric");
  for (owb::DamageMetric m : owb::kDamageMetrics) metric_box_->addItem(metricLabel(m, false), static_cast<int>(m));
  bar->addWidget(metric_box_);
  bar->addWidget(new QLabel(tr("Outlier filter:"), this));
  filter_box_ = new QComboBox(this);
  filter_box_->setObjectName("damageFilter");
  filter_box_->addItem(tr("None"), static_cast<int>(owb::OutlierFilter::None));
  filter_box_->addItem(tr("IQR (k = 1.5)"), static_cast<int>(owb::OutlierFilter::Iqr));
  filter_box_->addItem(tr("z-score (t = 3)"), static_cast<int>(owb::OutlierFilter::ZScore));
  filter_box_->setToolTip(tr("Drops outlier runs per model, judged on the metric shown"));
  bar->addWidget(filter_box_);
  absolute_box_ = new QCheckBox(tr("|rank reduction|"), this);
  absolute_box_->setChecked(true);
  absolute_box_->setToolTip(tr("Structural damage as the size of the rank change, whatever its sign"));
  bar->addWidget(absolute_box_);
  layout->addLayout(bar);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  plot_ = new QCustomPlot(splitter);
  plot_->setObjectName("damagePlot");
  plot_->setMinimumHeight(260);
  plot_->plotLayout()->insertRow(0);
  title_ = new QCPTextElement(plot_, QString(), QFont(font().family(), 10, QFont::Bold));
  plot_->plotLayout()->addElement(0, 0, title_);
  plot_->xAxis->setScaleType(QCPAxis::stLogarithmic);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerLog>::create());
  plot_->xAxis->setNumberFormat("eb");
  plot_->xAxis->setNumberPrecision(0);
  plot_->xAxis->setLabel(tr("Total parameters"));
  plot_->legend->setVisible(true);
  plot_->legend->setFont(QFont(font().family(), 8));
  means_ = plot_->addGraph();
  means_->setLineStyle(QCPGraph::lsNone);
  means_->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssDisc, kMeanColour, kMeanColour, 9));
  means_->setPen(QPen(kMeanColour));
  means_->setName(tr("Mean over runs, 95% CI"));
  error_bars_ = new QCPErrorBars(plot_->xAxis, plot_->yAxis);
  error_bars_->setDataPlottable(means_);
  error_bars_->setPen(QPen(kMeanColour, 1.4));
  error_bars_->removeFromLegend();
  fit_ = plot_->addGraph();
  fit_->setPen(QPen(kFitColour, 2.2));
  table_ = new QTableView(splitter);
  table_->setObjectName("damageTable");
  proxy_ = new QSortFilterProxyModel(this);
  proxy_->setSourceModel(model_);
  proxy_->setSortRole(owb::models::DamageSummaryModel::SortRole);
  table_->setModel(proxy_);
  table_->setSortingEnabled(true);
  table_->sortByColumn(-1, Qt::AscendingOrder);  // the model's order (by size, then run) until a header is clicked
  table_->setAlternatingRowColors(true);
  table_->verticalHeader()->setVisible(false);
  table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  splitter->addWidget(plot_);
  splitter->addWidget(table_);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  layout->addWidget(splitter, 1);
  message_ = new QLabel(this);
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(message_);

  connect(metric_box_, &QComboBox::currentIndexChanged, this, &DamageView::applyOptions);
  connect(filter_box_, &QComboBox::currentIndexChanged, this, &DamageView::applyOptions);
  connect(absolute_box_, &QCheckBox::toggled, this, &DamageView::applyOptions);
  connect(model_, &owb::models::DamageSummaryModel::summaryLoaded, this, &DamageView::onSummaryLoaded);
  connect(model_, &owb::models::DamageSummaryModel::reportChanged, this, &DamageView::rebuildPlot);
  applyOptions();
  onSummaryLoaded();
}

void DamageView::setResultsDir(const QString& results_dir) {
  folder_label_->setText(tr("Reading %1…").arg(QDir::toNativeSeparators(results_dir)));
  model_->loadResultsDir(results_dir);
}

void DamageView::openResultsFolder() {
  QSettings settings;
  const QString start = model_->resultsDir().isEmpty() ? settings.value(kLastFolderKey).toString() : model_->resultsDir();
  const QString dir = QFileDialog::getExistingDirectory(this, tr("Open damage results folder"), start);
  if (dir.isEmpty()) return;
  settings.setValue(kLastFolderKey, dir);
  setResultsDir(dir);
}

void DamageView::setMetric(owb::DamageMetric metric) { metric_box_->setCurrentIndex(metric_box_->findData(static_cast<int>(metric))); }

owb::DamageMetric DamageView::metric() const { return static_cast<owb::DamageMetric>(metric_box_->currentData().toInt()); }

QString DamageView::message() const { return message_->text(); }

// The filter judges the metric on show: what is plotted is what was filtered.
void DamageView::applyOptions() {
  owb::ScalingLawOptions options = model_->options();
  options.filter = static_cast<owb::OutlierFilter>(filter_box_->currentData().toInt());
  options.filter_metric = metric();
  options.use_absolute = absolute_box_->isChecked();
  model_->setOptions(options);
}

void DamageView::onSummaryLoaded() {
  const QString dir = model_->resultsDir();
  folder_label_->setText(dir.isEmpty() ? tr("No results folder open.") : QDir::toNativeSeparators(dir));
  QStringList lines;
  if (!model_->error().isEmpty()) lines << tr("Cannot read the results: %1").arg(model_->error());
  else if (!dir.isEmpty() && model_->rowCount() == 0) lines << tr("No damage runs (folders with a results.json) in %1.").arg(dir);
  else if (dir.isEmpty()) lines << tr("Open a folder of `owb damage` run folders to see the scaling law.");
  for (const QString& w : model_->warnings()) lines << tr("Warning: %1").arg(w);
  message_->setText(lines.join(QLatin1Char('\n')));
  message_->setVisible(!lines.isEmpty());
}

void DamageView::rebuildPlot() {
  const owb::ScalingLawReport& report = model_->report();
  const owb::DamageMetric m = metric();
  const bool absolute = report.options.use_absolute;
  title_->setText(tr("Scaling law: %1 vs model size").arg(metricLabel(m, absolute)));
  plot_->yAxis->setLabel(metricLabel(m, absolute));
  plot_->clearItems();
  QVector<double> x, y, minus, plus;
  double y_lo = std::numeric_limits<double>::infinity(), y_hi = -y_lo;
  for (const owb::ModelScaling& model : report.models) {
    const owb::SampleSummary& s = report.stat(model, m);
    if (!std::isfinite(s.mean)) continue;
    const bool interval = std::isfinite(s.ci95_low) && std::isfinite(s.ci95_high);
    x << double(model.total_params);
    y << s.mean;
    minus << (interval ? s.mean - s.ci95_low : 0.0);
    plus << (interval ? s.ci95_high - s.mean : 0.0);
    y_lo = std::min(y_lo, s.mean - minus.last());
    y_hi = std::max(y_hi, s.mean + plus.last());
    auto* label = new QCPItemText(plot_);
    label->position->setCoords(x.last(), s.mean);
    label->setPositionAlignment(Qt::AlignLeft | Qt::AlignBottom);
    label->setPadding(QMargins(6, 0, 0, 2));
    label->setText(QString::fromStdString(model.key));
  }
  means_->setData(x, y, true);
  error_bars_->setData(minus, plus);

  const owb::PowerLawFit& fit = report.fit(m);
  QVector<double> fx, fy;
  if (fit.valid && x.size() >= 2) {
    const double lo = std::log10(x.first()), hi = std::log10(x.last());
    for (int i = 0; i < kFitSamples; ++i) {
      fx << std::pow(10.0, lo + (hi - lo) * i / (kFitSamples - 1));
      fy << fit.at(fx.last());
      y_lo = std::min(y_lo, fy.last());
      y_hi = std::max(y_hi, fy.last());
    }
  }
  fit_->setData(fx, fy, true);
  fit_->setName(fitName(fit));
  if (!x.isEmpty()) {
    plot_->xAxis->setRange(x.first() / 1.6, x.last() * 1.6);
    const double pad = std::max((y_hi - y_lo) * 0.1, std::max(std::abs(y_hi), 1.0) * 0.05);
    plot_->yAxis->setRange(y_lo - pad, y_hi + pad);
  }
  plot_->replot();
}

}  // namespace owb::widgets
