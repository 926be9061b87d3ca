#pragma once
// One line of `owb worker` stdout (docs/result-files.md, "Events"), parsed. The protocol is
// versioned ("v": 1) and open: events of a kind we do not know are Unknown, not errors.
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QVector>

#include <limits>
#include <optional>

namespace owb::jobs {

// A layer_stats event: one hook's row of the heatmap matrix, cumulative over the batches done.
struct LayerStatsEvent {
  QString hook;
  QVector<double> max_abs;  // per feature dimension
  QVector<double> hits;     // positions with |x| >= threshold, per dimension
  qint64 positions = 0;     // positions the hits are over
  qint64 batches_done = 0;
  qint64 batches_total = 0;
};

struct WorkerEvent {
  enum class Kind { Started, Progress, LayerStats, Log, Artifact, Result, Finished, Unknown };
  Kind kind = Kind::Unknown;
  QString name;  // the "event" string as sent
  // started / finished
  QString run;
  QString mode;
  // progress
  QString stage;
  qint64 done = 0;
  qint64 total = 0;
  double eta_s = std::numeric_limits<double>::quiet_NaN();
  // layer_stats
  LayerStatsEvent layer_stats;
  // log
  QString level;
  QString msg;
  // artifact (relative to the run folder)
  QString path;
  // finished: "ok" | "failed"
  QString status;
  QString error;
  QJsonObject raw;  // the whole line, for result events and anything else
};

// A parsed event, or nullopt with `error` saying why the line is not one (not JSON, not an
// object, no "event", a known event with a field of the wrong type, an unsupported "v").
std::optional<WorkerEvent> parseWorkerEvent(const QByteArray& line, QString* error = nullptr);

}  // namespace owb::jobs

Q_DECLARE_METATYPE(owb::jobs::LayerStatsEvent)
