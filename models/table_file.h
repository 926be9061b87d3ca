#pragma once
// Saving a table as CSV or JSON, chosen by the file's suffix, atomically (QSaveFile: a temp file
// renamed into place, so a failed write leaves the old file whole). One rule for every export.
#include <QByteArray>
#include <QString>

#include <functional>

namespace owb::models {

// Writes csv() for a .csv path, json() for a .json path; any other suffix, or a write that fails,
// returns false with `error` naming the file and the problem.
bool saveCsvOrJson(const QString& path, const std::function<QByteArray()>& csv, const std::function<QByteArray()>& json,
                   QString* error);

}  // namespace owb::models
