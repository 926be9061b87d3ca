#include "super_weight_results.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace owb::models {
namespace {

QString tr(const char* text) { return QCoreApplication::translate("owb::models::SuperWeightResults", text); }

double number(const QJsonValue& v) { return v.isDouble() ? v.toDouble() : kNoSuperWeightValue; }

bool isIndex(const QJsonValue& v) { return v.isDouble() && v.toDouble() >= 0 && v.toDouble() == double(qint64(v.toDouble())); }

QMap<QString, double> numberMap(const QJsonValue& v) {
  QMap<QString, double> out;
  const QJsonObject o = v.toObject();
  for (auto it = o.begin(); it != o.end(); ++it)
    if (it.value().isDouble()) out.insert(it.key(), it.value().toDouble());
  return out;
}

QVector<double> numbers(const QJsonValue& v) {
  QVector<double> out;
  for (const QJsonValue& x : v.toArray()) out << number(x);
  return out;
}

QVector<TokenEffect> tokenEffects(const QJsonValue& v) {
  QVector<TokenEffect> out;
  for (const QJsonValue& x : v.toArray()) {
    const QJsonObject o = x.toObject();
    out << TokenEffect{o.contains("str") ? o.value("str").toString() : o.value("tok").toString(), number(o.value("effect"))};
  }
  return out;
}

// layer/row/col of a record; false with `why` when one is missing or not a non-negative integer.
bool readCoordinate(const QJsonObject& o, SuperWeightCard& card, QString& why) {
  for (const char* key : {"layer", "row", "col"})
    if (!isIndex(o.value(key))) {
      why = tr("has no valid '%1'").arg(QLatin1String(key));
      return false;
    }
  card.layer = o.value("layer").toInt();
  card.row = o.value("row").toInt();
  card.col = o.value("col").toInt();
  card.expert = isIndex(o.value("expert")) ? o.value("expert").toInt() : -1;  // MoE cards: a routed expert's
  return true;
}

QVector<DetectionPass> readPasses(const QJsonObject& detection) {
  QVector<DetectionPass> passes;
  for (const QJsonValue& p : detection.value("iterations").toArray()) {
    const QJsonObject po = p.toObject();
    DetectionPass pass;
    pass.iteration = po.value("iteration").toInt();
    for (const QJsonValue& l : po.value("layers").toArray()) {
      const QJsonObject lo = l.toObject();
      pass.layers << DetectionLayer{lo.value("layer").toInt(-1), lo.value("max_input_channel").toInt(-1),
                                    number(lo.value("max_input_value")), lo.value("max_output_channel").toInt(-1),
                                    number(lo.value("max_output_value"))};
    }
    for (const QJsonValue& f : po.value("super_weights_found").toArray()) pass.found_layers << f.toObject().value("layer").toInt(-1);
    passes << pass;
  }
  return passes;
}

// perplexity.individual[] and accuracy.<task>.individual[] by their `index`.
void readInterventions(const QJsonObject& root, SuperWeightAnalysis& a) {
  const QJsonObject ppl = root.value("perplexity").toObject();
  a.baseline_perplexity = number(ppl.value("baseline").toObject().value("perplexity"));
  a.combined_perplexity = number(ppl.value("combined").toObject().value("perplexity"));
  a.restored_perplexity = number(ppl.value("restore_super_activation").toObject().value("perplexity"));
  for (const QJsonValue& v : ppl.value("individual").toArray()) {
    const QJsonObject o = v.toObject();
    const int i = o.value("index").toInt(-1);
    if (i < 0 || i >= a.cards.size()) continue;
    SuperWeightCard& card = a.cards[i];
    card.baseline_perplexity = a.baseline_perplexity;
    card.zeroed_perplexity = number(o.value("perplexity"));
    card.delta_perplexity = number(o.value("delta_perplexity"));
    card.perplexity_ratio = number(o.value("perplexity_ratio"));
  }
  const QJsonObject accuracy = root.value("accuracy").toObject();
  for (auto task = accuracy.begin(); task != accuracy.end(); ++task) {
    const QJsonObject t = task.value().toObject();
    const double baseline = number(t.value("baseline").toObject().value("acc"));
    for (const QJsonValue& v : t.value("individual").toArray()) {
      const QJsonObject o = v.toObject();
      const int i = o.value("index").toInt(-1);
      if (i < 0 || i >= a.cards.size()) continue;
      a.cards[i].accuracy << AccuracyChange{task.key(), baseline, number(o.value("delta_acc")), number(o.value("delta_acc_norm"))};
    }
  }
}

// Reads a JSON-lines file: one object per non-empty line; false with `error` on a bad line.
bool readJsonLines(const QString& path, QVector<QJsonObject>& out, QString& error) {
  const QString where = QDir::toNativeSeparators(path);
  QFile file(path);
  if (!file.open(QIODevice::ReadOnly)) {
    error = tr("%1: cannot open (%2)").arg(where, file.errorString());
    return false;
  }
  int line_number = 0;
  while (!file.atEnd()) {
    const QByteArray line = file.readLine().trimmed();
    ++line_number;
    if (line.isEmpty()) continue;
    QJsonParseError parse_error;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parse_error);
    if (parse_error.error != QJsonParseError::NoError || !doc.isObject()) {
      error = tr("%1: line %2 is not a JSON object (%3)").arg(where).arg(line_number).arg(parse_error.errorString());
      return false;
    }
    out << doc.object();
  }
  return true;
}

