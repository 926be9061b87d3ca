#include "hub_client.h"

#include "errors.h"
#include "hub_env.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <map>
#include <mutex>
#include <thread>
#include <unistd.h>

namespace owb::hub {

namespace fs = std::filesystem;

namespace {

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::tolower(c); });
  return s;
}

bool is_hex(const std::string& s, size_t n) {
  return s.size() == n && std::all_of(s.begin(), s.end(), [](unsigned char c) { return std::isxdigit(c); });
}

// ETag: "abc" or W/"abc" -> abc.
std::string normalize_etag(std::string e) {
  if (e.rfind("W/", 0) == 0) e = e.substr(2);
  if (e.size() >= 2 && e.front() == '"' && e.back() == '"') e = e.substr(1, e.size() - 2);
  return e;
}

// Headers of the last response only: a redirect chain sends one block per hop.
struct HeaderBlock {
  long status = 0;
  std::map<std::string, std::string> fields;  // lower-case names
};

size_t on_header(char* data, size_t size, size_t count, void* user) {
  auto* h = static_cast<HeaderBlock*>(user);
  std::string line(data, size * count);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  if (line.rfind("HTTP/", 0) == 0) {
    h->fields.clear();
    size_t sp = line.find(' ');
    h->status = sp == std::string::npos ? 0 : std::atol(line.c_str() + sp + 1);
  } else if (size_t colon = line.find(':'); colon != std::string::npos) {
    size_t v = line.find_first_not_of(' ', colon + 1);
    h->fields[lower(line.substr(0, colon))] = v == std::string::npos ? "" : line.substr(v);
  }
  return size * count;
}

size_t on_body_to_string(char* data, size_t size, size_t count, void* user) {
  static_cast<std::string*>(user)->append(data, size * count);
  return size * count;
}

std::string header(const HeaderBlock& h, const char* name) {
  auto it = h.fields.find(name);
  return it == h.fields.end() ? "" : it->second;
}

// scheme://host[:port] of a URL.
std::string origin_of(const std::string& url) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t path = url.find('/', scheme + 3);
  return path == std::string::npos ? url : url.substr(0, path);
}

std::string absolute_location(const std::string& location, const std::string& request_url) {
  if (location.find("://") != std::string::npos) return location;
  if (!location.empty() && location.front() == '/') return origin_of(request_url) + location;
  return request_url.substr(0, request_url.rfind('/') + 1) + location;
}

void global_init() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
}

bool is_transfer_drop(CURLcode rc) {
  return rc == CURLE_PARTIAL_FILE || rc == CURLE_RECV_ERROR || rc == CURLE_GOT_NOTHING ||
         rc == CURLE_OPERATION_TIMEDOUT || rc == CURLE_SEND_ERROR || rc == CURLE_HTTP2_STREAM ||
         rc == CURLE_COULDNT_CONNECT;
}

}  // namespace

bool FileMetadata::is_lfs() const { return is_hex(etag, 64); }

std::string url_encode(const std::string& text) {
  static const char* digits = "0123456789ABCDEF";
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') out += static_cast<char>(c);
    else out += '%', out += digits[c >> 4], out += digits[c & 15];
  }
  return out;
}

struct HubClient::Response {
  CURLcode rc = CURLE_OK;
  std::string curl_error;
  HeaderBlock head;
  std::string body;
  std::string url;
};

HubClient::HubClient() : endpoint_(hub_endpoint()), token_(hub_token()) {
  global_init();
  curl_ = curl_easy_init();
  if (!curl_) throw std::runtime_error("libcurl: curl_easy_init failed");
}

HubClient::~HubClient() { curl_easy_cleanup(static_cast<CURL*>(curl_)); }

std::string HubClient::resolve_url(RepoType type, const std::string& repo_id, const std::string& revision,
                                   const std::string& path) const {
  return endpoint_ + (type == RepoType::Dataset ? "/datasets/" : "/") + repo_id + "/resolve/" + url_encode(revision) +
         "/" + path;
}

void HubClient::require_online(const std::string& what) const {
  if (hub_offline())
    throw InputError(what + ": not in the local cache and HF_HUB_OFFLINE is set, so nothing is downloaded "
                            "(unset HF_HUB_OFFLINE or download it first with `owb download`)");
}

curl_slist* HubClient::start_request(const std::string& url, bool token_to_viewer, char* error_buffer) {
  CURL* c = static_cast<CURL*>(curl_);
  curl_easy_reset(c);
  curl_slist* headers = curl_slist_append(nullptr, "Accept-Encoding: identity");
  // The token goes only to our own hosts, never to a CDN a redirect names.
  bool own_host = origin_of(url) == origin_of(endpoint_) ||
                  (token_to_viewer && origin_of(url) == origin_of(datasets_server_endpoint()));
  if (token_ && own_host) headers = curl_slist_append(headers, ("Authorization: Bearer " + *token_).c_str());
  curl_easy_setopt(c, CURLOPT_URL, url.c_str());
  curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(c, CURLOPT_USERAGENT, "owb/0.1 (outlier-workbench; hf-hub-compatible)");
  curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, 30L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_LIMIT, 1L);
  curl_easy_setopt(c, CURLOPT_LOW_SPEED_TIME, 60L);
  curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error_buffer);
  curl_easy_setopt(c, CURLOPT_MAXREDIRS, 10L);
  return headers;
}

