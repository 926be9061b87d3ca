#pragma once
// HTTP to the hub and the dataset viewer, through libcurl (a well-kept HTTP/TLS client; TLS
// is not something to write ourselves). What huggingface_hub's file_download.py does, in C++:
//   metadata: HEAD {endpoint}/{[datasets/]repo}/resolve/{revision}/{path}, not following the
//             CDN redirect, reading X-Repo-Commit, X-Linked-Etag or ETag, X-Linked-Size or
//             Content-Length, and Location (where the bytes are);
//   download: GET that location into blobs/<etag>.incomplete, resuming with a Range request
//             after a dropped connection (and across runs), then size and sha256 checks.
// The token ($HF_TOKEN or $HF_HOME/token) goes out as "Authorization: Bearer" to the hub's own
// host only (curl drops it on redirects elsewhere) and never into a message or a log.
#include "hub_cache.h"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

struct curl_slist;  // libcurl's header list; curl.h stays out of this header

namespace owb::hub {

struct DownloadProgress {
  std::string file;              // repo path being downloaded
  int64_t file_done_bytes = 0;   // of this file, including what an earlier attempt left
  int64_t file_total_bytes = 0;  // of this file (<= 0: unknown)
  int64_t done_bytes = 0;        // of the whole download (the model resolver fills these in)
  int64_t total_bytes = 0;
};
using ProgressFn = std::function<void(const DownloadProgress&)>;

struct FileMetadata {
  std::string commit;    // X-Repo-Commit
  std::string etag;      // blob name: sha256 (LFS) or git sha1, quotes and W/ removed
  int64_t size = -1;     // X-Linked-Size or Content-Length
  std::string location;  // absolute URL to GET the bytes from
  bool is_lfs() const;   // etag is a 64-hex sha256
};

class HubClient {
 public:
  // Endpoint, token and offline mode from the environment (hub_env.h).
  HubClient();
  ~HubClient();
  HubClient(const HubClient&) = delete;
  HubClient& operator=(const HubClient&) = delete;

  const std::string& endpoint() const { return endpoint_; }
  std::string resolve_url(RepoType type, const std::string& repo_id, const std::string& revision,
                          const std::string& path) const;

  // HEAD of one repo file. nullopt when the repo exists but the file does not; throws
  // InputError for a gated/private repo (401/403), a missing repo or revision (404), offline
  // mode or a network failure, each saying what to do.
  std::optional<FileMetadata> file_metadata(RepoType type, const std::string& repo_id, const std::string& revision,
                                            const std::string& path);

  // GETs `url` into `dest`, appending to the bytes already there (Range) and retrying a
  // dropped connection up to 5 times. Throws when the size at the end is not `expected_size`.
  void download(const std::string& url, const std::string& dest, int64_t expected_size, const std::string& label,
                const ProgressFn& progress);

  // GET returning JSON (the dataset viewer). Non-200 answers throw InputError with the
  // server's own "error" text; `what` names the request in messages.
  nlohmann::json get_json(const std::string& url, const std::string& what);

 private:
  struct Response;
  Response perform(const std::string& url, bool head, bool follow);
  // Resets the handle and sets what every request shares: URL, headers (the token only to the
  // hub, and to the dataset viewer when `token_to_viewer`), user agent, timeouts, error buffer,
  // redirect limit. Returns the header list, which the caller frees after the transfer.
  ::curl_slist* start_request(const std::string& url, bool token_to_viewer, char* error_buffer);
  void require_online(const std::string& what) const;

  void* curl_ = nullptr;
  std::string endpoint_;
  std::optional<std::string> token_;
};

// Percent-encodes a revision or a query value ("refs/pr/1" -> "refs%2Fpr%2F1").
std::string url_encode(const std::string& text);

}  // namespace owb::hub
