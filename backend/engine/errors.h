#pragma once
// Errors the engine raises: always with the file, tensor or field they concern.
#include <stdexcept>
#include <string>

namespace owb {

// A problem with user input (a checkpoint, config, tokenizer, dataset, argument).
// Callers print what() and exit non-zero; nothing half-written is left behind.
class InputError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// Builds "<where>: <what>" so every message names its file or tensor.
inline InputError input_error(const std::string& where, const std::string& what) {
  return InputError(where + ": " + what);
}

}  // namespace owb
