// Unit tests of the tokenizer's pieces on tiny hand-made tokenizer.json files (fixtures/).
// Every expected id below was produced by HF tokenizers 0.23 (Rust) on the same fixture.
#include "tokenizer.h"

#include "errors.h"
#include "regex_pattern.h"
#include "test_support.h"

#include <nlohmann/json.hpp>

#include <QtTest>

#include <fstream>
#include <functional>
#include <thread>

namespace {

QString fixture(const char* name) { return QStringLiteral(OWB_TOKENIZER_FIXTURES "/") + QString::fromUtf8(name); }

owb::Tokenizer load(const char* name) { return owb::Tokenizer::from_file(fixture(name).toStdString()); }

QString show(const std::vector<int32_t>& ids) {
  QStringList parts;
  for (int32_t id : ids) parts << QString::number(id);
  return "[" + parts.join(", ") + "]";
}

QString encoded(const owb::Tokenizer& t, const char* text, bool add_special = false) {
  return show(t.encode(text, add_special));
}

// The InputError message `f` throws, or "" when it throws none.
QString input_error(const std::function<void()>& f) {
  try {
    f();
  } catch (const owb::InputError& e) {
    return QString::fromUtf8(e.what());
  }
  return QString();
}

}  // namespace

class TokenizerTest : public QObject {
  Q_OBJECT

 private slots:
  void mergesLowestRankFirstAndLeftmostOnTies() {
    auto t = load("bpe_string_merges.json");
    QCOMPARE(encoded(t, "abcd"), QString("[9]"));  // b+c, a+bc, abc+d
    QCOMPARE(encoded(t, "abab"), QString("[5, 5]"));
    QCOMPARE(encoded(t, "dcba"), QString("[4, 3, 2, 1]"));
    QCOMPARE(encoded(t, "ab cd  abc"), QString("[5, 8, 7]"));
  }

  void readsMergesInBothJsonForms() {
    auto legacy = load("bpe_string_merges.json");
    auto pairs = load("bpe_pair_merges.json");
    for (const char* text : {"abcd", "abab", "xxa", "dcba", "ab cd  abc"})
      QCOMPARE(encoded(pairs, text), encoded(legacy, text));
  }

  void readsPairMergesHoldingSpaces() {
    auto t = load("bpe_merges_with_spaces.json");
    QCOMPARE(encoded(t, "a b"), QString("[4]"));
    QCOMPARE(encoded(t, "a  b"), QString("[3, 1, 2]"));
  }

  void fusesConsecutiveUnknownCharacters() {
    auto t = load("bpe_string_merges.json");
    QCOMPARE(encoded(t, "xxa"), QString("[0, 1]"));
    QCOMPARE(encoded(t, "a\xC3\xA9" "b"), QString("[1, 0, 2]"));
  }

  void ignoreMergesEmitsWholeWordsFoundInTheVocabulary() {
    QCOMPARE(encoded(load("ignore_merges_false.json"), "abc"), QString("[0, 4]"));
    QCOMPARE(encoded(load("ignore_merges_true.json"), "abc"), QString("[5]"));
    QCOMPARE(encoded(load("ignore_merges_true.json"), "abcabc"), QString("[0, 4, 0, 4]"));
  }

  void fallsBackToByteTokensForUnknownCharacters() {
    auto t = load("byte_fallback.json");
    QCOMPARE(encoded(t, "hi h\xC3\xA9"), QString("[266, 265, 198, 172]"));  // é = <0xC3> <0xA9>
    QCOMPARE(encoded(t, "\xE6\x97\xA5\xE6\x9C\xAC"), QString("[259, 233, 154, 168, 233, 159, 175]"));
    QCOMPARE(QString::fromStdString(t.decode(t.encode("hi h\xC3\xA9"))), QString::fromUtf8("hi h\xC3\xA9"));
  }

  void prependsAndReplacesSpacesLikeSentencepiece() {
    auto t = load("byte_fallback.json");
    QCOMPARE(encoded(t, "hi hello"), QString("[266, 265, 262, 263, 263, 264]"));
    QCOMPARE(encoded(t, " hi"), QString("[259, 266]"));
    QCOMPARE(encoded(t, "    x"), QString("[273, 259, 123]"));
    QCOMPARE(encoded(t, ""), QString("[]"));
    QCOMPARE(QString::fromStdString(t.decode(t.encode("    x"))), QString("    x"));
  }

  void prependsMetaspaceOnlyBeforeTheStartOfTheInput() {
    auto t = load("metaspace.json");  // prepend_scheme "first"
    QCOMPARE(encoded(t, " hi"), QString("[266]"));
    QCOMPARE(encoded(t, "<s>hi</s> hi"), QString("[1, 260, 261, 2, 266]"));
    QCOMPARE(encoded(t, "hello<s>hello"), QString("[265, 262, 263, 263, 264, 1, 270]"));
    QCOMPARE(QString::fromStdString(t.decode(t.encode("<s>hi</s> hi"))), QString("<s>hi</s> hi"));
  }