QString neuronKey(const QString& model, int layer, int neuron) {
  return model + QLatin1Char('|') + QString::number(layer) + QLatin1Char('|') + QString::number(neuron);
}

}  // namespace

QString SuperWeightCard::key() const {
  return model + QLatin1Char('|') + QString::number(layer) + QLatin1Char('|') + QString::number(expert) + QLatin1Char('|') +
         QString::number(row) + QLatin1Char('|') + QString::number(col);
}

ReadResult<SuperWeightAnalysis> readSuperWeightAnalysis(const QString& path) {
  ReadResult<SuperWeightAnalysis> result;
  const ReadResult<QJsonObject> json = readJsonObjectFile(path);
  if (!json.ok()) {
    result.error = json.error;
    return result;
  }
  const QJsonObject& root = *json.value;
  const QString where = QDir::toNativeSeparators(path);
  if (!root.value("super_weights").isArray()) {
    result.error = tr("%1: 'super_weights' is missing or not a list (not an owb superweights analysis file?)").arg(where);
    return result;
  }
  SuperWeightAnalysis a;
  a.path = QFileInfo(path).absoluteFilePath();
  a.model = root.value("model").toString();
  const QJsonObject detection = root.value("detection").toObject();
  a.spike_threshold = number(detection.value("spike_threshold"));
  a.passes = readPasses(detection);
  const QJsonArray weights = root.value("super_weights").toArray();
  for (int i = 0; i < weights.size(); ++i) {
    const QJsonObject o = weights[i].toObject();
    SuperWeightCard card;
    QString why = weights[i].isObject() ? QString() : tr("is not an object");
    if (why.isEmpty() && readCoordinate(o, card, why) && !o.value("weight_value").isDouble())
      why = tr("has no numeric 'weight_value'");
    if (!why.isEmpty()) {
      result.error = tr("%1: super_weights[%2] %3").arg(where).arg(i).arg(why);
      return result;
    }
    card.model = a.model;
    card.tensor = o.value("tensor").toString();
    card.value = o.value("weight_value").toDouble();
    card.input_activation = number(o.value("input_activation"));
    card.output_activation = number(o.value("output_activation"));
    card.iteration = o.value("iteration").toInt(-1);
    card.analysis_file = a.path;
    a.cards << card;
  }
  readInterventions(root, a);
  result.value = std::move(a);
  return result;
}

