// A stand-in for the 'vscode' module: enough of the API for out/extension.js, recording what the
// extension does. Any other member is a harmless stub (so vscode-languageclient can load against it).
'use strict';

const Module = require('module');

function stub(name) {
  // A function that is also a class and has any property: vscode.X.Y(...), new vscode.Z(), class extends vscode.W.
  const target = function () {};
  return new Proxy(target, {
    get: (t, key) => (key === 'prototype' ? t.prototype : key === Symbol.toPrimitive ? () => name : key in t ? t[key] : stub(`${name}.${String(key)}`)),
    apply: () => undefined,
    construct: () => ({}),
  });
}

function withFallback(object, name) {
  return new Proxy(object, { get: (t, key) => (key in t ? t[key] : stub(`${name}.${String(key)}`)) });
}

/** Creates the fake and a log of what the extension did with it. */
function createFakeVscode({ settings = {}, folder, language = 'en' } = {}) {
  const log = { errors: [], infos: [], watchers: [], commands: new Map(), executed: [] };
  const vscode = withFallback({
    window: withFallback({
      createOutputChannel: (name, options) => ({ name, options, info() {}, warn() {}, error() {}, trace() {}, debug() {}, append() {}, appendLine() {}, show() {}, dispose() {} }),
      showErrorMessage: async (message, ...actions) => { log.errors.push({ message, actions }); return undefined; },
      showInformationMessage: async (message) => { log.infos.push(message); return undefined; },
    }, 'window'),
    workspace: withFallback({
      createFileSystemWatcher: (pattern) => { const w = { pattern, dispose() {} }; log.watchers.push(w); return w; },
      getConfiguration: (section) => ({
        get: (key, fallback) => (Object.prototype.hasOwnProperty.call(settings, `${section}.${key}`) ? settings[`${section}.${key}`] : fallback),
      }),
      workspaceFolders: folder ? [{ uri: { fsPath: folder } }] : undefined,
      onDidChangeConfiguration: () => ({ dispose() {} }),
    }, 'workspace'),
    commands: withFallback({
      registerCommand: (id, callback) => { log.commands.set(id, callback); return { dispose() {} }; },
      executeCommand: async (id, ...args) => { log.executed.push([id, ...args]); return log.commands.get(id)?.(...args); },
    }, 'commands'),
    env: withFallback({ language }, 'env'),
  }, 'vscode');
  return { vscode, log };
}

/** Requires a module with 'vscode' (and any other module named in `mocks`) replaced. */
function requireWith(file, mocks) {
  const load = Module._load;
  Module._load = function (request, parent, isMain) {
    if (Object.prototype.hasOwnProperty.call(mocks, request)) return mocks[request];
    return load.call(this, request, parent, isMain);
  };
  for (const key of Object.keys(require.cache)) if (!key.includes(`${require('path').sep}node_modules${require('path').sep}vscode-tmgrammar`)) delete require.cache[key];
  try {
    return require(file);
  } finally {
    Module._load = load;
  }
}

module.exports = { createFakeVscode, requireWith };
