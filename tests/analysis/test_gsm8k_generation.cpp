// GSM8K end to end (owb eval --tasks gsm8k, owb superweights --accuracy-tasks gsm8k) on planted
// "answer models" whose greedy continuation is known in advance. The model is a bigram table:
// attention and MLP write nothing (o_proj, down_proj zero), so the last hidden state is the
// current token's embedding, one-hot (x8) on a slot per token of the answer chain, and the LM
// head maps slot(a) to successor(a). Generation from the prompt's last token (":" of "Answer:")
// therefore spells a chosen answer string, then EOS. The test extends the fixture tokenizer with
// merges so that every token of the chain is distinct ("####", " 42", ...); the helper checks that
// no token needs two successors.
// The fork variant also plants a super weight (layer 0, down_proj[60, 5]): its super activation
// in residual dim 60 tips two forks towards "42"; with the weight zeroed the forks go to "41".
#include "analysis_fixtures.h"
#include "errors.h"
#include "safetensors_file.h"
#include "task_accuracy.h"
#include "tokenizer.h"

#include <QtTest>

#include <filesystem>
#include <map>

using namespace owb;
using namespace owb::test;
using nlohmann::json;

namespace {

const std::string kSpace = "\xC4\xA0";  // byte-level "Ġ" (a leading space)
constexpr int64_t kHidden = 64, kSuperRow = 60, kSuperCol = 5, kAnchor = kHidden - 1;

const std::string kRight = " So total is $42.\n#### 42";
const std::string kWrong = " So total is $41.\n#### 41";

// The fixture tokenizer plus merges making each piece of the answers one token.
std::string write_answer_tokenizer(const std::string& dir) {
  json t = json::parse(read_file(fixture_tokenizer_dir() + "/tokenizer.json"));
  const std::string G = kSpace;
  const std::vector<std::pair<std::string, std::string>> merges = {
      {G, "S"}, {G + "S", "o"}, {G, "t"}, {G + "t", "o"}, {G + "to", "t"}, {G + "tot", "a"}, {G + "tota", "l"},
      {G, "i"}, {G + "i", "s"}, {G, "$"}, {G, "4"}, {G + "4", "2"}, {G + "4", "1"}, {"4", "2"}, {"4", "1"},
      {"#", "#"}, {"##", "##"}, {G, "Q"}, {G + "Q", "u"}, {G + "Qu", "e"}, {G + "Que", "s"}, {G + "Ques", "t"},
      {G + "Quest", "i"}, {G + "Questi", "o"}, {G + "Questio", "n"}};
  int64_t next_id = 279;  // after the fixture's vocabulary and added tokens
  for (const auto& [a, b] : merges) {
    t["model"]["merges"].push_back({a, b});
    if (!t["model"]["vocab"].contains(a + b)) t["model"]["vocab"][a + b] = next_id++;
  }
  std::filesystem::create_directories(dir);
  write_file(dir + "/tokenizer.json", t.dump());
  write_file(dir + "/tokenizer_config.json", read_file(fixture_tokenizer_dir() + "/tokenizer_config.json"));
  return dir;
}

struct AnswerModel {
  std::string intact;                 // what greedy decoding spells (then EOS)
  std::string without_super_weight;   // "" : no super weight planted
  bool then_eos = true;               // false: the last token's successor is left as the chain has it
};

// Reads every F32 tensor of a safetensors file.
std::map<std::string, at::Tensor> read_tensors(const std::string& path) {
  SafetensorsFile f(path);
  std::map<std::string, at::Tensor> out;
  for (const auto& [name, info] : f.tensors())
    out[name] = at::from_blob(const_cast<uint8_t*>(f.data(info)), info.shape, at::kFloat).clone();
  return out;
}

void write_tensors(const std::string& path, const std::map<std::string, at::Tensor>& tensors) {
  std::vector<TensorBlob> blobs;
  for (const auto& [name, t] : tensors) blobs.push_back({name, "F32", t.sizes().vec(), f32_bytes(t)});
  write_safetensors(path, blobs);
}

// The chain from the prompt's last token through `text`'s tokens (to EOS): (previous, next) pairs.
std::vector<std::pair<int32_t, int32_t>> chain(const Tokenizer& tok, const std::string& text, bool then_eos) {
  std::vector<int32_t> ids = {tok.encode("\nAnswer:").back()};
  for (int32_t id : tok.encode(text)) ids.push_back(id);
  if (then_eos) ids.push_back(*tok.eos_id());
  std::vector<std::pair<int32_t, int32_t>> pairs;
  for (size_t i = 0; i + 1 < ids.size(); ++i) pairs.emplace_back(ids[i], ids[i + 1]);
  return pairs;
}

void write_answer_model(const std::string& dir, const AnswerModel& m) {
  const std::string tokenizer_dir = write_answer_tokenizer(dir + "_tokenizer");
  SyntheticModelSpec spec = small_spec("llama");
  spec.tokenizer_path = tokenizer_dir;
  const bool fork = !m.without_super_weight.empty();
  if (fork)
    spec.super_weights.push_back(parse_planted_super_weight(
        "layer=0,row=" + std::to_string(kSuperRow) + ",col=" + std::to_string(kSuperCol) + ",value=0.05"));
  write_model(spec, dir);
  Tokenizer tok = Tokenizer::from_file(dir);

  // successor[a] = b on the intact chain; forks: tokens whose successor differs without the weight.
  std::map<int32_t, int32_t> successor, fork_wrong;
  for (const auto& [a, b] : chain(tok, m.intact, m.then_eos)) {
    auto [it, fresh] = successor.emplace(a, b);
    if (!fresh && it->second != b)
      throw std::runtime_error("answer model: token " + std::to_string(a) + " would need two successors; pick other text");
  }
  if (fork)
    for (const auto& [a, b] : chain(tok, m.without_super_weight, m.then_eos)) {
      auto it = successor.find(a);
      if (it == successor.end()) successor[a] = b;
      else if (it->second != b) fork_wrong[a] = b;
    }
  std::map<int32_t, int64_t> slot;
  for (const auto& [a, b] : successor) slot.emplace(a, static_cast<int64_t>(slot.size()));
  if (static_cast<int64_t>(slot.size()) >= kSuperRow) throw std::runtime_error("answer model: too many chain tokens");

  const std::string file = dir + "/model.safetensors";
  auto t = read_tensors(file);
  for (auto& [name, w] : t) {
    if (name.find("o_proj") != std::string::npos) w.zero_();
    if (name.find("down_proj") != std::string::npos) {
      const float planted = fork && name.find("layers.0.") != std::string::npos ? w[kSuperRow][kSuperCol].item<float>() : 0.f;
      w.zero_();
      w[kSuperRow][kSuperCol] = planted;
    }
  }
  t["model.norm.weight"].fill_(1.0);
  at::Tensor& emb = t["model.embed_tokens.weight"];
  at::Tensor& head = t["lm_head.weight"];
  head.zero_();
  for (const auto& [a, s] : slot) {
    emb[a].zero_();
    emb[a][s] = 8.0;  // about the norm of a random N(0, 1) row, so the planted MLP sees its usual input
    if (fork) emb[a][kAnchor] = 1.0;
  }
  for (const auto& [a, b] : successor) head[b][slot[a]] = 1.0;
  for (const auto& [a, wrong] : fork_wrong) {
    // With the super activation (~5 in dim 60) the right token wins by ~0.5 x 4 - 0.15 x 7;
    // without it the wrong one wins by 0.15 x 8.
    head[wrong][slot[a]] = 1.15;
    head[successor[a]][kSuperRow] = 0.5;
  }
  write_tensors(file, t);
}

void write_gsm8k(const std::string& dir, const std::vector<std::string>& references, bool with_train_file = true) {
  std::string train, test;
  const char* shots[][2] = {{"Tom has 3 apples and buys 2 more. How many apples does he have?", "3 + 2 = 5\n#### 5"},
                            {"A box holds 4 pens. How many pens are in 3 boxes?", "4 x 3 = 12\n#### 12"},
                            {"Ann reads 10 pages a day. How many pages in 7 days?", "10 x 7 = 70\n#### 70"},
                            {"A cake costs $8. What do 2 cakes cost?", "8 x 2 = $16\n#### 16"},
                            {"Sam had 20 marbles and lost 6. How many are left?", "20 - 6 = 14\n#### 14"}};
  for (const auto& s : shots) train += json({{"question", s[0]}, {"answer", s[1]}}).dump() + "\n";
  for (size_t i = 0; i < references.size(); ++i)
    test += json({{"question", "Question number " + std::to_string(i) + ": 6 bags of 7 apples; how many apples?"},
                  {"answer", "6 x 7 = " + references[i] + "\n#### " + references[i]}}).dump() + "\n";
  std::filesystem::create_directories(dir);
  if (with_train_file) write_file(dir + "/gsm8k_train.jsonl", train);
  write_file(dir + "/gsm8k.jsonl", with_train_file ? test : train + test);
}

json eval_gsm8k(const std::string& model, const std::string& tasks, const QStringList& extra = {}) {
  OwbRun r = run_owb(QStringList{"eval", QString::fromStdString(model), "--tasks", "gsm8k", "--tasks-dir",
                                 QString::fromStdString(tasks)} + extra);
  if (r.exit_code != 0) throw std::runtime_error("owb eval failed: " + r.err.toStdString());
  return json::parse(r.out.toStdString()).at("gsm8k");
}

}  // namespace

