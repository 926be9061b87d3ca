#include "run_clock.h"

#include <ctime>

namespace owb {

namespace {
std::string local_time(const char* format) {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  localtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}
}  // namespace

std::string iso_time_now() { return local_time("%Y-%m-%dT%H:%M:%S"); }
std::string file_timestamp_now() { return local_time("%Y%m%d_%H%M%S"); }

}  // namespace owb
