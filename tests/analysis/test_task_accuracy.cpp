// Task accuracy against independent log-likelihoods: the test writes tiny task files in the
// Hugging Face row layouts, builds the lm-evaluation-harness prompts itself, takes logits from
// `owb forward` and sums the continuation log-probabilities in float64.
#include "analysis_fixtures.h"
#include "errors.h"
#include "task_accuracy.h"
#include "tokenizer.h"

#include <QtTest>

#include <cmath>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

struct Prompt {
  std::string context;
  std::vector<std::string> continuations;
  int answer;
};

// The prompts lm-evaluation-harness builds for the rows written by write_tasks().
std::map<std::string, std::vector<Prompt>> expected_prompts() {
  return {
      {"arc_easy",
       {{"Question: Which gas do plants take in?\nAnswer:", {" Oxygen", " Carbon dioxide", " Helium"}, 1},
        {"Question: What melts ice?\nAnswer:", {" Heat", " Cold", " Darkness", " Sound"}, 0}}},
      {"mmlu",
       {{"The following are multiple choice questions (with answers) about high school biology.\n\n"
         "What carries oxygen in blood?\nA. Platelets\nB. Red cells\nC. Plasma\nD. Bone\nAnswer:",
         {" A", " B", " C", " D"}, 1}}},
      {"hellaswag",
       {{"Cooking: A man cracks eggs into a bowl. He", {" whisks them.", " sings to the moon. loudly.", " sleeps."}, 0}}},
  };
}

void write_tasks(const std::string& dir) {
  write_file(dir + "/arc_easy.jsonl",
             json({{"question", "Which gas do plants take in?"},
                   {"choices", {{"text", {"Oxygen", "Carbon dioxide", "Helium"}}, {"label", {"A", "B", "C"}}}},
                   {"answerKey", "B"}}).dump() + "\n" +
                 json({{"question", "What melts ice?"},
                       {"choices", {{"text", {"Heat", "Cold", "Darkness", "Sound"}}, {"label", {"1", "2", "3", "4"}}}},
                       {"answerKey", "1"}}).dump() + "\n");
  write_file(dir + "/mmlu.jsonl", json({{"question", "What carries oxygen in blood?"},
                                        {"choices", {"Platelets", "Red cells", "Plasma", "Bone"}},
                                        {"answer", 1},
                                        {"subject", "high_school_biology"}}).dump() + "\n");
  write_file(dir + "/hellaswag.jsonl", json({{"activity_label", "Cooking"},
                                             {"ctx_a", "A man cracks eggs into a bowl."},
                                             {"ctx_b", "he"},
                                             {"endings", {"whisks them.", "sings to the moon [title] loudly.", "sleeps."}},
                                             {"label", "0"}}).dump() + "\n");
}

// Summed log p(continuation | context) from owb forward logits, one sequence at a time.
double independent_loglikelihood(const std::string& model, const Tokenizer& tok, const std::string& ctx,
                                 const std::string& cont, const TempDir& tmp) {
  std::vector<int32_t> c = tok.encode(ctx), whole = tok.encode(ctx + cont);
  write_file(tmp.file("ids.json"), json(whole).dump());
  OwbRun r = run_owb({"forward", QString::fromStdString(model), "--ids-file", QString::fromStdString(tmp.file("ids.json")),
                      "--logits-out", QString::fromStdString(tmp.file("l.npy"))});
  if (r.exit_code != 0) throw std::runtime_error(r.err.toStdString());
  at::Tensor logp = at::log_softmax(read_npy_f32(tmp.file("l.npy")).data.to(at::kDouble), -1);
  double ll = 0;
  for (size_t t = c.size(); t < whole.size(); ++t) ll += logp[t - 1][whole[t]].item<double>();
  return ll;
}

}  // namespace

class TaskAccuracyTest : public QObject {
  Q_OBJECT

 private Q_SLOTS:
  void trailingContextSpaceMovesIntoTheContinuation() {
    Tokenizer tok = Tokenizer::from_file(fixture_tokenizer_dir());
    ContextContinuation cc = split_context_continuation(tok, "Answer: ", "yes");
    QCOMPARE(cc.context, tok.encode("Answer:"));
    std::vector<int32_t> whole = tok.encode("Answer: yes");
    QCOMPARE(cc.continuation, std::vector<int32_t>(whole.begin() + cc.context.size(), whole.end()));
  }

  void accuracyMatchesIndependentLoglikelihoods() {
    TempDir tmp;
    const std::string model = tmp.file("model");
    write_planted_model(model, 2, {});
    write_tasks(tmp.path());
    OwbRun r = run_owb({"eval", QString::fromStdString(model), "--tasks", "arc_easy", "mmlu", "hellaswag", "--tasks-dir",
                        QString::fromStdString(tmp.path())});
    QVERIFY2(r.exit_code == 0, r.err.toUtf8());
    json out = json::parse(r.out.toStdString());
    Tokenizer tok = Tokenizer::from_file(fixture_tokenizer_dir());
    for (const auto& [task, prompts] : expected_prompts()) {
      int correct = 0, correct_norm = 0;
      for (size_t i = 0; i < prompts.size(); ++i) {
        const Prompt& p = prompts[i];
        std::vector<double> ll;
        for (const auto& cont : p.continuations) ll.push_back(independent_loglikelihood(model, tok, p.context, cont, tmp));
        for (size_t c = 0; c < ll.size(); ++c) {
          double reported = out[task]["loglikelihoods"][i][c];
          QVERIFY2(std::abs(reported - ll[c]) < 1e-4 * std::max(1.0, std::abs(ll[c])),
                   (task + " item " + std::to_string(i) + " choice " + std::to_string(c)).c_str());
        }
        size_t best = std::max_element(ll.begin(), ll.end()) - ll.begin();
        size_t best_norm = 0;
        for (size_t c = 1; c < ll.size(); ++c)
          if (ll[c] / p.continuations[c].size() > ll[best_norm] / p.continuations[best_norm].size()) best_norm = c;
        correct += static_cast<int>(best) == p.answer;
        correct_norm += static_cast<int>(best_norm) == p.answer;
      }
      QCOMPARE(out[task]["acc"].get<double>(), static_cast<double>(correct) / prompts.size());
      QCOMPARE(out[task]["acc_norm"].get<double>(), static_cast<double>(correct_norm) / prompts.size());
      QCOMPARE(out[task]["items"].get<int64_t>(), static_cast<int64_t>(prompts.size()));
    }
  }

