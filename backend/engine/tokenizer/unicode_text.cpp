#include "unicode_text.h"

#include "utf8.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/ucasemap.h>

#include <memory>
#include <stdexcept>

namespace owb::unicode {

namespace {

const icu::Normalizer2& normalizer_for(NormalForm form) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = nullptr;
  switch (form) {
    case NormalForm::NFC: n = icu::Normalizer2::getNFCInstance(status); break;
    case NormalForm::NFD: n = icu::Normalizer2::getNFDInstance(status); break;
    case NormalForm::NFKC: n = icu::Normalizer2::getNFKCInstance(status); break;
    case NormalForm::NFKD: n = icu::Normalizer2::getNFKDInstance(status); break;
  }
  if (U_FAILURE(status) || n == nullptr) throw std::runtime_error(std::string("ICU normalizer unavailable: ") + u_errorName(status));
  return *n;
}

// Code points below U+0300 are unchanged by NFC and NFD and never combine with what follows
// (the first combining mark is U+0300, lead byte 0xCC), so such text is already normalized.
// NFKC/NFKD also fold some Latin-1 characters (U+00A0, U+00AA...), so that shortcut is
// limited to ASCII there.
bool trivially_normalized(std::string_view text, NormalForm form) {
  unsigned char limit = (form == NormalForm::NFC || form == NormalForm::NFD) ? 0xCC : 0x80;
  for (char c : text)
    if (static_cast<unsigned char>(c) >= limit) return false;
  return true;
}

}  // namespace

std::string normalize(std::string_view text, NormalForm form) {
  if (trivially_normalized(text, form)) return std::string(text);
  const icu::Normalizer2& n = normalizer_for(form);
  UErrorCode status = U_ZERO_ERROR;
  icu::StringPiece piece(text.data(), static_cast<int32_t>(text.size()));
  if (n.isNormalizedUTF8(piece, status) && U_SUCCESS(status)) return std::string(text);
  status = U_ZERO_ERROR;
  std::string out;
  out.reserve(text.size() + text.size() / 8);
  icu::StringByteSink<std::string> sink(&out);
  n.normalizeUTF8(0, piece, sink, nullptr, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalization failed: ") + u_errorName(status));
  return out;
}

namespace {

// Full lowercase mapping of one character (it may become several, e.g. U+0130).
void append_lower(std::string_view ch, std::string& out) {
  UErrorCode status = U_ZERO_ERROR;
  thread_local std::unique_ptr<UCaseMap, void (*)(UCaseMap*)> map(ucasemap_open("", 0, &status), ucasemap_close);
  if (!map) throw std::runtime_error(std::string("ICU case map unavailable: ") + u_errorName(status));
  char buffer[32];
  status = U_ZERO_ERROR;
  int32_t n = ucasemap_utf8ToLower(map.get(), buffer, sizeof buffer, ch.data(), static_cast<int32_t>(ch.size()), &status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU lowercase failed: ") + u_errorName(status));
  out.append(buffer, static_cast<size_t>(n));
}

}  // namespace

std::string to_lower(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t pos = 0; pos < text.size();) {
    auto c = static_cast<unsigned char>(text[pos]);
    if (c < 0x80) {
      out.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
      ++pos;
      continue;
    }
    size_t n = utf8::sequence_length(c);
    append_lower(text.substr(pos, n), out);
    pos += n;
  }
  return out;
}

bool is_whitespace(char32_t cp) {
  return u_hasBinaryProperty(static_cast<UChar32>(cp), UCHAR_WHITE_SPACE);
}

bool is_word_char(char32_t cp) {
  auto c = static_cast<UChar32>(cp);
  if (u_hasBinaryProperty(c, UCHAR_ALPHABETIC) || u_hasBinaryProperty(c, UCHAR_JOIN_CONTROL)) return true;
  int32_t mask = U_GET_GC_MASK(c);
  return (mask & (U_GC_M_MASK | U_GC_ND_MASK | U_GC_PC_MASK)) != 0;
}

bool is_mark(char32_t cp) {
  return (U_GET_GC_MASK(static_cast<UChar32>(cp)) & U_GC_M_MASK) != 0;
}

}  // namespace owb::unicode
