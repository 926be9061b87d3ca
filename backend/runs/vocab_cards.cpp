#include "vocab_cards.h"

#include "bootstrap.h"
#include "json_file.h"
#include "tokenizer.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <sstream>

namespace owb {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

// Token strings may hold bytes that are not UTF-8 on their own: written replaced, never thrown on.
std::string dump_line(const json& j) { return j.dump(-1, ' ', false, json::error_handler_t::replace); }

json number_or_null(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

json moments_json(const Moments& m) {
  return {{"var", number_or_null(m.var)}, {"skew", number_or_null(m.skew)}, {"kurt", number_or_null(m.kurt)}};
}

json tokens_json(const std::vector<TokenEffect>& tokens) {
  json out = json::array();
  for (const TokenEffect& t : tokens) out.push_back({{"id", t.id}, {"tok", t.tok}, {"str", t.str}, {"effect", t.effect}});
  return out;
}

json bootstrap_json(const SuperWeightMeasurements& m, const CardOptions& o) {
  if (o.bootstrap <= 0) return nullptr;
  const std::pair<const char*, double TokenMetricSums::*> metrics[] = {{"loss", &TokenMetricSums::loss},
                                                                       {"entropy", &TokenMetricSums::entropy},
                                                                       {"topk_margin", &TokenMetricSums::margin},
                                                                       {"stopword_mass", &TokenMetricSums::stopword_mass}};
  json out = json::object();
  for (const auto& [name, field] : metrics) {
    WindowDeltas d = window_deltas(m.zeroed, *m.baseline, field);
    // The same seed for every metric: each resample draws the same windows for all four.
    BootstrapInterval b = bootstrap_weighted_mean(d.sums, d.tokens, o.bootstrap, o.seed);
    out[name] = {{"mean", b.mean}, {"ci_2.5", b.ci_low}, {"ci_97.5", b.ci_high}};
  }
  return out;
}

json cascade_json(const std::optional<Cascade>& c) {
  if (!c) return nullptr;
  return {{"layers", c->layers},     {"delta_entropy", c->delta_entropy}, {"delta_margin", c->delta_margin},
          {"delta_loss", c->delta_loss}, {"entropy", c->entropy},         {"margin", c->margin}};
}

// "Dual token analysis": the tokens whose mean predicted probability rose / fell the most.
json probability_changes_json(const SuperWeightMeasurements& m, const CardOptions& o, const Tokenizer& tok) {
  const PassResult& a = *m.baseline;
  const PassResult& z = m.zeroed;
  if (!a.probability_sum.defined() || !z.probability_sum.defined()) return nullptr;
  at::Tensor delta = z.probability_sum / static_cast<double>(z.total().tokens) -
                     a.probability_sum / static_cast<double>(a.total().tokens);
  return {{"up", tokens_json(top_tokens(delta, o.top_k, true, tok))},
          {"down", tokens_json(top_tokens(delta, o.top_k, false, tok))}};
}

std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string csv_value(const json& v) {
  if (v.is_null()) return "";
  if (v.is_string()) return csv_field(v.get<std::string>());
  if (v.is_number_float()) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.10g", v.get<double>());
    return buf;
  }
  return csv_field(dump_line(v));
}

std::string csv_table(const std::vector<std::string>& header, const std::vector<std::vector<json>>& rows) {
  std::ostringstream out;
  for (size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << header[i];
  out << "\n";
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) out << (i ? "," : "") << csv_value(row[i]);
    out << "\n";
  }
  return out.str();
}

std::string joined_tokens(const json& tokens) {
  std::string out;
  for (const json& t : tokens) out += (out.empty() ? "" : "|") + t["str"].get<std::string>();
  return out;
}

std::vector<json> neuron_row(const json& c) {
  auto moment = [&](const char* key, const char* m) { return c[key].is_null() ? json(nullptr) : c[key][m]; };
  json best_class = nullptr, best_score = nullptr;
  if (c["enrichment"].is_array())
    for (const json& e : c["enrichment"])
      if (best_score.is_null() || e["score"].get<double>() > best_score.get<double>()) best_class = e["class"], best_score = e["score"];
  return {c["model"], c["layer"], c["neuron"], moment("moments", "var"), moment("moments", "skew"),
          moment("moments", "kurt"), moment("moments_cos", "var"), moment("moments_cos", "skew"),
          moment("moments_cos", "kurt"), c["label"], joined_tokens(c["top_tokens_up"]), joined_tokens(c["top_tokens_down"]),
          best_class, best_score};
}

