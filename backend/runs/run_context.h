#pragma once
// What every run shares: its folder, its log file, its event stream and its run.json.
// Events (docs/result-files.md) go to an EventSink, one JSON object each; the worker prints
// them on stdout, `owb outliers` turns them into progress lines on stderr.
#include <nlohmann/json.hpp>

#include <chrono>
#include <deque>
#include <fstream>
#include <functional>
#include <string>

namespace owb {

using EventSink = std::function<void(const nlohmann::json& event)>;

// A fresh run folder <save_dir>/<experiment_name>_<YYYYMMDD_HHMMSS> (suffix _2, _3 ... if taken).
std::string create_run_folder(const std::string& save_dir, const std::string& experiment_name);

// Estimated seconds left after `done` of `total` steps in `elapsed_s`; < 0 before the first step.
double eta_seconds(double elapsed_s, int64_t done, int64_t total);

class RunContext {
 public:
  RunContext(std::string run_dir, std::string mode, std::string log_file, std::string log_level, EventSink sink);

  const std::string& dir() const { return dir_; }
  std::string file(const std::string& relative) const { return dir_ + "/" + relative; }

  void log(const std::string& level, const std::string& message);
  // Later log lines go to this file of the run folder (each analysis has its seed log name).
  void switch_log_file(const std::string& log_file);
  void progress(const std::string& stage, int64_t done, int64_t total);
  void event(nlohmann::json e);  // adds "v": 1
  // Writes a JSON file atomically into the run folder and announces it.
  void write_artifact(const std::string& relative, const nlohmann::json& j, int indent = 2);

  // run.json: "running" now, then "ok" or "failed" (with the error and the last log lines).
  void started(const nlohmann::json& extra);
  void finished_ok();
  void finished_failed(const std::string& error);
  double elapsed_s() const;

 private:
  void write_run_json(const std::string& status, const std::string& error);

  std::string dir_, mode_, log_level_;
  std::ofstream log_;
  EventSink sink_;
  std::deque<std::string> last_lines_;
  nlohmann::json run_info_ = nlohmann::json::object();
  std::chrono::steady_clock::time_point start_;
  std::string started_at_;
  std::chrono::steady_clock::time_point stage_start_;
  std::string stage_;
};

}  // namespace owb
