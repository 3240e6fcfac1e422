#!/usr/bin/env node
// Tokenizes .policy files with the extension's TextMate grammar, as VS Code does (vscode-textmate
// and the Oniguruma regex engine).
//   node scripts/tokenize.js FILE…          one line per token: line:start-end 'text' scopes
//   node scripts/tokenize.js --json FILE…   [{ file, lines: [[{ start, end, scopes }]] }]
// Offsets are UTF-16 code units within the line, as in the .NET lexer's spans. The .NET test
// suite (tests/PolicyLang.Tests/Editor) compares this with the real lexer.
'use strict';

const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const oniguruma = require('vscode-oniguruma');

const grammarPath = path.join(__dirname, '..', 'syntaxes', 'policy.tmLanguage.json');

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve('vscode-oniguruma/release/onig.wasm')).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === 'source.policy'
        ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath)
        : null,
  });
  return registry.loadGrammar('source.policy');
}

function tokenize(grammar, text) {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
  let stack = vsctm.INITIAL;
  return lines.map((line) => {
    const result = grammar.tokenizeLine(line, stack);
    stack = result.ruleStack;
    return result.tokens.map((t) => ({ start: t.startIndex, end: Math.min(t.endIndex, line.length), scopes: t.scopes }));
  });
}

async function main() {
  const args = process.argv.slice(2);
  const json = args.includes('--json');
  const files = args.filter((a) => a !== '--json');
  if (files.length === 0) {
    console.error('usage: node scripts/tokenize.js [--json] FILE…');
    process.exit(2);
  }
  const grammar = await loadGrammar();
  const out = files.map((file) => ({ file, lines: tokenize(grammar, fs.readFileSync(file, 'utf8')) }));
  if (json) {
    process.stdout.write(JSON.stringify(out));
    return;
  }
  for (const { file, lines } of out) {
    const text = fs.readFileSync(file, 'utf8').replace(/^\uFEFF/, '').split(/\r\n|\n|\r/);
    console.log(`== ${file}`);
    lines.forEach((tokens, n) => {
      for (const t of tokens) {
        const piece = text[n].slice(t.start, t.end);
        if (piece.trim() === '') continue;
        console.log(`${n + 1}:${t.start}-${t.end} '${piece}' ${t.scopes.slice(1).join(' ')}`);
      }
    });
  }
}

module.exports = { loadGrammar, tokenize };

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
