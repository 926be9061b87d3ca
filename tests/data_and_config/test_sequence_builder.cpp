// The sequence builder on a real tokenizer (tests/tokenizer/fixtures/model_dir, byte-level BPE
// with <|eos|>): the expected token ids are computed here, independently, from Tokenizer::encode
// of each document, and compared with what build_sequences cuts.
#include "errors.h"
#include "sequence_builder.h"
#include "test_support.h"
#include "text_source.h"
#include "tokenizer.h"

#include <QtTest>

#include <algorithm>
#include <map>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

const std::string kTokenizerDir = std::string(OWB_SOURCE_DIR) + "/tests/tokenizer/fixtures/model_dir";

const std::vector<std::string> kDocuments = {
    "The quick brown fox jumps over the lazy dog.",
    "Outlier features appear in a few hidden dimensions of large language models.",
    "A layer norm rescales each token's activations before attention.",
    "Systematic outliers show up in most layers and at many positions.",
    "Tokenizers split text into pieces that the model has seen during training.",
    "Perplexity measures how surprised the model is by the next token.",
    "The seed tooling wrote its results as JSON files in a run folder.",
    "Every run keeps its configuration next to its results, for later comparison.",
    "Byte-level BPE never fails: unknown characters fall back to bytes, like \xc3\xa9 and \xe2\x82\xac.",
    "The end.",
};

// The documents as a .jsonl file, one per line (real file, read through open_text_source).
std::string write_corpus(const TempDir& tmp, const std::vector<std::string>& docs) {
  std::string text;
  for (const auto& d : docs) text += json{{"text", d}}.dump() + "\n";
  const std::string path = tmp.file("corpus.jsonl");
  write_file(path, text);
  return path;
}

// Step 2 of the header, written out: each document tokenized without special tokens, EOS after
// every one ("eos") or a space before every one after the first ("space").
std::vector<int32_t> expected_stream(const Tokenizer& tok, const std::vector<std::string>& docs, const std::string& separator) {
  std::vector<int32_t> stream;
  for (size_t i = 0; i < docs.size(); ++i) {
    const std::string text = (separator == "space" && i > 0) ? " " + docs[i] : docs[i];
    const std::vector<int32_t> ids = tok.encode(text, false);
    stream.insert(stream.end(), ids.begin(), ids.end());
    if (separator == "eos") stream.push_back(*tok.eos_id());
  }
  return stream;
}

std::vector<std::vector<int32_t>> cut(const std::vector<int32_t>& stream, int64_t n, int64_t length, int64_t skip, int64_t stride) {
  std::vector<std::vector<int32_t>> out;
  for (int64_t k = 0; k < n; ++k) {
    const int64_t begin = (skip + k) * stride;
    out.emplace_back(stream.begin() + begin, stream.begin() + begin + length);
  }
  return out;
}

TokenSequences build(const std::string& path, const Tokenizer& tok, const SequenceSpec& spec) {
  auto source = open_text_source({path});
  return build_sequences(*source, tok, spec);
}

// The document order a shuffled stream holds: split at EOS, each piece matched to the document
// it encodes. Fails (returns {}) when a piece is not exactly one document's tokens.
std::vector<std::string> documents_in_stream(const std::vector<int32_t>& stream, const Tokenizer& tok,
                                             const std::vector<std::string>& docs) {
  std::map<std::vector<int32_t>, std::string> by_ids;
  for (const auto& d : docs) by_ids[tok.encode(d, false)] = d;
  std::vector<std::string> order;
  std::vector<int32_t> piece;
  for (int32_t id : stream) {
    if (id != *tok.eos_id()) {
      piece.push_back(id);
      continue;
    }
    auto it = by_ids.find(piece);
    if (it == by_ids.end()) return {};
    order.push_back(it->second);
    piece.clear();
  }
  if (!piece.empty()) return {};
  return order;
}

template <typename F>
QString input_error_of(F&& f) {
  try {
    f();
  } catch (const InputError& e) {
    return QString::fromStdString(e.what());
  }
  QTest::qFail("expected an InputError, none was thrown", __FILE__, __LINE__);
  return {};
}

}  // namespace

class SequenceBuilderTest : public QObject {
  Q_OBJECT

  Tokenizer tok_ = Tokenizer::from_file(kTokenizerDir);

 private Q_SLOTS:
  void initTestCase() {
    QVERIFY(tok_.eos_id().has_value());
    // The comparisons below only mean something if documents span several tokens and sequences.
    QVERIFY(expected_stream(tok_, kDocuments, "eos").size() > 200);
  }

