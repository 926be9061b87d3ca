#include "event_printers.h"

#include <cstdio>
#include <iostream>
#include <mutex>

namespace owb::cli {

EventSink json_lines_to_stdout() {
  auto mutex = std::make_shared<std::mutex>();
  return [mutex](const nlohmann::json& e) {
    std::lock_guard<std::mutex> lock(*mutex);
    std::cout << e.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n" << std::flush;
  };
}

EventSink readable_lines_to_stderr() {
  return [](const nlohmann::json& e) {
    const std::string kind = e.value("event", "");
    if (kind == "log") {
      std::cerr << e.value("msg", "") << "\n";
    } else if (kind == "progress") {
      int64_t done = e.value("done", int64_t(0)), total = e.value("total", int64_t(0));
      // One line per tenth of a stage keeps a terminal readable.
      if (total > 0 && (done == total || (done * 10 / total) != ((done - 1) * 10 / total))) {
        std::cerr << "  " << e.value("stage", "") << " " << done << "/" << total;
        if (e.contains("eta_s") && e["eta_s"].is_number()) std::cerr << ", ETA " << e["eta_s"].get<double>() << " s";
        std::cerr << "\n";
      }
    }
  };
}

}  // namespace owb::cli
