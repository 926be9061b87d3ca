#include "job_flags.h"

#include "errors.h"

#include <functional>
#include <sstream>

namespace owb::cli {

const char* kJobFlagsHelp =
    "  CONFIG.json                  a job config (model/dataset/analysis/perplexity/output sections);\n"
    "                               the flags below override it\n"
    "  --model DIR|ID               model.name: a checkpoint folder (config.json, safetensors, tokenizer.json)\n"
    "                               or a Hugging Face id org/name[@revision] (cache, then download)\n"
    "  --dtype bfloat16|float16|float32   model.torch_dtype (default bfloat16)\n"
    "  --device cpu|cuda[:N]        model.device (default cpu)\n"
    "  --streaming                  model.streaming: load one layer at a time (same results, bounded memory)\n"
    "  --dataset PATH|ID            dataset.name: a .txt / .jsonl file, a folder of them, or a Hugging Face\n"
    "                               dataset id read through the dataset viewer (cached as JSONL)\n"
    "  --dataset-config NAME        dataset.config for hub datasets (e.g. sample-10BT)\n"
    "  --split NAME                 dataset.split for hub datasets (default train)\n"
    "  --text-field NAME            dataset.text_field for JSONL (default text)\n"
    "  --num-sequences N            dataset.num_sequences (default 4)\n"
    "  --sequence-length T          dataset.sequence_length (default 2048)\n"
    "  --shuffle --seed S           dataset.shuffle (document order drawn from seed S, default 42)\n"
    "  --skip K                     dataset.skip: sequences to skip first (sharding)\n"
    "  --window-stride S            dataset.window_stride: tokens between sequence starts (default T;\n"
    "                               the seed tooling used T/2)\n"
    "  --separator eos|space        dataset.separator between documents (default eos)\n"
    "  --magnitude-threshold X      analysis.magnitude_threshold (default 6.0)\n"
    "  --min-layer-percentage F     analysis.min_layer_percentage, a fraction (default 0.25)\n"
    "  --min-seq-percentage F       analysis.min_seq_percentage, a fraction (default 0.06)\n"
    "  --layers 0,1,5-7             analysis.layers (default all)\n"
    "  --chunk-layers N             analysis.chunk_layers (selects layer streaming)\n"
    "  --batch-size B               analysis.batch_size (default 1)\n"
    "  --window W --stride S        perplexity: sliding windows of W tokens every S tokens (default: fixed)\n"
    "  --save-dir DIR               output.save_dir (default results)\n"
    "  --experiment-name NAME       output.experiment_name\n"
    "  --log-level LEVEL            output.log_level: DEBUG, INFO, WARNING, ERROR";

namespace {

std::vector<int64_t> parse_layer_list(const std::string& text) {
  std::vector<int64_t> out;
  std::stringstream ss(text);
  std::string part;
  try {
    while (std::getline(ss, part, ',')) {
      size_t dash = part.find('-');
      if (dash == std::string::npos) {
        out.push_back(std::stoll(part));
        continue;
      }
      int64_t a = std::stoll(part.substr(0, dash)), b = std::stoll(part.substr(dash + 1));
      if (b < a) throw UsageError("--layers: empty range " + part);
      for (int64_t l = a; l <= b; ++l) out.push_back(l);
    }
  } catch (const std::logic_error&) {
    throw UsageError("--layers: expected a list like 0,1,5-7, got \"" + text + "\"");
  }
  return out;
}

}  // namespace

JobConfig job_config_from_args(Args& args) {
  // Flags are read before the positional CONFIG.json (a flag's value would otherwise be taken
  // for it), kept as edits, and applied once the file is loaded.
  std::vector<std::function<void(JobConfig&)>> edits;
  auto text = [&](const char* flag, auto field) {
    if (auto v = args.value(flag)) edits.push_back([v, field](JobConfig& c) { field(c) = *v; });
  };
  auto integer = [&](const char* flag, auto field) {
    if (auto v = args.integer(flag)) edits.push_back([v, field](JobConfig& c) { field(c) = *v; });
  };
  auto number = [&](const char* flag, auto field) {
    if (auto v = args.number(flag)) edits.push_back([v, field](JobConfig& c) { field(c) = *v; });
  };
  auto boolean = [&](const char* flag, auto field) {
    if (args.flag(flag)) edits.push_back([field](JobConfig& c) { field(c) = true; });
  };
  text("--model", [](JobConfig& c) -> std::string& { return c.model.name; });
  text("--dtype", [](JobConfig& c) -> std::string& { return c.model.torch_dtype; });
  text("--device", [](JobConfig& c) -> std::string& { return c.model.device; });
  boolean("--streaming", [](JobConfig& c) -> bool& { return c.model.streaming; });
  text("--dataset", [](JobConfig& c) -> std::string& { return c.dataset.name; });
  text("--text-field", [](JobConfig& c) -> std::string& { return c.dataset.text_field; });
  text("--dataset-config", [](JobConfig& c) -> std::string& { return c.dataset.config; });
  text("--split", [](JobConfig& c) -> std::string& { return c.dataset.split; });
  integer("--num-sequences", [](JobConfig& c) -> int64_t& { return c.dataset.sequences.num_sequences; });
  integer("--sequence-length", [](JobConfig& c) -> int64_t& { return c.dataset.sequences.sequence_length; });
  boolean("--shuffle", [](JobConfig& c) -> bool& { return c.dataset.sequences.shuffle; });
  integer("--seed", [](JobConfig& c) -> uint64_t& { return c.dataset.sequences.seed; });
  integer("--skip", [](JobConfig& c) -> int64_t& { return c.dataset.sequences.skip; });
  integer("--window-stride", [](JobConfig& c) -> int64_t& { return c.dataset.sequences.window_stride; });
  text("--separator", [](JobConfig& c) -> std::string& { return c.dataset.sequences.separator; });
  number("--magnitude-threshold", [](JobConfig& c) -> double& { return c.analysis.criteria.magnitude_threshold; });
  number("--min-layer-percentage", [](JobConfig& c) -> double& { return c.analysis.criteria.min_layer_percentage; });
  number("--min-seq-percentage", [](JobConfig& c) -> double& { return c.analysis.criteria.min_seq_percentage; });
  if (auto v = args.value("--layers")) {
    std::vector<int64_t> layers = parse_layer_list(*v);
    edits.push_back([layers](JobConfig& c) { c.analysis.layers = layers; });
  }
  if (auto v = args.integer("--chunk-layers")) edits.push_back([v](JobConfig& c) { c.analysis.chunk_layers = *v; });
  integer("--batch-size", [](JobConfig& c) -> int64_t& { return c.analysis.batch_size; });
  integer("--window", [](JobConfig& c) -> int64_t& { return c.perplexity.window; });
  integer("--stride", [](JobConfig& c) -> int64_t& { return c.perplexity.stride; });
  text("--save-dir", [](JobConfig& c) -> std::string& { return c.output.save_dir; });
  text("--experiment-name", [](JobConfig& c) -> std::string& { return c.output.experiment_name; });
  text("--log-level", [](JobConfig& c) -> std::string& { return c.output.log_level; });

  JobConfig c;
  if (auto path = args.positional()) c = load_job_config(*path);
  for (const auto& edit : edits) edit(c);
  return c;
}

}  // namespace owb::cli
