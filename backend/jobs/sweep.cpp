#include "sweep.h"

#include "atomic_json.h"

#include <QCryptographicHash>
#include <QDir>
#include <QJsonDocument>
#include <QFileInfo>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>

#include <cmath>

namespace owb::jobs {

namespace {

// Thrown inside the parser only; parseSweep turns it into SweepResult::error.
struct FieldError {
  QString field;
  QString message;
};

enum class Type { String, Integer, Number, Bool, IntArrayOrNull };

struct Field {
  const char* name;
  Type type;
};

// The job config keys a sweep may set, per section (backend/runs/job_config.cpp).
const Field kDatasetFields[] = {{"name", Type::String},         {"split", Type::String},
                                {"config", Type::String},
                                {"text_field", Type::String},   {"num_sequences", Type::Integer},
                                {"sequence_length", Type::Integer}, {"shuffle", Type::Bool},
                                {"seed", Type::Integer},        {"skip", Type::Integer},
                                {"skip_sequences", Type::Integer}, {"window_stride", Type::Integer},
                                {"separator", Type::String}};
const Field kAnalysisFields[] = {{"batch_size", Type::Integer}, {"layers", Type::IntArrayOrNull}, {"chunk_layers", Type::Integer}};
const Field kModelFields[] = {{"torch_dtype", Type::String}, {"device", Type::String}, {"streaming", Type::Bool}, {"device_map", Type::String}};

bool isWhole(const QJsonValue& v) { return v.isDouble() && std::floor(v.toDouble()) == v.toDouble(); }

bool hasType(const QJsonValue& v, Type type) {
  switch (type) {
    case Type::String: return v.isString();
    case Type::Integer: return isWhole(v);
    case Type::Number: return v.isDouble();
    case Type::Bool: return v.isBool();
    case Type::IntArrayOrNull:
      if (v.isNull()) return true;
      if (!v.isArray()) return false;
      for (const QJsonValue& x : v.toArray())
        if (!isWhole(x)) return false;
      return true;
  }
  return false;
}

const char* typeName(Type type) {
  switch (type) {
    case Type::String: return "a string";
    case Type::Integer: return "a whole number";
    case Type::Number: return "a number";
    case Type::Bool: return "true or false";
    case Type::IntArrayOrNull: return "a list of layer indices or null";
  }
  return "";
}

template <size_t N>
QJsonObject checkedSection(const QJsonObject& root, const char* key, const Field (&fields)[N]) {
  const QJsonValue v = root.value(QLatin1String(key));
  if (v.isUndefined() || v.isNull()) return QJsonObject();
  if (!v.isObject()) throw FieldError{QLatin1String(key), QStringLiteral("must be an object")};
  const QJsonObject section = v.toObject();
  for (auto it = section.begin(); it != section.end(); ++it) {
    const Field* field = nullptr;
    for (const Field& f : fields)
      if (it.key() == QLatin1String(f.name)) field = &f;
    const QString name = QStringLiteral("%1.%2").arg(QLatin1String(key), it.key());
    if (!field) throw FieldError{name, QStringLiteral("unknown key")};
    if (!hasType(it.value(), field->type)) throw FieldError{name, QStringLiteral("must be %1").arg(QLatin1String(typeName(field->type)))};
  }
  return section;
}

QStringList stringList(const QJsonObject& o, const char* key) {
  const QJsonValue v = o.value(QLatin1String(key));
  if (v.isUndefined()) return {};
  if (!v.isArray()) throw FieldError{QLatin1String(key), QStringLiteral("must be a list of strings")};
  QStringList out;
  const QJsonArray a = v.toArray();
  for (int i = 0; i < a.size(); ++i) {
    if (!a[i].isString()) throw FieldError{QStringLiteral("%1[%2]").arg(QLatin1String(key)).arg(i), QStringLiteral("must be a string")};
    out << a[i].toString();
  }
  return out;
}

ThresholdSet thresholdSet(const QJsonValue& v, const QString& field) {
  if (!v.isObject()) throw FieldError{field, QStringLiteral("must be an object")};
  const QJsonObject o = v.toObject();
  ThresholdSet t;
  struct Key {
    const char* name;
    double* out;
  } keys[] = {{"magnitude_threshold", &t.magnitude_threshold},
              {"min_layer_percentage", &t.min_layer_percentage},
              {"min_seq_percentage", &t.min_seq_percentage}};
  for (auto it = o.begin(); it != o.end(); ++it) {
    Key* key = nullptr;
    for (Key& k : keys)
      if (it.key() == QLatin1String(k.name)) key = &k;
    const QString name = QStringLiteral("%1.%2").arg(field, it.key());
    if (!key) throw FieldError{name, QStringLiteral("unknown key")};
    if (!it.value().isDouble()) throw FieldError{name, QStringLiteral("must be a number")};
    *key->out = it.value().toDouble();
  }
  return t;
}

Sweep parse(const QJsonObject& o) {
  static const QSet<QString> known = {"v", "name", "models", "analyses", "threshold_sets", "dataset", "analysis", "model_options", "backend"};
  for (auto it = o.begin(); it != o.end(); ++it)
    if (!known.contains(it.key())) throw FieldError{it.key(), QStringLiteral("unknown key")};
  const QJsonValue version = o.value(QLatin1String("v"));
  if (!version.isUndefined() && version.toDouble(-1) != 1)
    throw FieldError{QStringLiteral("v"), QStringLiteral("unsupported version %1").arg(version.toVariant().toString())};
  Sweep s;
  const QJsonValue name = o.value(QLatin1String("name"));
  if (!name.isUndefined() && !name.isString()) throw FieldError{QStringLiteral("name"), QStringLiteral("must be a string")};
  s.name = name.toString();
  s.models = stringList(o, "models");
  s.analyses = stringList(o, "analyses");
  const QJsonValue sets = o.value(QLatin1String("threshold_sets"));
  if (!sets.isUndefined()) {
    if (!sets.isArray()) throw FieldError{QStringLiteral("threshold_sets"), QStringLiteral("must be a list")};
    const QJsonArray a = sets.toArray();
    for (int i = 0; i < a.size(); ++i) s.threshold_sets << thresholdSet(a[i], QStringLiteral("threshold_sets[%1]").arg(i));
  }
  s.dataset = checkedSection(o, "dataset", kDatasetFields);
  s.analysis = checkedSection(o, "analysis", kAnalysisFields);
  s.model_options = checkedSection(o, "model_options", kModelFields);
  const QJsonValue backend = o.value(QLatin1String("backend"));
  if (!backend.isUndefined()) {
    if (!backend.isObject()) throw FieldError{QStringLiteral("backend"), QStringLiteral("must be an object")};
    const QJsonObject b = backend.toObject();
    for (auto it = b.begin(); it != b.end(); ++it) {
      const QString field = QStringLiteral("backend.%1").arg(it.key());
      if (it.key() == QLatin1String("kind")) {
        if (!it.value().isString()) throw FieldError{field, QStringLiteral("must be a string")};
        s.backend.kind = it.value().toString();
      } else if (it.key() == QLatin1String("concurrency")) {
        if (!isWhole(it.value())) throw FieldError{field, QStringLiteral("must be a whole number")};
        s.backend.concurrency = it.value().toInt();
      } else if (it.key() == QLatin1String("runpod")) {
        if (!it.value().isObject()) throw FieldError{field, QStringLiteral("must be an object")};
        QString why;
        const std::optional<RunPodSweepOptions> runpod = parseRunPodOptions(it.value().toObject(), &why);
        if (!runpod) throw FieldError{why.section(QStringLiteral(": "), 0, 0), why.section(QStringLiteral(": "), 1, -1)};
        s.backend.runpod = *runpod;
      } else {
        throw FieldError{field, QStringLiteral("unknown key")};
      }
    }
  }
  return s;
}

// Folder-name safe: the sweep name and job ids become path components.
QString slug(const QString& text) {
  QString out = text;
  out.replace(QRegularExpression(QStringLiteral("[^A-Za-z0-9._-]+")), QStringLiteral("-"));
  while (out.startsWith(QLatin1Char('.')) || out.startsWith(QLatin1Char('-'))) out.remove(0, 1);
  return out.isEmpty() ? QStringLiteral("model") : out.left(48);
}

QString modelLabel(const QString& model) {
  const QString cleaned = QDir::cleanPath(model);
  return slug(QFileInfo(cleaned).fileName().isEmpty() ? cleaned : QFileInfo(cleaned).fileName());
}

QJsonObject jobConfig(const Sweep& s, const QString& model, const ThresholdSet& t) {
  QJsonObject m = s.model_options;
  m[QLatin1String("name")] = model;
  QJsonObject analysis = s.analysis;
  analysis[QLatin1String("magnitude_threshold")] = t.magnitude_threshold;
  analysis[QLatin1String("min_layer_percentage")] = t.min_layer_percentage;
  analysis[QLatin1String("min_seq_percentage")] = t.min_seq_percentage;
  return QJsonObject{{"model", m}, {"dataset", s.dataset}, {"analysis", analysis}};
}

}  // namespace

SweepResult parseSweep(const QJsonObject& o, const QString& where) {
  SweepResult r;
  try {
    r.sweep = parse(o);
  } catch (const FieldError& e) {
    r.error = QStringLiteral("%1: %2: %3").arg(where, e.field, e.message);
  }
  return r;
}

SweepResult loadSweep(const QString& path) {
  QJsonObject o;
  SweepResult r;
  if (!readJsonObject(path, &o, &r.error)) return r;
  return parseSweep(o, path);
}

namespace {
QJsonObject backendJson(const SweepBackend& b) {
  QJsonObject o{{"kind", b.kind}, {"concurrency", b.concurrency}};
  if (!b.runpod.isEmpty()) o.insert(QStringLiteral("runpod"), toJson(b.runpod));
  return o;
}

// What a job of the sweep hands its backend: the RunPod options, with what an "auto" minimum
// VRAM needs to be resolved.
QJsonObject backendOptions(const Sweep& s) {
  if (s.backend.runpod.isEmpty()) return {};
  QJsonObject o = toJson(s.backend.runpod);
  if (s.backend.runpod.min_vram_auto) {
    o.insert(QLatin1String(kVramModelsKey), QJsonArray::fromStringList(s.models));
    o.insert(QLatin1String(kVramArgumentsKey), QJsonArray::fromStringList(vramEstimateArguments(s)));
    o.insert(QLatin1String(kVramStreamingKey), s.model_options.value(QLatin1String("streaming")).toBool());
  }
  return o;
}
}  // namespace

QJsonObject toJson(const Sweep& s) {
  QJsonArray sets;
  for (const ThresholdSet& t : s.threshold_sets) sets.append(toJson(t));
  return QJsonObject{{"v", 1},
                     {"name", s.name},
                     {"models", QJsonArray::fromStringList(s.models)},
                     {"analyses", QJsonArray::fromStringList(s.analyses)},
                     {"threshold_sets", sets},
                     {"dataset", s.dataset},
                     {"analysis", s.analysis},
                     {"model_options", s.model_options},
                     {"backend", backendJson(s.backend)}};
}

bool saveSweep(const Sweep& sweep, const QString& path, QString* error) { return writeJsonAtomic(path, toJson(sweep), error); }

QString validateSweep(const Sweep& s) {
  auto problem = [](const QString& field, const QString& message) { return QStringLiteral("%1: %2").arg(field, message); };
  if (s.name.trimmed().isEmpty()) return problem(QStringLiteral("name"), QStringLiteral("give the sweep a name"));
  if (slug(s.name) != s.name)
    return problem(QStringLiteral("name"), QStringLiteral("use letters, digits, '.', '_' or '-' only (it names a folder)"));
  if (s.models.isEmpty()) return problem(QStringLiteral("models"), QStringLiteral("add at least one model folder"));
  for (int i = 0; i < s.models.size(); ++i)
    if (s.models[i].trimmed().isEmpty()) return problem(QStringLiteral("models[%1]").arg(i), QStringLiteral("empty path"));
  if (s.analyses.isEmpty()) return problem(QStringLiteral("analyses"), QStringLiteral("choose at least one analysis"));
  for (int i = 0; i < s.analyses.size(); ++i)
    if (!QStringList{"outliers", "perplexity", "both"}.contains(s.analyses[i]))
      return problem(QStringLiteral("analyses[%1]").arg(i), QStringLiteral("\"%1\" is not outliers, perplexity or both").arg(s.analyses[i]));
  if (s.threshold_sets.isEmpty()) return problem(QStringLiteral("threshold_sets"), QStringLiteral("add at least one threshold set"));
  for (int i = 0; i < s.threshold_sets.size(); ++i) {
    const ThresholdSet& t = s.threshold_sets[i];
    const QString field = QStringLiteral("threshold_sets[%1].").arg(i);
    if (!(t.magnitude_threshold > 0)) return problem(field + "magnitude_threshold", QStringLiteral("must be greater than 0"));
    if (!(t.min_layer_percentage >= 0 && t.min_layer_percentage <= 1))
      return problem(field + "min_layer_percentage", QStringLiteral("must be between 0 and 1 (a fraction)"));
    if (!(t.min_seq_percentage >= 0 && t.min_seq_percentage <= 1))
      return problem(field + "min_seq_percentage", QStringLiteral("must be between 0 and 1 (a fraction)"));
  }
  if (s.dataset.value(QLatin1String("name")).toString().trimmed().isEmpty())
    return problem(QStringLiteral("dataset.name"), QStringLiteral("choose a .txt or .jsonl file or a folder of them"));
  for (const char* key : {"num_sequences", "sequence_length"})
    if (s.dataset.contains(QLatin1String(key)) && s.dataset.value(QLatin1String(key)).toDouble() < 1)
      return problem(QStringLiteral("dataset.%1").arg(QLatin1String(key)), QStringLiteral("must be at least 1"));
  if (s.analysis.contains(QLatin1String("batch_size")) && s.analysis.value(QLatin1String("batch_size")).toDouble() < 1)
    return problem(QStringLiteral("analysis.batch_size"), QStringLiteral("must be at least 1"));
  const QString dtype = s.model_options.value(QLatin1String("torch_dtype")).toString();
  if (!dtype.isEmpty() && !QStringList{"bfloat16", "bf16", "float16", "f16", "half", "float32", "f32", "float"}.contains(dtype))
    return problem(QStringLiteral("model_options.torch_dtype"), QStringLiteral("\"%1\" is not bfloat16, float16 or float32").arg(dtype));
  if (s.backend.kind.isEmpty()) return problem(QStringLiteral("backend.kind"), QStringLiteral("empty"));
  if (s.backend.concurrency < 1) return problem(QStringLiteral("backend.concurrency"), QStringLiteral("must be at least 1"));
  return validateRunPodOptions(s.backend.runpod);
}

QVector<JobSpec> expandSweep(const Sweep& s) {
  QVector<JobSpec> jobs;
  QSet<QString> ids;
  for (const QString& model : s.models) {
    for (const QString& analysis : s.analyses) {
      const bool per_threshold = analysis != QLatin1String("perplexity");
      const int sets = per_threshold ? s.threshold_sets.size() : qMin(1, int(s.threshold_sets.size()));
      for (int k = 0; k < qMax(sets, 1); ++k) {
        JobSpec job;
        job.sweep = s.name;
        job.model = model;
        job.analysis = analysis;
        job.backend = s.backend.kind;
        job.backend_options = backendOptions(s);
        if (k < s.threshold_sets.size()) job.thresholds = s.threshold_sets[k];
        job.config = jobConfig(s, model, job.thresholds);
        // The hash ties the id to what the job computes, so reordering models keeps ids.
        const QByteArray key = (model + QLatin1Char('\n') + analysis + QLatin1Char('\n') +
                                QString::fromUtf8(QJsonDocument(toJson(job.thresholds)).toJson(QJsonDocument::Compact)))
                                   .toUtf8();
        const QString hash = QString::fromLatin1(QCryptographicHash::hash(key, QCryptographicHash::Sha1).toHex().left(6));
        QString base = QStringLiteral("%1-%2").arg(modelLabel(model), analysis);
        if (per_threshold && s.threshold_sets.size() > 1) base += QStringLiteral("-t%1").arg(k + 1);
        base += QLatin1Char('-') + hash;
        QString id = base;
        for (int n = 2; ids.contains(id); ++n) id = QStringLiteral("%1-%2").arg(base).arg(n);  // the same model listed twice
        ids.insert(id);
        job.id = id;
        jobs << job;
      }
    }
  }
  return jobs;
}

}  // namespace owb::jobs
