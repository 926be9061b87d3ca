#pragma once
// The remote end of the hub, stood in by a tiny HTTP/1.1 server on 127.0.0.1 (POSIX sockets,
// one thread, one connection at a time, "Connection: close"). It answers with the real hub's
// URL layout and headers:
//   HEAD|GET /{org}/{name}/resolve/{rev}/{path}
//     LFS files (*.safetensors): 302 to /cdn-lfs/<sha256>?X-Amz-Signature=..., with
//       X-Repo-Commit, X-Linked-Etag: "<sha256>", X-Linked-Size, ETag
//     other files: 200 with X-Repo-Commit, ETag: "<40 hex>", Content-Length (and the bytes on GET)
//     gated repo without its token: 401, X-Error-Code: GatedRepo
//     unknown repo 404 RepoNotFound, unknown revision 404 RevisionNotFound, unknown file 404 EntryNotFound
//   GET /cdn-lfs/<sha256>   the blob, honouring "Range: bytes=N-" (206 + Content-Range)
//   GET /splits?dataset=    {"splits":[{dataset,config,split}],"pending":[],"failed":[]}
//   GET /rows?dataset=&config=&split=&offset=&length=   {features, rows:[{row_idx,row,truncated_cells}],
//       num_rows_total, num_rows_per_page, partial}
// Faults on demand: a blob whose first GET stops half-way (connection closed), a blob served
// with one byte flipped.
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>
#include <atomic>

namespace owb::test {

struct FakeRequest {
  std::string method;
  std::string path;  // without the query
  std::map<std::string, std::string> query;
  std::map<std::string, std::string> headers;  // lower-case names
};

struct FakeModelRepo {
  std::string id;      // "org/name"
  std::string commit;  // 40 hex
  std::map<std::string, std::string> files;  // repo path -> bytes
  std::string required_token;               // non-empty: gated, needs "Bearer <token>"
};

struct FakeDataset {
  std::string id;
  // config -> split -> the "text" column of each row, in order
  std::map<std::string, std::map<std::string, std::vector<std::string>>> texts;
};

class FakeHubServer {
 public:
  FakeHubServer();
  ~FakeHubServer();
  FakeHubServer(const FakeHubServer&) = delete;
  FakeHubServer& operator=(const FakeHubServer&) = delete;

  std::string url() const;  // http://127.0.0.1:<port>
  void add_model(const FakeModelRepo& repo);
  void add_dataset(const FakeDataset& dataset);
  // The next GET of this blob (a sha256) sends its headers and half its bytes, then hangs up.
  void drop_next_blob_get(const std::string& sha256);
  // Every GET of this blob serves its bytes with the middle byte flipped.
  void corrupt_blob(const std::string& sha256);

  std::vector<FakeRequest> requests() const;
  size_t request_count() const;
  void clear_requests();

  // The ETag the server gives a non-LFS file ("git sha1-like": 40 hex of the content's hash).
  static std::string small_file_etag(const std::string& bytes);
  static bool is_lfs_path(const std::string& path);

 private:
  void serve();
  void handle(int fd);
  void answer_resolve(int fd, const FakeRequest& r);
  void answer_blob(int fd, const FakeRequest& r);
  void answer_splits(int fd, const FakeRequest& r);
  void answer_rows(int fd, const FakeRequest& r);

  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::thread thread_;
  mutable std::mutex mutex_;
  std::vector<FakeModelRepo> models_;
  std::vector<FakeDataset> datasets_;
  std::map<std::string, std::string> blobs_;  // sha256 -> bytes
  std::set<std::string> drop_next_, corrupt_;
  std::vector<FakeRequest> requests_;
};

}  // namespace owb::test
