#pragma once
// A small command-line reader shared by every `owb` command: `--name value`, `--name=value`,
// boolean flags and positionals. Unknown options and missing values raise UsageError (exit 2).
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace owb::cli {

class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Args {
 public:
  Args(std::vector<std::string> argv, std::string usage);

  bool help_requested() const { return help_; }
  const std::string& usage() const { return usage_; }

  // Each call consumes the option; finish() then rejects whatever is left.
  bool flag(const std::string& name);
  std::optional<std::string> value(const std::string& name);
  std::string required(const std::string& name);
  std::optional<double> number(const std::string& name);
  std::optional<long long> integer(const std::string& name);
  std::vector<std::string> values(const std::string& name);  // repeatable option
  // argparse's nargs="+": `--name a b c` (values up to the next option), repeatable.
  std::vector<std::string> list(const std::string& name);
  // The same, but an absent option or one without values gives an empty list.
  std::vector<std::string> list_if_present(const std::string& name);
  std::optional<std::string> positional();
  std::vector<std::string> rest_positionals();
  void finish() const;

 private:
  std::vector<std::string> argv_;
  std::vector<bool> used_;
  std::string usage_;
  bool help_ = false;
};

}  // namespace owb::cli
