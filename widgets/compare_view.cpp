#include "compare_view.h"

#include <qcustomplot.h>

#include <QCheckBox>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QSpinBox>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>

namespace owb::widgets {

using owb::models::CompareRun;

namespace {
const QColor kRunColours[] = {QColor(31, 119, 180), QColor(255, 127, 14), QColor(44, 160, 44), QColor(214, 39, 40),
                              QColor(148, 103, 189), QColor(140, 86, 75), QColor(227, 119, 194), QColor(127, 127, 127)};

QTableView* makeTable(QAbstractItemModel* model, QWidget* parent) {
  auto* view = new QTableView(parent);
  view->setModel(model);
  view->setAlternatingRowColors(true);
  view->setSelectionBehavior(QAbstractItemView::SelectRows);
  view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 6);
  return view;
}
}  // namespace

CompareView::CompareView(QWidget* parent) : QWidget(parent) {
  table_model_ = new owb::models::CompareTableModel(this);
  diff_model_ = new owb::models::ConfigDiffModel(this);
  auto* layout = new QVBoxLayout(this);
  hint_ = new QLabel(this);
  hint_->setWordWrap(true);
  layout->addWidget(hint_);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  auto* top = new QSplitter(Qt::Horizontal, splitter);
  table_ = makeTable(table_model_, top);
  table_->setObjectName("compareTable");
  auto* profile = new QWidget(top);
  auto* profile_layout = new QVBoxLayout(profile);
  profile_layout->setContentsMargins(0, 0, 0, 0);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Hit share per layer of dim"), profile));
  dim_ = new QSpinBox(profile);
  dim_->setRange(0, 1 << 20);
  bar->addWidget(dim_);
  bar->addWidget(new QLabel(tr("at"), profile));
  hook_ = new QComboBox(profile);
  bar->addWidget(hook_);
  bar->addStretch(1);
  profile_layout->addLayout(bar);
  plot_ = new QCustomPlot(profile);
  plot_->setObjectName("compareProfilePlot");
  plot_->setMinimumHeight(220);
  plot_->legend->setVisible(true);
  plot_->legend->setFont(QFont(font().family(), 8));
  // The legend under the axes: the lines fill the upper right.
  auto* legend_row = new QCPLayoutGrid;
  plot_->plotLayout()->addElement(1, 0, legend_row);
  legend_row->addElement(0, 0, plot_->legend);
  plot_->legend->setFillOrder(QCPLegend::foColumnsFirst);
  plot_->legend->setWrap(1);  // one run per line: run names are long
  plot_->plotLayout()->setRowStretchFactor(1, 0.001);
  plot_->xAxis->setLabel(tr("Layer"));
  plot_->yAxis->setLabel(tr("hit share (|x| ≥ threshold)"));
  profile_layout->addWidget(plot_, 1);
  top->addWidget(table_);
  top->addWidget(profile);
  top->setSizes({640, 420});

  auto* bottom = new QWidget(splitter);
  auto* bottom_layout = new QVBoxLayout(bottom);
  bottom_layout->setContentsMargins(0, 0, 0, 0);
  show_all_keys_ = new QCheckBox(tr("Show identical config.json keys too"), bottom);
  bottom_layout->addWidget(show_all_keys_);
  diff_ = makeTable(diff_model_, bottom);
  diff_->setObjectName("configDiff");
  diff_->verticalHeader()->setVisible(false);
  bottom_layout->addWidget(diff_);
  splitter->addWidget(top);
  splitter->addWidget(bottom);
  splitter->setSizes({520, 280});
  layout->addWidget(splitter, 1);

  connect(table_model_, &owb::models::CompareTableModel::runsLoaded, this, &CompareView::onLoaded);
  connect(show_all_keys_, &QCheckBox::toggled, diff_model_, &owb::models::ConfigDiffModel::setShowAll);
  connect(dim_, &QSpinBox::valueChanged, this, &CompareView::updateProfile);
  connect(hook_, &QComboBox::currentIndexChanged, this, &CompareView::updateProfile);
  setRuns({});
}

