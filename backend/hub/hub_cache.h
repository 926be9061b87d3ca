#pragma once
// The Hugging Face hub cache, in exactly the layout huggingface_hub writes (file_download.py,
// docs "manage-cache"), so models the Python tools downloaded are found here without a
// download and files downloaded here are theirs too:
//   <root>/models--{org}--{name}/
//     refs/<revision>              text file: the 40-hex commit the revision pointed to
//     blobs/<etag>                 file content; etag = sha256 (LFS files) or git sha1
//     blobs/<etag>.incomplete      a download in progress (resumed by whoever comes next)
//     snapshots/<commit>/<path>    relative symlink to ../../blobs/<etag> (one more ../ per subfolder)
//     .no_exist/<commit>/<path>    empty file: "this path is not in the repo at that commit"
//   <root>/.locks/models--{org}--{name}/<etag>.lock   flock()ed while a blob is written
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace owb::hub {

enum class RepoType { Model, Dataset };

// "models--org--name" / "datasets--org--name".
std::string repo_folder_name(RepoType type, const std::string& repo_id);
bool is_commit_hash(const std::string& revision);  // 40 lower-case hex digits

class RepoCache {
 public:
  RepoCache(std::string cache_root, RepoType type, std::string repo_id);

  const std::string& root() const { return root_; }
  const std::string& folder() const { return folder_; }
  const std::string& repo_id() const { return repo_id_; }

  // The commit `revision` names in the cache: itself when it is a commit hash with a snapshot
  // folder, else the content of refs/<revision>; nullopt when the cache does not know it.
  std::optional<std::string> cached_commit(const std::string& revision) const;
  // refs/<revision> = commit (skipped when the revision is the commit itself).
  void write_ref(const std::string& revision, const std::string& commit) const;

  std::string snapshot_dir(const std::string& commit) const;
  std::string snapshot_file(const std::string& commit, const std::string& path) const;
  // The snapshot entry exists and its link resolves to a file.
  bool has_file(const std::string& commit, const std::string& path) const;
  bool known_missing(const std::string& commit, const std::string& path) const;
  void mark_missing(const std::string& commit, const std::string& path) const;

  std::string blob_path(const std::string& etag) const;
  std::string incomplete_path(const std::string& etag) const;
  std::string lock_path(const std::string& etag) const;
  // snapshots/<commit>/<path> -> ../../blobs/<etag> (relative), replacing an existing entry.
  // Where symlinks are impossible the blob is copied, as huggingface_hub does on Windows.
  void link_snapshot_file(const std::string& commit, const std::string& path, const std::string& etag) const;

 private:
  std::string root_, repo_id_, folder_name_, folder_;
};

// An exclusive flock() on a lock file (huggingface_hub's filelock uses the same call on
// POSIX, so a Python download and ours of the same blob wait for each other).
class FileLock {
 public:
  explicit FileLock(const std::string& path);
  ~FileLock();
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

 private:
  int fd_ = -1;
};

struct CachedRepo {
  RepoType type = RepoType::Model;
  std::string id;      // "org/name"
  std::string folder;  // absolute path of models--org--name
  uint64_t size_bytes = 0;  // blobs (each counted once) plus files copied into snapshots
  std::vector<std::pair<std::string, std::string>> refs;  // (revision, commit)
  std::vector<std::string> snapshots;                     // commits with a snapshot folder
};

// Every repo folder under the cache root, sorted by id; an absent root is an empty cache.
std::vector<CachedRepo> scan_hub_cache(const std::string& cache_root);
// Removes a repo's folder and its locks; false when it was not cached.
bool delete_cached_repo(const std::string& cache_root, RepoType type, const std::string& repo_id);
// Bytes of regular files under a folder, symlinks not followed.
uint64_t folder_size_bytes(const std::string& folder);

}  // namespace owb::hub