std::vector<json> super_weight_row(const json& c) {
  std::vector<json> row = {c["model"], c["tensor"], c["layer"], c["row"], c["col"], c["weight_value"]};
  for (const char* group : {"baselines", "deltas"})
    for (const char* m : {"loss", "entropy", "topk_margin", "stopword_mass"}) row.push_back(c[group][m]);
  for (const char* control : {"random_coord_delta", "neuron_zero_delta"})
    for (const char* m : {"loss", "entropy", "topk_margin", "stopword_mass"}) row.push_back(c["controls"][control][m]);
  const json& b = c["bootstrap"];
  row.push_back(b.is_null() ? json(nullptr) : b["loss"]["ci_2.5"]);
  row.push_back(b.is_null() ? json(nullptr) : b["loss"]["ci_97.5"]);
  return row;
}

void write_jsonl(RunContext& ctx, const std::string& relative, const std::vector<json>& cards) {
  std::string text;
  for (const json& c : cards) text += dump_line(c) + "\n";
  fs::create_directories(fs::path(ctx.file(relative)).parent_path());
  write_file_atomically(ctx.file(relative), text);
  ctx.event({{"event", "artifact"}, {"path", relative}});
}

void write_csv(RunContext& ctx, const std::string& relative, const std::string& text) {
  fs::create_directories(fs::path(ctx.file(relative)).parent_path());
  write_file_atomically(ctx.file(relative), text);
  ctx.event({{"event", "artifact"}, {"path", relative}});
}

}  // namespace

json metrics_json(const TokenMetrics& m) {
  return {{"loss", m.loss}, {"entropy", m.entropy}, {"topk_margin", m.topk_margin}, {"stopword_mass", m.stopword_mass}};
}

json neuron_card(const NeuronCardInput& n, const CardOptions& o) {
  const NeuronVocabularyEffect& e = n.effect;
  json enrichment = nullptr;
  if (o.enrichment) {
    enrichment = json::array();
    for (const ClassEnrichment& c : n.enrichment)
      enrichment.push_back({{"class", c.token_class}, {"score", c.score}, {"examples", c.examples},
                            {"top_share", c.top_share}, {"vocab_share", c.vocab_share}, {"top_count", c.top_count}});
  }
  json sws = json::array();
  for (const SuperWeight& w : n.super_weights) sws.push_back({{"row", w.row}, {"col", w.col}});
  json card = {{"model", o.model},
               {"layer", e.layer},
               {"neuron", e.neuron},
               {"moments", moments_json(e.moments)},
               {"moments_cos", e.moments_cos ? moments_json(*e.moments_cos) : json(nullptr)},
               {"top_tokens_up", tokens_json(e.top_up)},
               {"top_tokens_down", tokens_json(e.top_down)},
               {"enrichment", enrichment},
               {"label", e.label},
               {"tensor", e.tensor},
               {"super_weights", sws}};
  if (e.cosine) {
    card["top_tokens_up_cos"] = tokens_json(e.top_up_cos);
    card["top_tokens_down_cos"] = tokens_json(e.top_down_cos);
  }
  return card;
}

json super_weight_card(const SuperWeightMeasurements& m, const CardOptions& o, const Tokenizer& tok) {
  const SuperWeight& w = m.weight;
  TokenMetrics base = mean_metrics(m.baseline->total());
  auto delta = [&](const PassResult& p) { return metrics_json(metric_delta(mean_metrics(p.total()), base)); };
  json random = delta(m.random_control);
  return {{"model", o.model},
          {"tensor", w.tensor},
          {"tensor_kind", "mlp_down"},
          {"layer", w.layer},
          {"row", w.row},
          {"col", w.col},
          {"weight_value", w.weight_value},
          {"detection", {{"iteration", w.iteration}, {"input_activation", w.input_activation},
                         {"output_activation", w.output_activation}, {"position", w.position}}},
          {"baselines", metrics_json(base)},
          {"deltas", delta(m.zeroed)},
          {"controls", {{"random_coord_delta", random},
                        {"neuron_zero_delta", delta(m.neuron_zeroed)},
                        {"random_coord", {{"row", m.random_coordinate.row}, {"col", m.random_coordinate.col},
                                          {"weight_value", m.random_weight_value}}},
                        {"neuron", {{"layer", w.layer}, {"col", w.col}}}}},
          {"cascade", cascade_json(m.cascade)},
          {"bootstrap", bootstrap_json(m, o)},
          {"token_probability_changes", probability_changes_json(m, o, tok)},
          {"windows", m.baseline->windows.size()},
          {"tokens", m.baseline->total().tokens}};
}