void CompareView::setRuns(const QStringList& run_folders, const QStringList& perplexity_folders) {
  hint_->setText(run_folders.size() < 2 ? tr("Select two or more runs in the run store (Ctrl+click, Shift+click) to compare them.")
                                        : tr("Comparing %n run(s)…", nullptr, int(run_folders.size())));
  table_model_->loadRuns(run_folders, perplexity_folders);
}

void CompareView::setDim(int dim) { dim_->setValue(dim); }

int CompareView::dim() const { return dim_->value(); }

void CompareView::onLoaded() {
  const QVector<CompareRun>& runs = table_model_->runs();
  diff_model_->setRuns(runs);
  table_->resizeColumnsToContents();
  diff_->resizeColumnsToContents();
  QStringList lines;
  if (runs.size() >= 2)
    lines << tr("%n run(s) side by side; %1 config.json key(s) differ.", nullptr, int(runs.size())).arg(diff_model_->differingKeys().size());
  else
    lines << tr("Select two or more runs in the run store (Ctrl+click, Shift+click) to compare them.");
  for (const QString& e : table_model_->set().errors) lines << tr("Could not read: %1").arg(e);
  hint_->setText(lines.join(QLatin1Char('\n')));
  // Hook choices: the union of the runs' hook suffixes; "max over the layer's hooks" first.
  const QSignalBlocker block(hook_);
  const QString previous = hook_->currentData().toString();
  hook_->clear();
  hook_->addItem(tr("any hook (max)"), QString());
  int hidden = 0, first_systematic = -1;
  for (const CompareRun& run : runs) {
    if (!run.layer_stats) continue;
    hidden = std::max(hidden, run.layer_stats->hidden_size);
    for (const QString& suffix : owb::models::hookSuffixes(*run.layer_stats))
      if (hook_->findData(suffix) < 0) hook_->addItem(suffix, suffix);
  }
  hook_->setCurrentIndex(std::max(0, hook_->findData(previous)));
  // Start on the first run's strongest systematic dim when there is one.
  if (!runs.isEmpty() && runs.first().layer_stats) {
    const owb::models::LayerStats& s = *runs.first().layer_stats;
    double best = -1;
    for (int d = 0; d < s.hidden_size; ++d) {
      double hits = 0;
      for (int h = 0; h < s.rows(); ++h) hits += s.hitCount(h, d);
      if (hits > best) best = hits, first_systematic = d;
    }
  }
  const QSignalBlocker block_dim(dim_);
  if (hidden > 0) dim_->setMaximum(hidden - 1);
  if (first_systematic >= 0 && dim_->value() == 0) dim_->setValue(first_systematic);
  updateProfile();
  emit runsShown();
}

void CompareView::updateProfile() {
  plot_->clearGraphs();
  const QVector<CompareRun>& runs = table_model_->runs();
  int x_max = 0;
  for (int i = 0; i < runs.size(); ++i) {
    if (!runs[i].layer_stats) continue;
    const owb::models::LayerProfile p = owb::models::layerHitShareProfile(*runs[i].layer_stats, dim_->value(), hook_->currentData().toString());
    QVector<double> x;
    for (int layer : p.layers) x << layer, x_max = std::max(x_max, layer);
    QCPGraph* g = plot_->addGraph();
    g->setData(x, p.values, true);
    const QColor colour = kRunColours[i % std::size(kRunColours)];
    g->setPen(QPen(colour, 2));
    g->setScatterStyle(QCPScatterStyle(QCPScatterStyle::ssCircle, colour, colour.lighter(150), 6));
    g->setName(tr("%1 (%2)").arg(runs[i].row.label.isEmpty() ? runs[i].name : runs[i].row.label, runs[i].name));
  }
  plot_->xAxis->setRange(-0.5, x_max + 0.5);
  plot_->xAxis->setTicker(QSharedPointer<QCPAxisTickerFixed>::create());
  plot_->xAxis->ticker().staticCast<QCPAxisTickerFixed>()->setTickStep(x_max > 24 ? 4 : 1);
  plot_->yAxis->setRange(0, 1.05);
  plot_->replot();
}

}  // namespace owb::widgets
