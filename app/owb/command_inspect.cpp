// owb inspect MODEL_DIR: the checkpoint described as JSON, without reading any weight.
#include "args.h"
#include "commands.h"

#include "checkpoint.h"
#include "model_summary.h"

#include <iostream>

namespace owb::cli {

int run_inspect(const CommandArgs& argv) {
  Args args(argv,
            "usage: owb inspect MODEL_DIR\n"
            "Prints JSON: model_type, layers, hidden size, heads, kv heads, vocab, total and active\n"
            "parameters, storage dtype, bytes per layer and the hook point names. The checkpoint's\n"
            "headers are validated; no weight is read.");
  if (args.help_requested()) {
    std::cout << args.usage() << "\n";
    return 0;
  }
  auto dir = args.positional();
  args.finish();
  if (!dir) throw UsageError("missing MODEL_DIR");
  Checkpoint checkpoint(*dir);
  std::cout << summarize_checkpoint(checkpoint).dump(2) << "\n";
  return 0;
}

}  // namespace owb::cli
