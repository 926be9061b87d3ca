#pragma once
// A model name as users type it, to a folder the engine opens:
//   an existing folder            -> itself;
//   "org/name" or "org/name@rev"  -> snapshots/<commit>/ in the Hugging Face cache, holding
//       config.json, the tokenizer files the repo has (tokenizer.json, tokenizer_config.json,
//       special_tokens_map.json, generation_config.json) and model.safetensors or
//       model.safetensors.index.json plus every shard it lists.
// A snapshot already complete in the cache (ours or huggingface_hub's) is used without any
// request; otherwise the missing files are downloaded (hub_client.h). HF_HUB_OFFLINE=1 uses
// the cache only and says what is missing.
#include "hub_client.h"

#include <string>
#include <vector>

namespace owb::hub {

struct ResolveOptions {
  bool refresh = false;  // ask the hub even when the cache holds a complete snapshot
};

struct ResolvedModel {
  std::string path;      // the folder to open
  std::string repo_id;   // empty for a local folder
  std::string revision;  // as asked ("main" by default)
  std::string commit;
  int64_t downloaded_bytes = 0;  // 0: everything came from the cache
};

// The files of a repo the engine reads, in download order (before the weights are known).
const std::vector<std::string>& tokenizer_and_config_files();

ResolvedModel resolve_model_ex(const std::string& name_or_path, const ProgressFn& progress,
                               const ResolveOptions& options = {});
// Just the folder.
std::string resolve_model(const std::string& name_or_path, const ProgressFn& progress = {});

}  // namespace owb::hub
