#include "run_monitor.h"

#include "job_queue.h"
#include "job_table_model.h"
#include "progress_delegate.h"

#include <QCheckBox>
#include <QDir>
#include <QFile>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

namespace owb::widgets {

using owb::models::JobTableModel;

namespace {
constexpr int kLogBlocks = 5000;
constexpr qint64 kLogTailBytes = 256 * 1024;
}

RunMonitor::RunMonitor(JobTableModel* model, QWidget* parent) : QWidget(parent), model_(model) {
  auto* splitter = new QSplitter(Qt::Vertical, this);

  auto* top = new QWidget(splitter);
  table_ = new QTableView(top);
  table_->setModel(model_);
  table_->setSelectionBehavior(QAbstractItemView::SelectRows);
  table_->setSelectionMode(QAbstractItemView::SingleSelection);
  table_->setAlternatingRowColors(true);
  table_->verticalHeader()->hide();
  table_->setItemDelegateForColumn(JobTableModel::ProgressColumn, new ProgressDelegate(JobTableModel::ProgressRole, table_));
  table_->horizontalHeader()->setSectionResizeMode(JobTableModel::JobColumn, QHeaderView::Stretch);
  for (int c : {JobTableModel::ModelColumn, JobTableModel::AnalysisColumn, JobTableModel::StateColumn, JobTableModel::EtaColumn,
                JobTableModel::ElapsedColumn, JobTableModel::BackendColumn})
    table_->horizontalHeader()->setSectionResizeMode(c, QHeaderView::ResizeToContents);
  table_->setColumnWidth(JobTableModel::ProgressColumn, 160);
  table_->setColumnWidth(JobTableModel::StageColumn, 120);
  table_->setTextElideMode(Qt::ElideMiddle);
  table_->setWordWrap(false);
  table_->verticalHeader()->setDefaultSectionSize(table_->fontMetrics().height() + 10);

  cancel_ = new QPushButton(tr("&Cancel"), top);
  cancel_->setToolTip(tr("Cancel the selected job (a running worker is stopped; what it wrote stays)."));
  cancel_sweep_ = new QPushButton(tr("Cancel S&weep"), top);
  cancel_sweep_->setToolTip(tr("Cancel every unfinished job of the selected job's sweep."));
  retry_ = new QPushButton(tr("&Retry"), top);
  retry_->setToolTip(tr("Queue the selected failed or cancelled job again."));
  show_run_ = new QPushButton(tr("Show &Run"), top);
  show_run_->setToolTip(tr("Show the selected job's run folder in the heatmap (live while it runs)."));
  clear_finished_ = new QPushButton(tr("C&lear Finished"), top);
  clear_finished_->setToolTip(tr("Remove finished jobs from this list (their run folders stay)."));
  auto* buttons = new QHBoxLayout;
  for (QPushButton* b : {cancel_, cancel_sweep_, retry_, show_run_}) buttons->addWidget(b);
  buttons->addStretch(1);
  buttons->addWidget(clear_finished_);
  auto* top_layout = new QVBoxLayout(top);
  top_layout->setContentsMargins(0, 0, 0, 0);
  top_layout->addWidget(table_);
  top_layout->addLayout(buttons);

  auto* bottom = new QWidget(splitter);
  job_label_ = new QLabel(bottom);
  job_label_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  job_label_->setWordWrap(true);
  filter_ = new QLineEdit(bottom);
  filter_->setPlaceholderText(tr("Filter log lines"));
  filter_->setClearButtonEnabled(true);
  follow_ = new QCheckBox(tr("&Follow"), bottom);
  follow_->setChecked(true);
  follow_->setToolTip(tr("Keep the newest line in view."));
  auto* log_bar = new QHBoxLayout;
  log_bar->addWidget(job_label_, 1);
  log_bar->addWidget(filter_);
  log_bar->addWidget(follow_);
  log_view_ = new QPlainTextEdit(bottom);
  log_view_->setReadOnly(true);
  log_view_->setMaximumBlockCount(kLogBlocks);
  log_view_->setLineWrapMode(QPlainTextEdit::NoWrap);
  log_view_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  auto* bottom_layout = new QVBoxLayout(bottom);
  bottom_layout->setContentsMargins(0, 0, 0, 0);
  bottom_layout->addLayout(log_bar);
  bottom_layout->addWidget(log_view_);

  splitter->addWidget(top);
  splitter->addWidget(bottom);
  splitter->setStretchFactor(0, 3);
  splitter->setStretchFactor(1, 2);
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(splitter);

  owb::jobs::JobQueue* queue = model_->queue();
  connect(cancel_, &QPushButton::clicked, this, [this, queue] { queue->cancel(selectedJobId()); });
  connect(cancel_sweep_, &QPushButton::clicked, this, [this, queue] {
    if (const owb::jobs::Job* job = queue->find(selectedJobId())) queue->cancelSweep(job->spec.sweep);
  });
  connect(retry_, &QPushButton::clicked, this, [this, queue] { queue->retry(selectedJobId()); });
  connect(clear_finished_, &QPushButton::clicked, this, [queue] { queue->removeFinished(); });
  connect(show_run_, &QPushButton::clicked, this, [this, queue] {
    if (const owb::jobs::Job* job = queue->find(selectedJobId()); job && !job->run_dir.isEmpty()) emit showRunRequested(job->run_dir);
  });
  connect(table_, &QTableView::doubleClicked, this, [this](const QModelIndex& index) {
    const QString dir = index.data(JobTableModel::RunDirRole).toString();
    if (!dir.isEmpty()) emit showRunRequested(dir);
  });
  connect(table_->selectionModel(), &QItemSelectionModel::currentRowChanged, this, [this] {
    updateButtons();
    reloadLog();
  });
  connect(model_, &QAbstractItemModel::dataChanged, this, &RunMonitor::updateButtons);
  connect(model_, &QAbstractItemModel::modelReset, this, [this] {
    selectDefaultJob();
    updateButtons();
    reloadLog();
  });
  // A first job selects itself, so a launch shows its log without a click.
  connect(model_, &QAbstractItemModel::rowsInserted, this, [this](const QModelIndex&, int first) {
    if (selectedJobId().isEmpty()) table_->selectRow(first);
  });
  connect(queue, &owb::jobs::JobQueue::logAppended, this, &RunMonitor::onLogAppended);
  connect(filter_, &QLineEdit::textChanged, this, &RunMonitor::reloadLog);
  connect(follow_, &QCheckBox::toggled, this, [this](bool on) {
    if (on) log_view_->verticalScrollBar()->setValue(log_view_->verticalScrollBar()->maximum());
  });
  updateButtons();
  reloadLog();
}

QString RunMonitor::selectedJobId() const {
  const QModelIndex current = table_->selectionModel()->currentIndex();
  return current.isValid() ? model_->jobId(current.row()) : QString();
}

void RunMonitor::selectJob(const QString& id) {
  const QModelIndex index = model_->indexOfJob(id);
  if (!index.isValid()) return;
  table_->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
  table_->scrollTo(index);
}

// After a reload (a workspace opened): the running job, else the first one, so the log shows.
void RunMonitor::selectDefaultJob() {
  if (!selectedJobId().isEmpty() || model_->rowCount() == 0) return;
  int row = 0;
  for (int r = 0; r < model_->rowCount(); ++r)
    if (model_->index(r, 0).data(JobTableModel::StateRole).toString() == QLatin1String("running")) {
      row = r;
      break;
    }
  table_->selectRow(row);
}

void RunMonitor::updateButtons() {
  const owb::jobs::Job* job = model_->queue()->find(selectedJobId());
  const bool unfinished = job && !owb::jobs::isFinished(job->state);
  cancel_->setEnabled(unfinished);
  cancel_sweep_->setEnabled(job != nullptr);
  retry_->setEnabled(job && (job->state == owb::jobs::JobState::Failed || job->state == owb::jobs::JobState::Cancelled));
  show_run_->setEnabled(job && !job->run_dir.isEmpty());
  if (!job) {
    job_label_->setText(tr("Select a job to see its log."));
    return;
  }
  QString text = tr("<b>%1</b>").arg(job->spec.id.toHtmlEscaped());
  if (!job->run_dir.isEmpty()) text += QStringLiteral(" — ") + QDir::toNativeSeparators(job->run_dir).toHtmlEscaped();
  if (!job->error.isEmpty()) text += QStringLiteral("<br><span style='color:#c62828'>%1</span>").arg(job->error.toHtmlEscaped());
  if (job_label_->text() != text) job_label_->setText(text);
}

// A job of an earlier session has no log in memory; its run folder has the worker's logs.
QStringList RunMonitor::runFolderLog(const QString& id) const {
  const owb::jobs::Job* job = model_->queue()->find(id);
  if (!job || job->run_dir.isEmpty()) return {};
  QStringList lines;
  for (const char* name : {"outlier_analysis.log", "perplexity_computation.log", "worker.log"}) {
    QFile file(QDir(job->run_dir).filePath(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly | QIODevice::Text)) continue;
    if (file.size() > kLogTailBytes) file.seek(file.size() - kLogTailBytes);  // the tail is what matters
    lines << QStringLiteral("== %1").arg(QLatin1String(name));
    lines << QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'), Qt::SkipEmptyParts);
  }
  return lines;
}

bool RunMonitor::passesFilter(const QString& line) const {
  return filter_->text().isEmpty() || line.contains(filter_->text(), Qt::CaseInsensitive);
}

void RunMonitor::reloadLog() {
  log_job_ = selectedJobId();
  QStringList shown;
  QStringList lines = model_->queue()->logLines(log_job_);
  if (lines.isEmpty()) lines = runFolderLog(log_job_);
  for (const QString& line : lines)
    if (passesFilter(line)) shown << line;
  if (shown.size() > kLogBlocks) shown = shown.mid(shown.size() - kLogBlocks);
  log_view_->setPlainText(shown.join(QLatin1Char('\n')));
  if (follow_->isChecked()) log_view_->verticalScrollBar()->setValue(log_view_->verticalScrollBar()->maximum());
}

void RunMonitor::onLogAppended(const QString& id, const QString& line) {
  if (id != log_job_ || !passesFilter(line)) return;
  QScrollBar* bar = log_view_->verticalScrollBar();
  const int position = bar->value();
  log_view_->appendPlainText(line);
  // Not following: the user is reading; keep the view where it was.
  bar->setValue(follow_->isChecked() ? bar->maximum() : position);
}

}  // namespace owb::widgets
