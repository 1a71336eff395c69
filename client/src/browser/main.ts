/**
 * The extension in the web worker extension host (package.json `browser`, dist/browser/client.js; vscode.dev,
 * github.dev): starts the browser language server (dist/browser/server.js) in a Worker and hands it the
 * extension's own files it needs (the IAM catalog, the README, the HCL parser's WebAssembly), read with vscode.workspace.fs from the
 * extension's folder; the server reads workspace files through this client. Nothing goes to the network.
 */
import * as vscode from 'vscode';
import { BrowserMessageReader, BrowserMessageWriter, LanguageClient } from 'vscode-languageclient/browser';
import type { BrowserInitializationOptions } from '../../../server/src/protocol';
import { CLIENT_ID, CLIENT_NAME, clientOptions, startClient } from '../common/activate';
import { answerFileRequests } from '../common/workspaceFiles';

declare const Worker: new (url: string) => { terminate(): void };
declare const Blob: new (parts: string[], options: { type: string }) => object;
declare const URL: { createObjectURL(blob: object): string; revokeObjectURL(url: string): void };

declare function btoa(data: string): string;

let client: LanguageClient | undefined;

/** Bytes as base64, for initializationOptions (JSON): in chunks, as String.fromCharCode takes a bounded argument list. */
function toBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const output = vscode.window.createOutputChannel(CLIENT_NAME, { log: true });
  context.subscriptions.push(output);
  const decoder = new TextDecoder();
  const own = (file: string) => vscode.Uri.joinPath(context.extensionUri, file);
  let catalog: string;
  let serverScript: string;
  try {
    catalog = decoder.decode(await vscode.workspace.fs.readFile(own('dist/catalog.json')));
    serverScript = decoder.decode(await vscode.workspace.fs.readFile(own('dist/browser/server.js')));
  } catch (error) {
    // A broken install: say so where the user looks, and keep the output command so the log can be read.
    const message = `The extension's own files could not be read, so policies are not analysed (reinstall the extension): ${String(error)}`;
    output.error(message);
    context.subscriptions.push(vscode.commands.registerCommand('cognitoPool.showServerOutput', () => output.show(true)));
    void vscode.window.showErrorMessage(`Cognito Pool Policies: ${message}`);
    return;
  }
  let readme: BrowserInitializationOptions['readme'];
  try {
    readme = { uri: own('README.md').toString(), text: decoder.decode(await vscode.workspace.fs.readFile(own('README.md'))) };
  } catch {
    readme = undefined; // no rule documentation links then
  }
  let hclWasm: BrowserInitializationOptions['hclWasm'];
  try {
    const [runtime, grammar] = await Promise.all(
      ['dist/web-tree-sitter.wasm', 'dist/tree-sitter-terraform.wasm'].map((f) => vscode.workspace.fs.readFile(own(f))),
    );
    hclWasm = { runtime: toBase64(runtime), grammar: toBase64(grammar) };
  } catch (error) {
    output.warn(`The HCL parser could not be read, so Terraform files are not analysed: ${String(error)}`);
  }
  const initializationOptions: BrowserInitializationOptions = { catalog, readme, hclWasm };
  // The Worker runs the server's script from a blob: a worker cannot be created from every extension location
  // (code-server refuses vscode-remote: ones), while vscode.workspace.fs reads the extension's files anywhere.
  const serverUrl = URL.createObjectURL(new Blob([serverScript], { type: 'application/javascript' }));
  // A new Worker at every (re)start: the stopped server's worker is ended.
  let worker: { terminate(): void } | undefined;
  // Transports rather than the Worker: the client's `instanceof Worker` fails on the web worker host's Worker.
  const startWorker = async () => {
    worker?.terminate();
    worker = new Worker(serverUrl);
    return { reader: new BrowserMessageReader(worker), writer: new BrowserMessageWriter(worker) };
  };
  const started = new LanguageClient(CLIENT_ID, CLIENT_NAME, startWorker, clientOptions(output, initializationOptions));
  client = started;
  context.subscriptions.push(answerFileRequests(started), {
    dispose: () => {
      worker?.terminate();
      URL.revokeObjectURL(serverUrl);
    },
  });
  await startClient(context, started, output, async () => {
    await started.stop();
    await started.start();
  });
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