ReadResult<QVector<SuperWeightCard>> readVocabSuperWeights(const QString& path, const QString& neurons_path) {
  ReadResult<QVector<SuperWeightCard>> result;
  QVector<QJsonObject> lines;
  if (!readJsonLines(path, lines, result.error)) return result;
  // The neuron (down_proj column) cards, for their vocabulary effect.
  QHash<QString, QJsonObject> neurons;
  QVector<QJsonObject> neuron_lines;
  if (QFileInfo::exists(neurons_path) && readJsonLines(neurons_path, neuron_lines, result.error))
    for (const QJsonObject& n : neuron_lines)
      neurons.insert(neuronKey(n.value("model").toString(), n.value("layer").toInt(), n.value("neuron").toInt()), n);
  result.error.clear();  // a broken neurons.jsonl only costs the top tokens
  const QString where = QDir::toNativeSeparators(path);
  const QString absolute = QFileInfo(path).absoluteFilePath();
  QVector<SuperWeightCard> cards;
  for (int i = 0; i < lines.size(); ++i) {
    const QJsonObject& o = lines[i];
    SuperWeightCard card;
    QString why;
    if (!readCoordinate(o, card, why)) {
      result.error = tr("%1: card %2 %3").arg(where).arg(i + 1).arg(why);
      return result;
    }
    card.model = o.value("model").toString();
    card.tensor = o.value("tensor").toString();
    card.value = number(o.value("weight_value"));
    const QJsonObject detection = o.value("detection").toObject();
    card.input_activation = number(detection.value("input_activation"));
    card.output_activation = number(detection.value("output_activation"));
    card.iteration = detection.value("iteration").toInt(-1);
    card.vocab_file = absolute;
    card.baselines = numberMap(o.value("baselines"));
    card.deltas = numberMap(o.value("deltas"));
    const QJsonObject controls = o.value("controls").toObject();
    card.random_coord_delta = numberMap(controls.value("random_coord_delta"));
    card.neuron_zero_delta = numberMap(controls.value("neuron_zero_delta"));
    const QJsonObject bootstrap = o.value("bootstrap").toObject();
    for (auto it = bootstrap.begin(); it != bootstrap.end(); ++it) {
      const QJsonObject b = it.value().toObject();
      card.bootstrap.insert(it.key(), {number(b.value("mean")), number(b.value("ci_2.5")), number(b.value("ci_97.5"))});
    }
    const QJsonObject cascade = o.value("cascade").toObject();
    for (const QJsonValue& l : cascade.value("layers").toArray()) card.cascade_layers << l.toInt();
    card.cascade_delta_entropy = numbers(cascade.value("delta_entropy"));
    card.cascade_delta_margin = numbers(cascade.value("delta_margin"));
    const auto neuron = neurons.constFind(neuronKey(card.model, card.layer, card.col));
    if (neuron != neurons.constEnd()) {
      card.tokens_up = tokenEffects(neuron->value("top_tokens_up"));
      card.tokens_down = tokenEffects(neuron->value("top_tokens_down"));
      card.tokens_from_neuron = true;
    } else {
      const QJsonObject changes = o.value("token_probability_changes").toObject();
      card.tokens_up = tokenEffects(changes.value("up"));
      card.tokens_down = tokenEffects(changes.value("down"));
    }
    cards << card;
  }
  result.value = std::move(cards);
  return result;
}

void mergeCard(SuperWeightCard& into, const SuperWeightCard& from) {
  const auto fill = [](double& a, double b) {
    if (std::isnan(a)) a = b;
  };
  if (into.tensor.isEmpty()) into.tensor = from.tensor;
  fill(into.value, from.value);
  fill(into.input_activation, from.input_activation);
  fill(into.output_activation, from.output_activation);
  if (into.iteration < 0) into.iteration = from.iteration;
  if (!into.hasAnalysis() && from.hasAnalysis()) {
    into.analysis_file = from.analysis_file;
    into.baseline_perplexity = from.baseline_perplexity;
    into.zeroed_perplexity = from.zeroed_perplexity;
    into.delta_perplexity = from.delta_perplexity;
    into.perplexity_ratio = from.perplexity_ratio;
    into.accuracy = from.accuracy;
  }
  if (!into.hasVocab() && from.hasVocab()) {
    into.vocab_file = from.vocab_file;
    into.baselines = from.baselines;
    into.deltas = from.deltas;
    into.random_coord_delta = from.random_coord_delta;
    into.neuron_zero_delta = from.neuron_zero_delta;
    into.bootstrap = from.bootstrap;
    into.cascade_layers = from.cascade_layers;
    into.cascade_delta_entropy = from.cascade_delta_entropy;
    into.cascade_delta_margin = from.cascade_delta_margin;
    into.tokens_up = from.tokens_up;
    into.tokens_down = from.tokens_down;
    into.tokens_from_neuron = from.tokens_from_neuron;
  }
}

SuperWeightSet loadSuperWeightFolders(const QStringList& run_folders) {
  SuperWeightSet set;
  QHash<QString, int> by_key;
  const auto add = [&](const SuperWeightCard& card) {
    const auto it = by_key.constFind(card.key());
    if (it != by_key.constEnd()) {
      mergeCard(set.cards[*it], card);
      return;
    }
    by_key.insert(card.key(), set.cards.size());
    set.cards << card;
  };
  for (const QString& folder : run_folders) {
    const QString analysis = latestSuperWeightAnalysis(folder);
    if (!analysis.isEmpty()) {
      ReadResult<SuperWeightAnalysis> a = readSuperWeightAnalysis(analysis);
      if (a.ok()) {
        for (const SuperWeightCard& card : a.value->cards) add(card);
        set.analyses << *a.value;
      } else {
        set.errors << a.error;
      }
    }
    const QDir dir(folder);
    if (!dir.exists(kVocabSuperWeightsFile)) continue;
    ReadResult<QVector<SuperWeightCard>> vocab =
        readVocabSuperWeights(dir.filePath(kVocabSuperWeightsFile), dir.filePath(kVocabNeuronsFile));
    if (!vocab.ok()) {
      set.errors << vocab.error;
      continue;
    }
    for (const SuperWeightCard& card : *vocab.value) add(card);
  }
  return set;
}

}  // namespace owb::models
