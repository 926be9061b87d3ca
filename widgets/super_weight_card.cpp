#include "super_weight_card.h"

#include "model_catalog.h"

#include <QLabel>
#include <QLocale>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QTextDocument>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>

namespace owb::widgets {

using owb::models::SuperWeightCard;

namespace {

QString num(double x, int digits = 4) {
  if (!std::isfinite(x)) return QStringLiteral("–");
  return QLocale().toString(x, 'g', digits);
}

// Signed, so a delta reads as a change ("+0.244", "−0.25").
QString signedNum(double x, int digits = 3) {
  if (!std::isfinite(x)) return QStringLiteral("–");
  const QString s = QLocale().toString(std::abs(x), 'g', digits);
  return (x < 0 ? QStringLiteral("−") : QStringLiteral("+")) + s;
}

QString coloured(const QString& text, double change_for_worse) {
  if (!std::isfinite(change_for_worse) || change_for_worse == 0) return text;
  return QStringLiteral("<span style='color:%1'>%2</span>").arg(change_for_worse > 0 ? "#b71c1c" : "#1b5e20", text);
}

QString tensorShortName(const QString& tensor) {
  // "model.layers.1.mlp.down_proj.weight" -> "mlp.down_proj";
  // "model.layers.1.mlp.experts.3.down_proj.weight" -> "experts.3.down_proj" (a routed expert's)
  QStringList parts = tensor.split(QLatin1Char('.'));
  if (parts.size() >= 3 && parts.last() == QLatin1String("weight")) parts.removeLast();
  const int experts = parts.lastIndexOf(QStringLiteral("experts"));
  if (experts >= 0 && experts + 2 < parts.size()) return parts.mid(experts).join(QLatin1Char('.'));
  if (parts.size() >= 2) return parts.mid(parts.size() - 2).join(QLatin1Char('.'));
  return tensor.isEmpty() ? QStringLiteral("down_proj") : tensor;
}

QString tokenList(const QVector<owb::models::TokenEffect>& tokens, int count) {
  QStringList out;
  for (int i = 0; i < std::min<int>(count, int(tokens.size())); ++i)
    out << QStringLiteral("<code>%1</code>").arg(SuperWeightCardWidget::visibleToken(tokens[i].token).toHtmlEscaped());
  return out.join(QStringLiteral(" "));
}

QString cardHtml(const SuperWeightCard& c) {
  QStringList rows;
  const auto row = [&rows](const QString& label, const QString& value) {
    rows << QStringLiteral("<tr><td style='color:#555;padding-right:6px'>%1</td><td>%2</td></tr>").arg(label, value);
  };
  row(SuperWeightCardWidget::tr("Value"), QStringLiteral("<b>%1</b>").arg(num(c.value, 5)));
  row(SuperWeightCardWidget::tr("Spikes"), SuperWeightCardWidget::tr("input %1 (ch %2) · output %3 (ch %4)")
                                               .arg(num(c.input_activation))
                                               .arg(c.col)
                                               .arg(num(c.output_activation))
                                               .arg(c.row));
  if (c.hasAnalysis()) {
    row(SuperWeightCardWidget::tr("PPL zeroed"),
        coloured(SuperWeightCardWidget::tr("%1 → %2  (×%3, %4)")
                     .arg(num(c.baseline_perplexity, 5), num(c.zeroed_perplexity, 5), num(c.perplexity_ratio, 4),
                          signedNum(c.delta_perplexity, 4)),
                 c.delta_perplexity));
    for (const owb::models::AccuracyChange& a : c.accuracy)
      row(a.task, coloured(SuperWeightCardWidget::tr("acc %1, Δacc %2, Δacc_norm %3")
                               .arg(num(a.baseline_acc, 3), signedNum(a.delta_acc), signedNum(a.delta_acc_norm)),
                           -a.delta_acc));
  }
  if (c.hasVocab()) {
    const auto ci = [&c](const char* metric) {
      const auto it = c.bootstrap.constFind(QLatin1String(metric));
      if (it == c.bootstrap.constEnd()) return QString();
      return QStringLiteral(" [%1, %2]").arg(signedNum(it->low), signedNum(it->high));
    };
    row(SuperWeightCardWidget::tr("Δloss"), coloured(signedNum(c.deltas.value("loss", NAN)) + ci("loss"), c.deltas.value("loss", NAN)));
    row(SuperWeightCardWidget::tr("Δentropy"), signedNum(c.deltas.value("entropy", NAN)) + ci("entropy"));
    row(SuperWeightCardWidget::tr("Controls"), SuperWeightCardWidget::tr("random coord Δloss %1 · neuron zeroed Δloss %2")
                                                   .arg(signedNum(c.random_coord_delta.value("loss", NAN)),
                                                        signedNum(c.neuron_zero_delta.value("loss", NAN))));
  }
  if (!c.tokens_up.isEmpty() || !c.tokens_down.isEmpty()) {
    row(SuperWeightCardWidget::tr("Tokens ↑"), tokenList(c.tokens_up, 6));
    row(SuperWeightCardWidget::tr("Tokens ↓"), tokenList(c.tokens_down, 6));
  }
  return QStringLiteral("<table cellspacing=0 cellpadding=1>%1</table>").arg(rows.join(QString()));
}

}  // namespace

CascadeSparkline::CascadeSparkline(QWidget* parent) : QWidget(parent) {
  setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
  setMinimumHeight(40);
}

void CascadeSparkline::setCascade(const QVector<int>& layers, const QVector<double>& delta_entropy,
                                  const QVector<double>& delta_margin) {
  layers_ = layers;
  entropy_ = delta_entropy;
  margin_ = delta_margin;
  setToolTip(tr("Cascade through the logit lens: Δentropy (blue) and Δmargin (orange) per layer, weight zeroed"));
  update();
}

void CascadeSparkline::paintEvent(QPaintEvent*) {
  QPainter p(this);
  p.setRenderHint(QPainter::Antialiasing);
  const QRectF area = QRectF(rect()).adjusted(2, 12, -2, -3);
  p.setPen(palette().color(QPalette::PlaceholderText));
  p.drawText(QRectF(rect()).adjusted(2, 0, 0, 0), Qt::AlignLeft | Qt::AlignTop, tr("cascade Δentropy / Δmargin"));
  if (layers_.size() < 2) return;
  double lo = 0, hi = 0;
  for (const QVector<double>* series : {&entropy_, &margin_})
    for (double v : *series)
      if (std::isfinite(v)) lo = std::min(lo, v), hi = std::max(hi, v);
  if (hi - lo <= 0) hi = lo + 1;
  const auto point = [&](int i, double v) {
    const double x = area.left() + area.width() * i / double(layers_.size() - 1);
    return QPointF(x, area.bottom() - area.height() * (v - lo) / (hi - lo));
  };
  p.setPen(QPen(palette().color(QPalette::Mid), 1, Qt::DotLine));
  p.drawLine(point(0, 0), point(int(layers_.size()) - 1, 0));  // zero line
  const QPair<const QVector<double>*, QColor> series[] = {{&entropy_, QColor(21, 101, 192)}, {&margin_, QColor(239, 108, 0)}};
  for (const auto& [values, colour] : series) {
    QPainterPath path;
    for (int i = 0; i < layers_.size() && i < values->size(); ++i) {
      if (!std::isfinite((*values)[i])) continue;
      if (path.elementCount() == 0) path.moveTo(point(i, (*values)[i]));
      else path.lineTo(point(i, (*values)[i]));
    }
    p.setPen(QPen(colour, 1.6));
    p.drawPath(path);
  }
}

SuperWeightCardWidget::SuperWeightCardWidget(const SuperWeightCard& card, QWidget* parent)
    : QFrame(parent), key_(card.key()) {
  setObjectName("superWeightCard");
  setFrameShape(QFrame::StyledPanel);
  setAutoFillBackground(true);
  setFixedWidth(360);
  setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Maximum);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(10, 8, 10, 8);
  layout->setSpacing(4);
  title_ = new QLabel(this);
  title_->setTextFormat(Qt::RichText);
  title_->setText(tr("<b>Layer %1 · %2[%3, %4]</b><br><span style='color:#666'>%5</span>")
                      .arg(card.layer)
                      .arg(tensorShortName(card.tensor))
                      .arg(card.row)
                      .arg(card.col)
                      .arg(owb::models::modelShortName(card.model).toHtmlEscaped()));
  title_->setToolTip(tr("%1\n%2").arg(card.model, card.tensor));
  layout->addWidget(title_);
  body_ = new QLabel(this);
  body_->setTextFormat(Qt::RichText);
  body_->setWordWrap(true);
  body_->setText(cardHtml(card));
  layout->addWidget(body_);
  sparkline_ = new CascadeSparkline(this);
  sparkline_->setCascade(card.cascade_layers, card.cascade_delta_entropy, card.cascade_delta_margin);
  sparkline_->setVisible(card.cascade_layers.size() >= 2);
  layout->addWidget(sparkline_);
  QStringList sources;
  if (card.hasAnalysis()) sources << card.analysis_file;
  if (card.hasVocab()) sources << card.vocab_file;
  setToolTip(tr("From:\n%1").arg(sources.join(QLatin1Char('\n'))));
  updateFrame();
}

