// owb inspect MODEL_DIR: the checkpoint described as JSON, without reading any weight.
#include "args.h"
#include "commands.h"

#include "checkpoint.h"
#include "model_resolver.h"
#include "model_summary.h"

#include <iostream>

namespace owb::cli {

int run_inspect(const CommandArgs& argv) {
  Args args(argv,
            "usage: owb inspect [--config-only] MODEL_DIR|CONFIG_JSON\n"
            "Prints JSON: model_type, layers, hidden size, heads, kv heads, vocab, total and active\n"
            "parameters (MoE: active = what one token uses, top_k of num_experts routed experts),\n"
            "storage dtype, bytes per layer and the hook point names. The checkpoint's headers are\n"
            "validated; no weight is read.\n"
            "  --config-only   read config.json alone (no weights needed); parameters are counted\n"
            "                  from the family's tensor table, storage fields are left out");
  if (args.help_requested()) {
    std::cout << args.usage() << "\n";
    return 0;
  }
  const bool config_only = args.flag("--config-only");
  auto dir = args.positional();
  args.finish();
  if (!dir) throw UsageError("missing MODEL_DIR");
  if (config_only) {
    std::cout << summarize_config(load_model_config(*dir), *dir).dump(2) << "\n";
    return 0;
  }
  Checkpoint checkpoint(hub::resolve_model(*dir));  // a hub id: its cached snapshot, downloaded if missing
  std::cout << summarize_checkpoint(checkpoint).dump(2) << "\n";
  return 0;
}

}  // namespace owb::cli
