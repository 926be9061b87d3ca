#include "job_config.h"

#include "errors.h"
#include "json_file.h"

#include <cmath>
#include <set>
#include <type_traits>

namespace owb {

using nlohmann::json;

namespace {

template <typename T>
struct is_vector : std::false_type {};
template <typename T>
struct is_vector<std::vector<T>> : std::true_type {};

// nlohmann's get<> truncates 2.5 to 2 and wraps -1 into 2^64 - 1: a count or a seed written like
// that is a mistake to report, not to guess at. Whole floats (2.0) are taken.
template <typename T>
bool converts_exactly(const json& v) {
  if constexpr (is_vector<T>::value) {
    if (!v.is_array()) return true;  // get<> reports the wrong type itself
    for (const auto& item : v)
      if (!converts_exactly<typename T::value_type>(item)) return false;
    return true;
  } else if constexpr (std::is_integral_v<T> && !std::is_same_v<T, bool>) {
    if (v.is_number_float()) {
      const double d = v.get<double>();
      if (d != std::floor(d)) return false;
      if (std::is_unsigned_v<T> && d < 0) return false;
    }
    if (std::is_unsigned_v<T> && v.is_number_integer() && !v.is_number_unsigned() && v.get<int64_t>() < 0) return false;
    return true;
  } else {
    return true;
  }
}

// Reads one section's keys by name and, when done, rejects the keys nobody asked for.
class SectionReader {
 public:
  SectionReader(const json& j, std::string where) : where_(std::move(where)) {
    if (j.is_null()) return;
    if (!j.is_object()) throw input_error(where_, "must be a JSON object");
    j_ = j;
  }
  template <typename T>
  void read(const char* key, T& out) {
    seen_.insert(key);
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return;
    if (!converts_exactly<T>(*it)) throw wrong_type(key, *it);
    try {
      out = it->get<T>();
    } catch (const json::exception&) {
      throw wrong_type(key, *it);
    }
  }
  template <typename T>
  void read_optional(const char* key, std::optional<T>& out) {
    seen_.insert(key);
    auto it = j_.find(key);
    if (it == j_.end() || it->is_null()) return;
    T v{};
    read(key, v);
    out = v;
  }
  InputError wrong_type(const char* key, const json& value) const {
    std::string shown = value.dump();
    if (shown.size() > 40) shown = shown.substr(0, 37) + "...";
    return input_error(where_ + "." + key, "has the wrong type (" + std::string(value.type_name()) + " " + shown + ")");
  }
  void finish() const {
    std::string unknown;
    for (const auto& [k, v] : j_.items())
      if (!seen_.count(k)) unknown += (unknown.empty() ? "" : ", ") + k;
    if (!unknown.empty()) throw input_error(where_, "unknown key(s): " + unknown);
  }

