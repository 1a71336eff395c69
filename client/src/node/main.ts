/**
 * The extension under Node (package.json `main`, dist/client.js): starts the bundled Node language server
 * (dist/server.js) over IPC.
 */
import * as vscode from 'vscode';
import { LanguageClient, TransportKind, type ServerOptions } from 'vscode-languageclient/node';
import { CLIENT_ID, CLIENT_NAME, clientOptions, startClient } from '../common/activate';
import { SERVER_EXEC_ARGV, serverEnv } from './serverProcess';

let client: LanguageClient | undefined;

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  const serverModule = context.asAbsolutePath('dist/server.js');
  // Its flags and environment (memory, start-up time): serverProcess.ts.
  const env = serverEnv(process.env);
  const serverOptions: ServerOptions = {
    run: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_EXEC_ARGV] } },
    debug: { module: serverModule, transport: TransportKind.ipc, options: { env, execArgv: [...SERVER_EXEC_ARGV, '--nolazy', '--inspect=6010'] } },
  };
  client = new LanguageClient(CLIENT_ID, CLIENT_NAME, serverOptions, clientOptions(output));
  const started = client;
  await startClient(context, started, output, () => started.restart());
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
