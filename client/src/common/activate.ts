/**
 * What both extension entries share (node/main.ts under Node, browser/main.ts in the web worker extension
 * host): the client options, the commands and the flow panel. They only differ in how the server starts.
 * No analysis happens here (see ARCHITECTURE.md).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { registerFlowPanel } from './flowPanel';
import { analyzeRestoredTabs } from './restoredTabs';
import { registerLanguageStatus } from './languageStatus';
import { registerRuleDocs } from './ruleDocs';
import { registerPolicyLanguage } from './policyLanguage';
import { DOCUMENT_LANGUAGES, type ClientInitializationOptions } from '../../../server/src/protocol';

export const CLIENT_ID = 'cognitoPool';
export const CLIENT_NAME = 'Cognito Pool Policies';

export function clientOptions(output: vscode.LogOutputChannel, initializationOptions?: unknown): LanguageClientOptions {
  return {
    // JSON policies, CloudFormation/SAM templates (JSON or YAML) and Terraform of every scheme the editor opens:
    // files, untitled documents, virtual file systems (vscode-vfs:, vscode-remote:, ...). Terraform by HashiCorp's
    // language id or, without that extension (plaintext), by the file name. The server stays silent on anything else.
    documentSelector: [...DOCUMENT_LANGUAGES.map((language) => ({ language })), { pattern: '**/*.{tf,tpl,tftpl}' }],
    // `json` too: whether the built-in JSON service validates (json.validate) decides which syntax problems are ours.
    synchronize: { configurationSection: ['cognitoPool', 'json'] },
    outputChannel: output,
    initializationOptions: { completedInPolicyCommand: true, ...(initializationOptions as object | undefined) } satisfies ClientInitializationOptions,
  };
}

/** Registers the commands and the flow panel, then starts the client. `restart` restarts the server. */
export async function startClient(
  context: vscode.ExtensionContext,
  client: BaseLanguageClient,
  output: vscode.LogOutputChannel,
  restart: () => Promise<void>,
): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand('cognitoPool.showServerOutput', () => output.show(true)),
    vscode.commands.registerCommand('cognitoPool.restartServer', async () => {
      await restart();
      output.info('Language server restarted.');
    }),
  );
  registerFlowPanel(context, client, output);
  registerRuleDocs(context, client, output);
  registerLanguageStatus(context, client);
  registerPolicyLanguage(context, client, output);
  await client.start();
  context.subscriptions.push(analyzeRestoredTabs(client, output));
}
