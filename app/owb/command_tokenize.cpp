// owb tokenize: encode text with a tokenizer.json (or decode ids back to text).
#include "args.h"
#include "commands.h"

#include "errors.h"
#include "tokenizer.h"

#include <nlohmann/json.hpp>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace owb::cli {

namespace {

const char* kUsage =
    "usage: owb tokenize --tokenizer FILE_OR_MODEL_DIR (--text T | --text-file F)\n"
    "                    [--add-special-tokens] [--decode [--skip-special-tokens]]\n"
    "\n"
    "Encodes text with a Hugging Face tokenizer.json and prints the token ids as a JSON array.\n"
    "\n"
    "  --tokenizer PATH       a tokenizer.json, or a model folder holding one (its\n"
    "                         tokenizer_config.json, when present, gives BOS/EOS)\n"
    "  --text T               the text to encode\n"
    "  --text-file F          read the text from F, or from standard input when F is \"-\"\n"
    "  --add-special-tokens   add the model's special tokens (e.g. Llama's BOS)\n"
    "  --decode               the text is a JSON array of ids: print the decoded text instead\n"
    "  --skip-special-tokens  with --decode, leave special tokens out\n";

std::string read_input(const std::string& path) {
  if (path == "-") return std::string(std::istreambuf_iterator<char>(std::cin), std::istreambuf_iterator<char>());
  std::ifstream in(path, std::ios::binary);
  if (!in) throw input_error(path, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

std::vector<int32_t> parse_ids(const std::string& text, const std::string& where) {
  nlohmann::json j;
  try {
    j = nlohmann::json::parse(text);
  } catch (const nlohmann::json::parse_error& e) {
    throw input_error(where, std::string("expected a JSON array of token ids: ") + e.what());
  }
  if (!j.is_array()) throw input_error(where, "expected a JSON array of token ids");
  std::vector<int32_t> ids;
  for (size_t i = 0; i < j.size(); ++i) {
    if (!j[i].is_number_integer() || j[i].get<int64_t>() < 0 || j[i].get<int64_t>() > INT32_MAX)
      throw input_error(where, "element " + std::to_string(i) + " is not a token id (a non-negative integer)");
    ids.push_back(static_cast<int32_t>(j[i].get<int64_t>()));
  }
  return ids;
}

}  // namespace

int run_tokenize(const CommandArgs& argv) {
  Args args(argv, kUsage);
  if (args.help_requested()) {
    std::cout << args.usage();
    return 0;
  }
  std::string tokenizer_path = args.required("--tokenizer");
  auto text = args.value("--text");
  auto text_file = args.value("--text-file");
  bool add_special = args.flag("--add-special-tokens");
  bool decode = args.flag("--decode");
  bool skip_special = args.flag("--skip-special-tokens");
  args.finish();
  if (text && text_file) throw UsageError("give either --text or --text-file, not both");
  if (!text && !text_file) throw UsageError("missing --text or --text-file");
  if (skip_special && !decode) throw UsageError("--skip-special-tokens only applies with --decode");
  if (add_special && decode) throw UsageError("--add-special-tokens only applies when encoding");

  std::string input = text ? *text : read_input(*text_file);
  Tokenizer tokenizer = Tokenizer::from_file(tokenizer_path);
  if (decode) {
    std::cout << tokenizer.decode(parse_ids(input, text ? "--text" : *text_file), skip_special) << "\n";
    return 0;
  }
  std::cout << nlohmann::json(tokenizer.encode(input, add_special)).dump() << "\n";
  return 0;
}

}  // namespace owb::cli
