#include "commands.h"

namespace owb::cli {

const std::vector<Command>& all_commands() {
  static const std::vector<Command> table = {
      {"inspect", "describe a checkpoint: family, shapes, parameters, hook points", run_inspect},
      {"forward", "run token ids through a model; write logits (.npy) and hooked activations", run_forward},
      {"make-test-model", "write a tiny HF checkpoint with planted outliers / super weights", run_make_test_model},
      {"tokenize", "encode text with a tokenizer.json (or decode ids)", run_tokenize},
  };
  return table;
}

}  // namespace owb::cli
