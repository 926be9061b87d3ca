#pragma once
// The Super weights tab's cards as a table file: one row per card, stable keys, numbers written
// exactly (shortest round-trip form), missing values empty (CSV) or null (JSON). The columns:
// model, tensor, layer, row, col, value, input/output spike, detection pass, perplexity intact /
// zeroed / delta / ratio, then the vocab deltas (loss, entropy, top-k margin, stopword mass) with
// their bootstrap intervals and controls, accuracy deltas per task, top tokens, source files.
#include "super_weight_results.h"

#include <QByteArray>
#include <QStringList>

namespace owb::models {

QStringList superWeightCardKeys(const QVector<SuperWeightCard>& cards);
QByteArray superWeightCardsCsv(const QVector<SuperWeightCard>& cards);
// JSON: an array of objects with the CSV's keys, plus the cascade and token lists as arrays.
QByteArray superWeightCardsJson(const QVector<SuperWeightCard>& cards);
// By the file's suffix (.csv / .json), written atomically; false with `error`.
bool saveSuperWeightCards(const QVector<SuperWeightCard>& cards, const QString& path, QString* error);

}  // namespace owb::models
