#include "args.h"

namespace owb::cli {

Args::Args(std::vector<std::string> argv, std::string usage) : argv_(std::move(argv)), used_(argv_.size(), false), usage_(std::move(usage)) {
  for (size_t i = 0; i < argv_.size(); ++i)
    if (argv_[i] == "--help" || argv_[i] == "-h") {
      help_ = true;
      used_[i] = true;
    }
}

bool Args::flag(const std::string& name) {
  bool seen = false;
  for (size_t i = 0; i < argv_.size(); ++i)
    if (!used_[i] && argv_[i] == name) used_[i] = seen = true;
  return seen;
}

std::optional<std::string> Args::value(const std::string& name) {
  std::optional<std::string> v;
  for (size_t i = 0; i < argv_.size(); ++i) {
    if (used_[i]) continue;
    if (argv_[i] == name) {
      if (i + 1 >= argv_.size()) throw UsageError(name + " needs a value");
      used_[i] = used_[i + 1] = true;
      v = argv_[++i];
    } else if (argv_[i].rfind(name + "=", 0) == 0) {
      used_[i] = true;
      v = argv_[i].substr(name.size() + 1);
    }
  }
  return v;
}

std::string Args::required(const std::string& name) {
  auto v = value(name);
  if (!v) throw UsageError("missing " + name);
  return *v;
}

std::optional<double> Args::number(const std::string& name) {
  auto v = value(name);
  if (!v) return std::nullopt;
  try {
    size_t used = 0;
    double d = std::stod(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return d;
  } catch (const std::exception&) {
    throw UsageError(name + " expects a number, got \"" + *v + "\"");
  }
}

std::optional<long long> Args::integer(const std::string& name) {
  auto v = value(name);
  if (!v) return std::nullopt;
  try {
    size_t used = 0;
    long long d = std::stoll(*v, &used);
    if (used != v->size()) throw std::invalid_argument("trailing");
    return d;
  } catch (const std::exception&) {
    throw UsageError(name + " expects an integer, got \"" + *v + "\"");
  }
}

std::vector<std::string> Args::values(const std::string& name) {
  std::vector<std::string> out;
  for (size_t i = 0; i < argv_.size(); ++i) {
    if (used_[i]) continue;
    if (argv_[i] == name) {
      if (i + 1 >= argv_.size()) throw UsageError(name + " needs a value");
      used_[i] = used_[i + 1] = true;
      out.push_back(argv_[++i]);
    } else if (argv_[i].rfind(name + "=", 0) == 0) {
      used_[i] = true;
      out.push_back(argv_[i].substr(name.size() + 1));
    }
  }
  return out;
}

std::optional<std::string> Args::positional() {
  for (size_t i = 0; i < argv_.size(); ++i)
    if (!used_[i] && argv_[i].rfind("--", 0) != 0) {
      used_[i] = true;
      return argv_[i];
    }
  return std::nullopt;
}

std::vector<std::string> Args::list(const std::string& name) {
  std::vector<std::string> out;
  for (size_t i = 0; i < argv_.size(); ++i) {
    if (used_[i] || argv_[i] != name) continue;
    used_[i] = true;
    size_t j = i + 1;
    for (; j < argv_.size() && !used_[j] && argv_[j].rfind("--", 0) != 0; ++j) {
      used_[j] = true;
      out.push_back(argv_[j]);
    }
    if (j == i + 1) throw UsageError(name + " needs at least one value");
    i = j - 1;
  }
  return out;
}

std::vector<std::string> Args::list_if_present(const std::string& name) {
  for (size_t i = 0; i < argv_.size(); ++i)
    if (!used_[i] && argv_[i] == name && (i + 1 == argv_.size() || argv_[i + 1].rfind("--", 0) == 0)) used_[i] = true;
  return list(name);
}

std::vector<std::string> Args::rest_positionals() {
  std::vector<std::string> out;
  while (auto p = positional()) out.push_back(*p);
  return out;
}

void Args::finish() const {
  for (size_t i = 0; i < argv_.size(); ++i)
    if (!used_[i]) throw UsageError("unexpected argument \"" + argv_[i] + "\"");
}

}  // namespace owb::cli
