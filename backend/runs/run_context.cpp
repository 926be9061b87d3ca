#include "run_context.h"

#include "errors.h"
#include "json_file.h"
#include "run_clock.h"

#include <torch/version.h>

#include <cmath>
#include <ctime>
#include <filesystem>
#include <unistd.h>

#ifndef OWB_VERSION
#define OWB_VERSION "0.1.0"
#endif

namespace owb {

namespace fs = std::filesystem;

namespace {

int level_rank(const std::string& level) {
  if (level == "DEBUG" || level == "debug") return 0;
  if (level == "INFO" || level == "info") return 1;
  if (level == "WARNING" || level == "warning") return 2;
  return 3;
}

std::string host_name() {
  char buf[256] = {0};
  return ::gethostname(buf, sizeof buf - 1) == 0 ? std::string(buf) : std::string("unknown");
}

}  // namespace

std::string create_run_folder(const std::string& save_dir, const std::string& experiment_name) {
  std::string base = (fs::path(save_dir) / (experiment_name + "_" + file_timestamp_now())).string();
  std::error_code ec;
  fs::create_directories(save_dir, ec);
  if (ec) throw input_error(save_dir, "cannot create the output folder: " + ec.message());
  for (int n = 1; n < 1000; ++n) {
    std::string candidate = n == 1 ? base : base + "_" + std::to_string(n);
    if (fs::create_directory(candidate, ec)) return candidate;
    if (ec) throw input_error(candidate, "cannot create the run folder: " + ec.message());
  }
  throw input_error(base, "too many run folders with this name");
}

double eta_seconds(double elapsed_s, int64_t done, int64_t total) {
  if (done <= 0 || total <= 0) return -1;
  return elapsed_s / static_cast<double>(done) * static_cast<double>(total - done);
}

RunContext::RunContext(std::string run_dir, std::string mode, std::string log_file, std::string log_level,
                       EventSink sink)
    : dir_(std::move(run_dir)), mode_(std::move(mode)), log_level_(std::move(log_level)), sink_(std::move(sink)),
      start_(std::chrono::steady_clock::now()), started_at_(iso_time_now()), stage_start_(start_) {
  fs::create_directories(dir_);
  log_.open(file(log_file), std::ios::app);
  if (!log_) throw input_error(file(log_file), "cannot open the log file");
}

double RunContext::elapsed_s() const {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
}

void RunContext::event(nlohmann::json e) {
  e["v"] = 1;
  if (sink_) sink_(e);
}

void RunContext::log(const std::string& level, const std::string& message) {
  std::string line = iso_time_now() + " " + level + " " + message;
  last_lines_.push_back(line);
  if (last_lines_.size() > 20) last_lines_.pop_front();
  if (level_rank(level) < level_rank(log_level_)) return;
  log_ << line << "\n";
  log_.flush();
  std::string lower = level;
  for (char& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  event({{"event", "log"}, {"level", lower}, {"msg", message}});
}

void RunContext::switch_log_file(const std::string& log_file) {
  log_.close();
  log_.open(file(log_file), std::ios::app);
  if (!log_) throw input_error(file(log_file), "cannot open the log file");
}

void RunContext::progress(const std::string& stage, int64_t done, int64_t total) {
  auto now = std::chrono::steady_clock::now();
  if (stage != stage_) stage_ = stage, stage_start_ = now;
  double elapsed = std::chrono::duration<double>(now - stage_start_).count();
  double eta = eta_seconds(elapsed, done, total);
  nlohmann::json e = {{"event", "progress"}, {"stage", stage}, {"done", done}, {"total", total}};
  e["eta_s"] = eta < 0 ? nlohmann::json(nullptr) : nlohmann::json(std::round(eta * 10) / 10);
  event(e);
}

void RunContext::write_artifact(const std::string& relative, const nlohmann::json& j, int indent) {
  write_json_atomically(file(relative), j, indent);
  event({{"event", "artifact"}, {"path", relative}});
}

void RunContext::write_run_json(const std::string& status, const std::string& error) {
  nlohmann::json j = run_info_;
  j["status"] = status;
  j["mode"] = mode_;
  j["started"] = started_at_;
  j["finished"] = status == "running" ? nlohmann::json(nullptr) : nlohmann::json(iso_time_now());
  j["elapsed_s"] = elapsed_s();
  j["error"] = error.empty() ? nlohmann::json(nullptr) : nlohmann::json(error);
  j["host"] = host_name();
  j["versions"] = {{"owb", OWB_VERSION}, {"libtorch", TORCH_VERSION}};
  if (status == "failed") j["last_log"] = std::vector<std::string>(last_lines_.begin(), last_lines_.end());
  write_json_atomically(file("run.json"), j);
}

void RunContext::started(const nlohmann::json& extra) {
  run_info_ = extra;
  write_run_json("running", "");
  event({{"event", "started"}, {"run", dir_}, {"mode", mode_}});
}

void RunContext::finished_ok() {
  write_run_json("ok", "");
  event({{"event", "finished"}, {"status", "ok"}, {"run", dir_}, {"elapsed_s", elapsed_s()}});
}

void RunContext::finished_failed(const std::string& error) {
  log("ERROR", error);
  write_run_json("failed", error);
  event({{"event", "finished"}, {"status", "failed"}, {"error", error}, {"run", dir_}});
}

}  // namespace owb
