#include "fake_hub_server.h"

#include "sha256.h"

#include <nlohmann/json.hpp>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstring>
#include <sstream>
#include <stdexcept>

namespace owb::test {

using nlohmann::json;

namespace {

std::string percent_decode(const std::string& s) {
  std::string out;
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size()) {
      out += static_cast<char>(std::stoi(s.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      out += s[i] == '+' ? ' ' : s[i];
    }
  }
  return out;
}

void send_all(int fd, const std::string& bytes) {
  size_t sent = 0;
  while (sent < bytes.size()) {
    ssize_t n = ::send(fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;  // the client went away; nothing to do
    sent += static_cast<size_t>(n);
  }
}

const char* reason(int status) {
  switch (status) {
    case 200: return "OK";
    case 206: return "Partial Content";
    case 302: return "Found";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 416: return "Range Not Satisfiable";
    default: return "Error";
  }
}

// One response; `body` goes out unless the request was a HEAD. Content-Length is the body's
// length unless `content_length` >= 0 says otherwise (a HEAD announces the real size).
void respond(int fd, const FakeRequest& r, int status, std::vector<std::pair<std::string, std::string>> headers,
             const std::string& body, long long content_length = -1) {
  std::ostringstream head;
  head << "HTTP/1.1 " << status << " " << reason(status) << "\r\n";
  for (const auto& [k, v] : headers) head << k << ": " << v << "\r\n";
  head << "Content-Length: " << (content_length >= 0 ? content_length : static_cast<long long>(body.size())) << "\r\n";
  head << "Connection: close\r\n\r\n";
  send_all(fd, head.str() + (r.method == "HEAD" ? "" : body));
}

void respond_json(int fd, const FakeRequest& r, int status, const json& j) {
  respond(fd, r, status, {{"Content-Type", "application/json"}}, j.dump());
}

}  // namespace

std::string FakeHubServer::small_file_etag(const std::string& bytes) {
  return hub::sha256_hex("blob " + std::to_string(bytes.size()) + std::string(1, '\0') + bytes).substr(0, 40);
}

bool FakeHubServer::is_lfs_path(const std::string& path) {
  const std::string ext = ".safetensors";
  return path.size() > ext.size() && path.compare(path.size() - ext.size(), ext.size(), ext) == 0;
}

FakeHubServer::FakeHubServer() {
  listen_fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
  if (listen_fd_ < 0) throw std::runtime_error("fake hub: socket() failed");
  int yes = 1;
  ::setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  addr.sin_port = 0;
  if (::bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 || ::listen(listen_fd_, 16) != 0)
    throw std::runtime_error("fake hub: cannot listen on 127.0.0.1");
  socklen_t len = sizeof addr;
  ::getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  thread_ = std::thread([this] { serve(); });
}

FakeHubServer::~FakeHubServer() {
  stop_ = true;
  thread_.join();
  ::close(listen_fd_);
}

std::string FakeHubServer::url() const { return "http://127.0.0.1:" + std::to_string(port_); }

void FakeHubServer::add_model(const FakeModelRepo& repo) {
  std::lock_guard<std::mutex> lock(mutex_);
  models_.push_back(repo);
  for (const auto& [path, bytes] : repo.files)
    if (is_lfs_path(path)) blobs_[hub::sha256_hex(bytes)] = bytes;
}

void FakeHubServer::add_dataset(const FakeDataset& dataset) {
  std::lock_guard<std::mutex> lock(mutex_);
  datasets_.push_back(dataset);
}

void FakeHubServer::drop_next_blob_get(const std::string& sha256) {
  std::lock_guard<std::mutex> lock(mutex_);
  drop_next_.insert(sha256);
}

void FakeHubServer::corrupt_blob(const std::string& sha256) {
  std::lock_guard<std::mutex> lock(mutex_);
  corrupt_.insert(sha256);
}

std::vector<FakeRequest> FakeHubServer::requests() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_;
}

size_t FakeHubServer::request_count() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return requests_.size();
}

void FakeHubServer::clear_requests() {
  std::lock_guard<std::mutex> lock(mutex_);
  requests_.clear();
}

