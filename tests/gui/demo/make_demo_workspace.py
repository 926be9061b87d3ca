#!/usr/bin/env python3
"""Writes a demo workspace in the documented result-file format (docs/result-files.md) for
screenshots and manual checks of outlier-workbench. Numbers are synthetic, shaped like a
0.6B Qwen3 run: 28 layers (56 hooks) x 1024 dims, a few systematic dims growing with depth.

Usage: make_demo_workspace.py OUT_DIR
"""
import json, math, os, random, sys

def write(path, obj):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        json.dump(obj, f)

def outlier_run(root, name, model, layers, hidden, seed, systematic):
    rng = random.Random(seed)
    hooks = [f"layer_{i}_{k}" for i in range(layers) for k in ("ln_attn", "ln_mlp")]
    threshold, sequences, seq_len = 6.0, 16, 2048
    positions = sequences * seq_len
    max_abs, hits = [], []
    sporadic = {rng.randrange(hidden): rng.randrange(len(hooks)) for _ in range(40)}
    for h, hook in enumerate(hooks):
        layer = h // 2
        depth = layer / (layers - 1)
        base = 1.6 + 1.4 * depth + (0.4 if hook.endswith("mlp") else 0.0)
        row_m, row_h = [], []
        for d in range(hidden):
            m = base * math.exp(rng.gauss(0, 0.18))
            k = 0
            if d in systematic:
                start, peak, share = systematic[d]
                if layer >= start:
                    ramp = min(1.0, (layer - start + 1) / 4)
                    m = peak * ramp * (0.75 + 0.25 * math.sin(layer / 3 + d)) * (1.0 if hook.endswith("mlp") else 0.6)
                    m = max(m, base)
                    k = int(positions * share * ramp) if m >= threshold else 0
            elif sporadic.get(d) is not None and abs(sporadic[d] - h) <= 1:
                m = threshold + rng.uniform(0.5, 6)
                k = rng.randrange(1, 40)
            if m >= threshold and k == 0:
                k = 1
            row_m.append(round(m, 3))
            row_h.append(k)
        max_abs.append(row_m)
        hits.append(row_h)
    run = os.path.join(root, name)
    write(os.path.join(run, "layer_stats.json"), {
        "format": "owb.layer_stats", "v": 1, "model": model, "threshold": threshold, "hidden_size": hidden,
        "sequences": sequences, "sequence_length": seq_len, "positions": positions, "hooks": hooks,
        "max_abs": max_abs, "hits": hits})
    records = []
    for d in range(hidden):
        hit_hooks = [hooks[h] for h in range(len(hooks)) if hits[h][d] > 0]
        layer_pct = len(hit_hooks) / len(hooks)
        seq_pct = min(1.0, max(hits[h][d] for h in range(len(hooks))) / positions * 1.3)
        if layer_pct >= 0.25 and seq_pct >= 0.06:
            mag = max(max_abs[h][d] for h in range(len(hooks)))
            records.append({"feature_dim": d, "max_magnitude": mag, "layer_percentage": layer_pct,
                            "seq_percentage": seq_pct, "total_occurrences": sum(hits[h][d] for h in range(len(hooks))),
                            "layers_affected": sorted(hit_hooks), "example_values": [mag, -0.8 * mag, 0.6 * mag]})
    records.sort(key=lambda r: -r["max_magnitude"])
    write(os.path.join(run, "final_analysis_results.json"), {
        "analysis_summary": {"total_batches": 16, "total_sequences": sequences, "total_systematic_outliers": 16 * len(records),
                             "completion_time": "2025-06-01T10:12:00"},
        "run_config": {"model": model, "dataset": "HuggingFaceFW/fineweb-edu", "num_sequences": sequences,
                       "sequence_length": seq_len, "batch_size": 1, "threshold": threshold, "layers": "all",
                       "shard_range_inclusive": None, "experiment_name": name},
        "top_features": [{"feature_dim": r["feature_dim"], "max_magnitude": r["max_magnitude"], "occurrences": 16} for r in records],
        "all_systematic_outliers": [], "batch_results": [],
        "model": model, "thresholds": {"magnitude_threshold": threshold, "min_layer_percentage": 0.25, "min_seq_percentage": 0.06},
        "systematic_outliers": records, "summary": {"num_systematic": len(records)}})
    write(os.path.join(run, "run.json"), {"status": "ok", "mode": "outliers", "started": "2025-06-01T10:00:00",
                                          "finished": "2025-06-01T10:12:00", "elapsed_s": 720.5, "error": "",
                                          "host": "workstation", "versions": {"owb": "0.1.0", "libtorch": "1.13.1"}})

def main():
    out = sys.argv[1]
    outlier_run(os.path.join(out, "runs", "qwen3-sweep"), "qwen3-0.6b_outliers_20250601_100000", "Qwen/Qwen3-0.6B",
                28, 1024, 1, {112: (2, 310.0, 0.92), 396: (3, 96.0, 0.55), 568: (1, 42.0, 0.30), 901: (6, 18.0, 0.12)})
    outlier_run(os.path.join(out, "runs", "qwen3-sweep"), "qwen3-1.7b_outliers_20250601_110000", "Qwen/Qwen3-1.7B",
                28, 2048, 2, {1461: (2, 420.0, 0.95), 77: (4, 60.0, 0.4)})
    ppl = os.path.join(out, "runs", "qwen3-sweep", "qwen3-0.6b_perplexity_20250601_120000")
    write(os.path.join(ppl, "perplexity_results.json"), {"perplexity": 21.37, "avg_loss": 3.062, "total_tokens": 32752,
          "num_sequences": 16, "model": "Qwen/Qwen3-0.6B", "dataset": "HuggingFaceFW/fineweb-edu", "sequence_length": 2048,
          "timestamp": "2025-06-01T12:05:00", "batch_results": [], "method": "fixed"})
    write(os.path.join(ppl, "run.json"), {"status": "ok", "mode": "perplexity", "elapsed_s": 301.0})
    seed = os.path.join(out, "remote_results", "olmoe_analysis_20240915_083000")
    write(os.path.join(seed, "final_analysis_results.json"), {
        "analysis_summary": {"total_batches": 16, "total_sequences": 16, "total_systematic_outliers": 49, "completion_time": "2024-09-15T09:30:00"},
        "run_config": {"model": "allenai/OLMoE-1B-7B-0924", "threshold": 6.0, "sequence_length": 2048, "batch_size": 1},
        "top_features": [{"feature_dim": d, "max_magnitude": m, "occurrences": o} for d, m, o in
                         [(1017, 88.2, 16), (245, 31.5, 12), (1923, 12.1, 9), (702, 7.9, 12)]],
        "all_systematic_outliers": [], "batch_results": []})

if __name__ == "__main__":
    main()
