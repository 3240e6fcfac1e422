#!/usr/bin/env node
// Loads an unpacked .vsix (its extension/ folder) the way VS Code would, with a stand-in for the
// 'vscode' module: the packaged client and every module it needs must be in the package.
//   node test/package-smoke.js EXTRACTED/extension
'use strict';

const path = require('path');
const fs = require('fs');
const { createFakeVscode, requireWith } = require('./support/fake-vscode');

async function main() {
  const root = path.resolve(process.argv[2] || '');
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const main = path.join(root, manifest.main);
  const { vscode, log } = createFakeVscode({ settings: { 'policylang.server.path': 'policyc-not-installed-here' } });
  // The real vscode-languageclient from the package, loaded against the fake editor API.
  const client = requireWith(require.resolve('vscode-languageclient/node', { paths: [root] }), { vscode });
  if (typeof client.LanguageClient !== 'function') throw new Error('vscode-languageclient/node has no LanguageClient');
  if (!require.resolve('vscode-languageclient/node', { paths: [root] }).startsWith(root)) throw new Error('vscode-languageclient was not loaded from the package');
  const extension = requireWith(main, { vscode });
  await extension.activate({ subscriptions: [] });
  if (!log.commands.has('policylang.restartServer')) throw new Error('the packaged extension registers no policylang.restartServer command');
  if (log.errors.length !== 1 || !/not found on PATH/.test(log.errors[0].message)) {
    throw new Error(`expected one 'not found' error, got ${JSON.stringify(log.errors)}`);
  }
  await extension.deactivate();
  console.log(`the packaged extension loads (${path.relative(process.cwd(), main)}) and reports a missing server`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
