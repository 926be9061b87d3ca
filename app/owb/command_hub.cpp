// owb download MODEL_ID and owb cache list|size|delete: the Hugging Face cache from the shell
// (and for the GUI, which runs them with --json). The cache is huggingface_hub's own.
#include "args.h"
#include "commands.h"

#include "dataset_rows.h"
#include "hub_cache.h"
#include "hub_env.h"
#include "model_resolver.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <iostream>

namespace owb::cli {

namespace {

const char* kDownloadUsage =
    "usage: owb download MODEL_ID [--revision REV] [--refresh] [--json] [--events]\n"
    "Brings org/name (or org/name@REV) into the Hugging Face cache ($HF_HUB_CACHE, else\n"
    "$HF_HOME/hub, else ~/.cache/huggingface/hub), in huggingface_hub's layout: config.json,\n"
    "the tokenizer files and the safetensors weights (every shard of the index). A snapshot\n"
    "already complete is used as is (--refresh asks the hub for the revision's newest commit).\n"
    "Downloads resume where they stopped; LFS files are checked against their sha256.\n"
    "Prints the snapshot folder (with --json: {path, repo_id, revision, commit, downloaded_bytes}).\n"
    "--events: progress as worker events on stdout, one JSON line each ({\"event\":\"progress\",\n"
    "\"stage\":\"download\",\"file\",\"done\",\"total\"} in bytes), for the GUI.\n"
    "Environment: HF_TOKEN (or $HF_HOME/token) for gated models, HF_ENDPOINT, HF_HUB_OFFLINE=1.";

const char* kCacheUsage =
    "usage: owb cache list|size|delete [MODEL_ID] [--json]\n"
    "  list             every cached model and dataset repo: id, size, refs, snapshots\n"
    "  size             bytes used by the hub cache and by owb's dataset rows cache\n"
    "  delete MODEL_ID  removes the model's whole folder (all revisions) from the cache\n"
    "The cache is huggingface_hub's: what Python tools downloaded is listed too.";

std::string human_bytes(uint64_t bytes) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double v = static_cast<double>(bytes);
  int u = 0;
  while (v >= 1024 && u < 4) v /= 1024, ++u;
  char text[32];
  std::snprintf(text, sizeof text, u == 0 ? "%.0f %s" : "%.1f %s", v, units[u]);
  return text;
}

// Progress on stderr: one line per file and per tenth of the download.
hub::ProgressFn progress_to_stderr() {
  return [file = std::string(), tenth = -1](const hub::DownloadProgress& p) mutable {
    if (p.file != file) {
      file = p.file;
      std::cerr << "  " << p.file << " (" << human_bytes(static_cast<uint64_t>(std::max<int64_t>(p.file_total_bytes, 0))) << ")\n";
    }
    if (p.total_bytes <= 0) return;
    int now = static_cast<int>(p.done_bytes * 10 / p.total_bytes);
    if (now == tenth) return;
    tenth = now;
    std::cerr << "  download " << human_bytes(static_cast<uint64_t>(p.done_bytes)) << " / "
              << human_bytes(static_cast<uint64_t>(p.total_bytes)) << "\n";
  };
}

nlohmann::json repo_json(const hub::CachedRepo& r) {
  nlohmann::json refs = nlohmann::json::object();
  for (const auto& [rev, commit] : r.refs) refs[rev] = commit;
  return {{"type", r.type == hub::RepoType::Model ? "model" : "dataset"}, {"id", r.id}, {"path", r.folder},
          {"size_bytes", r.size_bytes}, {"refs", refs}, {"snapshots", r.snapshots}};
}

int cache_list(bool as_json) {
  const std::string root = hub::hub_cache_root();
  auto repos = hub::scan_hub_cache(root);
  if (as_json) {
    nlohmann::json j = {{"cache", root}, {"repos", nlohmann::json::array()}};
    for (const auto& r : repos) j["repos"].push_back(repo_json(r));
    std::cout << j.dump(2) << "\n";
    return 0;
  }
  std::cout << "cache " << root << "\n";
  for (const auto& r : repos) {
    std::string refs;
    for (const auto& [rev, commit] : r.refs) refs += (refs.empty() ? "" : ", ") + rev + "=" + commit.substr(0, 8);
    std::cout << (r.type == hub::RepoType::Model ? "model   " : "dataset ") << r.id << "  " << human_bytes(r.size_bytes)
              << "  " << r.snapshots.size() << " snapshot(s)" << (refs.empty() ? "" : "  " + refs) << "\n";
  }
  return 0;
}

int cache_size(bool as_json) {
  const std::string root = hub::hub_cache_root(), rows = hub::datasets_cache_root();
  const uint64_t hub_bytes = hub::folder_size_bytes(root), rows_bytes = hub::folder_size_bytes(rows);
  if (as_json) {
    std::cout << nlohmann::json{{"hub_cache", root}, {"hub_cache_bytes", hub_bytes}, {"dataset_rows", rows},
                                {"dataset_rows_bytes", rows_bytes}}.dump(2)
              << "\n";
    return 0;
  }
  std::cout << human_bytes(hub_bytes) << "\t" << root << "\n" << human_bytes(rows_bytes) << "\t" << rows << "\n";
  return 0;
}

// Progress as the worker's event lines (docs/result-files.md), at most one per percent.
hub::ProgressFn progress_events_to_stdout() {
  return [percent = int64_t(-1), file = std::string()](const hub::DownloadProgress& p) mutable {
    const int64_t now = p.total_bytes > 0 ? p.done_bytes * 100 / p.total_bytes : 0;
    if (now == percent && p.file == file) return;
    percent = now, file = p.file;
    std::cout << nlohmann::json{{"v", 1}, {"event", "progress"}, {"stage", "download"}, {"file", p.file},
                                {"done", p.done_bytes}, {"total", p.total_bytes}}.dump()
              << std::endl;
  };
}

}  // namespace

