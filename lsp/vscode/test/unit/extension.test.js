// Runs out/extension.js against a stand-in for the 'vscode' module and for vscode-languageclient, to
// check the wiring: which server is started with which options, the restart command, and the error
// shown when the server is missing. (The real editor is not available to the tests.)
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createFakeVscode, requireWith } = require('../support/fake-vscode');

function setup({ settings, folder, startFails } = {}) {
  const { vscode, log } = createFakeVscode({ settings, folder, language: 'zh-cn' });
  log.clients = [];
  class LanguageClient {
    constructor(id, name, serverOptions, clientOptions) {
      Object.assign(this, { id, name, serverOptions, clientOptions, started: 0, disposed: 0 });
      log.clients.push(this);
    }
    async start() { this.started++; if (startFails) throw new Error(startFails); }
    async dispose() { this.disposed++; }
  }
  const languageclient = { LanguageClient, TransportKind: { stdio: 0, ipc: 1, pipe: 2, socket: 3 } };
  const extension = requireWith(require.resolve('../../out/extension.js'), { vscode, 'vscode-languageclient/node': languageclient });
  return { extension, log };
}

const context = () => ({ subscriptions: [] });

function fakeServer() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policylang-ext-'));
  const file = path.join(dir, 'policyc');
  fs.writeFileSync(file, '#!/bin/sh\n');
  fs.chmodSync(file, 0o755);
  return file;
}

test('starts the configured server over stdio for policy documents', { skip: process.platform === 'win32' }, async () => {
  const server = fakeServer();
  const { extension, log } = setup({ settings: { 'policylang.server.path': server, 'policylang.server.args': ['lsp', '--verbose'] }, folder: '/ws' });
  await extension.activate(context());
  assert.equal(log.clients.length, 1);
  const client = log.clients[0];
  assert.equal(client.id, 'policylang'); // so the client reads policylang.trace.server
  assert.deepEqual(client.serverOptions, { command: server, args: ['lsp', '--verbose'], transport: 0, options: { cwd: '/ws' } });
  assert.deepEqual(client.clientOptions.documentSelector, [{ language: 'policy' }]);
  assert.equal(client.clientOptions.synchronize.fileEvents.pattern, '**/*.policy');
  assert.deepEqual(client.clientOptions.initializationOptions, { locale: 'zh-cn' });
  assert.equal(client.started, 1);
  assert.deepEqual(log.errors, []);
  await extension.deactivate();
  assert.equal(client.disposed, 1);
});

test('policylang.restartServer stops the server and starts a new one', { skip: process.platform === 'win32' }, async () => {
  const { extension, log } = setup({ settings: { 'policylang.server.path': fakeServer() } });
  await extension.activate(context());
  assert.ok(log.commands.has('policylang.restartServer'));
  await log.commands.get('policylang.restartServer')();
  assert.equal(log.clients.length, 2);
  assert.equal(log.clients[0].disposed, 1);
  assert.equal(log.clients[1].started, 1);
  assert.deepEqual(log.clients[1].serverOptions.args, ['lsp']);
  await extension.deactivate();
});

test('a missing server shows an error that says how to fix it, and starts nothing', async () => {
  const { extension, log } = setup({ settings: { 'policylang.server.path': 'policyc-that-does-not-exist' } });
  await extension.activate(context());
  assert.equal(log.clients.length, 0);
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0].message, /'policyc-that-does-not-exist' was not found on PATH/);
  assert.match(log.errors[0].message, /policylang\.server\.path/);
  assert.deepEqual(log.errors[0].actions, ['Open Settings', 'Show Output']);
  await extension.deactivate();
});

test('a server that fails to start is reported', { skip: process.platform === 'win32' }, async () => {
  const { extension, log } = setup({ settings: { 'policylang.server.path': fakeServer() }, startFails: 'spawn EACCES' });
  await extension.activate(context());
  assert.equal(log.errors.length, 1);
  assert.match(log.errors[0].message, /Cannot start the PolicyLang language server .*spawn EACCES/);
  assert.equal(log.clients[0].disposed, 1);
});