  void splitsSpecialTokensBeforePreTokenization() {
    auto t = load("byte_level.json");
    QCOMPARE(encoded(t, "<|bos|>hello<|eos|>"), QString("[272, 259, 273]"));
    QCOMPARE(encoded(t, "x<|bos|>y"), QString("[120, 272, 121]"));
    QCOMPARE(encoded(load("byte_fallback.json"), "hi<s> hi"), QString("[266, 1, 259, 266]"));
  }

  void matchesTheLongestAddedToken() {
    auto t = load("byte_level.json");  // "<|bos" and "<|bos|>" are both added tokens
    QCOMPARE(encoded(t, "<|bos"), QString("[278]"));
    QCOMPARE(encoded(t, "<|bos|"), QString("[278, 124]"));
  }

  void stripsWhitespaceBesideLstripAndRstripTokens() {
    auto t = load("byte_level.json");
    QCOMPARE(encoded(t, "a [L] b"), QString("[97, 274, 32, 98]"));
    QCOMPARE(encoded(t, "a  [L]b"), QString("[97, 274, 98]"));
    QCOMPARE(encoded(t, "a [R]  b"), QString("[97, 32, 275, 98]"));
    QCOMPARE(encoded(t, "a  [LR]  b"), QString("[97, 276, 98]"));
    QCOMPARE(encoded(t, "  [L]"), QString("[274]"));
  }

  void matchesSingleWordTokensOnlyAsWholeWords() {
    auto t = load("byte_level.json");
    QCOMPARE(encoded(t, "a word b"), QString("[97, 32, 277, 32, 98]"));
    QCOMPARE(encoded(t, "word!"), QString("[277, 33]"));
    QCOMPARE(encoded(t, "swordfish"), QString("[115, 119, 111, 114, 100, 102, 105, 115, 104]"));
  }

  void splitsWithTheGpt2RegexAndMapsBytes() {
    auto t = load("byte_level.json");
    QCOMPARE(encoded(t, "hello world"), QString("[259, 264]"));
    QCOMPARE(encoded(t, "hello  world"), QString("[259, 32, 264]"));
    QCOMPARE(encoded(t, "it's"), QString("[105, 116, 270]"));
    QCOMPARE(QString::fromStdString(t.decode(t.encode("hello  world"))), QString("hello  world"));
  }

  void normalizesToNfcBeforeEncoding() {
    auto t = load("byte_level.json");
    QCOMPARE(encoded(t, "cafe\xCC\x81"), QString("[269]"));  // e + U+0301 composes to é
    QCOMPARE(encoded(t, "caf\xC3\xA9"), QString("[269]"));
  }

  void addsTheTemplateSpecialTokensOnRequest() {
    auto t = load("byte_level.json");
    QCOMPARE(encoded(t, "hello world", true), QString("[272, 259, 264, 273]"));
    QCOMPARE(encoded(load("byte_fallback.json"), "", true), QString("[1]"));
    QCOMPARE(t.bos_id(), std::optional<int32_t>(272));
    QCOMPARE(t.eos_id(), std::optional<int32_t>(273));
  }

  void readsBosAndEosFromTokenizerConfig() {
    auto t = owb::Tokenizer::from_file(fixture("model_dir").toStdString());
    QCOMPARE(t.bos_id(), std::optional<int32_t>(272));
    QCOMPARE(t.eos_id(), std::optional<int32_t>(273));
    // Like HF tokenizers, only the post-processor (here ByteLevel) adds tokens.
    QCOMPARE(encoded(t, "hello", true), QString("[259]"));
  }

  void skipsSpecialTokensWhenDecodingOnRequest() {
    auto t = load("byte_level.json");
    auto ids = t.encode("<|bos|>hello<|eos|>");
    QCOMPARE(QString::fromStdString(t.decode(ids)), QString("<|bos|>hello<|eos|>"));
    QCOMPARE(QString::fromStdString(t.decode(ids, true)), QString("hello"));
    QVERIFY(t.is_special(272));
    QVERIFY(!t.is_special(259));
  }

  void repairsInvalidUtf8LikeTextDecoder() {
    auto t = load("byte_level.json");
    // 0xC3 0x28: a broken two-byte sequence is one U+FFFD, then "(".
    QCOMPARE(show(t.encode(std::string("\xC3\x28", 2))), show(t.encode("\xEF\xBF\xBD(")));
    // A UTF-8 encoded surrogate is three ill-formed bytes: three U+FFFD.
    QCOMPARE(show(t.encode(std::string("\xED\xA0\x80", 3))), show(t.encode("\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")));
  }

