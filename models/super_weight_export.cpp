#include "super_weight_export.h"

#include "table_file.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QSet>

#include <cmath>
#include <functional>

namespace owb::models {

namespace {

QJsonValue number(double v) { return std::isfinite(v) ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }
QJsonValue integer(int v) { return v >= 0 ? QJsonValue(v) : QJsonValue(QJsonValue::Null); }
QJsonValue mapNumber(const QMap<QString, double>& map, const QString& key) {
  return number(map.value(key, std::numeric_limits<double>::quiet_NaN()));
}

QString tokens(const QVector<TokenEffect>& list) {
  QStringList out;
  for (const TokenEffect& t : list) out << t.token;
  return out.join(QLatin1String(" | "));
}

// The metric names and tasks any card has, sorted: the columns after the fixed ones.
struct DynamicKeys {
  QStringList metrics;    // vocab deltas: loss, entropy, topk_margin, stopword_mass
  QStringList bootstrap;  // bootstrap interval names
  QStringList tasks;      // accuracy tasks
};

DynamicKeys dynamicKeys(const QVector<SuperWeightCard>& cards) {
  QSet<QString> metrics, bootstrap, tasks;
  for (const SuperWeightCard& c : cards) {
    for (const QString& k : c.deltas.keys()) metrics << k;
    for (const QString& k : c.bootstrap.keys()) bootstrap << k;
    for (const AccuracyChange& a : c.accuracy) tasks << a.task;
  }
  DynamicKeys keys{metrics.values(), bootstrap.values(), tasks.values()};
  keys.metrics.sort();
  keys.bootstrap.sort();
  keys.tasks.sort();
  return keys;
}

// One card as (key, value) pairs in column order.
QVector<QPair<QString, QJsonValue>> cardValues(const SuperWeightCard& c, const DynamicKeys& keys) {
  QVector<QPair<QString, QJsonValue>> v = {
      {"model", c.model},
      {"tensor", c.tensor},
      {"layer", integer(c.layer)},
      {"row", integer(c.row)},
      {"col", integer(c.col)},
      {"value", number(c.value)},
      {"input_activation", number(c.input_activation)},
      {"output_activation", number(c.output_activation)},
      {"iteration", integer(c.iteration)},
      {"baseline_perplexity", number(c.baseline_perplexity)},
      {"zeroed_perplexity", number(c.zeroed_perplexity)},
      {"delta_perplexity", number(c.delta_perplexity)},
      {"perplexity_ratio", number(c.perplexity_ratio)}};
  for (const QString& m : keys.metrics) {
    v << qMakePair("baseline_" + m, mapNumber(c.baselines, m)) << qMakePair("delta_" + m, mapNumber(c.deltas, m))
      << qMakePair("random_coord_delta_" + m, mapNumber(c.random_coord_delta, m))
      << qMakePair("neuron_zero_delta_" + m, mapNumber(c.neuron_zero_delta, m));
  }
  for (const QString& b : keys.bootstrap) {
    const BootstrapInterval ci = c.bootstrap.value(b);
    v << qMakePair("bootstrap_" + b + "_mean", number(ci.mean)) << qMakePair("bootstrap_" + b + "_ci_low", number(ci.low))
      << qMakePair("bootstrap_" + b + "_ci_high", number(ci.high));
  }
  for (const QString& t : keys.tasks) {
    AccuracyChange a;
    for (const AccuracyChange& x : c.accuracy)
      if (x.task == t) a = x;
    v << qMakePair(t + "_baseline_acc", number(a.baseline_acc)) << qMakePair(t + "_delta_acc", number(a.delta_acc))
      << qMakePair(t + "_delta_acc_norm", number(a.delta_acc_norm));
  }
  v << qMakePair(QStringLiteral("tokens_up"), QJsonValue(tokens(c.tokens_up)))
    << qMakePair(QStringLiteral("tokens_down"), QJsonValue(tokens(c.tokens_down)))
    << qMakePair(QStringLiteral("analysis_file"), QJsonValue(c.analysis_file))
    << qMakePair(QStringLiteral("vocab_file"), QJsonValue(c.vocab_file));
  return v;
}

QString csvField(const QJsonValue& v) {
  QString s;
  if (v.isDouble()) s = QString::number(v.toDouble(), 'g', QLocale::FloatingPointShortest);
  else s = v.toString();
  if (!s.contains(QLatin1Char(',')) && !s.contains(QLatin1Char('"')) && !s.contains(QLatin1Char('\n'))) return s;
  return QLatin1Char('"') + QString(s).replace(QLatin1String("\""), QLatin1String("\"\"")) + QLatin1Char('"');
}

QJsonArray tokenArray(const QVector<TokenEffect>& list) {
  QJsonArray out;
  for (const TokenEffect& t : list) out << QJsonObject{{"token", t.token}, {"effect", number(t.effect)}};
  return out;
}

QJsonArray numberArray(const QVector<double>& values) {
  QJsonArray out;
  for (double x : values) out << number(x);
  return out;
}

}  // namespace

QStringList superWeightCardKeys(const QVector<SuperWeightCard>& cards) {
  QStringList keys;
  for (const auto& [key, value] : cardValues(SuperWeightCard(), dynamicKeys(cards))) keys << key;
  return keys;
}

QByteArray superWeightCardsCsv(const QVector<SuperWeightCard>& cards) {
  const DynamicKeys keys = dynamicKeys(cards);
  QString out = superWeightCardKeys(cards).join(QLatin1Char(',')) + QLatin1Char('\n');
  for (const SuperWeightCard& card : cards) {
    QStringList cells;
    for (const auto& [key, value] : cardValues(card, keys)) cells << csvField(value);
    out += cells.join(QLatin1Char(',')) + QLatin1Char('\n');
  }
  return out.toUtf8();
}

QByteArray superWeightCardsJson(const QVector<SuperWeightCard>& cards) {
  const DynamicKeys keys = dynamicKeys(cards);
  QJsonArray array;
  for (const SuperWeightCard& card : cards) {
    QJsonObject o;
    for (const auto& [key, value] : cardValues(card, keys)) o.insert(key, value);
    QJsonArray layers;
    for (int l : card.cascade_layers) layers << l;
    o.insert("cascade", QJsonObject{{"layers", layers},
                                    {"delta_entropy", numberArray(card.cascade_delta_entropy)},
                                    {"delta_margin", numberArray(card.cascade_delta_margin)}});
    o.insert("tokens_up", tokenArray(card.tokens_up));
    o.insert("tokens_down", tokenArray(card.tokens_down));
    array << o;
  }
  return QJsonDocument(array).toJson(QJsonDocument::Indented);
}

bool saveSuperWeightCards(const QVector<SuperWeightCard>& cards, const QString& path, QString* error) {
  return saveCsvOrJson(path, [&] { return superWeightCardsCsv(cards); }, [&] { return superWeightCardsJson(cards); }, error);
}

}  // namespace owb::models
