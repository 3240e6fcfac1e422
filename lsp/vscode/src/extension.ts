import * as vscode from 'vscode';
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from 'vscode-languageclient/node';
import { currentEnvironment, resolveServer } from './server';

const clientId = 'policylang'; // the client reads its trace level from `${clientId}.trace.server`
const clientName = 'PolicyLang Language Server';

let client: LanguageClient | undefined;
let outputChannel: vscode.LogOutputChannel | undefined;
let watcher: vscode.FileSystemWatcher | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  outputChannel = vscode.window.createOutputChannel(clientName, { log: true });
  watcher = vscode.workspace.createFileSystemWatcher('**/*.policy');
  context.subscriptions.push(outputChannel, watcher);

  context.subscriptions.push(
    vscode.commands.registerCommand('policylang.restartServer', async () => {
      await stopServer();
      await startServer();
    }),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (!event.affectsConfiguration('policylang.server')) return;
      const restart = 'Restart Server';
      const choice = await vscode.window.showInformationMessage('The PolicyLang language server settings changed.', restart);
      if (choice === restart) await vscode.commands.executeCommand('policylang.restartServer');
    }),
  );

  await startServer();
}

export async function deactivate(): Promise<void> {
  await stopServer();
}

async function startServer(): Promise<void> {
  const config = vscode.workspace.getConfiguration('policylang');
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  const resolution = resolveServer(
    { path: config.get<string>('server.path', 'policyc'), args: config.get<string[]>('server.args', ['lsp']) },
    currentEnvironment(folder),
  );
  if (!resolution.ok) {
    outputChannel?.error(resolution.message);
    void showStartError(resolution.message);
    return;
  }

  const { command, args, cwd } = resolution.server;
  const serverOptions: ServerOptions = { command, args, transport: TransportKind.stdio, options: { cwd } };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [{ language: 'policy' }],
    synchronize: { fileEvents: watcher, configurationSection: 'policylang' },
    // The server answers in the editor's language; LSP's own `locale` field is sent by the client too.
    initializationOptions: { locale: vscode.env.language },
    outputChannel,
  };

  outputChannel?.info(`Starting ${command} ${args.join(' ')}${cwd ? ` in ${cwd}` : ''}`);
  const created = new LanguageClient(clientId, clientName, serverOptions, clientOptions);
  client = created;
  try {
    await created.start();
  } catch (error) {
    if (client === created) client = undefined;
    const reason = error instanceof Error ? error.message : String(error);
    const message = `Cannot start the PolicyLang language server (${command} ${args.join(' ')}): ${reason}. Check policylang.server.path and policylang.server.args.`;
    outputChannel?.error(message);
    void showStartError(message);
    await created.dispose().catch(() => undefined);
  }
}

async function stopServer(): Promise<void> {
  const running = client;
  client = undefined;
  if (running === undefined) return;
  try {
    await running.dispose(2000);
  } catch (error) {
    outputChannel?.warn(`Stopping the language server: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function showStartError(message: string): Promise<void> {
  const openSettings = 'Open Settings';
  const showOutput = 'Show Output';
  const choice = await vscode.window.showErrorMessage(message, openSettings, showOutput);
  if (choice === openSettings) await vscode.commands.executeCommand('workbench.action.openSettings', 'policylang.server');
  else if (choice === showOutput) outputChannel?.show(true);
}
