#include "damage_summary_model.h"

#include <QBrush>
#include <QDir>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QLocale>
#include <QPalette>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>
#include <limits>

namespace owb::models {

namespace {

constexpr double kMissing = std::numeric_limits<double>::quiet_NaN();

QString number(double v) { return std::isfinite(v) ? QLocale().toString(v, 'g', 5) : QString(); }

// 70426624 -> "70.4M", 1011781632 -> "1.01B".
QString parameterCount(int64_t n) {
  const double v = static_cast<double>(n);
  if (v >= 1e9) return QLocale().toString(v / 1e9, 'g', 3) + QLatin1Char('B');
  if (v >= 1e6) return QLocale().toString(v / 1e6, 'g', 3) + QLatin1Char('M');
  if (v >= 1e3) return QLocale().toString(v / 1e3, 'g', 3) + QLatin1Char('K');
  return QLocale().toString(v);
}

}  // namespace

DamageFolder readDamageFolder(const QString& results_dir) {
  DamageFolder folder;
  folder.results_dir = results_dir;
  // The report's own output folder holds no run.
  const QString output = QDir(results_dir).filePath(QStringLiteral("scaling_law_analysis"));
  try {
    folder.scan = owb::read_damage_runs(results_dir.toStdString(), {output.toStdString()});
  } catch (const std::exception& e) {
    folder.error = QString::fromStdString(e.what());
  }
  return folder;
}

DamageSummaryModel::DamageSummaryModel(QObject* parent) : QAbstractTableModel(parent) {}

void DamageSummaryModel::loadResultsDir(const QString& results_dir) {
  const quint64 generation = ++generation_;
  ++loads_in_flight_;
  auto* watcher = new QFutureWatcher<DamageFolder>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    --loads_in_flight_;
    if (generation != generation_) return;  // superseded
    setFolder(watcher->result());
    emit summaryLoaded();
  });
  watcher->setFuture(QtConcurrent::run([results_dir] { return readDamageFolder(results_dir); }));
}

void DamageSummaryModel::setFolder(const DamageFolder& folder) {
  folder_ = folder;
  rebuild();
}

void DamageSummaryModel::setOptions(const owb::ScalingLawOptions& options) {
  options_ = options;
  rebuild();
}

void DamageSummaryModel::rebuild() {
  beginResetModel();
  report_ = owb::ScalingLawReport{};
  report_.options = options_;
  rows_.clear();
  if (folder_.error.isEmpty() && !folder_.scan.runs.empty()) {
    try {
      report_ = owb::build_scaling_law_report(folder_.scan, options_, folder_.results_dir.toStdString());
    } catch (const std::exception& e) {
      folder_.error = QString::fromStdString(e.what());
    }
  }
  for (const owb::ModelScaling& m : report_.models)
    for (size_t i = 0; i < m.runs.size(); ++i) rows_.push_back({&m.runs[i], !m.kept[i]});
  endResetModel();
  emit reportChanged();
}

QStringList DamageSummaryModel::warnings() const {
  QStringList out;
  const auto& list = report_.models.empty() ? folder_.scan.warnings : report_.warnings;
  for (const std::string& w : list) out << QString::fromStdString(w);
  return out;
}

const owb::DamageRun* DamageSummaryModel::runAt(int row) const {
  return row >= 0 && row < rows_.size() ? rows_[row].run : nullptr;
}

int DamageSummaryModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(rows_.size()); }

int DamageSummaryModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : ColumnCount; }

QVariant DamageSummaryModel::value(const Row& row, int column) const {
  const owb::DamageRun& r = *row.run;
  const owb::DamageMetrics* control = r.control ? &*r.control : nullptr;
  switch (column) {
    case ModelColumn: return QString::fromStdString(r.model_key());
    case ParamsColumn: return static_cast<double>(r.total_params);
    case RunColumn: return r.run;
    case SeedColumn: return r.seed ? QVariant(static_cast<qlonglong>(*r.seed)) : QVariant();
    case PrecisionColumn: return QString::fromStdString(r.precision);
    case RankPreColumn: return r.treatment.rank_pre;
    case RankPostColumn: return r.treatment.rank_post;
    case RankReductionColumn: return r.treatment.rank_reduction;
    case PerplexityPreColumn: return r.treatment.perplexity_pre;
    case PerplexityPostColumn: return r.treatment.perplexity_post;
    case PerplexityIncreaseColumn: return r.treatment.perplexity_increase;
    case ControlRankReductionColumn: return control ? control->rank_reduction : kMissing;
    case ControlPerplexityIncreaseColumn: return control ? control->perplexity_increase : kMissing;
    case FilterColumn: return row.removed;
    case FolderColumn: return QFileInfo(QString::fromStdString(r.run_dir)).fileName();
    default: return {};
  }
}

QVariant DamageSummaryModel::data(const QModelIndex& index, int role) const {
  if (!index.isValid() || index.row() >= rows_.size()) return {};
  const Row& row = rows_[index.row()];
  const QVariant v = value(row, index.column());
  if (role == SortRole) return v;
  if (role == RunPathRole) return QString::fromStdString(row.run->run_dir);
  if (role == RemovedRole) return row.removed;
  if (role == Qt::ForegroundRole && row.removed) return QBrush(QPalette().color(QPalette::Disabled, QPalette::Text));
  if (role == Qt::ToolTipRole && index.column() == FolderColumn) return QString::fromStdString(row.run->run_dir);
  if (role == Qt::TextAlignmentRole && index.column() != ModelColumn && index.column() != PrecisionColumn &&
      index.column() != FolderColumn && index.column() != FilterColumn)
    return int(Qt::AlignRight | Qt::AlignVCenter);
  if (role != Qt::DisplayRole) return {};
  switch (index.column()) {
    case ParamsColumn: return parameterCount(row.run->total_params);
    case FilterColumn: return row.removed ? tr("removed") : QString();
    case ModelColumn:
    case RunColumn:
    case SeedColumn:
    case PrecisionColumn:
    case FolderColumn: return v;
    default: return number(v.toDouble());
  }
}

QVariant DamageSummaryModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QAbstractTableModel::headerData(section, orientation, role);
  switch (section) {
    case ModelColumn: return tr("Model");
    case ParamsColumn: return tr("Parameters");
    case RunColumn: return tr("Run");
    case SeedColumn: return tr("Seed");
    case PrecisionColumn: return tr("Precision");
    case RankPreColumn: return tr("Rank before");
    case RankPostColumn: return tr("Rank after");
    case RankReductionColumn: return tr("Rank reduction");
    case PerplexityPreColumn: return tr("Perplexity before");
    case PerplexityPostColumn: return tr("Perplexity after");
    case PerplexityIncreaseColumn: return tr("Perplexity increase");
    case ControlRankReductionColumn: return tr("Control rank reduction");
    case ControlPerplexityIncreaseColumn: return tr("Control perplexity increase");
    case FilterColumn: return tr("Filter");
    case FolderColumn: return tr("Folder");
    default: return {};
  }
}

}  // namespace owb::models
