#include "hub_env.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <fstream>

namespace owb::hub {

namespace {

std::optional<std::string> env(const char* name) {
  const char* v = std::getenv(name);
  if (!v || !*v) return std::nullopt;
  return std::string(v);
}

std::string strip_trailing_slash(std::string s) {
  while (s.size() > 1 && s.back() == '/') s.pop_back();
  return s;
}

std::string trim(const std::string& s) {
  size_t b = s.find_first_not_of(" \t\r\n"), e = s.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? "" : s.substr(b, e - b + 1);
}

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'; }

bool is_name(const std::string& s) {
  if (s.empty() || s.size() > 96 || s.front() == '.' || s.front() == '-') return false;
  if (s.find("..") != std::string::npos) return false;
  return std::all_of(s.begin(), s.end(), is_name_char);
}

}  // namespace

std::string hf_home() {
  if (auto h = env("HF_HOME")) return strip_trailing_slash(*h);
  if (auto x = env("XDG_CACHE_HOME")) return strip_trailing_slash(*x) + "/huggingface";
  return env("HOME").value_or("/tmp") + "/.cache/huggingface";
}

std::string hub_cache_root() {
  if (auto c = env("HF_HUB_CACHE")) return strip_trailing_slash(*c);
  if (auto c = env("HUGGINGFACE_HUB_CACHE")) return strip_trailing_slash(*c);
  return hf_home() + "/hub";
}

std::string hub_endpoint() { return strip_trailing_slash(env("HF_ENDPOINT").value_or("https://huggingface.co")); }

std::string datasets_server_endpoint() {
  return strip_trailing_slash(env("HF_DATASETS_SERVER").value_or("https://datasets-server.huggingface.co"));
}

bool hub_offline() {
  auto v = env("HF_HUB_OFFLINE");
  if (!v) return false;
  std::string s = *v;
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return std::toupper(c); });
  return s == "1" || s == "ON" || s == "YES" || s == "TRUE";
}

std::optional<std::string> hub_token() {
  if (auto t = env("HF_TOKEN")) return trim(*t);
  std::string path = env("HF_TOKEN_PATH").value_or(hf_home() + "/token");
  std::ifstream in(path);
  std::string line;
  if (in && std::getline(in, line) && !trim(line).empty()) return trim(line);
  return std::nullopt;
}

RepoRef parse_repo_ref(const std::string& text) {
  RepoRef r;
  size_t at = text.rfind('@');
  r.id = at == std::string::npos ? text : text.substr(0, at);
  if (at != std::string::npos && at + 1 < text.size()) r.revision = text.substr(at + 1);
  return r;
}

bool looks_like_repo_id(const std::string& text) {
  RepoRef r = parse_repo_ref(text);
  size_t slash = r.id.find('/');
  if (slash == std::string::npos) return is_name(r.id);
  return r.id.find('/', slash + 1) == std::string::npos && is_name(r.id.substr(0, slash)) &&
         is_name(r.id.substr(slash + 1));
}

}  // namespace owb::hub
