#pragma once
// A job = one model x one analysis (x one threshold set): what a sweep expands into and what
// the queue runs, persists and shows. JobSpec is fixed at expansion; Job adds its life.
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <limits>

namespace owb::jobs {

// Seed defaults, the criteria of Dettmers et al. 2022 (LLM.int8(), section 4).
struct ThresholdSet {
  double magnitude_threshold = 6.0;
  double min_layer_percentage = 0.25;
  double min_seq_percentage = 0.06;
  bool operator==(const ThresholdSet& o) const {
    return magnitude_threshold == o.magnitude_threshold && min_layer_percentage == o.min_layer_percentage &&
           min_seq_percentage == o.min_seq_percentage;
  }
};

struct JobSpec {
  QString id;        // stable: the same sweep expands into the same ids
  QString sweep;     // sweep name = experiment folder under <workspace>/runs/
  QString model;     // checkpoint folder
  QString analysis;  // outliers | perplexity | both (the worker's mode)
  QString backend = QStringLiteral("local");
  ThresholdSet thresholds;
  QJsonObject config;  // the job config ("config" of JOB.json); output.* is filled at launch
  // Per-sweep options for the backend (sweep.json backend.runpod: GPU filter, caps); never secrets.
  QJsonObject backend_options;

  // JOB.json for `owb worker --job`: {"v":1,"mode","run_dir","config"} with output.save_dir and
  // output.experiment_name pointing at the run folder's parent and this job.
  QJsonObject workerJob(const QString& run_dir) const;
};

enum class JobState { Queued, Running, Succeeded, Failed, Cancelled };
QString jobStateName(JobState state);  // queued | running | succeeded | failed | cancelled
JobState jobStateFromName(const QString& name, bool* ok = nullptr);
inline bool isFinished(JobState s) { return s == JobState::Succeeded || s == JobState::Failed || s == JobState::Cancelled; }

struct JobProgress {
  QString stage;  // layer | batch | perplexity
  qint64 done = 0;
  qint64 total = 0;
  double eta_s = std::numeric_limits<double>::quiet_NaN();
  // 0..1, or -1 when nothing is known yet.
  double fraction() const { return total > 0 ? double(done) / double(total) : -1.0; }
};

struct Job {
  JobSpec spec;
  JobState state = JobState::Queued;
  JobProgress progress;
  QString run_dir;  // the latest attempt's run folder; empty before the first start
  QString error;
  QStringList last_log;  // last log lines of a failed attempt
  int attempts = 0;      // starts so far
  QDateTime queued_at;
  QDateTime started_at;
  QDateTime finished_at;
  QDateTime not_before;  // a retry waiting out its backoff

  // Seconds since the start (to the finish when finished); NaN before the first start.
  double elapsedSeconds(const QDateTime& now = QDateTime::currentDateTimeUtc()) const;
};

QJsonObject toJson(const ThresholdSet& t);
QJsonObject toJson(const JobSpec& spec);
QJsonObject toJson(const Job& job);
// False with `error` naming the field when `o` is not a job written by toJson.
bool jobFromJson(const QJsonObject& o, Job* job, QString* error);

}  // namespace owb::jobs
