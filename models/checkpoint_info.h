#pragma once
// What the model picker shows about a checkpoint, parsed from `owb inspect` (JSON on stdout) and
// `owb estimate-vram` (JSON with resident_bytes / streaming_bytes), plus the syntax of hub ids.
// Pure functions over bytes: no process, no file access (tests feed them owb's real output).
#include <QByteArray>
#include <QString>
#include <QVector>

#include <optional>

namespace owb::models {

struct CheckpointInfo {
  QString model;       // what was inspected: a folder or a hub id
  QString path;        // the folder owb read (a hub id's cached snapshot)
  QString family;      // the engine's family ("llama", "olmoe", ...)
  QString model_type;  // config.json's model_type
  int layers = 0;
  int hidden_size = 0;
  qint64 total_params = 0;
  qint64 active_params = 0;  // MoE: what one token uses; dense: total
  QString dtype;             // storage dtype of the weights ("BF16", "F32", "MXFP4+BF16", ...)
  qint64 weight_bytes = 0;   // bytes_total: every tensor as stored
  QVector<qint64> bytes_per_layer;
  int experts = 0;  // 0: dense
  int top_k = 0;
  qint64 size_on_disk = -1;  // every file of the folder; -1 unknown
  bool isMoe() const { return experts > 0; }
};

// `owb inspect` output; nullopt with `error` naming the missing key when it is not one.
std::optional<CheckpointInfo> parseInspectJson(const QByteArray& json, QString* error = nullptr);

struct VramEstimate {
  qint64 resident_bytes = -1;   // whole model in memory
  qint64 streaming_bytes = -1;  // layer streaming (one layer at a time); -1 unknown
  bool weights_only = false;    // no owb estimate-vram: weights alone, activations not counted
  QString dtype;                // the compute dtype the estimate is for ("bf16", "f16", "f32")
};

// `owb estimate-vram` output: needs resident_bytes; streaming_bytes when present.
std::optional<VramEstimate> parseVramEstimateJson(const QByteArray& json, QString* error = nullptr);
// Without estimate-vram: the weights converted to `dtype` (bf16/f16: 2 bytes, f32: 4 bytes per
// parameter); streaming: the largest layer at that size plus what is not in a layer (embeddings,
// final norm, LM head), as layer streaming keeps them.
VramEstimate weightsOnlyEstimate(const CheckpointInfo& info, const QString& dtype);
int bytesPerElement(const QString& dtype);

// "org/name" or "org/name@revision" as the hub accepts them (names of letters, digits, '-', '_',
// '.', not starting with '.' or '-', no "..", at most 96 characters; a revision of letters, digits,
// '-', '_', '.', '/'). Empty when `text` is one, else why not.
QString hubIdProblem(const QString& text);
inline bool isHubId(const QString& text) { return hubIdProblem(text).isEmpty(); }

// 1536 -> "1.5 KiB", 3.2e9 -> "3.0 GiB" (binary units, as owb cache prints them).
QString formatBytes(qint64 bytes);
// 6.92e9 -> "6.92 B", 1.3e8 -> "130 M", 109760 -> "110 K".
QString formatParams(qint64 params);

}  // namespace owb::models
