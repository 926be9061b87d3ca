#include "sweep_runpod.h"

#include "sweep.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcess>

#include <cmath>

namespace owb::jobs {

namespace {

bool isWhole(const QJsonValue& v) { return v.isDouble() && std::floor(v.toDouble()) == v.toDouble(); }

}  // namespace

bool RunPodSweepOptions::isEmpty() const {
  return gpu_types.isEmpty() && gpu_count == 0 && cloud.isEmpty() && container_disk_gb == 0 && image.isEmpty() &&
         !keep_running && min_vram_gib == 0 && !min_vram_auto && max_usd_per_hour == 0 && max_total_usd == 0;
}

std::optional<RunPodSweepOptions> parseRunPodOptions(const QJsonObject& o, QString* error) {
  RunPodSweepOptions r;
  auto fail = [error](const QString& key, const QString& what) {
    *error = QStringLiteral("backend.runpod.%1: %2").arg(key, what);
    return std::nullopt;
  };
  for (auto it = o.begin(); it != o.end(); ++it) {
    const QString& key = it.key();
    const QJsonValue& v = it.value();
    if (key == QLatin1String("gpu_types")) {
      if (!v.isArray()) return fail(key, QStringLiteral("must be a list of GPU type ids"));
      for (const QJsonValue& g : v.toArray()) {
        if (!g.isString()) return fail(key, QStringLiteral("must be a list of GPU type ids"));
        r.gpu_types << g.toString();
      }
    } else if (key == QLatin1String("gpu_count") || key == QLatin1String("container_disk_gb")) {
      if (!isWhole(v)) return fail(key, QStringLiteral("must be a whole number"));
      (key == QLatin1String("gpu_count") ? r.gpu_count : r.container_disk_gb) = v.toInt();
    } else if (key == QLatin1String("cloud") || key == QLatin1String("image")) {
      if (!v.isString()) return fail(key, QStringLiteral("must be a string"));
      (key == QLatin1String("cloud") ? r.cloud : r.image) = v.toString();
    } else if (key == QLatin1String("keep_running")) {
      if (!v.isBool()) return fail(key, QStringLiteral("must be true or false"));
      r.keep_running = v.toBool();
    } else if (key == QLatin1String("min_vram_gib")) {
      if (v.isString() && v.toString() == QLatin1String(kVramAuto)) r.min_vram_auto = true;
      else if (v.isDouble()) r.min_vram_gib = v.toDouble();
      else return fail(key, QStringLiteral("must be a number of GiB or \"auto\""));
    } else if (key == QLatin1String("max_usd_per_hour") || key == QLatin1String("max_total_usd")) {
      if (!v.isDouble()) return fail(key, QStringLiteral("must be a number of US dollars"));
      (key == QLatin1String("max_usd_per_hour") ? r.max_usd_per_hour : r.max_total_usd) = v.toDouble();
    } else {
      return fail(key, QStringLiteral("unknown key"));
    }
  }
  return r;
}

QJsonObject toJson(const RunPodSweepOptions& r) {
  QJsonObject o;
  if (!r.gpu_types.isEmpty()) o.insert(QStringLiteral("gpu_types"), QJsonArray::fromStringList(r.gpu_types));
  if (r.gpu_count > 0) o.insert(QStringLiteral("gpu_count"), r.gpu_count);
  if (!r.cloud.isEmpty()) o.insert(QStringLiteral("cloud"), r.cloud);
  if (r.container_disk_gb > 0) o.insert(QStringLiteral("container_disk_gb"), r.container_disk_gb);
  if (!r.image.isEmpty()) o.insert(QStringLiteral("image"), r.image);
  if (r.keep_running) o.insert(QStringLiteral("keep_running"), *r.keep_running);
  if (r.min_vram_auto) o.insert(QStringLiteral("min_vram_gib"), QLatin1String(kVramAuto));
  else if (r.min_vram_gib > 0) o.insert(QStringLiteral("min_vram_gib"), r.min_vram_gib);
  if (r.max_usd_per_hour > 0) o.insert(QStringLiteral("max_usd_per_hour"), r.max_usd_per_hour);
  if (r.max_total_usd > 0) o.insert(QStringLiteral("max_total_usd"), r.max_total_usd);
  return o;
}

QString validateRunPodOptions(const RunPodSweepOptions& r) {
  auto problem = [](const char* key, const QString& what) { return QStringLiteral("backend.runpod.%1: %2").arg(QLatin1String(key), what); };
  if (r.gpu_count < 0) return problem("gpu_count", QStringLiteral("must be at least 1"));
  if (!r.cloud.isEmpty() && r.cloud != QLatin1String("SECURE") && r.cloud != QLatin1String("COMMUNITY"))
    return problem("cloud", QStringLiteral("\"%1\" is not SECURE or COMMUNITY").arg(r.cloud));
  if (r.container_disk_gb < 0) return problem("container_disk_gb", QStringLiteral("must not be negative"));
  if (r.min_vram_gib < 0) return problem("min_vram_gib", QStringLiteral("must not be negative"));
  if (r.max_usd_per_hour < 0) return problem("max_usd_per_hour", QStringLiteral("must not be negative"));
  if (r.max_total_usd < 0) return problem("max_total_usd", QStringLiteral("must not be negative"));
  return QString();
}

QStringList vramEstimateArguments(const Sweep& s) {
  QString dtype = s.model_options.value(QLatin1String("torch_dtype")).toString(QStringLiteral("bfloat16"));
  const bool logits = s.analyses.contains(QLatin1String("perplexity")) || s.analyses.contains(QLatin1String("both"));
  const int batch = s.analysis.value(QLatin1String("batch_size")).toInt(1);
  // The job config's defaults (backend/runs/job_config.h) where the sweep says nothing.
  const int seq_len = s.dataset.value(QLatin1String("sequence_length")).toInt(2048);
  const int sequences = s.dataset.value(QLatin1String("num_sequences")).toInt(4);
  return {QStringLiteral("--dtype"), dtype,
          QStringLiteral("--batch-size"), QString::number(batch),
          QStringLiteral("--seq-len"), QString::number(seq_len),
          QStringLiteral("--num-sequences"), QString::number(sequences),
          QStringLiteral("--mode"), logits ? QStringLiteral("perplexity") : QStringLiteral("outliers")};
}

AutoVram resolveAutoMinVram(const QStringList& models, const QStringList& arguments, const QString& owb_program,
                            bool streaming, int timeout_ms) {
  AutoVram best;
  if (owb_program.isEmpty()) {
    best.error = QStringLiteral("min_vram_gib \"auto\": owb not found (set OWB_BINARY)");
    return best;
  }
  if (models.isEmpty()) best.error = QStringLiteral("min_vram_gib \"auto\": the sweep has no model");
  for (const QString& model : models) {
    QStringList args{QStringLiteral("estimate-vram"), model};
    args += arguments;
    // A hub id is estimated from its config.json: the weights stay on the hub until the pod needs them.
    if (!QFileInfo(model).isDir()) args << QStringLiteral("--config-only");
    QProcess p;
    p.start(owb_program, args);
    if (!p.waitForFinished(timeout_ms) || p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0) {
      const QString why = QString::fromUtf8(p.readAllStandardError()).trimmed();
      best.error = QStringLiteral("min_vram_gib \"auto\": owb estimate-vram %1 failed: %2")
                       .arg(model, why.isEmpty() ? p.errorString() : why.section(QLatin1Char('\n'), 0, 0));
      return best;
    }
    const QJsonObject e = QJsonDocument::fromJson(p.readAllStandardOutput()).object();
    const double gib = e.value(QLatin1String(streaming ? "min_vram_gib_streaming" : "min_vram_gib")).toDouble();
    if (best.model.isEmpty() || gib > best.min_vram_gib) {
      best.min_vram_gib = gib;
      best.model = model;
      best.source = QStringLiteral("owb %1: %2 GiB").arg(args.join(QLatin1Char(' '))).arg(gib);
    }
  }
  return best;
}

}  // namespace owb::jobs
