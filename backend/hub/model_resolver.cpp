#include "model_resolver.h"

#include "errors.h"
#include "hub_env.h"
#include "json_file.h"
#include "sha256.h"

#include <filesystem>
#include <set>

namespace owb::hub {

namespace fs = std::filesystem;

namespace {

const char* kConfig = "config.json";
const char* kIndex = "model.safetensors.index.json";
const char* kSingle = "model.safetensors";

// The shard files an index lists, each once, sorted.
std::vector<std::string> shards_of_index(const std::string& index_path) {
  nlohmann::json j = read_json_file(index_path);
  if (!j.contains("weight_map") || !j["weight_map"].is_object())
    throw input_error(index_path, "no \"weight_map\" object");
  std::set<std::string> files;
  for (const auto& [tensor, file] : j["weight_map"].items()) {
    if (!file.is_string()) throw input_error(index_path, "weight_map[\"" + tensor + "\"] is not a file name");
    std::string f = file.get<std::string>();
    if (f.empty() || f.front() == '/' || f.find("..") != std::string::npos)
      throw input_error(index_path, "weight_map names an unsafe path \"" + f + "\"");
    files.insert(f);
  }
  return {files.begin(), files.end()};
}

// What a cached snapshot still lacks for the engine ({} = complete). The tokenizer counts only
// when `need_tokenizer`: offline, a snapshot without one is still handed over.
std::vector<std::string> missing_from_snapshot(const RepoCache& cache, const std::string& commit, bool need_tokenizer) {
  std::vector<std::string> missing;
  if (!cache.has_file(commit, kConfig)) missing.push_back(kConfig);
  if (need_tokenizer && !cache.has_file(commit, "tokenizer.json") && !cache.known_missing(commit, "tokenizer.json"))
    missing.push_back("tokenizer.json");
  if (cache.has_file(commit, kIndex)) {
    for (const auto& shard : shards_of_index(cache.snapshot_file(commit, kIndex)))
      if (!cache.has_file(commit, shard)) missing.push_back(shard);
  } else if (!cache.has_file(commit, kSingle)) {
    missing.push_back(std::string(kSingle) + " or " + kIndex);
  }
  return missing;
}

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
  return s;
}

// One file the snapshot needs, with the hub's metadata for it.
struct PlannedFile {
  std::string path;
  FileMetadata meta;
};

class Downloader {
 public:
  Downloader(RepoCache& cache, HubClient& client, std::string commit, const ProgressFn& progress)
      : cache_(cache), client_(client), commit_(std::move(commit)), progress_(progress) {}

  // HEAD of `path` at the commit; false when the repo has no such file (remembered in .no_exist).
  bool plan(const std::string& path) {
    if (cache_.has_file(commit_, path)) return true;
    if (cache_.known_missing(commit_, path)) return false;
    auto meta = client_.file_metadata(RepoType::Model, cache_.repo_id(), commit_, path);
    if (!meta) {
      cache_.mark_missing(commit_, path);
      return false;
    }
    planned_.push_back({path, *meta});
    if (meta->size > 0) total_bytes_ += meta->size;
    return true;
  }

  void fetch_all() {
    for (const auto& f : planned_) fetch(f);
    planned_.clear();
  }
  int64_t downloaded_bytes() const { return done_bytes_; }

 private:
  void fetch(const PlannedFile& f) {
    const std::string blob = cache_.blob_path(f.meta.etag);
    std::error_code ec;
    if (!fs::exists(blob, ec)) {
      FileLock lock(cache_.lock_path(f.meta.etag));
      if (!fs::exists(blob, ec)) download_blob(f, blob);
    }
    cache_.link_snapshot_file(commit_, f.path, f.meta.etag);
  }

  void download_blob(const PlannedFile& f, const std::string& blob) {
    const std::string incomplete = cache_.incomplete_path(f.meta.etag);
    fs::create_directories(fs::path(blob).parent_path());
    const std::string label = cache_.repo_id() + ": " + f.path;
    const int64_t before = done_bytes_;
    ProgressFn per_file;
    if (progress_)
      per_file = [&](const DownloadProgress& p) {
        DownloadProgress all = p;
        all.file = f.path;
        all.done_bytes = before + p.file_done_bytes;
        all.total_bytes = total_bytes_;
        progress_(all);
      };
    client_.download(f.meta.location, incomplete, f.meta.size, label, per_file);
    verify(f, incomplete, label);
    std::error_code ec;
    fs::rename(incomplete, blob, ec);
    if (ec) throw input_error(blob, "cannot move the finished download into place: " + ec.message());
    done_bytes_ = before + (f.meta.size > 0 ? f.meta.size : static_cast<int64_t>(fs::file_size(blob)));
  }