  // Sequences are consecutive slices of the EOS-separated concatenation, in document order.
  void sequencesAreTheEosConcatenationCutAtSequenceLength() {
    TempDir tmp;
    const std::string path = write_corpus(tmp, kDocuments);
    const std::vector<int32_t> stream = expected_stream(tok_, kDocuments, "eos");
    SequenceSpec spec;
    spec.num_sequences = 5;
    spec.sequence_length = 37;  // not a document boundary: sequences straddle EOS tokens
    TokenSequences got = build(path, tok_, spec);
    QCOMPARE(got.sequences, cut(stream, 5, 37, 0, 37));
    // EOS lands inside the sequences exactly where documents end.
    QVERIFY(std::count(got.sequences[0].begin(), got.sequences[0].end(), *tok_.eos_id()) +
                std::count(got.sequences[1].begin(), got.sequences[1].end(), *tok_.eos_id()) >= 1);
  }

  // The last sequence may end exactly on the last token (the EOS after the last document).
  void lastSequenceMayEndOnTheFinalEos() {
    TempDir tmp;
    const std::string path = write_corpus(tmp, kDocuments);
    const std::vector<int32_t> stream = expected_stream(tok_, kDocuments, "eos");
    SequenceSpec spec;
    spec.num_sequences = 1;
    spec.sequence_length = static_cast<int64_t>(stream.size());
    TokenSequences got = build(path, tok_, spec);
    QCOMPARE(got.sequences.front(), stream);
    QCOMPARE(got.sequences.front().back(), *tok_.eos_id());
    QCOMPARE(got.documents_read, static_cast<int64_t>(kDocuments.size()));
  }

  // skip k starts at k x stride; window_stride overlaps the windows.
  void skipAndWindowStrideSetTheOffsets() {
    TempDir tmp;
    const std::string path = write_corpus(tmp, kDocuments);
    const std::vector<int32_t> stream = expected_stream(tok_, kDocuments, "eos");
    SequenceSpec spec;
    spec.num_sequences = 3;
    spec.sequence_length = 20;
    spec.skip = 2;
    QCOMPARE(build(path, tok_, spec).sequences, cut(stream, 3, 20, 2, 20));  // starts 40, 60, 80
    spec.window_stride = 7;
    QCOMPARE(build(path, tok_, spec).sequences, cut(stream, 3, 20, 2, 7));  // starts 14, 21, 28
    spec.skip = 0;
    spec.window_stride = 10;  // the seeds' half-window overlap
    TokenSequences half = build(path, tok_, spec);
    QCOMPARE(half.sequences, cut(stream, 3, 20, 0, 10));
    QVERIFY(std::equal(half.sequences[0].begin() + 10, half.sequences[0].end(), half.sequences[1].begin()));
  }

  // "space": no EOS anywhere; each later document is tokenized with a leading space.
  void spaceSeparatorPrefixesLaterDocumentsWithASpace() {
    TempDir tmp;
    const std::string path = write_corpus(tmp, kDocuments);
    const std::vector<int32_t> stream = expected_stream(tok_, kDocuments, "space");
    SequenceSpec spec;
    spec.separator = "space";
    spec.num_sequences = 4;
    spec.sequence_length = 41;
    TokenSequences got = build(path, tok_, spec);
    QCOMPARE(got.sequences, cut(stream, 4, 41, 0, 41));
    for (const auto& s : got.sequences) QVERIFY(std::find(s.begin(), s.end(), *tok_.eos_id()) == s.end());
  }

  // Empty documents add nothing, not even an EOS (else EOS runs would depend on blank rows).
  void emptyDocumentsAddNoTokens() {
    TempDir tmp;
    std::vector<std::string> with_empty = {kDocuments[0], "", kDocuments[1], "", kDocuments[2]};
    const std::string path = write_corpus(tmp, with_empty);
    const std::vector<int32_t> stream = expected_stream(tok_, {kDocuments[0], kDocuments[1], kDocuments[2]}, "eos");
    SequenceSpec spec;
    spec.num_sequences = 1;
    spec.sequence_length = static_cast<int64_t>(stream.size());
    QCOMPARE(build(path, tok_, spec).sequences.front(), stream);
  }

