#pragma once
// A 5 x 9 bitmap font for ASCII 32..126 (cap height 7 rows, 2 rows of descenders, 1 column of
// spacing), drawn at integer scales. Text may hold superscripts as "^{...}": drawn one scale
// smaller and raised. Used for measuring text in both the PNG and the SVG plots.
#include <cstdint>
#include <string>
#include <vector>

namespace owb::plot {

inline constexpr int kGlyphColumns = 5;
inline constexpr int kGlyphRows = 9;
inline constexpr int kCapRows = 7;     // rows above the baseline
inline constexpr int kAdvanceColumns = 6;

// 9 rows of 5 bits (bit 4 = leftmost column) for `c`; '?' for characters outside 32..126.
const uint8_t* glyph_rows(char c);

// A run of text at one size: plain text, or a superscript (smaller and raised).
struct TextRun {
  std::string text;
  bool superscript = false;
};
// "R^{2} = 0.98" -> {"R"}, {"2", superscript}, {" = 0.98"}. An unmatched "^{" is kept literally.
std::vector<TextRun> split_superscripts(const std::string& text);

// Scale of a superscript next to text at `scale`.
int superscript_scale(int scale);
// How far a superscript's baseline sits above the text's baseline, in pixels.
int superscript_raise_px(int scale);

// Advance in pixels of the text at `scale` (superscripts included).
int text_width_px(const std::string& text, int scale);
// Cap height (the text's box above the baseline) in pixels.
inline int text_cap_px(int scale) { return kCapRows * scale; }

}  // namespace owb::plot
