#pragma once
// What both gui_cards suites read: super-weight run folders written by the real `owb superweights`
// and `owb vocab` on a llama checkpoint with two planted super weights (layer 1 [3, 7] value 2,
// layer 2 [10, 9] value -1.5).
#include <QString>
#include <QStringList>
#include <QTemporaryDir>

// Runs owb from the source folder; an empty string, or what went wrong.
QString runOwb(const QStringList& args);

struct SuperWeightRuns {
  QString error;      // empty when every owb run succeeded
  QString sw_run;     // owb superweights: <dir>/ws/runs/sw/planted
  QString vocab_run;  // owb vocab: <dir>/ws/runs/vocab/planted
};
// The planted model in <dir>/models/planted and both runs under <dir>/ws/runs; with
// `vocab_cascade`, owb vocab also measures the cascade through the logit lens.
SuperWeightRuns makeSuperWeightRuns(const QTemporaryDir& dir, bool vocab_cascade);
