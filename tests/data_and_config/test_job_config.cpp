// The job config: the seeds' defaults, a lossless JSON round trip, errors that name the key or
// field at fault, and validation of every range the analysis relies on.
#include "errors.h"
#include "job_config.h"
#include "test_support.h"

#include <QtTest>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

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

// A config every field of which differs from its default.
json everything_set() {
  return {
      {"model", {{"name", "/models/tiny"}, {"device_map", "cuda:0"}, {"torch_dtype", "float16"}, {"device", "cuda:1"}, {"streaming", true}}},
      {"dataset", {{"name", "/data/corpus.jsonl"}, {"split", "validation"}, {"text_field", "body"}, {"num_sequences", 12},
                   {"sequence_length", 512}, {"shuffle", true}, {"seed", 7}, {"skip", 3}, {"window_stride", 256}, {"separator", "space"}}},
      {"analysis", {{"magnitude_threshold", 4.5}, {"min_layer_percentage", 0.3}, {"min_seq_percentage", 0.1},
                    {"layers", {0, 2, 5}}, {"chunk_layers", 4}, {"batch_size", 8}}},
      {"perplexity", {{"window", 1024}, {"stride", 512}, {"batch_size", 2}}},
      {"output", {{"save_dir", "/tmp/out"}, {"experiment_name", "sweep_a"}, {"log_level", "DEBUG"}}},
      {"deployment", {{"host", "gpu-box"}, {"gpus", 2}}},
  };
}

JobConfig valid_config() {
  JobConfig c;
  c.model.name = "/models/tiny";
  c.dataset.name = "/data/corpus.txt";
  return c;
}

}  // namespace

class JobConfigTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  // The seed tooling's defaults (Dettmers et al. criteria, one sequence per batch, bfloat16).
  void defaultsAreTheSeeds() {
    for (const JobConfig& c : {JobConfig(), parse_job_config(json::object(), "empty.json")}) {
      QCOMPARE(c.analysis.criteria.magnitude_threshold, 6.0);
      QCOMPARE(c.analysis.criteria.min_layer_percentage, 0.25);
      QCOMPARE(c.analysis.criteria.min_seq_percentage, 0.06);
      QCOMPARE(c.analysis.batch_size, int64_t(1));
      QCOMPARE(c.model.torch_dtype, std::string("bfloat16"));
      QVERIFY(!c.analysis.layers.has_value());
      QCOMPARE(c.dataset.text_field, std::string("text"));
      QCOMPARE(c.dataset.sequences.separator, std::string("eos"));
      QCOMPARE(c.output.log_level, std::string("INFO"));
    }
  }

  // A section given in part keeps the defaults of the keys it leaves out.
  void missingKeysKeepTheirDefaults() {
    JobConfig c = parse_job_config({{"analysis", {{"magnitude_threshold", 3.0}}}, {"dataset", nullptr}}, "partial.json");
    QCOMPARE(c.analysis.criteria.magnitude_threshold, 3.0);
    QCOMPARE(c.analysis.criteria.min_layer_percentage, 0.25);
    QCOMPARE(c.analysis.batch_size, int64_t(1));
    QCOMPARE(c.dataset.sequences.num_sequences, SequenceSpec().num_sequences);
  }

  // parse -> to_json -> parse keeps every field, and to_json gives back exactly the input.
  void parseToJsonParseRoundTripKeepsEveryField() {
    const json given = everything_set();
    JobConfig c = parse_job_config(given, "full.json");
    QCOMPARE(c.model.torch_dtype, std::string("float16"));
    QCOMPARE(c.dataset.sequences.window_stride, int64_t(256));
    QCOMPARE(*c.analysis.layers, (std::vector<int64_t>{0, 2, 5}));
    QCOMPARE(*c.analysis.chunk_layers, int64_t(4));
    QCOMPARE(c.perplexity.stride, int64_t(512));
    QCOMPARE(c.output.experiment_name, std::string("sweep_a"));
    const json written = to_json(c);
    QCOMPARE(written, given);
    QCOMPARE(to_json(parse_job_config(written, "round trip")), written);
    // The defaults survive the trip too (null layers stays null, not an empty list).
    const json defaults = to_json(JobConfig());
    QVERIFY(defaults["analysis"]["layers"].is_null());
    QCOMPARE(to_json(parse_job_config(defaults, "defaults")), defaults);
  }

  // A file on disk reads the same as the JSON object, and errors name the file.
  void loadJobConfigReadsTheFileAndNamesItInErrors() {
    TempDir tmp;
    write_file(tmp.file("job.json"), everything_set().dump(2));
    QCOMPARE(to_json(load_job_config(tmp.file("job.json"))), everything_set());
    write_file(tmp.file("broken.json"), "{\"model\": {\"name\": ");
    const QString message = input_error_of([&] { load_job_config(tmp.file("broken.json")); });
    QVERIFY2(message.contains(QString::fromStdString(tmp.file("broken.json"))), qPrintable(message));
  }

  void unknownSectionIsAnErrorNamingIt() {
    const QString message = input_error_of([] { parse_job_config({{"model", {{"name", "m"}}}, {"analyses", json::object()}}, "job.json"); });
    QVERIFY2(message.contains("\"analyses\""), qPrintable(message));
    QVERIFY2(message.contains("job.json"), qPrintable(message));
  }

  void unknownKeyIsAnErrorNamingKeyAndSection() {
    const QString message =
        input_error_of([] { parse_job_config({{"analysis", {{"magnitude_threshold", 6.0}, {"min_layer_pct", 0.3}}}}, "job.json"); });
    QVERIFY2(message.contains("min_layer_pct"), qPrintable(message));
    QVERIFY2(message.contains("analysis"), qPrintable(message));
  }

  void wrongTypeIsAnErrorNamingTheField() {
    const std::vector<std::pair<json, QString>> cases = {
        {{{"analysis", {{"batch_size", "four"}}}}, "analysis.batch_size"},
        {{{"dataset", {{"shuffle", "yes"}}}}, "dataset.shuffle"},
        {{{"model", {{"name", 42}}}}, "model.name"},
        {{{"analysis", {{"layers", {0, "one"}}}}}, "analysis.layers"},
        {{{"analysis", {{"magnitude_threshold", {1, 2}}}}}, "analysis.magnitude_threshold"},
    };
    for (const auto& [j, field] : cases) {
      const QString message = input_error_of([&] { parse_job_config(j, "job.json"); });
      QVERIFY2(message.contains(field), qPrintable(message + " (expected " + field + ")"));
    }
    const QString section = input_error_of([] { parse_job_config({{"output", "results"}}, "job.json"); });
    QVERIFY2(section.contains("output"), qPrintable(section));
  }

  // Numbers are not silently converted: 2.5 is not a count, true is not a threshold, -1 is not a
  // seed (nlohmann's get<> would truncate, map true to 1 and wrap -1 to 2^64 - 1).
  void lossyNumberConversionsAreWrongTypesNamingTheField() {
    const std::vector<std::pair<json, QString>> cases = {
        {{{"analysis", {{"batch_size", 2.5}}}}, "analysis.batch_size"},
        {{{"dataset", {{"num_sequences", true}}}}, "dataset.num_sequences"},
        {{{"analysis", {{"magnitude_threshold", true}}}}, "analysis.magnitude_threshold"},
        {{{"dataset", {{"seed", -1}}}}, "dataset.seed"},
        {{{"analysis", {{"layers", {0, 1.5}}}}}, "analysis.layers"},
        {{{"perplexity", {{"window", 512.5}}}}, "perplexity.window"},
    };
    QStringList failures;
    for (const auto& [j, field] : cases) {
      try {
        parse_job_config(j, "job.json");
        failures << field + ": accepted " + QString::fromStdString(j.dump());
      } catch (const InputError& e) {
        if (!QString(e.what()).contains(field)) failures << field + ": message " + e.what();
      }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
    // Whole numbers written as integers are fine for doubles, and 2.0 is fine for a count.
    JobConfig c = parse_job_config({{"analysis", {{"magnitude_threshold", 5}, {"batch_size", 2.0}}}}, "job.json");
    QCOMPARE(c.analysis.criteria.magnitude_threshold, 5.0);
    QCOMPARE(c.analysis.batch_size, int64_t(2));
  }

  // The seeds wrote dataset.skip_sequences; it sets the same skip.
  void skipSequencesIsAnAliasOfSkip() {
    JobConfig c = parse_job_config({{"dataset", {{"skip_sequences", 5}}}}, "seed.json");
    QCOMPARE(c.dataset.sequences.skip, int64_t(5));
    QCOMPARE(to_json(c)["dataset"]["skip"].get<int64_t>(), int64_t(5));
  }

  void validConfigPassesValidation() {
    validate_job_config(valid_config());
    validate_job_config(parse_job_config(everything_set(), "full.json"));
  }

  // Each invalid value is rejected with a message naming its field.
  void validationRejectsOutOfRangeValuesNamingTheField() {
    struct Case {
      const char* field;
      std::function<void(JobConfig&)> edit;
    };
    const std::vector<Case> cases = {
        {"analysis.magnitude_threshold", [](JobConfig& c) { c.analysis.criteria.magnitude_threshold = -1.0; }},
        {"analysis.magnitude_threshold", [](JobConfig& c) { c.analysis.criteria.magnitude_threshold = 0.0; }},
        {"analysis.min_layer_percentage", [](JobConfig& c) { c.analysis.criteria.min_layer_percentage = 1.5; }},
        {"analysis.min_layer_percentage", [](JobConfig& c) { c.analysis.criteria.min_layer_percentage = -0.01; }},
        {"analysis.min_seq_percentage", [](JobConfig& c) { c.analysis.criteria.min_seq_percentage = -0.1; }},
        {"analysis.min_seq_percentage", [](JobConfig& c) { c.analysis.criteria.min_seq_percentage = 6.0; }},
        {"analysis.batch_size", [](JobConfig& c) { c.analysis.batch_size = 0; }},
        {"analysis.layers", [](JobConfig& c) { c.analysis.layers = std::vector<int64_t>{1, -2}; }},
        {"analysis.layers", [](JobConfig& c) { c.analysis.layers = std::vector<int64_t>{}; }},
        {"analysis.chunk_layers", [](JobConfig& c) { c.analysis.chunk_layers = 0; }},
        {"model.name", [](JobConfig& c) { c.model.name.clear(); }},
        {"model.torch_dtype", [](JobConfig& c) { c.model.torch_dtype = "int8"; }},
        {"dataset.name", [](JobConfig& c) { c.dataset.name.clear(); }},
        {"dataset.num_sequences", [](JobConfig& c) { c.dataset.sequences.num_sequences = 0; }},
        {"dataset.sequence_length", [](JobConfig& c) { c.dataset.sequences.sequence_length = 1; }},
        {"dataset.separator", [](JobConfig& c) { c.dataset.sequences.separator = "newline"; }},
        {"perplexity.window", [](JobConfig& c) { c.perplexity.window = 1; }},
        {"perplexity.stride", [](JobConfig& c) { c.perplexity.window = 8, c.perplexity.stride = 9; }},
        {"output.log_level", [](JobConfig& c) { c.output.log_level = "LOUD"; }},
        {"output.experiment_name", [](JobConfig& c) { c.output.experiment_name = "a/b"; }},
    };
    QStringList failures;
    for (const auto& k : cases) {
      JobConfig c = valid_config();
      k.edit(c);
      try {
        validate_job_config(c);
        failures << QString("%1: accepted").arg(k.field);
      } catch (const InputError& e) {
        if (!QString(e.what()).contains(k.field)) failures << QString("%1: message \"%2\"").arg(k.field, e.what());
      }
    }
    QVERIFY2(failures.isEmpty(), qPrintable(failures.join("\n")));
  }

  void dtypeNamesNormalize() {
    QCOMPARE(normalize_dtype("bfloat16"), std::string("bf16"));
    QCOMPARE(normalize_dtype("bf16"), std::string("bf16"));
    QCOMPARE(normalize_dtype("float16"), std::string("f16"));
    QCOMPARE(normalize_dtype("float32"), std::string("f32"));
    QCOMPARE(normalize_dtype("f32"), std::string("f32"));
    const QString message = input_error_of([] { normalize_dtype("fp8"); });
    QVERIFY2(message.contains("fp8"), qPrintable(message));
  }
};

QTEST_GUILESS_MAIN(JobConfigTest)
#include "test_job_config.moc"
