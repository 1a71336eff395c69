/**
 * The extension's client: starts the bundled language server and registers commands. No analysis
 * happens here (see ARCHITECTURE.md).
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type LanguageClientOptions, type ServerOptions } from 'vscode-languageclient/node';
import { registerFlowPanel } from './flowPanel';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel('Cognito Pool Policies', { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath('dist/server.js');
  // The server never opens a network connection: it needs no extra CA certificates, and loading a
  // bundle named by NODE_EXTRA_CA_CERTS costs Node ~140 ms at every start.
  const env = { ...process.env };
  delete env.NODE_EXTRA_CA_CERTS;
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: ['--nolazy', '--inspect=6010'] } },
  };
  const clientOptions: LanguageClientOptions = {
    // JSON policies and CloudFormation/SAM templates (JSON or YAML); the server stays silent on anything else.
    documentSelector: ['json', 'jsonc', 'yaml'].flatMap((language) => [
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
  registerFlowPanel(context, client, output);
  await client.start();
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