  void taskRowsBecomeTheHarnessPrompts() {
    TempDir tmp;
    write_tasks(tmp.path());
    for (const auto& [task, prompts] : expected_prompts()) {
      auto items = load_multiple_choice(task, task_file(tmp.path(), task), 0);
      QCOMPARE(items.size(), prompts.size());
      for (size_t i = 0; i < items.size(); ++i) {
        QCOMPARE(items[i].context, prompts[i].context);
        QCOMPARE(items[i].continuations, prompts[i].continuations);
        QCOMPARE(items[i].answer, prompts[i].answer);
      }
    }
  }

  void malformedTaskRowsNameFileAndLine() {
    TempDir tmp;
    write_file(tmp.file("arc_easy.jsonl"), "{\"question\": \"q\", \"choices\": {\"text\": [\"a\", \"b\"], \"label\": [\"A\", \"B\"]}, \"answerKey\": \"Z\"}\n");
    try {
      load_multiple_choice("arc_easy", tmp.file("arc_easy.jsonl"), 0);
      QFAIL("expected an error");
    } catch (const InputError& e) {
      QVERIFY2(std::string(e.what()).find("arc_easy.jsonl:1") != std::string::npos, e.what());
    }
    write_file(tmp.file("mmlu.jsonl"), "{\"question\": \"q\"}\n");
    QVERIFY_THROWS_EXCEPTION(InputError, load_multiple_choice("mmlu", tmp.file("mmlu.jsonl"), 0));
  }

  void gsm8kAnswersAreExtractedAsTheHarnessDoes_data() {
    QTest::addColumn<QString>("completion");
    QTest::addColumn<QString>("strict");
    QTest::addColumn<QString>("flexible");
    QTest::newRow("strict marker") << "She pays 3 * 4 = 12 dollars.\n#### 12" << "12" << "12";
    QTest::newRow("thousands and dollars") << "Total: $1,234.\n#### 1,234" << "1,234" << "1,234";
    QTest::newRow("no marker: last number") << "First 5 apples, then 7 more, so 12." << "" << "12.";
    QTest::newRow("negative") << "The change is -3 degrees" << "" << "-3";
    QTest::newRow("nothing") << "I do not know." << "" << "";
  }
  void gsm8kAnswersAreExtractedAsTheHarnessDoes() {
    QFETCH(QString, completion);
    QFETCH(QString, strict);
    QFETCH(QString, flexible);
    QCOMPARE(QString::fromStdString(gsm8k_strict_answer(completion.toStdString())), strict);
    QCOMPARE(QString::fromStdString(gsm8k_flexible_answer(completion.toStdString())), flexible);
  }

  void gsm8kExactMatchIgnoresCommasDollarsAndATrailingPoint() {
    QVERIFY(gsm8k_answers_match("1,234", "Lots of work\n#### 1234"));
    QVERIFY(gsm8k_answers_match("$12.", "12"));
    QVERIFY(!gsm8k_answers_match("12.5", "125"));
    QVERIFY(!gsm8k_answers_match("", "0"));
  }

  void superWeightRunReportsAccuracyIntactAndZeroed() {
    TempDir tmp;
    const std::string model = tmp.file("model");
    OwbRun made = run_owb({"make-test-model", "--arch", "llama", "--out", QString::fromStdString(model), "--layers", "2",
                           "--tokenizer", QString::fromStdString(fixture_tokenizer_dir()), "--plant-super-weight",
                           "layer=0,row=3,col=7"});
    QCOMPARE(made.exit_code, 0);
    write_tasks(tmp.path());
    OwbRun r = run_owb({"superweights", "--models", QString::fromStdString(model), "--skip-perplexity", "--dtype", "float32",
                        "--accuracy-tasks", "arc_easy", "mmlu", "--tasks-dir", QString::fromStdString(tmp.path()),
                        "--results-dir", QString::fromStdString(tmp.file("results"))});
    QVERIFY2(r.exit_code == 0, r.err.toUtf8());
    QDir data(QString::fromStdString(tmp.file("results/model/data")));
    json a = read_json(data.filePath(data.entryList({"analysis_*.json"}).at(0)).toStdString());
    QCOMPARE(a["super_weights"].size(), size_t{1});
    for (const char* task : {"arc_easy", "mmlu"}) {
      const json& t = a["accuracy"][task];
      QVERIFY(t["baseline"]["acc"].is_number());
      QCOMPARE(t["individual"].size(), size_t{1});
      QCOMPARE(t["combined"]["delta_acc"].get<double>(), t["combined"]["acc"].get<double>() - t["baseline"]["acc"].get<double>());
    }
  }
};

QTEST_GUILESS_MAIN(TaskAccuracyTest)
#include "test_task_accuracy.moc"
