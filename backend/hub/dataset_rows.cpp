#include "dataset_rows.h"

#include "errors.h"
#include "hub_client.h"
#include "hub_env.h"
#include "json_file.h"

#include <filesystem>
#include <fstream>

namespace owb::hub {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// A config or split name becomes one folder name: nothing that climbs or nests.
void require_plain_name(const std::string& value, const char* what) {
  if (value.empty() || value.find('/') != std::string::npos || value == "." || value == ".." ||
      value.find('\0') != std::string::npos)
    throw InputError(std::string("dataset.") + what + " \"" + value + "\" is not a plain name");
}

// rows_<offset>_<end>.jsonl in `folder`, whatever its end.
std::optional<fs::path> cached_page(const fs::path& folder, int64_t offset) {
  const std::string prefix = "rows_" + std::to_string(offset) + "_";
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(folder, ec)) {
    const std::string name = e.path().filename().string();
    if (name.rfind(prefix, 0) == 0 && e.path().extension() == ".jsonl") return e.path();
  }
  return std::nullopt;
}

std::vector<json> read_page(const fs::path& file) {
  std::ifstream in(file);
  if (!in) throw input_error(file.string(), "cannot open cached rows");
  std::vector<json> rows;
  std::string line;
  int64_t number = 0;
  while (std::getline(in, line)) {
    ++number;
    if (line.empty()) continue;
    json j = json::parse(line, nullptr, false);
    if (j.is_discarded() || !j.is_object())
      throw input_error(file.string() + ":" + std::to_string(number), "not a JSON object (delete the file to fetch it again)");
    rows.push_back(std::move(j));
  }
  return rows;
}

std::string configs_having(const json& splits, const std::string& split, std::vector<std::string>& configs) {
  for (const auto& s : splits.value("splits", json::array()))
    if (s.value("split", "") == split) configs.push_back(s.value("config", ""));
  std::string list;
  for (const auto& c : configs) list += (list.empty() ? "" : ", ") + c;
  return list;
}

}  // namespace

std::string datasets_cache_root() { return hf_home() + "/owb-datasets"; }

DatasetRows::DatasetRows(DatasetRowsSpec spec) : spec_(std::move(spec)) {
  require_plain_name(spec_.split, "split");
  if (spec_.config.empty()) spec_.config = choose_config();
  require_plain_name(spec_.config, "config");
}

DatasetRows::~DatasetRows() = default;

HubClient& DatasetRows::client() {
  if (!client_) client_ = std::make_unique<HubClient>();
  return *client_;
}

std::string DatasetRows::split_folder() const {
  return datasets_cache_root() + "/" + spec_.dataset + "/" + spec_.config + "/" + spec_.split;
}

std::string DatasetRows::describe() const {
  return spec_.dataset + " (config " + spec_.config + ", split " + spec_.split + ")";
}

// /splits, cached as splits.json; the config is the only one with the split, or "default".
std::string DatasetRows::choose_config() {
  const fs::path cache = fs::path(datasets_cache_root()) / spec_.dataset / "splits.json";
  json splits;
  std::error_code ec;
  if (fs::exists(cache, ec)) {
    splits = read_json_file(cache.string());
  } else if (hub_offline()) {
    // Offline: the configs whose pages are cached for this split.
    json found = json::array();
    for (const auto& e : fs::directory_iterator(cache.parent_path(), ec))
      if (fs::is_directory(e.path() / spec_.split)) found.push_back({{"config", e.path().filename().string()}, {"split", spec_.split}});
    if (found.empty())
      throw InputError(spec_.dataset + ": no rows cached in " + cache.parent_path().string() +
                       " and HF_HUB_OFFLINE is set (unset it to read the dataset viewer)");
    splits = {{"splits", found}};
  } else {
    splits = client().get_json(datasets_server_endpoint() + "/splits?dataset=" + url_encode(spec_.dataset),
                               spec_.dataset + ": dataset viewer /splits");
    ++requests_;
    write_json_atomically(cache.string(), splits);
  }
  std::vector<std::string> configs;
  const std::string list = configs_having(splits, spec_.split, configs);
  if (configs.size() == 1) return configs[0];
  for (const auto& c : configs)
    if (c == "default") return c;
  if (configs.empty()) throw InputError(spec_.dataset + ": no config has a split \"" + spec_.split + "\"");
  throw InputError(spec_.dataset + ": several configs have split \"" + spec_.split + "\"; set dataset.config to one of: " + list);
}

std::optional<json> DatasetRows::cached_info() const {
  const std::string path = split_folder() + "/info.json";
  std::error_code ec;
  if (!fs::exists(path, ec)) return std::nullopt;
  return read_json_file(path);
}

bool DatasetRows::load_page() {
  const fs::path folder = split_folder();
  const int64_t offset = next_offset_;
  auto info = cached_info();
  if (info && offset >= info->value("num_rows_total", int64_t(-1)) && info->value("num_rows_total", int64_t(-1)) >= 0)
    return false;
  if (auto file = cached_page(folder, offset)) {
    page_ = read_page(*file);
  } else {
    if (hub_offline())
      throw InputError(describe() + ": rows from " + std::to_string(offset) + " are not cached in " + folder.string() +
                       " and HF_HUB_OFFLINE is set (unset it to read the dataset viewer)");
    const std::string url = datasets_server_endpoint() + "/rows?dataset=" + url_encode(spec_.dataset) +
                            "&config=" + url_encode(spec_.config) + "&split=" + url_encode(spec_.split) +
                            "&offset=" + std::to_string(offset) + "&length=" + std::to_string(kRowsPerPage);
    json answer = client().get_json(url, describe() + ": dataset viewer /rows at offset " + std::to_string(offset));
    ++requests_;
    if (!answer.contains("rows") || !answer["rows"].is_array())
      throw InputError(describe() + ": the /rows answer has no \"rows\" array");
    page_.clear();
    std::string jsonl;
    for (const auto& r : answer["rows"]) {
      if (!r.contains("row") || !r["row"].is_object())
        throw InputError(describe() + ": a /rows entry has no \"row\" object");
      page_.push_back(r["row"]);
      jsonl += r["row"].dump() + "\n";
    }
    json new_info = {{"dataset", spec_.dataset}, {"config", spec_.config}, {"split", spec_.split},
                     {"num_rows_total", answer.value("num_rows_total", int64_t(-1))},
                     {"partial", answer.value("partial", false)}, {"features", answer.value("features", json::array())}};
    if (!page_.empty()) {
      const int64_t end = offset + static_cast<int64_t>(page_.size());
      write_file_atomically((folder / ("rows_" + std::to_string(offset) + "_" + std::to_string(end) + ".jsonl")).string(), jsonl);
    }
    write_json_atomically((folder / "info.json").string(), new_info);
    info = new_info;
  }
  next_in_page_ = 0;
  next_offset_ = offset + static_cast<int64_t>(page_.size());
  if (page_.empty()) return false;
  const int64_t total = info ? info->value("num_rows_total", int64_t(-1)) : -1;
  // A short page ends the split when the total is unknown.
  if ((total >= 0 && next_offset_ >= total) || (total < 0 && static_cast<int64_t>(page_.size()) < kRowsPerPage))
    finished_ = true;
  return true;
}

std::optional<json> DatasetRows::next_row() {
  while (next_in_page_ >= page_.size()) {
    if (finished_) return std::nullopt;
    if (!load_page()) {
      finished_ = true;
      return std::nullopt;
    }
  }
  return page_[next_in_page_++];
}

}  // namespace owb::hub
