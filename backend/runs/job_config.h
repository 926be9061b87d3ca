#pragma once
// The job configuration, in the seed tooling's hierarchy (model / dataset / analysis /
// perplexity / output / deployment). Read from JSON (unknown keys are errors that name them),
// overridden by command-line flags, validated, and written into every run folder as config.json.
#include "sequence_builder.h"
#include "systematic_outliers.h"

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace owb {

struct ModelSection {
  std::string name;                    // checkpoint folder or hub id ("org/name[@revision]")
  std::string device_map = "auto";     // kept for the seeds; one device here
  std::string torch_dtype = "bfloat16";  // bfloat16 | float16 | float32 (or bf16 | f16 | f32)
  std::string device = "cpu";          // cpu | cuda | cuda:N
  bool streaming = false;              // load one layer at a time
};

struct DatasetSection {
  std::string name;  // .txt / .jsonl file, a folder of them, or a hub dataset id ("org/name")
  std::string config;  // hub datasets: the viewer's config ("sample-10BT"); empty: the only one or "default"
  std::string split = "train";
  std::string text_field = "text";
  SequenceSpec sequences;
};

struct AnalysisSection {
  OutlierCriteria criteria;
  std::optional<std::vector<int64_t>> layers;  // null: all
  std::optional<int64_t> chunk_layers;         // seeds' memory option; here it selects layer streaming
  int64_t batch_size = 1;
};

struct PerplexitySection {
  int64_t window = 0;  // 0: fixed-length sequences; > 0: sliding windows of this many tokens
  int64_t stride = 0;  // sliding windows: tokens between window starts (0: window / 2)
  int64_t batch_size = 0;  // 0: analysis.batch_size
};

struct OutputSection {
  std::string save_dir = "results";
  std::string experiment_name = "outlier_analysis";
  std::string log_level = "INFO";  // DEBUG | INFO | WARNING | ERROR
};

struct JobConfig {
  ModelSection model;
  DatasetSection dataset;
  AnalysisSection analysis;
  PerplexitySection perplexity;
  OutputSection output;
  nlohmann::json deployment = nlohmann::json::object();  // read by the job layer, kept as given
};

// `where` names the file in messages. Missing keys keep their defaults.
JobConfig parse_job_config(const nlohmann::json& j, const std::string& where);
JobConfig load_job_config(const std::string& path);
nlohmann::json to_json(const JobConfig& c);
// Throws InputError naming the first invalid field (negative threshold, percentage > 1, ...).
void validate_job_config(const JobConfig& c);

// "bfloat16" / "bf16" -> "bf16" etc.; throws InputError for anything else.
std::string normalize_dtype(const std::string& name);

}  // namespace owb