HubClient::Response HubClient::perform(const std::string& url, bool head, bool follow) {
  CURL* c = static_cast<CURL*>(curl_);
  Response r;
  r.url = url;
  char error_buffer[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = start_request(url, /*token_to_viewer=*/true, error_buffer);
  curl_easy_setopt(c, CURLOPT_NOBODY, head ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, follow ? 1L : 0L);
  curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
  curl_easy_setopt(c, CURLOPT_HEADERDATA, &r.head);
  curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body_to_string);
  curl_easy_setopt(c, CURLOPT_WRITEDATA, &r.body);
  r.rc = curl_easy_perform(c);
  r.curl_error = error_buffer[0] ? error_buffer : curl_easy_strerror(r.rc);
  curl_slist_free_all(headers);
  return r;
}

std::optional<FileMetadata> HubClient::file_metadata(RepoType type, const std::string& repo_id,
                                                     const std::string& revision, const std::string& path) {
  const std::string what = repo_id + "@" + revision + ": " + path;
  require_online(what);
  std::string url = resolve_url(type, repo_id, revision, path);
  for (int hop = 0; hop < 5; ++hop) {
    Response r = perform(url, /*head=*/true, /*follow=*/false);
    if (r.rc != CURLE_OK) throw InputError(what + ": cannot reach " + endpoint_ + ": " + r.curl_error);
    const long status = r.head.status;
    const std::string error_code = header(r.head, "x-error-code");
    const std::string page = "https://huggingface.co/" + repo_id;
    if (status == 401 || status == 403 || error_code == "GatedRepo")
      throw InputError(repo_id + ": HTTP " + std::to_string(status) +
                       ": gated or private: accept the licence on the hub (" + page + ") and set HF_TOKEN" +
                       (token_ ? " (a token was sent: check that it has access)" : " (no token was found)"));
    if (status == 404) {
      if (error_code == "EntryNotFound") return std::nullopt;
      if (error_code == "RevisionNotFound") throw InputError(repo_id + ": revision \"" + revision + "\" not found on the hub");
      throw InputError(repo_id + ": repository not found on " + endpoint_ + " (HTTP 404" +
                       (error_code.empty() ? "" : ", " + error_code) + "): check the id" +
                       (path == "config.json" ? "" : " (while asking for " + path + ")"));
    }
    const std::string location = header(r.head, "location");
    const std::string commit = header(r.head, "x-repo-commit");
    std::string etag = normalize_etag(header(r.head, "x-linked-etag"));
    if (etag.empty()) etag = normalize_etag(header(r.head, "etag"));
    // A redirect without file metadata (a renamed repo) is followed; one with it points at the CDN.
    if (status >= 300 && status < 400 && commit.empty() && !location.empty()) {
      url = absolute_location(location, url);
      continue;
    }
    if (status >= 400 || status < 200)
      throw InputError(what + ": HTTP " + std::to_string(status) + " from " + endpoint_);
    if (commit.empty() || etag.empty())
      throw InputError(what + ": the server's answer lacks X-Repo-Commit or ETag (is " + endpoint_ + " a hub?)");
    FileMetadata m;
    m.commit = commit;
    m.etag = etag;
    std::string size = header(r.head, "x-linked-size");
    if (size.empty()) size = header(r.head, "content-length");
    m.size = size.empty() ? -1 : std::stoll(size);
    m.location = status >= 300 && !location.empty() ? absolute_location(location, url) : url;
    return m;
  }
  throw InputError(what + ": too many redirects");
}

namespace {

// The body of one GET appended to a file, or kept as an error text when the status says so.
struct FileSink {
  FILE* file = nullptr;
  HeaderBlock* head = nullptr;
  int64_t offset = 0;   // bytes in the file before this request
  int64_t written = 0;  // bytes this request appended
  bool started = false;
  std::string error_body;
};

size_t on_body_to_file(char* data, size_t size, size_t count, void* user) {
  auto* s = static_cast<FileSink*>(user);
  const size_t n = size * count;
  if (s->head->status >= 300) {
    if (s->error_body.size() < 4096) s->error_body.append(data, n);
    return n;
  }
  if (!s->started) {
    s->started = true;
    // A 200 to a Range request is the whole file again: start over.
    if (s->head->status == 200 && s->offset > 0) {
      if (std::fflush(s->file) != 0 || ::ftruncate(fileno(s->file), 0) != 0) return 0;
      std::fseek(s->file, 0, SEEK_SET);
      s->offset = 0;
    }
  }
  if (std::fwrite(data, 1, n, s->file) != n) return 0;
  s->written += static_cast<int64_t>(n);
  return n;
}

struct ProgressState {
  const ProgressFn* fn = nullptr;
  FileSink* sink = nullptr;
  DownloadProgress p;
  std::chrono::steady_clock::time_point last;
};

int on_progress(void* user, curl_off_t, curl_off_t, curl_off_t, curl_off_t) {
  auto* s = static_cast<ProgressState*>(user);
  auto now = std::chrono::steady_clock::now();
  if (now - s->last < std::chrono::milliseconds(200)) return 0;
  s->last = now;
  s->p.file_done_bytes = s->p.done_bytes = s->sink->offset + s->sink->written;
  (*s->fn)(s->p);
  return 0;
}

int64_t file_size_or_zero(const std::string& path) {
  std::error_code ec;
  auto n = fs::file_size(path, ec);
  return ec ? 0 : static_cast<int64_t>(n);
}

}  // namespace