 private:
  json j_ = json::object();
  std::string where_;
  std::set<std::string> seen_;
};

json section(const json& j, const char* name) { return j.contains(name) ? j.at(name) : json(); }

void parse_model(const json& j, const std::string& where, ModelSection& m) {
  SectionReader r(j, where + ": model");
  r.read("name", m.name);
  r.read("device_map", m.device_map);
  r.read("torch_dtype", m.torch_dtype);
  r.read("device", m.device);
  r.read("streaming", m.streaming);
  r.finish();
}

void parse_dataset(const json& j, const std::string& where, DatasetSection& d) {
  SectionReader r(j, where + ": dataset");
  SequenceSpec& s = d.sequences;
  r.read("name", d.name);
  r.read("config", d.config);
  r.read("split", d.split);
  r.read("text_field", d.text_field);
  r.read("num_sequences", s.num_sequences);
  r.read("sequence_length", s.sequence_length);
  r.read("shuffle", s.shuffle);
  r.read("seed", s.seed);
  r.read("skip", s.skip);
  r.read("skip_sequences", s.skip);  // the seeds' spelling
  r.read("window_stride", s.window_stride);
  r.read("separator", s.separator);
  r.finish();
}

void parse_analysis(const json& j, const std::string& where, AnalysisSection& a) {
  SectionReader r(j, where + ": analysis");
  r.read("magnitude_threshold", a.criteria.magnitude_threshold);
  r.read("min_layer_percentage", a.criteria.min_layer_percentage);
  r.read("min_seq_percentage", a.criteria.min_seq_percentage);
  r.read_optional("layers", a.layers);
  r.read_optional("chunk_layers", a.chunk_layers);
  r.read("batch_size", a.batch_size);
  r.finish();
}

void parse_perplexity(const json& j, const std::string& where, PerplexitySection& p) {
  SectionReader r(j, where + ": perplexity");
  r.read("window", p.window);
  r.read("stride", p.stride);
  r.read("batch_size", p.batch_size);
  r.finish();
}

void parse_output(const json& j, const std::string& where, OutputSection& o) {
  SectionReader r(j, where + ": output");
  r.read("save_dir", o.save_dir);
  r.read("experiment_name", o.experiment_name);
  r.read("log_level", o.log_level);
  r.finish();
}

}  // namespace

std::string normalize_dtype(const std::string& name) {
  if (name == "bfloat16" || name == "bf16") return "bf16";
  if (name == "float16" || name == "f16" || name == "half") return "f16";
  if (name == "float32" || name == "f32" || name == "float") return "f32";
  throw InputError("model.torch_dtype \"" + name + "\" is not one of bfloat16, float16, float32");
}

JobConfig parse_job_config(const json& j, const std::string& where) {
  if (!j.is_object()) throw input_error(where, "a job config must be a JSON object");
  static const std::set<std::string> sections = {"model", "dataset", "analysis", "perplexity", "output", "deployment"};
  for (const auto& [k, v] : j.items())
    if (!sections.count(k))
      throw input_error(where, "unknown section \"" + k + "\" (sections: model, dataset, analysis, perplexity, output, deployment)");
  JobConfig c;
  parse_model(section(j, "model"), where, c.model);
  parse_dataset(section(j, "dataset"), where, c.dataset);
  parse_analysis(section(j, "analysis"), where, c.analysis);
  parse_perplexity(section(j, "perplexity"), where, c.perplexity);
  parse_output(section(j, "output"), where, c.output);
  if (j.contains("deployment") && !j["deployment"].is_null()) {
    if (!j["deployment"].is_object()) throw input_error(where + ": deployment", "must be a JSON object");
    c.deployment = j["deployment"];
  }
  return c;
}

JobConfig load_job_config(const std::string& path) { return parse_job_config(read_json_file(path), path); }

json to_json(const JobConfig& c) {
  const SequenceSpec& s = c.dataset.sequences;
  const OutlierCriteria& k = c.analysis.criteria;
  json layers = c.analysis.layers ? json(*c.analysis.layers) : json(nullptr);
  json chunk = c.analysis.chunk_layers ? json(*c.analysis.chunk_layers) : json(nullptr);
  json j = {
      {"model", {{"name", c.model.name}, {"device_map", c.model.device_map}, {"torch_dtype", c.model.torch_dtype},
                 {"device", c.model.device}, {"streaming", c.model.streaming}}},
      {"dataset", {{"name", c.dataset.name}, {"split", c.dataset.split}, {"text_field", c.dataset.text_field},
                   {"num_sequences", s.num_sequences}, {"sequence_length", s.sequence_length}, {"shuffle", s.shuffle},
                   {"seed", s.seed}, {"skip", s.skip}, {"window_stride", s.window_stride}, {"separator", s.separator}}},
      {"analysis", {{"magnitude_threshold", k.magnitude_threshold}, {"min_layer_percentage", k.min_layer_percentage},
                    {"min_seq_percentage", k.min_seq_percentage}, {"layers", layers}, {"chunk_layers", chunk},
                    {"batch_size", c.analysis.batch_size}}},
      {"perplexity", {{"window", c.perplexity.window}, {"stride", c.perplexity.stride},
                      {"batch_size", c.perplexity.batch_size}}},
      {"output", {{"save_dir", c.output.save_dir}, {"experiment_name", c.output.experiment_name},
                  {"log_level", c.output.log_level}}},
      {"deployment", c.deployment},
  };
  // Only hub datasets have configs; a local source's config.json stays as the seeds wrote it.
  if (!c.dataset.config.empty()) j["dataset"]["config"] = c.dataset.config;
  return j;
}

namespace {
void require(bool ok, const std::string& field, const std::string& rule) {
  if (!ok) throw InputError("invalid config: " + field + " " + rule);
}
}  // namespace

void validate_job_config(const JobConfig& c) {
  const OutlierCriteria& k = c.analysis.criteria;
  require(!c.model.name.empty(), "model.name", "is required (a checkpoint folder)");
  normalize_dtype(c.model.torch_dtype);
  require(k.magnitude_threshold > 0, "analysis.magnitude_threshold", "must be positive");
  require(k.min_layer_percentage >= 0 && k.min_layer_percentage <= 1, "analysis.min_layer_percentage",
          "must be a fraction in [0, 1] (0.25 = 25 %)");
  require(k.min_seq_percentage >= 0 && k.min_seq_percentage <= 1, "analysis.min_seq_percentage",
          "must be a fraction in [0, 1] (0.06 = 6 %)");
  require(c.analysis.batch_size >= 1, "analysis.batch_size", "must be at least 1");
  require(!c.analysis.chunk_layers || *c.analysis.chunk_layers >= 1, "analysis.chunk_layers", "must be at least 1");
  if (c.analysis.layers) {
    require(!c.analysis.layers->empty(), "analysis.layers", "must not be empty (null = all layers)");
    for (int64_t l : *c.analysis.layers) require(l >= 0, "analysis.layers", "must hold layer indices >= 0");
  }
  const SequenceSpec& s = c.dataset.sequences;
  require(!c.dataset.name.empty(), "dataset.name", "is required (a .txt or .jsonl file or a folder)");
  require(s.num_sequences >= 1, "dataset.num_sequences", "must be at least 1");
  require(s.sequence_length >= 2, "dataset.sequence_length", "must be at least 2");
  require(s.skip >= 0, "dataset.skip", "must not be negative");
  require(s.window_stride >= 0, "dataset.window_stride", "must not be negative");
  require(s.separator == "eos" || s.separator == "space", "dataset.separator", "must be \"eos\" or \"space\"");
  require(c.perplexity.window == 0 || c.perplexity.window >= 2, "perplexity.window", "must be 0 (fixed) or at least 2");
  require(c.perplexity.stride >= 0 && (c.perplexity.window == 0 || c.perplexity.stride <= c.perplexity.window),
          "perplexity.stride", "must be in [0, window]");
  require(c.perplexity.batch_size >= 0, "perplexity.batch_size", "must not be negative");
  static const std::set<std::string> levels = {"DEBUG", "INFO", "WARNING", "ERROR"};
  require(levels.count(c.output.log_level) > 0, "output.log_level", "must be DEBUG, INFO, WARNING or ERROR");
  require(!c.output.experiment_name.empty() && c.output.experiment_name.find('/') == std::string::npos,
          "output.experiment_name", "must be a non-empty name without '/'");
}

}  // namespace owb
