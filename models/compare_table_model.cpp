#include "compare_table_model.h"

#include <QBrush>
#include <QColor>
#include <QCoreApplication>
#include <QDir>
#include <QFont>
#include <QFutureWatcher>
#include <QLocale>
#include <QSet>
#include <QtConcurrent/QtConcurrentRun>

#include <cmath>

namespace owb::models {

CompareTableModel::CompareTableModel(QObject* parent) : QAbstractTableModel(parent) {}

void CompareTableModel::loadRuns(const QStringList& run_folders, const QStringList& perplexity_folders) {
  const quint64 generation = ++generation_;
  ++loads_in_flight_;
  auto* watcher = new QFutureWatcher<CompareSet>(this);
  connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher, generation] {
    watcher->deleteLater();
    --loads_in_flight_;
    if (generation != generation_) return;  // superseded
    setSet(watcher->result());
    emit runsLoaded();
  });
  watcher->setFuture(QtConcurrent::run([run_folders, perplexity_folders] { return loadCompareRuns(run_folders, perplexity_folders); }));
}

void CompareTableModel::setSet(const CompareSet& set) {
  beginResetModel();
  set_ = set;
  endResetModel();
}

int CompareTableModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : MetricCount; }

int CompareTableModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(set_.runs.size()); }

namespace {

QVariant rawValue(const ComparisonRow& r, int metric) {
  switch (metric) {
    case CompareTableModel::ModelRow: return r.model;
    case CompareTableModel::TotalParamsRow: return r.total_params_b;
    case CompareTableModel::ActiveParamsRow: return r.active_params_b;
    case CompareTableModel::UniqueSystematicRow: return r.unique_systematic;
    case CompareTableModel::NumOutliersRow: return r.num_outliers;
    case CompareTableModel::MeanLayerRow: return r.mean_layer_pct;
    case CompareTableModel::MedianLayerRow: return r.median_layer_pct;
    case CompareTableModel::MeanSeqRow: return r.mean_seq_pct;
    case CompareTableModel::MedianSeqRow: return r.median_seq_pct;
    case CompareTableModel::PerplexityRow: return r.perplexity;
    default: break;
  }
  return QVariant();
}

QString displayValue(const ComparisonRow& r, int metric) {
  const QLocale locale;
  const QVariant v = rawValue(r, metric);
  if (metric == CompareTableModel::ModelRow) return r.label.isEmpty() ? r.model : r.label;
  if (v.typeId() == QMetaType::LongLong) return v.toLongLong() < 0 ? QString() : locale.toString(v.toLongLong());
  const double x = v.toDouble();
  if (!std::isfinite(x)) return QString();
  if (metric == CompareTableModel::TotalParamsRow || metric == CompareTableModel::ActiveParamsRow)
    return x < 0.01 ? QCoreApplication::translate("owb::models::CompareTableModel", "%1 M").arg(locale.toString(x * 1e3, 'g', 4))
                    : QCoreApplication::translate("owb::models::CompareTableModel", "%1 B").arg(locale.toString(x, 'g', 4));
  if (metric == CompareTableModel::PerplexityRow) return locale.toString(x, 'f', 3);
  return locale.toString(x, 'f', 2);
}

}  // namespace

QVariant CompareTableModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return QVariant();
  const CompareRun& run = set_.runs[index.column()];
  if (role == ValueRole) return rawValue(run.row, index.row());
  if (role == RunPathRole) return run.path;
  if (role == Qt::ToolTipRole && index.row() == ModelRow) return run.row.model;
  if (role == Qt::TextAlignmentRole) return int((index.row() == ModelRow ? Qt::AlignLeft : Qt::AlignRight) | Qt::AlignVCenter);
  if (role == Qt::DisplayRole) return displayValue(run.row, index.row());
  return QVariant();
}

QVariant CompareTableModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation == Qt::Horizontal) {
    if (section < 0 || section >= set_.runs.size()) return QVariant();
    if (role == Qt::DisplayRole) return set_.runs[section].name;
    if (role == Qt::ToolTipRole || role == RunPathRole) return QDir::toNativeSeparators(set_.runs[section].path);
    return QVariant();
  }
  if (role != Qt::DisplayRole) return QVariant();
  switch (section) {
    case ModelRow: return tr("Model");
    case TotalParamsRow: return tr("Total parameters");
    case ActiveParamsRow: return tr("Active parameters");
    case UniqueSystematicRow: return tr("Systematic dims (unique)");
    case NumOutliersRow: return tr("Systematic records (seed count)");
    case MeanLayerRow: return tr("Mean layer %");
    case MedianLayerRow: return tr("Median layer %");
    case MeanSeqRow: return tr("Mean seq %");
    case MedianSeqRow: return tr("Median seq %");
    case PerplexityRow: return tr("Perplexity");
    default: break;
  }
  return QVariant();
}

ConfigDiffModel::ConfigDiffModel(QObject* parent) : QAbstractTableModel(parent) {}

void ConfigDiffModel::setRuns(const QVector<CompareRun>& runs) {
  beginResetModel();
  run_names_.clear();
  has_config_.clear();
  flat_.clear();
  QVector<QJsonObject> configs;
  for (const CompareRun& run : runs) {
    run_names_ << run.name;
    has_config_ << run.has_config;
    flat_ << flattenConfig(run.config);
    if (run.has_config) configs << run.config;
  }
  // Runs without a config.json (seed folders) are not compared: nothing to say about their keys.
  differing_ = configs.size() >= 2 ? differingConfigKeys(configs) : QStringList();
  rebuild();
  endResetModel();
}

void ConfigDiffModel::setShowAll(bool show_all) {
  if (show_all == show_all_) return;
  beginResetModel();
  show_all_ = show_all;
  rebuild();
  endResetModel();
}

void ConfigDiffModel::rebuild() {
  keys_ = differing_;
  if (!show_all_) return;
  QSet<QString> rest;
  for (const auto& flat : flat_)
    for (auto it = flat.cbegin(); it != flat.cend(); ++it)
      if (!differing_.contains(it.key())) rest.insert(it.key());
  QStringList same(rest.begin(), rest.end());
  same.sort();
  keys_ << same;
}

int ConfigDiffModel::rowCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(keys_.size()); }

int ConfigDiffModel::columnCount(const QModelIndex& parent) const { return parent.isValid() ? 0 : int(run_names_.size()) + 1; }

QVariant ConfigDiffModel::data(const QModelIndex& index, int role) const {
  if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return QVariant();
  const QString& key = keys_[index.row()];
  const bool differs = index.row() < differing_.size();
  if (role == DiffersRole) return differs;
  if (role == Qt::BackgroundRole && differs) return QBrush(QColor(255, 236, 179));  // amber 100
  if (role == Qt::FontRole && differs && index.column() == 0) {
    QFont bold;
    bold.setBold(true);
    return bold;
  }
  if (role != Qt::DisplayRole && role != Qt::ToolTipRole) return QVariant();
  if (index.column() == 0) return key;
  const int run = index.column() - 1;
  if (!has_config_[run]) return tr("(no config.json)");
  if (!flat_[run].contains(key)) return tr("(absent)");
  return configValueText(flat_[run].value(key));
}

QVariant ConfigDiffModel::headerData(int section, Qt::Orientation orientation, int role) const {
  if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return QVariant();
  if (section == 0) return tr("config.json key");
  return run_names_.value(section - 1);
}

}  // namespace owb::models
