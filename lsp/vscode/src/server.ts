// Finds the language server executable. No 'vscode' import here, so the unit tests can load it
// with plain Node (test/unit/server.test.js).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export interface ServerSettings {
  /** policylang.server.path: a command name looked up on PATH, or a path. */
  path: string;
  /** policylang.server.args. */
  args: string[];
}

export interface ResolvedServer {
  command: string;
  args: string[];
  /** The working directory: the first workspace folder, so that relative arguments such as
   * `--project src/PolicyLang.Cli` work during development. */
  cwd?: string;
}

export type Resolution = { ok: true; server: ResolvedServer } | { ok: false; message: string };

export interface Environment {
  env: NodeJS.ProcessEnv;
  platform: NodeJS.Platform;
  home: string;
  workspaceFolder?: string;
}

export function currentEnvironment(workspaceFolder?: string): Environment {
  return { env: process.env, platform: process.platform, home: os.homedir(), workspaceFolder };
}

/** Expands ~, ${userHome}, ${workspaceFolder} and ${env:NAME} in a setting. */
export function expandVariables(value: string, environment: Environment): string {
  let result = value.trim();
  if (result === '~' || result.startsWith('~/') || result.startsWith('~\\')) result = environment.home + result.slice(1);
  return result.replace(/\$\{(userHome|workspaceFolder|env:([A-Za-z_][A-Za-z0-9_]*))\}/g, (whole, name: string, envName?: string) => {
    if (name === 'userHome') return environment.home;
    if (name === 'workspaceFolder') return environment.workspaceFolder ?? whole;
    return environment.env[envName ?? ''] ?? '';
  });
}

function isExecutableFile(file: string, platform: NodeJS.Platform): boolean {
  try {
    const stat = fs.statSync(file);
    if (!stat.isFile()) return false;
    if (platform === 'win32') return true;
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function candidates(file: string, environment: Environment): string[] {
  if (environment.platform !== 'win32' || path.extname(file) !== '') return [file];
  const extensions = (environment.env.PATHEXT ?? '.COM;.EXE;.BAT;.CMD').split(';').filter((e) => e.length > 0);
  return [file, ...extensions.map((e) => file + e.toLowerCase()), ...extensions.map((e) => file + e)];
}

/** The full path of a command: itself when it is a path (relative to the workspace folder), else the
 * first match on PATH (with PATHEXT on Windows). Undefined when there is none. */
export function findExecutable(command: string, environment: Environment): string | undefined {
  const pathApi = environment.platform === 'win32' ? path.win32 : path.posix;
  const isPath = command.includes('/') || (environment.platform === 'win32' && command.includes('\\'));
  if (isPath) {
    let file = command;
    if (!pathApi.isAbsolute(file)) {
      if (environment.workspaceFolder === undefined) return undefined;
      file = pathApi.resolve(environment.workspaceFolder, file);
    }
    return candidates(file, environment).find((c) => isExecutableFile(c, environment.platform));
  }
  const pathVariable = environment.env.PATH ?? environment.env.Path ?? '';
  for (const dir of pathVariable.split(pathApi.delimiter)) {
    if (dir.length === 0) continue;
    const found = candidates(pathApi.join(dir.replace(/^"(.*)"$/, '$1'), command), environment).find((c) => isExecutableFile(c, environment.platform));
    if (found) return found;
  }
  return undefined;
}

/** Turns the settings into a command line, or explains why there is none. */
export function resolveServer(settings: ServerSettings, environment: Environment): Resolution {
  const raw = (settings.path ?? '').trim() || 'policyc';
  const command = expandVariables(raw, environment);
  if (command.includes('${workspaceFolder}')) {
    return { ok: false, message: `policylang.server.path is '${raw}', but no folder is open to resolve \${workspaceFolder}.` };
  }
  const args = Array.isArray(settings.args) ? settings.args.map((a) => expandVariables(String(a), environment)) : ['lsp'];
  const found = findExecutable(command, environment);
  if (found === undefined) {
    const isPath = command.includes('/') || command.includes('\\');
    const where = !isPath
      ? `'${command}' was not found on PATH`
      : environment.workspaceFolder === undefined && !path.isAbsolute(command)
        ? `'${command}' is a relative path and no folder is open`
        : `'${command}' does not exist or is not executable`;
    return {
      ok: false,
      message: `Cannot start the PolicyLang language server: ${where}. Install policyc, or set policylang.server.path to the policyc executable (during development: "dotnet" with policylang.server.args ["run", "--project", "src/PolicyLang.Cli", "--", "lsp"]).`,
    };
  }
  return { ok: true, server: { command: found, args, cwd: environment.workspaceFolder } };
}