json write_model_results(RunContext& ctx, const CardOptions& o, const Tokenizer& tok,
                         const std::vector<NeuronCardInput>& neurons, const std::vector<SuperWeightMeasurements>& measured,
                         int64_t windows) {
  std::vector<json> neuron_cards, sw_cards;
  std::vector<std::vector<json>> neuron_rows, sw_rows;
  for (const NeuronCardInput& n : neurons) {
    neuron_cards.push_back(neuron_card(n, o));
    neuron_rows.push_back(neuron_row(neuron_cards.back()));
  }
  for (const SuperWeightMeasurements& m : measured) {
    sw_cards.push_back(super_weight_card(m, o, tok));
    sw_rows.push_back(super_weight_row(sw_cards.back()));
  }
  write_jsonl(ctx, "metrics/neurons/neurons.jsonl", neuron_cards);
  write_jsonl(ctx, "metrics/super_weights/super_weights.jsonl", sw_cards);
  write_csv(ctx, "summaries/neurons.csv",
            csv_table({"model", "layer", "neuron", "var", "skew", "kurt", "var_cos", "skew_cos", "kurt_cos", "label",
                       "top_tokens_up", "top_tokens_down", "top_enrichment_class", "top_enrichment_score"},
                      neuron_rows));
  std::vector<std::string> header = {"model", "tensor", "layer", "row", "col", "weight_value"};
  for (const char* group : {"baseline", "delta", "random_coord_delta", "neuron_zero_delta"})
    for (const char* m : {"loss", "entropy", "topk_margin", "stopword_mass"}) header.push_back(std::string(group) + "_" + m);
  header.insert(header.end(), {"delta_loss_ci_2.5", "delta_loss_ci_97.5"});
  write_csv(ctx, "summaries/super_weights.csv", csv_table(header, sw_rows));

  json summary = {{"status", "ok"}, {"windows", windows}, {"neurons", neuron_cards.size()},
                  {"super_weights", json::array()}};
  if (!measured.empty()) summary["baselines"] = sw_cards.front()["baselines"];
  for (const json& c : sw_cards)
    summary["super_weights"].push_back({{"layer", c["layer"]}, {"row", c["row"]}, {"col", c["col"]},
                                        {"deltas", c["deltas"]}, {"controls", {{"random_coord_delta", c["controls"]["random_coord_delta"]},
                                                                              {"neuron_zero_delta", c["controls"]["neuron_zero_delta"]}}}});
  return summary;
}

std::string vocab_readme(const json& config, const json& summary) {
  std::ostringstream r;
  r << "# Vocabulary analysis (owb vocab)\n\n"
    << "Written " << summary.value("timestamp", "") << " by `owb vocab` (the seed's run_vocab_analyses.py for dense models).\n\n"
    << "Held-out text: `" << config["dataset"].get<std::string>() << "`, " << config["tokens"] << " tokens, windows of "
    << config["window_len"] << " every " << config["stride"] << (config["drop_first_token"].get<bool>() ? ", first token dropped" : "")
    << "; seed " << config["seed"] << ", bootstrap resamples " << config["bootstrap"] << ".\n\n"
    << "| model | status | super weights | baseline loss | delta loss (each) | neuron-zero delta loss | random-coordinate delta loss |\n"
    << "|---|---|---|---|---|---|---|\n";
  for (const auto& [model, s] : summary["models"].items()) {
    r << "| " << model << " | " << s.value("status", "") << " | ";
    if (s.value("status", "") != "ok") {
      r << " | | | | |\n";
      continue;
    }
    std::string deltas, neuron, random;
    for (const json& w : s["super_weights"]) {
      std::string where = "L" + std::to_string(w["layer"].get<int64_t>()) + " R" + std::to_string(w["row"].get<int64_t>()) +
                          " C" + std::to_string(w["col"].get<int64_t>()) + ": ";
      auto text = [](const json& v) { char b[32]; std::snprintf(b, sizeof b, "%+.4g", v.get<double>()); return std::string(b); };
      deltas += (deltas.empty() ? "" : "; ") + where + text(w["deltas"]["loss"]);
      neuron += (neuron.empty() ? "" : "; ") + where + text(w["controls"]["neuron_zero_delta"]["loss"]);
      random += (random.empty() ? "" : "; ") + where + text(w["controls"]["random_coord_delta"]["loss"]);
    }
    r << s["super_weights"].size() << " | "
      << (s.contains("baselines") ? std::to_string(s["baselines"]["loss"].get<double>()) : std::string("-")) << " | "
      << deltas << " | " << neuron << " | " << random << " |\n";
  }
  r << "\nPer model: `metrics/neurons/neurons.jsonl` and `metrics/super_weights/super_weights.jsonl` (one card per line),\n"
    << "`summaries/neurons.csv` and `summaries/super_weights.csv`, `run_config.json`, `analysis.log`.\n\n"
    << "Definitions: loss = next-token NLL (nats); entropy of the next-token distribution (nats); topk_margin = top-1 minus\n"
    << "top-2 probability; stopword_mass = probability on single-token English function words. Deltas = zeroed minus\n"
    << "intact, token-weighted over the scored positions of Hugging Face sliding windows. Vocabulary effect of a neuron\n"
    << "(down_proj column) = W_U (g * W_down[:, c]) with g the final norm's scale (its normalisation ignored).\n\n"
    << "Plots: owb writes none (the seed's `plots/` folders). The Outlier Workbench GUI draws the vocabulary effects,\n"
    << "intervention deltas and cascades from these files.\n";
  return r.str();
}

}  // namespace owb