  void answersVocabularyLookups() {
    auto t = load("byte_level.json");
    QCOMPARE(t.vocab_size(), size_t(279));  // 272 model tokens + 7 added tokens
    QCOMPARE(t.token_to_id("hello"), std::optional<int32_t>(259));
    QCOMPARE(t.token_to_id("<|eos|>"), std::optional<int32_t>(273));
    QCOMPARE(t.token_to_id("absent"), std::optional<int32_t>());
    QCOMPARE(QString::fromStdString(t.id_to_token(264)), QString::fromUtf8("\xC4\xA0world"));  // "Ġworld"
    QCOMPARE(QString::fromStdString(t.id_to_token(278)), QString("<|bos"));
    QCOMPARE(QString::fromStdString(t.id_to_token(100000)), QString());
  }

  void translatesOnigurumaWhitespaceToUnicodeWhiteSpace() {
    auto re = owb::Regex::from_oniguruma(R"(\s+)", "test");
    auto matches = re.find_all("a\xC2\x85" "b\xE1\xA0\x8E" "c");  // U+0085 is White_Space, U+180E is not
    QCOMPARE(matches.size(), size_t(1));
    QCOMPARE(matches[0].first, size_t(1));
    QCOMPARE(matches[0].second, size_t(3));
  }

  // Every normalizer, pre-tokenizer (with each split behaviour), post-processor and decoder
  // variant in fixtures/component_cases.json, on the same 15 texts, against HF tokenizers.
  void matchesHfTokenizersOnComponentVariants() {
    std::ifstream in(fixture("component_cases.json").toStdString());
    auto all = nlohmann::json::parse(in);
    owb::test::TempDir dir;
    QStringList bad;
    for (const auto& c : all["cases"]) {
      std::ifstream base_in(fixture(c["base"].get<std::string>().c_str()).toStdString());
      auto config = nlohmann::json::parse(base_in);
      config.update(c["override"]);
      const std::string path = dir.file(c["name"].get<std::string>() + ".json");
      owb::test::write_file(path, config.dump());
      auto t = owb::Tokenizer::from_file(path);
      for (size_t i = 0; i < all["texts"].size(); ++i) {
        std::string text = all["texts"][i];
        auto ids = c["ids"][i].get<std::vector<int32_t>>();
        if (t.encode(text) != ids || t.encode(text, true) != c["ids_special"][i].get<std::vector<int32_t>>() ||
            t.decode(ids) != c["decoded"][i].get<std::string>())
          bad << QString::fromStdString(c["name"].get<std::string>() + ": " + nlohmann::json(text).dump());
      }
    }
    QVERIFY2(bad.isEmpty(), qPrintable(bad.join("\n")));
  }

  void encodesConcurrentlyFromCopies() {
    auto t = load("byte_level.json");
    const std::string text = "hello world <|bos|> caf\xC3\xA9 it's a [L] b word";
    const auto expected = t.encode(text);
    std::vector<std::thread> threads;
    std::vector<int> failures(4, 0);
    for (int k = 0; k < 4; ++k)
      threads.emplace_back([copy = t, &text, &expected, &failures, k] {
        for (int i = 0; i < 500; ++i) failures[k] += copy.encode(text) != expected;
      });
    for (auto& th : threads) th.join();
    QCOMPARE(failures, std::vector<int>(4, 0));
  }

  void rejectsAMissingFileNamingIt() {
    QString m = input_error([] { owb::Tokenizer::from_file("/nonexistent/tokenizer.json"); });
    QVERIFY2(m.contains("/nonexistent/tokenizer.json") && m.contains("no such file"), qPrintable(m));
    m = input_error([] { owb::Tokenizer::from_file(OWB_TOKENIZER_FIXTURES); });
    QVERIFY2(m.contains("no tokenizer.json"), qPrintable(m));
  }

  void rejectsWordPieceAndUnigramModelsNamingTheField() {
    for (const char* name : {"bad_wordpiece.json", "bad_unigram.json"}) {
      QString m = input_error([name] { load(name); });
      QVERIFY2(m.contains(name) && m.contains("model.type") && m.contains("only BPE"), qPrintable(m));
    }
  }

  void rejectsMalformedJsonNamingTheFileAndPosition() {
    QString m = input_error([] { load("bad_malformed.json"); });
    QVERIFY2(m.contains("bad_malformed.json") && m.contains("malformed JSON") && m.contains("line 1"), qPrintable(m));
  }

  void rejectsBrokenModelFieldsNamingThem() {
    QString m = input_error([] { load("bad_missing_vocab.json"); });
    QVERIFY2(m.contains("model.vocab: missing"), qPrintable(m));
    m = input_error([] { load("bad_merge.json"); });
    QVERIFY2(m.contains("model.merges[0]") && m.contains("\"ab\""), qPrintable(m));
    m = input_error([] { load("bad_pre_tokenizer.json"); });
    QVERIFY2(m.contains("pre_tokenizer.type") && m.contains("BertPreTokenizer"), qPrintable(m));
    m = input_error([] { load("bad_regex.json"); });
    QVERIFY2(m.contains("pre_tokenizer.pattern.Regex") && m.contains("(unclosed"), qPrintable(m));
  }
};

QTEST_GUILESS_MAIN(TokenizerTest)
#include "test_tokenizer.moc"
