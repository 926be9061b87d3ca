#include "hub_cache.h"

#include "errors.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace owb::hub {

namespace fs = std::filesystem;

namespace {

std::string read_first_line(const fs::path& p) {
  std::ifstream in(p);
  std::string line;
  std::getline(in, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n' || line.back() == ' ')) line.pop_back();
  return line;
}

void ensure_dir(const fs::path& dir) {
  std::error_code ec;
  fs::create_directories(dir, ec);
  if (ec) throw input_error(dir.string(), "cannot create cache folder: " + ec.message());
}

// "org--name" back to "org/name" (a repo name never holds "--" twice in a row at the org cut).
std::string id_from_folder(const std::string& rest) {
  size_t cut = rest.find("--");
  return cut == std::string::npos ? rest : rest.substr(0, cut) + "/" + rest.substr(cut + 2);
}

}  // namespace

std::string repo_folder_name(RepoType type, const std::string& repo_id) {
  std::string name = type == RepoType::Model ? "models" : "datasets";
  for (char c : "--" + repo_id) name += c == '/' ? std::string("--") : std::string(1, c);
  return name;
}

bool is_commit_hash(const std::string& revision) {
  return revision.size() == 40 &&
         std::all_of(revision.begin(), revision.end(), [](char c) { return std::isdigit(c) || (c >= 'a' && c <= 'f'); });
}

RepoCache::RepoCache(std::string cache_root, RepoType type, std::string repo_id)
    : root_(std::move(cache_root)), repo_id_(std::move(repo_id)), folder_name_(repo_folder_name(type, repo_id_)),
      folder_(root_ + "/" + folder_name_) {}

std::optional<std::string> RepoCache::cached_commit(const std::string& revision) const {
  std::error_code ec;
  if (is_commit_hash(revision)) {
    if (fs::is_directory(snapshot_dir(revision), ec)) return revision;
    return std::nullopt;
  }
  fs::path ref = fs::path(folder_) / "refs" / revision;
  if (!fs::is_regular_file(ref, ec)) return std::nullopt;
  std::string commit = read_first_line(ref);
  if (!is_commit_hash(commit)) return std::nullopt;
  return commit;
}

void RepoCache::write_ref(const std::string& revision, const std::string& commit) const {
  if (revision == commit) return;
  fs::path ref = fs::path(folder_) / "refs" / revision;
  ensure_dir(ref.parent_path());
  if (fs::exists(ref) && read_first_line(ref) == commit) return;
  std::string tmp = ref.string() + ".tmp." + std::to_string(::getpid());
  {
    std::ofstream out(tmp, std::ios::trunc);
    out << commit;  // huggingface_hub writes the bare hash, no newline
    if (!out) throw input_error(tmp, "cannot write a cache ref");
  }
  fs::rename(tmp, ref);
}

std::string RepoCache::snapshot_dir(const std::string& commit) const { return folder_ + "/snapshots/" + commit; }

std::string RepoCache::snapshot_file(const std::string& commit, const std::string& path) const {
  return snapshot_dir(commit) + "/" + path;
}

bool RepoCache::has_file(const std::string& commit, const std::string& path) const {
  std::error_code ec;
  return fs::is_regular_file(snapshot_file(commit, path), ec);  // follows the link
}

bool RepoCache::known_missing(const std::string& commit, const std::string& path) const {
  std::error_code ec;
  return fs::exists(folder_ + "/.no_exist/" + commit + "/" + path, ec);
}

void RepoCache::mark_missing(const std::string& commit, const std::string& path) const {
  fs::path marker = fs::path(folder_) / ".no_exist" / commit / path;
  ensure_dir(marker.parent_path());
  std::ofstream touch(marker, std::ios::app);
}

std::string RepoCache::blob_path(const std::string& etag) const { return folder_ + "/blobs/" + etag; }
std::string RepoCache::incomplete_path(const std::string& etag) const { return blob_path(etag) + ".incomplete"; }
std::string RepoCache::lock_path(const std::string& etag) const {
  return root_ + "/.locks/" + folder_name_ + "/" + etag + ".lock";
}

void RepoCache::link_snapshot_file(const std::string& commit, const std::string& path, const std::string& etag) const {
  fs::path link = snapshot_file(commit, path);
  ensure_dir(link.parent_path());
  // ../../blobs/<etag> from snapshots/<commit>/, one more ../ per folder inside the repo path.
  std::string target = "../../blobs/" + etag;
  for (char c : path)
    if (c == '/') target = "../" + target;
  std::error_code ec;
  fs::remove(link, ec);
  fs::create_symlink(target, link, ec);
  if (!ec) return;
  fs::copy_file(blob_path(etag), link, fs::copy_options::overwrite_existing, ec);
  if (ec) throw input_error(link.string(), "cannot link or copy the downloaded blob: " + ec.message());
}

FileLock::FileLock(const std::string& path) {
  ensure_dir(fs::path(path).parent_path());
  fd_ = ::open(path.c_str(), O_RDWR | O_CREAT, 0644);
  if (fd_ < 0) throw input_error(path, std::string("cannot open lock file: ") + std::strerror(errno));
  while (::flock(fd_, LOCK_EX) != 0) {
    if (errno == EINTR) continue;
    int e = errno;
    ::close(fd_);
    throw input_error(path, std::string("cannot lock: ") + std::strerror(e));
  }
}

FileLock::~FileLock() {
  if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

uint64_t folder_size_bytes(const std::string& folder) {
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec) && !it->is_symlink(ec)) total += it->file_size(ec);
  return total;
}

std::vector<CachedRepo> scan_hub_cache(const std::string& cache_root) {
  std::vector<CachedRepo> repos;
  std::error_code ec;
  if (!fs::is_directory(cache_root, ec)) return repos;
  for (const auto& entry : fs::directory_iterator(cache_root, ec)) {
    std::string name = entry.path().filename().string();
    CachedRepo r;
    if (name.rfind("models--", 0) == 0) r.type = RepoType::Model, r.id = id_from_folder(name.substr(8));
    else if (name.rfind("datasets--", 0) == 0) r.type = RepoType::Dataset, r.id = id_from_folder(name.substr(10));
    else continue;
    r.folder = entry.path().string();
    r.size_bytes = folder_size_bytes(r.folder);
    fs::path refs = entry.path() / "refs";
    for (fs::recursive_directory_iterator it(refs, ec), end; !ec && it != end; it.increment(ec))
      if (it->is_regular_file()) r.refs.emplace_back(fs::relative(it->path(), refs).string(), read_first_line(it->path()));
    for (const auto& s : fs::directory_iterator(entry.path() / "snapshots", ec)) r.snapshots.push_back(s.path().filename().string());
    ec.clear();
    std::sort(r.refs.begin(), r.refs.end());
    std::sort(r.snapshots.begin(), r.snapshots.end());
    repos.push_back(std::move(r));
  }
  std::sort(repos.begin(), repos.end(), [](const CachedRepo& a, const CachedRepo& b) { return a.id < b.id; });
  return repos;
}

bool delete_cached_repo(const std::string& cache_root, RepoType type, const std::string& repo_id) {
  std::string name = repo_folder_name(type, repo_id);
  std::error_code ec;
  fs::path folder = fs::path(cache_root) / name;
  if (!fs::is_directory(folder, ec)) return false;
  fs::remove_all(folder, ec);
  if (ec) throw input_error(folder.string(), "cannot delete: " + ec.message());
  fs::remove_all(fs::path(cache_root) / ".locks" / name, ec);
  return true;
}

}  // namespace owb::hub