class Gsm8kGenerationTest : public QObject {
  Q_OBJECT
  TempDir tmp_;

 private Q_SLOTS:
  void initTestCase() { write_gsm8k(tmp_.file("tasks"), {"42", "42"}); }

  void exactMatchIsOneWhenTheModelSpellsTheAnswer() {
    write_answer_model(tmp_.file("right"), {kRight});
    json r = eval_gsm8k(tmp_.file("right"), tmp_.file("tasks"));
    QCOMPARE(r["items"].get<int64_t>(), int64_t(2));
    QCOMPARE(r["shots"].get<int64_t>(), int64_t(5));
    QCOMPARE(r["completions"][0].get<std::string>(), kRight);
    QCOMPARE(r["stop_reasons"][0].get<std::string>(), std::string("eos"));
    QCOMPARE(r["strict_answers"][1].get<std::string>(), std::string("42"));
    QCOMPARE(r["exact_match_strict"].get<double>(), 1.0);
    QCOMPARE(r["exact_match_flexible"].get<double>(), 1.0);
  }

  void exactMatchIsZeroWhenTheModelSpellsAnotherNumber() {
    write_answer_model(tmp_.file("wrong"), {kWrong});
    json r = eval_gsm8k(tmp_.file("wrong"), tmp_.file("tasks"));
    QCOMPARE(r["completions"][1].get<std::string>(), kWrong);
    QCOMPARE(r["exact_match_strict"].get<double>(), 0.0);
    QCOMPARE(r["exact_match_flexible"].get<double>(), 0.0);
  }

