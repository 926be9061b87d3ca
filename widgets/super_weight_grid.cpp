#include "super_weight_grid.h"

#include "super_weight_card.h"
#include "super_weight_detection_plot.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QRegularExpression>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QTextBrowser>
#include <QVBoxLayout>

#include <cmath>

namespace owb::widgets {

using owb::models::SuperWeightCard;
using owb::models::SuperWeightCardsModel;

namespace {
constexpr int kCardSpacing = 10;

QString num(double x, int digits = 6) { return std::isfinite(x) ? QLocale().toString(x, 'g', digits) : QStringLiteral("–"); }
}  // namespace

SuperWeightGrid::SuperWeightGrid(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  auto* bar = new QHBoxLayout;
  bar->addWidget(new QLabel(tr("Sort by:"), this));
  sort_combo_ = new QComboBox(this);
  sort_combo_->setObjectName("sortCombo");
  sort_combo_->addItem(tr("Layer"), int(SuperWeightCardsModel::LayerColumn));
  sort_combo_->addItem(tr("|Value|"), int(SuperWeightCardsModel::ValueColumn));
  sort_combo_->addItem(tr("Perplexity ratio (zeroed)"), int(SuperWeightCardsModel::PerplexityRatioColumn));
  sort_combo_->addItem(tr("Δloss (zeroed)"), int(SuperWeightCardsModel::DeltaLossColumn));
  sort_combo_->addItem(tr("Model"), int(SuperWeightCardsModel::ModelColumn));
  bar->addWidget(sort_combo_);
  descending_ = new QCheckBox(tr("Descending"), this);
  bar->addWidget(descending_);
  bar->addStretch(1);
  count_label_ = new QLabel(this);
  bar->addWidget(count_label_);
  layout->addLayout(bar);
  message_ = new QLabel(this);
  message_->setObjectName("superWeightMessage");
  message_->setWordWrap(true);
  message_->setTextInteractionFlags(Qt::TextSelectableByMouse);
  layout->addWidget(message_);

  auto* splitter = new QSplitter(Qt::Vertical, this);
  scroll_ = new QScrollArea(splitter);
  scroll_->setWidgetResizable(true);
  scroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  grid_host_ = new QWidget(scroll_);
  grid_ = new QGridLayout(grid_host_);
  grid_->setSpacing(kCardSpacing);
  grid_->setAlignment(Qt::AlignTop | Qt::AlignLeft);
  scroll_->setWidget(grid_host_);
  scroll_->viewport()->installEventFilter(this);  // the column count follows the viewport's width
  splitter->addWidget(scroll_);
  auto* detail = new QSplitter(Qt::Horizontal, splitter);
  detection_ = new SuperWeightDetectionPlot(detail);
  detail_ = new QTextBrowser(detail);
  detail_->setObjectName("superWeightDetail");
  detail->addWidget(detection_);
  detail->addWidget(detail_);
  detail->setStretchFactor(0, 3);
  detail->setStretchFactor(1, 2);
  splitter->addWidget(detail);
  splitter->setSizes({460, 360});
  layout->addWidget(splitter, 1);

  connect(sort_combo_, &QComboBox::currentIndexChanged, this, &SuperWeightGrid::applySort);
  connect(descending_, &QCheckBox::toggled, this, &SuperWeightGrid::applySort);
  rebuildCards();
}

void SuperWeightGrid::setModel(SuperWeightCardsModel* model) {
  if (model_) disconnect(model_, nullptr, this, nullptr);
  model_ = model;
  if (model_) {
    connect(model_, &QAbstractItemModel::modelReset, this, &SuperWeightGrid::rebuildCards);
    connect(model_, &QAbstractItemModel::layoutChanged, this, &SuperWeightGrid::rebuildCards);
    applySort();
  }
  rebuildCards();
}

void SuperWeightGrid::sortBy(int column, Qt::SortOrder order) {
  const int i = sort_combo_->findData(column);
  const QSignalBlocker block_combo(sort_combo_), block_check(descending_);
  if (i >= 0) sort_combo_->setCurrentIndex(i);
  descending_->setChecked(order == Qt::DescendingOrder);
  if (model_) model_->sort(column, order);
}

void SuperWeightGrid::applySort() {
  if (!model_) return;
  model_->sort(sort_combo_->currentData().toInt(), descending_->isChecked() ? Qt::DescendingOrder : Qt::AscendingOrder);
}

// Cards are widgets made from the model's rows; the model is small (a few per model), so a
// reset or a sort makes them again.
void SuperWeightGrid::rebuildCards() {
  qDeleteAll(cards_);
  cards_.clear();
  columns_ = 0;
  const int n = model_ ? model_->rowCount() : 0;
  for (int r = 0; r < n; ++r) {
    auto* card = new SuperWeightCardWidget(*model_->cardAt(r), grid_host_);
    card->setSelected(card->key() == selected_);
    connect(card, &SuperWeightCardWidget::clicked, this, [this](const QString& key) { selectCard(key); });
    cards_ << card;
  }
  relayout();
  count_label_->setText(tr("%n super weight(s)", nullptr, n));
  QStringList lines;
  if (model_ && model_->isLoading()) lines << tr("Loading…");
  if (model_) for (const QString& e : model_->loadErrors()) lines << tr("Could not read: %1").arg(e);
  if (n == 0 && model_ && !model_->isLoading())
    lines << tr("No super weights in this workspace: run `owb superweights` or `owb vocab` (or queue a super-weight job) "
                "and rescan.");
  message_->setText(lines.join(QLatin1Char('\n')));
  message_->setStyleSheet(model_ && !model_->loadErrors().isEmpty() ? QStringLiteral("color:#b71c1c") : QString());
  message_->setVisible(!lines.isEmpty());
  if (!selectCard(selected_) && !cards_.isEmpty()) selectCard(cards_.first()->key());
  if (cards_.isEmpty()) {
    selected_.clear();
    showDetail();
  }
}

void SuperWeightGrid::relayout() {
  const int card_width = cards_.isEmpty() ? 360 : cards_.first()->width();
  const int available = scroll_->viewport()->width() - 2 * grid_->contentsMargins().left();
  const int columns = std::max(1, (available + kCardSpacing) / (card_width + kCardSpacing));
  if (columns == columns_ && grid_->count() == cards_.size()) return;
  columns_ = columns;
  while (grid_->count() > 0) grid_->takeAt(0);  // items only; the cards stay
  for (int i = 0; i < cards_.size(); ++i) grid_->addWidget(cards_[i], i / columns, i % columns, Qt::AlignTop);
}

bool SuperWeightGrid::eventFilter(QObject* watched, QEvent* event) {
  if (watched == scroll_->viewport() && event->type() == QEvent::Resize) relayout();
  return QWidget::eventFilter(watched, event);
}

bool SuperWeightGrid::selectCard(const QString& key) {
  SuperWeightCardWidget* chosen = nullptr;
  for (SuperWeightCardWidget* card : cards_)
    if (card->key() == key) chosen = card;
  if (!chosen) return false;
  const bool changed = key != selected_;
  selected_ = key;
  for (SuperWeightCardWidget* card : cards_) card->setSelected(card == chosen);
  scroll_->ensureWidgetVisible(chosen);
  showDetail();
  if (changed) emit cardSelected(key);
  return true;
}

QString SuperWeightGrid::messageText() const { return message_->isVisible() || !message_->text().isEmpty() ? message_->text() : QString(); }

QString SuperWeightGrid::detailText() const { return detail_->toPlainText(); }

void SuperWeightGrid::showDetail() {
  const SuperWeightCard* card = nullptr;
  for (int r = 0; model_ && r < model_->rowCount(); ++r)
    if (model_->cardAt(r)->key() == selected_) card = model_->cardAt(r);
  if (!card) {
    detection_->setAnalysis(nullptr, tr("Select a super-weight card to see its detection passes."));
    detail_->setPlainText(QString());
    return;
  }
  const owb::models::SuperWeightAnalysis* analysis = model_->analysisOf(*card);
  detection_->setAnalysis(analysis, analysis ? QString()
                                             : tr("This card comes from `owb vocab` only: its detection passes are in an "
                                                  "`owb superweights` analysis."));
  detection_->setHighlighted(card->iteration, card->layer);
  QStringList html;
  html << tr("<h3>%1 · layer %2 · row %3 · col %4</h3>").arg(card->model.toHtmlEscaped()).arg(card->layer).arg(card->row).arg(card->col);
  html << tr("Tensor <code>%1</code>, value %2; input spike %3, output spike %4 (detection pass %5)")
              .arg(card->tensor.toHtmlEscaped(), num(card->value), num(card->input_activation), num(card->output_activation))
              .arg(card->iteration);
  if (card->hasAnalysis()) {
    html << tr("<p><b>Perplexity</b> intact %1; this weight zeroed %2 (Δ %3, ratio %4)")
                .arg(num(card->baseline_perplexity), num(card->zeroed_perplexity), num(card->delta_perplexity), num(card->perplexity_ratio));
    if (analysis)
      html << tr("<br>all super weights zeroed %1; all zeroed, super activations restored %2")
                  .arg(num(analysis->combined_perplexity), num(analysis->restored_perplexity));
    for (const owb::models::AccuracyChange& a : card->accuracy)
      html << tr("<br>%1: acc %2, Δacc %3, Δacc_norm %4").arg(a.task, num(a.baseline_acc), num(a.delta_acc), num(a.delta_acc_norm));
  }
  if (card->hasVocab()) {
    html << tr("<p><b>Zeroed vs intact</b> (owb vocab; control: random coordinate / neuron zeroed)<br>");
    for (auto it = card->deltas.cbegin(); it != card->deltas.cend(); ++it) {
      const auto b = card->bootstrap.constFind(it.key());
      const QString ci = b == card->bootstrap.cend() ? QString() : tr(" [95% CI %1, %2]").arg(num(b->low, 4), num(b->high, 4));
      html << tr("%1: baseline %2, Δ %3%4; controls %5 / %6<br>")
                  .arg(it.key(), num(card->baselines.value(it.key(), NAN), 5), num(it.value(), 5), ci,
                       num(card->random_coord_delta.value(it.key(), NAN), 3), num(card->neuron_zero_delta.value(it.key(), NAN), 3));
    }
  }
  const auto tokens = [](const QVector<owb::models::TokenEffect>& list) {
    QStringList out;
    for (const auto& t : list) out << QStringLiteral("<code>%1</code> %2").arg(SuperWeightCardWidget::visibleToken(t.token).toHtmlEscaped(), num(t.effect, 3));
    return out.join(QStringLiteral(", "));
  };
  if (!card->tokens_up.isEmpty() || !card->tokens_down.isEmpty()) {
    html << (card->tokens_from_neuron ? tr("<p><b>Neuron %1's vocabulary effect</b>").arg(card->col)
                                      : tr("<p><b>Token probability changes when zeroed</b>"));
    html << tr("<br>up: %1<br>down: %2").arg(tokens(card->tokens_up), tokens(card->tokens_down));
  }
  html << tr("<p style='color:#666'>Files: %1</p>")
              .arg(QStringList{QDir::toNativeSeparators(card->analysis_file), QDir::toNativeSeparators(card->vocab_file)}
                       .filter(QRegularExpression(QStringLiteral(".")))
                       .join(QStringLiteral("<br>"))
                       .toHtmlEscaped()
                       .replace(QStringLiteral("&lt;br&gt;"), QStringLiteral("<br>")));
  detail_->setHtml(html.join(QString()));
}

}  // namespace owb::widgets
