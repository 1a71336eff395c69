/**
 * The extension under Node (package.json `main`, dist/client.js): starts the bundled Node language server
 * (dist/server.js) over IPC.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, clientOptions, startClient } from '../common/activate';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
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
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions(output));
  const started = client;
  await startClient(context, started, output, () => started.restart());
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