void HubClient::download(const std::string& url, const std::string& dest, int64_t expected_size,
                         const std::string& label, const ProgressFn& progress) {
  require_online(label);
  CURL* c = static_cast<CURL*>(curl_);
  std::string last_error;
  for (int attempt = 0; attempt < 6; ++attempt) {
    if (attempt > 0) std::this_thread::sleep_for(std::chrono::milliseconds(250 * attempt));
    int64_t have = file_size_or_zero(dest);
    if (expected_size > 0 && have == expected_size) break;
    if (expected_size > 0 && have > expected_size) fs::remove(dest), have = 0;
    FILE* f = std::fopen(dest.c_str(), "ab");
    if (!f) throw input_error(dest, "cannot write the download");
    HeaderBlock head;
    FileSink sink{f, &head, have};
    ProgressState ps{&progress, &sink, {label, have, expected_size, have, expected_size}, {}};
    char error_buffer[CURL_ERROR_SIZE] = {0};
    curl_slist* headers = start_request(url, /*token_to_viewer=*/false, error_buffer);
    std::string range = std::to_string(have) + "-";
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    if (have > 0) curl_easy_setopt(c, CURLOPT_RANGE, range.c_str());
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, &head);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_body_to_file);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &sink);
    if (progress) {
      curl_easy_setopt(c, CURLOPT_NOPROGRESS, 0L);
      curl_easy_setopt(c, CURLOPT_XFERINFOFUNCTION, on_progress);
      curl_easy_setopt(c, CURLOPT_XFERINFODATA, &ps);
    }
    CURLcode rc = curl_easy_perform(c);
    curl_slist_free_all(headers);
    const bool flushed = std::fclose(f) == 0;
    if (!flushed) throw input_error(dest, "write failed (disk full?)");
    if (progress) {
      const int64_t now_have = file_size_or_zero(dest);
      progress({label, now_have, expected_size, now_have, expected_size});
    }
    if (rc == CURLE_OK && head.status == 416) break;  // asked past the end: the file is whole
    if (rc == CURLE_OK && head.status >= 400)
      throw InputError(label + ": HTTP " + std::to_string(head.status) + " while downloading" +
                       (head.status == 401 || head.status == 403
                            ? ": gated or private: accept the licence on the hub and set HF_TOKEN"
                            : ""));
    if (rc == CURLE_OK) {
      if (expected_size <= 0 || file_size_or_zero(dest) >= expected_size) break;
      last_error = "the server closed the transfer early";
      continue;
    }
    last_error = error_buffer[0] ? error_buffer : curl_easy_strerror(rc);
    if (!is_transfer_drop(rc)) throw InputError(label + ": download failed: " + last_error);
  }
  const int64_t have = file_size_or_zero(dest);
  if (expected_size > 0 && have != expected_size)
    throw InputError(label + ": download incomplete after retries (" + std::to_string(have) + " of " +
                     std::to_string(expected_size) + " bytes" + (last_error.empty() ? "" : "; " + last_error) +
                     "); run again to resume");
}

nlohmann::json HubClient::get_json(const std::string& url, const std::string& what) {
  require_online(what);
  Response r = perform(url, /*head=*/false, /*follow=*/true);
  if (r.rc != CURLE_OK) throw InputError(what + ": cannot reach " + origin_of(url) + ": " + r.curl_error);
  std::string server_error;
  nlohmann::json j = nlohmann::json::parse(r.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_object() && j.contains("error") && j["error"].is_string()) server_error = j["error"].get<std::string>();
  const long status = r.head.status;
  if (status == 401 || status == 403)
    throw InputError(what + ": HTTP " + std::to_string(status) +
                     ": gated or private: accept the licence on the hub and set HF_TOKEN" +
                     (server_error.empty() ? "" : " (" + server_error + ")"));
  if (status != 200)
    throw InputError(what + ": HTTP " + std::to_string(status) + (server_error.empty() ? "" : ": " + server_error));
  if (j.is_discarded()) throw InputError(what + ": the answer is not JSON");
  return j;
}

}  // namespace owb::hub