  // Same seed, same order; another seed, another order; always every document exactly once.
  void shuffleIsASeededPermutationOfDocuments() {
    TempDir tmp;
    const std::string path = write_corpus(tmp, kDocuments);
    auto order_for = [&](uint64_t seed) {
      SequenceSpec spec;
      spec.shuffle = true;
      spec.seed = seed;
      auto source = open_text_source({path});
      int64_t docs = 0;
      std::vector<int32_t> stream = build_token_stream(*source, tok_, spec, 1 << 20, &docs);
      [&] { QCOMPARE(docs, static_cast<int64_t>(kDocuments.size())); }();
      return documents_in_stream(stream, tok_, kDocuments);
    };
    const std::vector<std::string> a = order_for(7), a_again = order_for(7), b = order_for(8);
    QCOMPARE(a.size(), kDocuments.size());
    QCOMPARE(a, a_again);
    QVERIFY(a != b);
    QVERIFY(a != kDocuments);
    std::vector<std::string> sorted_a = a, sorted_b = b, sorted_docs = kDocuments;
    std::sort(sorted_a.begin(), sorted_a.end());
    std::sort(sorted_b.begin(), sorted_b.end());
    std::sort(sorted_docs.begin(), sorted_docs.end());
    QCOMPARE(sorted_a, sorted_docs);
    QCOMPARE(sorted_b, sorted_docs);
  }

  // The sequences of a shuffled build are the cut of the shuffled documents' concatenation.
  void shuffledSequencesFollowTheShuffledDocumentOrder() {
    TempDir tmp;
    const std::string path = write_corpus(tmp, kDocuments);
    std::vector<std::string> order = kDocuments;
    shuffle_deterministically(order, 1234);
    QVERIFY(order != kDocuments);
    SequenceSpec spec;
    spec.shuffle = true;
    spec.seed = 1234;
    spec.num_sequences = 3;
    spec.sequence_length = 50;
    QCOMPARE(build(path, tok_, spec).sequences, cut(expected_stream(tok_, order, "eos"), 3, 50, 0, 50));
  }

  // The message says how many sequences the source could give, and names the source.
  void tooFewTokensSaysHowManySequencesWerePossible() {
    TempDir tmp;
    const std::string path = write_corpus(tmp, kDocuments);
    const int64_t total = static_cast<int64_t>(expected_stream(tok_, kDocuments, "eos").size());
    SequenceSpec spec;
    spec.sequence_length = 16;
    spec.num_sequences = total / 16 + 1;
    const int64_t possible = total / 16;
    const QString message = input_error_of([&] { build(path, tok_, spec); });
    QVERIFY2(message.contains(QString::fromStdString(path)), qPrintable(message));
    QVERIFY2(message.contains(QString("only %1 sequences").arg(possible)), qPrintable(message));
    QVERIFY2(message.contains(QString::number(total) + " tokens"), qPrintable(message));

    // With overlap and a skip the count follows the stride: starts at (skip + k) x stride.
    spec.window_stride = 8;
    spec.skip = 3;
    const int64_t possible_strided = (total - 16) / 8 + 1 - 3;
    spec.num_sequences = possible_strided + 1;
    const QString strided = input_error_of([&] { build(path, tok_, spec); });
    QVERIFY2(strided.contains(QString("only %1 sequences").arg(possible_strided)), qPrintable(strided));
    spec.num_sequences = possible_strided;  // exactly what the source holds: fine
    QCOMPARE(build(path, tok_, spec).sequences.size(), static_cast<size_t>(possible_strided));
  }

  void invalidSpecsAreRejectedNamingTheField() {
    TempDir tmp;
    const std::string path = write_corpus(tmp, kDocuments);
    auto rejects = [&](auto edit, const char* field) {
      SequenceSpec spec;
      spec.num_sequences = 1;
      spec.sequence_length = 8;
      edit(spec);
      const QString message = input_error_of([&] { build(path, tok_, spec); });
      QVERIFY2(message.contains(field), qPrintable(message));
    };
    rejects([](SequenceSpec& s) { s.num_sequences = 0; }, "num_sequences");
    rejects([](SequenceSpec& s) { s.sequence_length = 1; }, "sequence_length");
    rejects([](SequenceSpec& s) { s.separator = "x"; }, "separator");
    rejects([](SequenceSpec& s) { s.skip = -1; }, "skip");
    rejects([](SequenceSpec& s) { s.window_stride = -4; }, "window_stride");
  }
};

QTEST_GUILESS_MAIN(SequenceBuilderTest)
#include "test_sequence_builder.moc"