  void withoutHashesOnlyTheFlexibleExtractionMatches() {
    write_answer_model(tmp_.file("no_hashes"), {" So total is $42."});
    json r = eval_gsm8k(tmp_.file("no_hashes"), tmp_.file("tasks"));
    QCOMPARE(r["strict_answers"][0].get<std::string>(), std::string(""));
    QCOMPARE(r["flexible_answers"][0].get<std::string>(), std::string("$42."));
    QCOMPARE(r["exact_match_strict"].get<double>(), 0.0);
    QCOMPARE(r["exact_match_flexible"].get<double>(), 1.0);
  }

  void generationStopsAtQuestionAndCutsItOff() {
    // The chain ends on ":", whose successor is the answer's first token again: only the stop
    // string ends generation.
    write_answer_model(tmp_.file("chatty"), {kRight + " Question:", "", /*then_eos=*/false});
    json r = eval_gsm8k(tmp_.file("chatty"), tmp_.file("tasks"));
    QCOMPARE(r["completions"][0].get<std::string>(), kRight + " ");
    QCOMPARE(r["stop_reasons"][0].get<std::string>(), std::string("stop_string"));
    QCOMPARE(r["exact_match_strict"].get<double>(), 1.0);
  }

  void maxGenTokensEndsGeneration() {
    write_answer_model(tmp_.file("short"), {kRight});
    json r = eval_gsm8k(tmp_.file("short"), tmp_.file("tasks"), {"--max-gen-tokens", "3"});
    QCOMPARE(r["completions"][0].get<std::string>(), std::string(" So total is"));
    QCOMPARE(r["stop_reasons"][0].get<std::string>(), std::string("max_new_tokens"));
    QCOMPARE(r["exact_match_flexible"].get<double>(), 0.0);
  }