int run_download(const CommandArgs& argv) {
  Args args(argv, kDownloadUsage);
  if (args.help_requested()) {
    std::cout << kDownloadUsage << "\n";
    return 0;
  }
  auto revision = args.value("--revision");
  hub::ResolveOptions options;
  options.refresh = args.flag("--refresh");
  const bool as_json = args.flag("--json");
  const bool events = args.flag("--events");
  auto id = args.positional();
  args.finish();
  if (!id) throw UsageError("missing MODEL_ID");
  if (!hub::looks_like_repo_id(*id)) throw UsageError("\"" + *id + "\" is not a hub id (org/name or org/name@revision)");
  std::string name = *id;
  if (revision) {
    if (name.find('@') != std::string::npos) throw UsageError("give the revision either as @REV or with --revision, not both");
    name += "@" + *revision;
  }
  hub::ResolvedModel m = hub::resolve_model_ex(name, events ? progress_events_to_stdout() : progress_to_stderr(), options);
  if (as_json)
    std::cout << nlohmann::json{{"path", m.path}, {"repo_id", m.repo_id}, {"revision", m.revision}, {"commit", m.commit},
                                {"downloaded_bytes", m.downloaded_bytes}}.dump(2)
              << "\n";
  else
    std::cout << m.path << "\n";
  return 0;
}

int run_cache(const CommandArgs& argv) {
  Args args(argv, kCacheUsage);
  if (args.help_requested()) {
    std::cout << kCacheUsage << "\n";
    return 0;
  }
  const bool as_json = args.flag("--json");
  auto action = args.positional();
  auto id = args.positional();
  args.finish();
  if (!action) throw UsageError("missing list, size or delete");
  if (*action == "list" || *action == "size") {
    if (id) throw UsageError(*action + " takes no MODEL_ID");
    return *action == "list" ? cache_list(as_json) : cache_size(as_json);
  }
  if (*action != "delete") throw UsageError("unknown action \"" + *action + "\" (list, size or delete)");
  if (!id) throw UsageError("delete needs a MODEL_ID");
  const std::string repo = hub::parse_repo_ref(*id).id;
  if (!hub::looks_like_repo_id(repo)) throw UsageError("\"" + *id + "\" is not a hub id (org/name)");
  const bool removed = hub::delete_cached_repo(hub::hub_cache_root(), hub::RepoType::Model, repo);
  if (as_json) std::cout << nlohmann::json{{"id", repo}, {"deleted", removed}}.dump() << "\n";
  else std::cout << (removed ? "deleted " : "not cached: ") << repo << "\n";
  return removed ? 0 : 1;
}

}  // namespace owb::cli