QString SuperWeightCardWidget::visibleToken(const QString& token) {
  QString out;
  for (const QChar ch : token) {
    if (ch == QLatin1Char('\n')) out += QStringLiteral("↵");
    else if (ch == QLatin1Char('\t')) out += QStringLiteral("⇥");
    else if (ch == QLatin1Char(' ')) out += QStringLiteral("␣");
    else if (ch.unicode() < 0x20) out += QStringLiteral("\\x%1").arg(ch.unicode(), 2, 16, QLatin1Char('0'));
    else out += ch;
  }
  return out.isEmpty() ? QStringLiteral("∅") : out;
}

QString SuperWeightCardWidget::text() const {
  QTextDocument doc;
  doc.setHtml(title_->text() + QStringLiteral("<br>") + body_->text());
  return doc.toPlainText();
}

void SuperWeightCardWidget::setSelected(bool selected) {
  if (selected == selected_) return;
  selected_ = selected;
  updateFrame();
}

void SuperWeightCardWidget::updateFrame() {
  QPalette pal = palette();
  pal.setColor(QPalette::Window, selected_ ? pal.color(QPalette::Highlight).lighter(185) : pal.color(QPalette::Base));
  setPalette(pal);
  setLineWidth(selected_ ? 2 : 1);
}

void SuperWeightCardWidget::mousePressEvent(QMouseEvent* event) {
  if (event->button() == Qt::LeftButton) emit clicked(key_);
  QFrame::mousePressEvent(event);
}

}  // namespace owb::widgets
