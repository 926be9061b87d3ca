#pragma once
// Where the hub is and what the user allows, read from the environment exactly as
// huggingface_hub reads it (constants.py), so both tools share one cache and one token.
#include <optional>
#include <string>

namespace owb::hub {

// $HF_HOME, else $XDG_CACHE_HOME/huggingface, else ~/.cache/huggingface.
std::string hf_home();
// $HF_HUB_CACHE, else $HUGGINGFACE_HUB_CACHE (legacy), else $HF_HOME/hub.
std::string hub_cache_root();
// Base URL of the hub: $HF_ENDPOINT (no trailing '/') or https://huggingface.co.
std::string hub_endpoint();
// Base URL of the dataset viewer: $HF_DATASETS_SERVER or https://datasets-server.huggingface.co.
std::string datasets_server_endpoint();
// $HF_HUB_OFFLINE set to 1/ON/YES/TRUE (any case): no network at all.
bool hub_offline();
// $HF_TOKEN, else the first line of $HF_TOKEN_PATH or $HF_HOME/token; nullopt when none.
// The token is never logged, written or put in an error message.
std::optional<std::string> hub_token();

// "org/name@rev" -> {"org/name", "rev"}; no '@': revision "main".
struct RepoRef {
  std::string id;
  std::string revision = "main";
};
RepoRef parse_repo_ref(const std::string& text);
// True when `text` has the shape of a hub repo id ("name" or "org/name", optionally "@rev"):
// letters, digits, '-', '_', '.', no "..", no leading '/' or '.'. Says nothing about existence.
bool looks_like_repo_id(const std::string& text);

}  // namespace owb::hub
