#pragma once
// Reading and atomically writing files: every result file goes through here.
#include <nlohmann/json.hpp>

#include <string>

namespace owb {

// Reads a whole file; throws InputError naming the file when it cannot.
std::string read_text_file(const std::string& path);

// Parses a JSON file; errors name the file and the parser's position.
nlohmann::json read_json_file(const std::string& path);

// Writes to "<path>.tmp.<pid>" then renames over `path`, so readers never see half a file
// and a crash leaves the previous version intact.
void write_file_atomically(const std::string& path, const std::string& bytes);

void write_json_atomically(const std::string& path, const nlohmann::json& j, int indent = 2);

}  // namespace owb
