#pragma once
// Rows of a hub dataset through the dataset viewer API (docs: huggingface/dataset-viewer
// splits.md, rows.md): /splits picks the config when none is given, /rows pages of 100 rows.
// Every page is kept as JSONL (one `row` object per line) under
//   <HF_HOME>/owb-datasets/<org>/<name>/<config>/<split>/rows_<offset>_<end>.jsonl
// (with info.json: num_rows_total, partial, features), and read from there first, so a rerun
// makes no request and sees the same rows. HF_HUB_OFFLINE=1 reads the cache only.
// Parquet is not read: Debian packages no Arrow/Parquet C++ library.
#include <nlohmann/json.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace owb::hub {

class HubClient;

struct DatasetRowsSpec {
  std::string dataset;  // "org/name" or "name"
  std::string config;   // empty: the only config having `split`, or "default"
  std::string split = "train";
};

// <HF_HOME>/owb-datasets
std::string datasets_cache_root();
inline constexpr int64_t kRowsPerPage = 100;  // the viewer's maximum `length`

class DatasetRows {
 public:
  explicit DatasetRows(DatasetRowsSpec spec);
  ~DatasetRows();

  // The next row's columns ({"text": ..., ...}), or nullopt after the last row. Pages are
  // fetched (or read from the cache) one at a time, when first needed.
  std::optional<nlohmann::json> next_row();

  const std::string& config() const { return spec_.config; }
  std::string split_folder() const;  // where this split's pages are cached
  std::string describe() const;      // "org/name (config sample-10BT, split train)"
  int64_t requests() const { return requests_; }

 private:
  std::string choose_config();
  bool load_page();  // false at the end of the split
  std::optional<nlohmann::json> cached_info() const;
  HubClient& client();

  DatasetRowsSpec spec_;
  std::unique_ptr<HubClient> client_;
  std::vector<nlohmann::json> page_;
  size_t next_in_page_ = 0;
  int64_t next_offset_ = 0;
  bool finished_ = false;
  int64_t requests_ = 0;
};

}  // namespace owb::hub
