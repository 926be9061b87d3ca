#pragma once
// What the hub suites share: a fresh HF_HOME per test pointing at the fake hub, and the
// fixture repo read from a folder written by `owb make-test-model`.
#include "fake_hub_server.h"
#include "test_support.h"

#include <cstdlib>
#include <filesystem>
#include <optional>
#include <string>

namespace owb::test {

// Sets the hub variables for one test and puts the old values back afterwards:
// HF_HOME = a new temp folder (so the cache is <it>/hub), HF_ENDPOINT and HF_DATASETS_SERVER =
// the fake hub, no token, online.
class HubEnv {
 public:
  explicit HubEnv(const FakeHubServer& server) {
    set("HF_HOME", home_.path());
    set("HF_ENDPOINT", server.url());
    set("HF_DATASETS_SERVER", server.url());
    for (const char* v : {"HF_HUB_CACHE", "HUGGINGFACE_HUB_CACHE", "HF_TOKEN", "HF_TOKEN_PATH", "HF_HUB_OFFLINE"}) set(v, std::nullopt);
  }
  ~HubEnv() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second) ::setenv(it->first.c_str(), it->second->c_str(), 1);
      else ::unsetenv(it->first.c_str());
    }
  }
  void set(const std::string& name, const std::optional<std::string>& value) {
    const char* old = std::getenv(name.c_str());
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    if (value) ::setenv(name.c_str(), value->c_str(), 1);
    else ::unsetenv(name.c_str());
  }
  std::string home() const { return home_.path(); }
  std::string cache() const { return home_.path() + "/hub"; }

 private:
  TempDir home_;
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

// Every file of a model folder, as the fake hub's repo.
inline FakeModelRepo repo_from_folder(const std::string& id, const std::string& commit, const std::string& dir) {
  FakeModelRepo repo{id, commit, {}, ""};
  for (const auto& e : std::filesystem::directory_iterator(dir))
    if (e.is_regular_file()) repo.files[e.path().filename().string()] = read_file(e.path().string());
  return repo;
}

}  // namespace owb::test
