#pragma once
// Wall-clock timestamps as the seed tooling wrote them (ISO 8601, local time, seconds).
#include <string>

namespace owb {
std::string iso_time_now();
}