void FakeHubServer::serve() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (::poll(&p, 1, 50) <= 0) continue;
    int fd = ::accept(listen_fd_, nullptr, nullptr);
    if (fd < 0) continue;
    handle(fd);
    ::close(fd);
  }
}

void FakeHubServer::handle(int fd) {
  std::string raw;
  char buffer[4096];
  while (raw.find("\r\n\r\n") == std::string::npos) {
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, 5000) <= 0) return;
    ssize_t n = ::recv(fd, buffer, sizeof buffer, 0);
    if (n <= 0) return;
    raw.append(buffer, static_cast<size_t>(n));
  }
  FakeRequest r;
  std::istringstream lines(raw.substr(0, raw.find("\r\n\r\n")));
  std::string line, target;
  std::getline(lines, line);
  std::istringstream(line) >> r.method >> target;
  while (std::getline(lines, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    r.headers[name] = line.substr(line.find_first_not_of(' ', colon + 1));
  }
  size_t q = target.find('?');
  r.path = target.substr(0, q);
  if (q != std::string::npos) {
    std::istringstream pairs(target.substr(q + 1));
    std::string pair;
    while (std::getline(pairs, pair, '&')) {
      size_t eq = pair.find('=');
      r.query[percent_decode(pair.substr(0, eq))] = eq == std::string::npos ? "" : percent_decode(pair.substr(eq + 1));
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    requests_.push_back(r);
  }
  if (r.path.rfind("/cdn-lfs/", 0) == 0) return answer_blob(fd, r);
  if (r.path == "/splits") return answer_splits(fd, r);
  if (r.path == "/rows") return answer_rows(fd, r);
  if (r.path.find("/resolve/") != std::string::npos) return answer_resolve(fd, r);
  respond_json(fd, r, 404, {{"error", "no route"}});
}

void FakeHubServer::answer_resolve(int fd, const FakeRequest& r) {
  // /{org}/{name}/resolve/{rev}/{path...}
  const size_t at = r.path.find("/resolve/");
  const std::string repo_id = r.path.substr(1, at - 1);
  std::string rest = r.path.substr(at + 9);
  const std::string revision = percent_decode(rest.substr(0, rest.find('/')));
  const std::string path = rest.find('/') == std::string::npos ? "" : rest.substr(rest.find('/') + 1);
  FakeModelRepo repo;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    bool found = false;
    for (const auto& m : models_)
      if (m.id == repo_id) repo = m, found = true;
    if (!found) return respond(fd, r, 404, {{"X-Error-Code", "RepoNotFound"}, {"X-Error-Message", "Repository not found"}}, "");
  }
  if (!repo.required_token.empty()) {
    auto auth = r.headers.find("authorization");
    if (auth == r.headers.end() || auth->second != "Bearer " + repo.required_token)
      return respond(fd, r, 401, {{"X-Error-Code", "GatedRepo"}, {"X-Error-Message", "Access to model " + repo_id + " is restricted."}}, "");
  }
  if (revision != "main" && revision != repo.commit)
    return respond(fd, r, 404, {{"X-Error-Code", "RevisionNotFound"}}, "");
  auto file = repo.files.find(path);
  if (file == repo.files.end()) return respond(fd, r, 404, {{"X-Error-Code", "EntryNotFound"}}, "");
  const std::string& bytes = file->second;
  if (is_lfs_path(path)) {
    const std::string sha = hub::sha256_hex(bytes);
    return respond(fd, r, 302,
                   {{"Location", url() + "/cdn-lfs/" + sha + "?X-Amz-Signature=0123abcd"},
                    {"X-Repo-Commit", repo.commit},
                    {"X-Linked-Etag", "\"" + sha + "\""},
                    {"X-Linked-Size", std::to_string(bytes.size())},
                    {"ETag", "\"" + sha + "\""}},
                   "");
  }
  respond(fd, r, 200,
          {{"X-Repo-Commit", repo.commit}, {"ETag", "\"" + small_file_etag(bytes) + "\""}, {"Accept-Ranges", "bytes"}},
          bytes);
}

