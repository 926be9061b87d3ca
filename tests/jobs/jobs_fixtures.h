#pragma once
// Shared by the job-layer suites: a planted test model made by `owb make-test-model`, and
// sweeps over the tokenizer corpus sized to run in well under a second.
#include "sweep.h"

#include <QString>

namespace owb::jobs_test {

// <dir>/model: llama, 4 layers, residual dim 5 planted with gamma 20. Empty on failure.
QString makePlantedModel(const QString& dir);
QString corpusPath();
// One model, one analysis, the Dettmers threshold set, float32, `num_sequences` x 32 tokens.
owb::jobs::Sweep smallSweep(const QString& name, const QString& model, const QString& analysis,
                            int num_sequences = 2, int sequence_length = 32);
// The whole file as a JSON object (empty on failure).
QJsonObject readJson(const QString& path);

}  // namespace owb::jobs_test
