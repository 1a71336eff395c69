/**
 * The extension's client: starts the bundled language server and registers commands. No analysis
 * happens here (see ARCHITECTURE.md).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Cognito Pool Policies', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath('dist/server.js');
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    documentSelector: ['json', 'jsonc'].flatMap((language) => [
      { language, scheme: 'file' },
      { language, scheme: 'untitled' },
    ]),
    synchronize: { configurationSection: 'cognitoPool' },
    outputChannel: output,
  };
  client = new LanguageClient('cognitoPool', 'Cognito Pool Policies', serverOptions, clientOptions);
  context.subscriptions.push(
    vscode.commands.registerCommand('cognitoPool.showServerOutput', () => output.show(true)),
    vscode.commands.registerCommand('cognitoPool.restartServer', async () => {
      await client?.restart();
      output.info('Language server restarted.');
    }),
  );
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
