#include "job.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonArray>

#include <cmath>

namespace owb::jobs {

namespace {

QString isoOrEmpty(const QDateTime& t) { return t.isValid() ? t.toString(Qt::ISODateWithMs) : QString(); }
QDateTime fromIso(const QJsonValue& v) {
  QDateTime t = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
  return t.isValid() ? t.toUTC() : QDateTime();
}

}  // namespace

QJsonObject JobSpec::workerJob(const QString& run_dir) const {
  QJsonObject c = config;
  QJsonObject output = c.value(QLatin1String("output")).toObject();
  output[QLatin1String("save_dir")] = QDir::cleanPath(QFileInfo(run_dir).absolutePath());
  output[QLatin1String("experiment_name")] = id;
  c[QLatin1String("output")] = output;
  return QJsonObject{{"v", 1}, {"mode", analysis}, {"run_dir", run_dir}, {"config", c}};
}

QString jobStateName(JobState state) {
  switch (state) {
    case JobState::Queued: return QStringLiteral("queued");
    case JobState::Running: return QStringLiteral("running");
    case JobState::Succeeded: return QStringLiteral("succeeded");
    case JobState::Failed: return QStringLiteral("failed");
    case JobState::Cancelled: return QStringLiteral("cancelled");
  }
  return QString();
}

JobState jobStateFromName(const QString& name, bool* ok) {
  for (JobState s : {JobState::Queued, JobState::Running, JobState::Succeeded, JobState::Failed, JobState::Cancelled})
    if (jobStateName(s) == name) {
      if (ok) *ok = true;
      return s;
    }
  if (ok) *ok = false;
  return JobState::Queued;
}

double Job::elapsedSeconds(const QDateTime& now) const {
  if (!started_at.isValid()) return std::nan("");
  const QDateTime end = (state == JobState::Running || !finished_at.isValid()) ? now : finished_at;
  return started_at.msecsTo(end) / 1000.0;
}

QJsonObject toJson(const ThresholdSet& t) {
  return {{"magnitude_threshold", t.magnitude_threshold},
          {"min_layer_percentage", t.min_layer_percentage},
          {"min_seq_percentage", t.min_seq_percentage}};
}

QJsonObject toJson(const JobSpec& spec) {
  return {{"id", spec.id},         {"sweep", spec.sweep},     {"model", spec.model},
          {"analysis", spec.analysis}, {"backend", spec.backend}, {"thresholds", toJson(spec.thresholds)},
          {"config", spec.config}, {"backend_options", spec.backend_options}};
}

QJsonObject toJson(const Job& job) {
  QJsonObject o{{"spec", toJson(job.spec)},
                {"state", jobStateName(job.state)},
                {"run_dir", job.run_dir},
                {"error", job.error},
                {"last_log", QJsonArray::fromStringList(job.last_log)},
                {"attempts", job.attempts},
                {"queued_at", isoOrEmpty(job.queued_at)},
                {"started_at", isoOrEmpty(job.started_at)},
                {"finished_at", isoOrEmpty(job.finished_at)},
                {"not_before", isoOrEmpty(job.not_before)}};
  QJsonObject progress{{"stage", job.progress.stage}, {"done", job.progress.done}, {"total", job.progress.total}};
  if (std::isfinite(job.progress.eta_s)) progress[QLatin1String("eta_s")] = job.progress.eta_s;
  o[QLatin1String("progress")] = progress;
  return o;
}

bool jobFromJson(const QJsonObject& o, Job* job, QString* error) {
  auto fail = [error](const QString& why) {
    if (error) *error = why;
    return false;
  };
  const QJsonObject spec = o.value(QLatin1String("spec")).toObject();
  Job j;
  j.spec.id = spec.value(QLatin1String("id")).toString();
  if (j.spec.id.isEmpty()) return fail(QStringLiteral("spec.id: missing"));
  j.spec.sweep = spec.value(QLatin1String("sweep")).toString();
  j.spec.model = spec.value(QLatin1String("model")).toString();
  j.spec.analysis = spec.value(QLatin1String("analysis")).toString();
  j.spec.backend = spec.value(QLatin1String("backend")).toString(QStringLiteral("local"));
  const QJsonObject t = spec.value(QLatin1String("thresholds")).toObject();
  j.spec.thresholds.magnitude_threshold = t.value(QLatin1String("magnitude_threshold")).toDouble(6.0);
  j.spec.thresholds.min_layer_percentage = t.value(QLatin1String("min_layer_percentage")).toDouble(0.25);
  j.spec.thresholds.min_seq_percentage = t.value(QLatin1String("min_seq_percentage")).toDouble(0.06);
  if (!spec.value(QLatin1String("config")).isObject()) return fail(QStringLiteral("%1: spec.config: missing").arg(j.spec.id));
  j.spec.config = spec.value(QLatin1String("config")).toObject();
  j.spec.backend_options = spec.value(QLatin1String("backend_options")).toObject();
  bool ok = false;
  j.state = jobStateFromName(o.value(QLatin1String("state")).toString(), &ok);
  if (!ok) return fail(QStringLiteral("%1: state: unknown \"%2\"").arg(j.spec.id, o.value(QLatin1String("state")).toString()));
  j.run_dir = o.value(QLatin1String("run_dir")).toString();
  j.error = o.value(QLatin1String("error")).toString();
  for (const QJsonValue& line : o.value(QLatin1String("last_log")).toArray()) j.last_log << line.toString();
  j.attempts = o.value(QLatin1String("attempts")).toInt();
  j.queued_at = fromIso(o.value(QLatin1String("queued_at")));
  j.started_at = fromIso(o.value(QLatin1String("started_at")));
  j.finished_at = fromIso(o.value(QLatin1String("finished_at")));
  j.not_before = fromIso(o.value(QLatin1String("not_before")));
  const QJsonObject p = o.value(QLatin1String("progress")).toObject();
  j.progress.stage = p.value(QLatin1String("stage")).toString();
  j.progress.done = qint64(p.value(QLatin1String("done")).toDouble());
  j.progress.total = qint64(p.value(QLatin1String("total")).toDouble());
  if (p.contains(QLatin1String("eta_s"))) j.progress.eta_s = p.value(QLatin1String("eta_s")).toDouble();
  *job = j;
  return true;
}

}  // namespace owb::jobs