  // Size always; content for LFS files, whose etag is the sha256 of the bytes.
  static void verify(const PlannedFile& f, const std::string& incomplete, const std::string& label) {
    const int64_t size = static_cast<int64_t>(fs::file_size(incomplete));
    std::string problem;
    if (f.meta.size >= 0 && size != f.meta.size)
      problem = "size " + std::to_string(size) + " bytes, expected " + std::to_string(f.meta.size);
    else if (f.meta.is_lfs()) {
      std::string digest = sha256_file_hex(incomplete);
      if (digest != f.meta.etag) problem = "sha256 " + digest + ", expected " + f.meta.etag;
    }
    if (problem.empty()) return;
    std::error_code ec;
    fs::remove(incomplete, ec);
    throw InputError(label + ": downloaded file is corrupt (" + problem + "); it was deleted, run again");
  }

  RepoCache& cache_;
  HubClient& client_;
  std::string commit_;
  const ProgressFn& progress_;
  std::vector<PlannedFile> planned_;
  int64_t total_bytes_ = 0, done_bytes_ = 0;
};

ResolvedModel download_snapshot(RepoCache& cache, const RepoRef& ref, const ProgressFn& progress) {
  HubClient client;
  auto config = client.file_metadata(RepoType::Model, ref.id, ref.revision, kConfig);
  if (!config) throw InputError(ref.id + "@" + ref.revision + ": the repo has no config.json (not a transformers model?)");
  const std::string commit = config->commit;
  Downloader d(cache, client, commit, progress);
  for (const auto& file : tokenizer_and_config_files()) d.plan(file);
  const bool sharded = d.plan(kIndex);
  d.fetch_all();  // the index must be on disk before its shards are known
  if (sharded) {
    for (const auto& shard : shards_of_index(cache.snapshot_file(commit, kIndex)))
      if (!d.plan(shard)) throw InputError(ref.id + ": " + kIndex + " lists " + shard + ", which the repo does not have");
  } else if (!d.plan(kSingle)) {
    throw InputError(ref.id + "@" + ref.revision + ": no safetensors weights (" + kSingle + " or " + kIndex +
                     "); .bin checkpoints are not supported");
  }
  d.fetch_all();
  cache.write_ref(ref.revision, commit);
  return {cache.snapshot_dir(commit), ref.id, ref.revision, commit, d.downloaded_bytes()};
}

}  // namespace

const std::vector<std::string>& tokenizer_and_config_files() {
  static const std::vector<std::string> files = {kConfig, "generation_config.json", "tokenizer.json",
                                                 "tokenizer_config.json", "special_tokens_map.json"};
  return files;
}

ResolvedModel resolve_model_ex(const std::string& name_or_path, const ProgressFn& progress,
                               const ResolveOptions& options) {
  std::error_code ec;
  if (fs::is_directory(name_or_path, ec)) return {name_or_path, "", "", "", 0};
  if (!looks_like_repo_id(name_or_path))
    throw input_error(name_or_path, "no such model folder, and not a Hugging Face id (org/name or org/name@revision)");
  const RepoRef ref = parse_repo_ref(name_or_path);
  RepoCache cache(hub_cache_root(), RepoType::Model, ref.id);
  const bool offline = hub_offline();
  auto commit = cache.cached_commit(ref.revision);
  if (commit && (!options.refresh || offline)) {
    std::vector<std::string> missing = missing_from_snapshot(cache, *commit, /*need_tokenizer=*/!offline);
    if (missing.empty()) return {cache.snapshot_dir(*commit), ref.id, ref.revision, *commit, 0};
    if (offline)
      throw InputError(ref.id + "@" + ref.revision + ": the cached snapshot " + cache.snapshot_dir(*commit) +
                       " lacks " + joined(missing) + " and HF_HUB_OFFLINE is set (unset it to download)");
  }
  if (offline)
    throw InputError(ref.id + "@" + ref.revision + ": not in the Hugging Face cache (" + cache.folder() +
                     ") and HF_HUB_OFFLINE is set, so nothing is downloaded (unset HF_HUB_OFFLINE, or run "
                     "`owb download " + name_or_path + "` where there is network)");
  try {
    return download_snapshot(cache, ref, progress);
  } catch (const InputError& e) {
    throw InputError(std::string(e.what()) + " (\"" + name_or_path + "\" is no local model folder either)");
  }
}

std::string resolve_model(const std::string& name_or_path, const ProgressFn& progress) {
  return resolve_model_ex(name_or_path, progress).path;
}

}  // namespace owb::hub
