// End-to-end: starts the real `policyc lsp` process and drives it over stdio with the npm
// vscode-languageserver-protocol client (not ours), as VS Code's client would. Prints one JSON object with what
// it saw; the .NET test (tests/PolicyLang.Tests/LanguageServer/EndToEndTests.cs) asserts on it.
//   node test/e2e/lsp-e2e.js <examples dir> <locale> <command> [args...]
'use strict';
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const { pathToFileURL } = require('node:url');
const rpc = require('vscode-languageserver-protocol/node');

const [examples, locale, command, ...args] = process.argv.slice(2);
const file = path.join(examples, 'liuzhou-2022.policy');
const uri = pathToFileURL(file).href;
const text = fs.readFileSync(file, 'utf8');

function positionOf(needle, nth = 0, delta = 0) {
  let index = -1;
  for (let i = 0; i <= nth; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`'${needle}' not in ${file}`);
  index += delta;
  const before = text.slice(0, index).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

function withTimeout(promise, ms, what) {
  return Promise.race([promise, new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out: ${what}`)), ms))]);
}

async function main() {
  const child = spawn(command, args, { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d.toString(); });
  const errors = [];
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  connection.onError((e) => errors.push(String(e && e[0] && e[0].message || e)));
  const diagnostics = [];
  let waiter = null;
  connection.onNotification('textDocument/publishDiagnostics', (p) => {
    diagnostics.push(p);
    if (waiter && waiter.test(p)) { waiter.resolve(p); waiter = null; }
  });
  const nextDiagnostics = (test) => {
    const seen = diagnostics.find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve) => { waiter = { test, resolve }; });
  };
  connection.listen();

  const out = { errors };
  const init = await withTimeout(connection.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'vscode-languageserver-protocol e2e' },
    locale,
    rootUri: pathToFileURL(examples).href,
    workspaceFolders: [{ uri: pathToFileURL(examples).href, name: 'examples' }],
    capabilities: {},
  }), 60000, 'initialize');
  out.capabilities = Object.keys(init.capabilities).sort();
  out.serverName = init.serverInfo && init.serverInfo.name;
  connection.sendNotification('initialized', {});

  connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'policy', version: 1, text } });
  const first = await withTimeout(nextDiagnostics((p) => p.uri === uri && p.version === 1), 60000, 'diagnostics v1');
  out.openErrors = first.diagnostics.filter((d) => d.severity === 1).length;

  const use = positionOf('office_close', 1, 2);
  const hover = await connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: use });
  out.hover = hover && hover.contents.value;
  const definition = await connection.sendRequest('textDocument/definition', { textDocument: { uri }, position: use });
  out.definitionLine = definition[0].range.start.line;
  out.paramLine = positionOf('param office_close').line;
  const feeLine = positionOf('fee {').line;
  const completion = await connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line: feeLine + 1, character: 2 } });
  out.completion = completion.items.map((i) => i.label);
  const symbols = await connection.sendRequest('textDocument/documentSymbol', { textDocument: { uri } });
  out.symbols = symbols.map((s) => s.name);
  const formatting = await connection.sendRequest('textDocument/formatting', { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  out.formattingEdits = formatting.length;

  // Type a mistake: office_close → office_clos in the window section.
  const at = positionOf('office_close', 1, 'office_clos'.length);
  connection.sendNotification('textDocument/didChange', {
    textDocument: { uri, version: 2 },
    contentChanges: [{ range: { start: at, end: { line: at.line, character: at.character + 1 } }, text: '' }],
  });
  const second = await withTimeout(nextDiagnostics((p) => p.uri === uri && p.version === 2), 60000, 'diagnostics v2');
  out.changed = second.diagnostics.map((d) => ({ code: d.code, line: d.range.start.line, message: d.message }));

  try {
    await connection.sendRequest('textDocument/noSuchMethod', {});
    out.unknownMethod = 'answered';
  } catch (e) {
    out.unknownMethod = e.code;
  }

  await connection.sendRequest('shutdown');
  connection.sendNotification('exit');
  out.exitCode = await withTimeout(new Promise((resolve) => child.on('exit', (code) => resolve(code))), 30000, 'exit');
  out.stderrHasLog = stderr.includes('[policyc lsp]');
  connection.dispose();
  process.stdout.write(JSON.stringify(out) + '\n');
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ fatal: String(e && e.stack || e) }) + '\n');
  process.exit(1);
});
