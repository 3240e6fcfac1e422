// Unit tests of src/server.ts (run after `npm run compile`): node --test test/unit/
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { resolveServer, findExecutable, expandVariables } = require('../../out/server.js');

function tempDir() {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'policylang-vscode-'));
}

function executable(dir, name) {
  const file = path.join(dir, name);
  fs.writeFileSync(file, '#!/bin/sh\nexit 0\n');
  fs.chmodSync(file, 0o755);
  return file;
}

const env = (over = {}) => ({ env: { PATH: '' }, platform: process.platform, home: '/u/me', ...over });

test('finds policyc on PATH and passes the default arguments', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir();
  const file = executable(dir, 'policyc');
  const r = resolveServer({ path: 'policyc', args: ['lsp'] }, env({ env: { PATH: `/nonexistent${path.delimiter}${dir}` }, workspaceFolder: '/ws/project' }));
  assert.equal(r.ok, true);
  assert.deepEqual(r.server, { command: file, args: ['lsp'], cwd: '/ws/project' });
});

test('an empty setting means policyc', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir();
  const file = executable(dir, 'policyc');
  const r = resolveServer({ path: '  ', args: ['lsp'] }, env({ env: { PATH: dir } }));
  assert.equal(r.ok, true);
  assert.equal(r.server.command, file);
});

test('a missing executable gives a message that says what to set', () => {
  const r = resolveServer({ path: 'policyc', args: ['lsp'] }, env({ env: { PATH: tempDir() } }));
  assert.equal(r.ok, false);
  assert.match(r.message, /'policyc' was not found on PATH/);
  assert.match(r.message, /policylang\.server\.path/);
});

test('a file that is not executable is not a server', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'policyc'), '');
  assert.equal(findExecutable('policyc', env({ env: { PATH: dir } })), undefined);
  const r = resolveServer({ path: path.join(dir, 'policyc'), args: [] }, env());
  assert.equal(r.ok, false);
  assert.match(r.message, /does not exist or is not executable/);
});

test('a relative path is resolved against the workspace folder', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir();
  fs.mkdirSync(path.join(dir, 'bin'));
  const file = executable(path.join(dir, 'bin'), 'policyc');
  const r = resolveServer({ path: './bin/policyc', args: ['lsp', '--stdio'] }, env({ workspaceFolder: dir }));
  assert.equal(r.ok, true);
  assert.deepEqual(r.server, { command: file, args: ['lsp', '--stdio'], cwd: dir });
  const none = resolveServer({ path: './bin/policyc', args: [] }, env());
  assert.equal(none.ok, false);
  assert.match(none.message, /relative path and no folder is open/);
});

test('~, ${userHome}, ${workspaceFolder} and ${env:NAME} are expanded', () => {
  const e = env({ env: { PATH: '', TOOLS: '/opt/tools' }, workspaceFolder: '/ws', home: '/u/me' });
  assert.equal(expandVariables('~/bin/policyc', e), '/u/me/bin/policyc');
  assert.equal(expandVariables('${userHome}/x', e), '/u/me/x');
  assert.equal(expandVariables('${workspaceFolder}/x', e), '/ws/x');
  assert.equal(expandVariables('${env:TOOLS}/policyc', e), '/opt/tools/policyc');
  assert.equal(expandVariables('${env:NOPE}policyc', e), 'policyc');
});

test('the development setup (dotnet run) resolves with its arguments', { skip: process.platform === 'win32' }, () => {
  const dir = tempDir();
  const dotnet = executable(dir, 'dotnet');
  const args = ['run', '--project', '${workspaceFolder}/src/PolicyLang.Cli', '--', 'lsp'];
  const r = resolveServer({ path: 'dotnet', args }, env({ env: { PATH: dir }, workspaceFolder: '/repo' }));
  assert.equal(r.ok, true);
  assert.deepEqual(r.server, { command: dotnet, args: ['run', '--project', '/repo/src/PolicyLang.Cli', '--', 'lsp'], cwd: '/repo' });
});

test('${workspaceFolder} without a folder is explained', () => {
  const r = resolveServer({ path: '${workspaceFolder}/policyc', args: [] }, env());
  assert.equal(r.ok, false);
  assert.match(r.message, /no folder is open/);
});