void FakeHubServer::answer_blob(int fd, const FakeRequest& r) {
  const std::string sha = r.path.substr(9);
  std::string bytes;
  bool drop = false;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = blobs_.find(sha);
    if (it == blobs_.end()) return respond(fd, r, 404, {}, "no such blob");
    bytes = it->second;
    if (corrupt_.count(sha)) bytes[bytes.size() / 2] ^= 0x5a;
    if (r.method == "GET" && drop_next_.erase(sha)) drop = true;
  }
  size_t from = 0;
  auto range = r.headers.find("range");
  if (range != r.headers.end() && range->second.rfind("bytes=", 0) == 0) from = std::stoull(range->second.substr(6));
  if (from >= bytes.size() && range != r.headers.end())
    return respond(fd, r, 416, {{"Content-Range", "bytes */" + std::to_string(bytes.size())}}, "");
  const int status = range != r.headers.end() ? 206 : 200;
  std::vector<std::pair<std::string, std::string>> headers = {{"Content-Type", "application/octet-stream"},
                                                              {"Accept-Ranges", "bytes"}, {"ETag", "\"" + sha + "\""}};
  if (status == 206)
    headers.push_back({"Content-Range", "bytes " + std::to_string(from) + "-" + std::to_string(bytes.size() - 1) + "/" +
                                            std::to_string(bytes.size())});
  const std::string body = bytes.substr(from);
  if (!drop) return respond(fd, r, status, headers, body);
  // Announce the whole body, send half of it, hang up.
  std::ostringstream head;
  head << "HTTP/1.1 " << status << " " << reason(status) << "\r\n";
  for (const auto& [k, v] : headers) head << k << ": " << v << "\r\n";
  head << "Content-Length: " << body.size() << "\r\nConnection: close\r\n\r\n";
  send_all(fd, head.str() + body.substr(0, body.size() / 2));
  ::shutdown(fd, SHUT_RDWR);
}

void FakeHubServer::answer_splits(int fd, const FakeRequest& r) {
  const std::string dataset = r.query.count("dataset") ? r.query.at("dataset") : "";
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& d : datasets_) {
    if (d.id != dataset) continue;
    json splits = json::array();
    for (const auto& [config, by_split] : d.texts)
      for (const auto& [split, texts] : by_split) splits.push_back({{"dataset", d.id}, {"config", config}, {"split", split}});
    return respond_json(fd, r, 200, {{"splits", splits}, {"pending", json::array()}, {"failed", json::array()}});
  }
  respond_json(fd, r, 404, {{"error", "The dataset does not exist, or is not accessible without authentication (private or gated). Please check the spelling of the dataset name or retry with authentication."}});
}

void FakeHubServer::answer_rows(int fd, const FakeRequest& r) {
  auto arg = [&](const char* k) { return r.query.count(k) ? r.query.at(k) : std::string(); };
  std::lock_guard<std::mutex> lock(mutex_);
  for (const auto& d : datasets_) {
    if (d.id != arg("dataset")) continue;
    auto config = d.texts.find(arg("config"));
    if (config == d.texts.end() || !config->second.count(arg("split")))
      return respond_json(fd, r, 404, {{"error", "Not found."}});
    const auto& texts = config->second.at(arg("split"));
    const size_t offset = std::stoul(arg("offset").empty() ? "0" : arg("offset"));
    const size_t length = std::stoul(arg("length").empty() ? "100" : arg("length"));
    if (length > 100) return respond_json(fd, r, 422, {{"error", "Parameter 'length' must not be greater than 100"}});
    json rows = json::array();
    for (size_t i = offset; i < std::min(texts.size(), offset + length); ++i)
      rows.push_back({{"row_idx", i}, {"row", {{"text", texts[i]}, {"id", "<urn:uuid:" + std::to_string(i) + ">"}}},
                      {"truncated_cells", json::array()}});
    json features = json::array({{{"feature_idx", 0}, {"name", "text"}, {"type", {{"dtype", "string"}, {"_type", "Value"}}}},
                                 {{"feature_idx", 1}, {"name", "id"}, {"type", {{"dtype", "string"}, {"_type", "Value"}}}}});
    return respond_json(fd, r, 200, {{"features", features}, {"rows", rows}, {"num_rows_total", texts.size()},
                                     {"num_rows_per_page", 100}, {"partial", false}});
  }
  respond_json(fd, r, 404, {{"error", "The dataset does not exist."}});
}

}  // namespace owb::test
