#pragma once
// NumPy .npy (format 1.0) writer for float32 arrays, written atomically.
#include <cstdint>
#include <string>
#include <vector>

namespace owb {

void write_npy_f32(const std::string& path, const float* data, const std::vector<int64_t>& shape);

}  // namespace owb