  void promptIsFiveShotsThenTheQuestion() {
    Gsm8kTask task = load_gsm8k_task(tmp_.file("tasks"), 0);
    QCOMPARE(task.shots.size(), size_t(5));
    QCOMPARE(task.items.size(), size_t(2));
    std::string expected;
    for (const auto& s : task.shots) expected += "Question: " + s.question + "\nAnswer: " + s.full_answer + "\n\n";
    expected += "Question: Q?\nAnswer:";
    QCOMPARE(gsm8k_prompt(task.shots, "Q?"), expected);
    QVERIFY(gsm8k_prompt(task.shots, "Q?").rfind("Question: Tom has 3 apples and buys 2 more. How many apples does he have?\n"
                                                 "Answer: 3 + 2 = 5\n#### 5\n\nQuestion: A box", 0) == 0);
  }

  // Without gsm8k_train.jsonl the first five rows are the shots and are not scored.
  void withoutATrainFileTheFirstRowsAreTheShots() {
    write_gsm8k(tmp_.file("tasks_one_file"), {"42", "7", "42"}, /*with_train_file=*/false);
    Gsm8kTask task = load_gsm8k_task(tmp_.file("tasks_one_file"), 2);
    QCOMPARE(task.shots.size(), size_t(5));
    QCOMPARE(task.shots[0].reference_answer, std::string("5"));
    QCOMPARE(task.items.size(), size_t(2));
    QCOMPARE(task.items[1].reference_answer, std::string("7"));
    std::filesystem::create_directories(tmp_.file("tasks_few"));
    write_file(tmp_.file("tasks_few/gsm8k.jsonl"), read_file(tmp_.file("tasks/gsm8k_train.jsonl")));
    QVERIFY_EXCEPTION_THROWN(load_gsm8k_task(tmp_.file("tasks_few"), 0), InputError);
  }

  // The super-weight job reports GSM8K intact and with the planted weight zeroed: the answer
  // flips from 42 to 41, so exact match drops from 1 to 0.
  void zeroingThePlantedSuperWeightFlipsTheAnswer() {
    write_answer_model(tmp_.file("fork"), {kRight, kWrong});
    QCOMPARE(eval_gsm8k(tmp_.file("fork"), tmp_.file("tasks"))["completions"][0].get<std::string>(), kRight);
    OwbRun r = run_owb({"superweights", "--models", QString::fromStdString(tmp_.file("fork")), "--skip-perplexity",
                        "--spike-threshold", "3", "--dtype", "float32", "--accuracy-tasks", "gsm8k", "--tasks-dir",
                        QString::fromStdString(tmp_.file("tasks")), "--results-dir", QString::fromStdString(tmp_.file("sw"))});
    QVERIFY2(r.exit_code == 0, qPrintable(r.err));
    json all = read_json(r.out.trimmed().split('\n').last().toStdString());
    json model = all["models"][tmp_.file("fork")];
    QCOMPARE(model["super_weights"].size(), size_t(1));
    QCOMPARE(model["super_weights"][0]["layer"].get<int64_t>(), int64_t(0));
    QCOMPARE(model["super_weights"][0]["row"].get<int64_t>(), kSuperRow);
    QCOMPARE(model["super_weights"][0]["col"].get<int64_t>(), kSuperCol);
    json g = model["accuracy"]["gsm8k"];
    QCOMPARE(g["baseline"]["exact_match_strict"].get<double>(), 1.0);
    QCOMPARE(g["baseline"]["items"].get<int64_t>(), int64_t(2));
    QCOMPARE(g["individual"][0]["exact_match_strict"].get<double>(), 0.0);
    QCOMPARE(g["individual"][0]["delta_exact_match_strict"].get<double>(), -1.0);
    QCOMPARE(g["individual"][0]["delta_exact_match_flexible"].get<double>(), -1.0);
    QCOMPARE(g["combined"]["exact_match_flexible"].get<double>(), 0.0);
  }

  void streamingSuperWeightRunsRefuseGsm8k() {
    OwbRun r = run_owb({"superweights", "--models", QString::fromStdString(tmp_.file("right")), "--skip-perplexity",
                        "--streaming", "--accuracy-tasks", "gsm8k", "--tasks-dir", QString::fromStdString(tmp_.file("tasks")),
                        "--results-dir", QString::fromStdString(tmp_.file("sw_streaming"))});
    QVERIFY(r.exit_code != 0);
    QVERIFY2(r.err.contains("resident"), qPrintable(r.err));
  }
};

QTEST_GUILESS_MAIN(Gsm8kGenerationTest)
#include "test_gsm8k_generation.moc"
