#pragma once
// Wall-clock timestamps as the seed tooling wrote them (ISO 8601, local time, seconds).
#include <string>

namespace owb {
std::string iso_time_now();
// YYYYMMDD_HHMMSS, local time: the suffix of run folders and timestamped result files.
std::string file_timestamp_now();
}
