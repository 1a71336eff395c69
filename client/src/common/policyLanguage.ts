/**
 * The IAM Policy language mode (POLICY_LANGUAGE_ID): a JSON document the server says is a policy file
 * (POLICY_DOCUMENT_NOTIFICATION) is switched to it, so this extension's completion, formatting, folding and
 * outline are the only ones there; in `json`, VS Code's JSON service adds its own suggestions (keys and values
 * seen elsewhere in the document, `$schema`) to ours. `cognitoPool.policyLanguageMode` turns it off.
 *
 * A switch closes an open suggestion list, so it comes when none is open: right after a suggestion of ours is
 * accepted in the document (COMPLETED_IN_POLICY_COMMAND, which then opens the list again if the item asks), or,
 * for a policy opened or pasted, once the document has not changed for QUIET_MS. A document the user switches
 * back to JSON stays JSON while a tab shows it; closing its tabs forgets that.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { COMPLETED_IN_POLICY_COMMAND, POLICY_DOCUMENT_NOTIFICATION, POLICY_LANGUAGE_ID, policyDocumentParams } from '../../../server/src/protocol';

const SETTING = 'policyLanguageMode';
const JSON_LANGUAGES: readonly string[] = ['json', 'jsonc'];
/** How long a document must be left alone before it is switched (a switch closes an open suggestion list). */
const QUIET_MS = 1500;
/** The server's completion trigger characters that open a list by themselves (server/src/common/server.ts). */
const TRIGGER_CHARACTERS: readonly string[] = ['"', ':'];

export function registerPolicyLanguage(context: vscode.ExtensionContext, client: BaseLanguageClient, output: vscode.LogOutputChannel): void {
  /** The documents the server said are policy files, until their tabs close (the key is the URI's string). */
  const policies = new Set<string>();
  /** What each switched document was before (json or jsonc), while its tabs are open. */
  const switched = new Map<string, string>();
  /** Documents the user switched back to JSON: left alone while their tabs are open. */
  const declined = new Set<string>();
  const lastEdit = new Map<string, number>();
  const timers = new Map<string, ReturnType<typeof setTimeout>>();

  const enabled = () => vscode.workspace.getConfiguration('cognitoPool').get<boolean>(SETTING, true) !== false;
  const documentOf = (key: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  const tabKeys = () =>
    new Set(vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri.toString()] : [])));

  /** `now`: right after a suggestion was accepted; otherwise once the document is quiet. */
  const trySwitch = async (key: string, now = false): Promise<void> => {
    clearTimeout(timers.get(key));
    timers.delete(key);
    const document = documentOf(key);
    if (!enabled() || !document || !JSON_LANGUAGES.includes(document.languageId) || declined.has(key)) return;
    const quietFor = Date.now() - (lastEdit.get(key) ?? 0);
    if (!now && quietFor < QUIET_MS) {
      timers.set(
        key,
        setTimeout(() => void trySwitch(key), QUIET_MS - quietFor),
      );
      return;
    }
    const before = document.languageId;
    switched.set(key, before);
    try {
      await vscode.languages.setTextDocumentLanguage(document, POLICY_LANGUAGE_ID);
      output.info(`${vscode.workspace.asRelativePath(document.uri)} is an IAM policy: opened in the IAM Policy language mode (cognitoPool.${SETTING}).`);
    } catch (error) {
      switched.delete(key);
      output.warn(`Could not switch ${key} to the IAM Policy language mode: ${String(error)}`);
    }
  };

  /** Whether the active editor's cursor is right after a character that opens the suggestion list. */
  const afterTriggerCharacter = () => {
    const editor = vscode.window.activeTextEditor;
    const at = editor?.selection.active;
    if (!editor || !at || at.character === 0) return false;
    return TRIGGER_CHARACTERS.includes(editor.document.lineAt(at.line).text[at.character - 1]);
  };

  context.subscriptions.push(
    client.onNotification(POLICY_DOCUMENT_NOTIFICATION, (raw: unknown) => {
      const params = policyDocumentParams(raw);
      if (!params) return;
      const key = client.protocol2CodeConverter.asUri(params.uri).toString();
      policies.add(key);
      void trySwitch(key);
    }),
    vscode.commands.registerCommand(COMPLETED_IN_POLICY_COMMAND, async (uri: unknown, retrigger: unknown) => {
      let typedMeanwhile = false;
      if (typeof uri === 'string') {
        const key = client.protocol2CodeConverter.asUri(uri).toString();
        policies.add(key);
        const version = documentOf(key)?.version;
        await trySwitch(key, true);
        typedMeanwhile = version !== undefined && documentOf(key)?.version !== version;
      }
      // The switch closes a suggestion list that a quote or colon typed during it had opened: open it again.
      if (retrigger === true || (typedMeanwhile && afterTriggerCharacter())) await vscode.commands.executeCommand('editor.action.triggerSuggest');
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length) lastEdit.set(e.document.uri.toString(), Date.now());
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      // A document of ours that opens as JSON again while its tab is still open: the user chose JSON.
      const key = document.uri.toString();
      if (switched.has(key) && JSON_LANGUAGES.includes(document.languageId)) {
        switched.delete(key);
        declined.add(key);
      }
    }),
    vscode.window.tabGroups.onDidChangeTabs(() => {
      const open = tabKeys();
      for (const set of [policies, declined]) for (const key of set) if (!open.has(key)) set.delete(key);
      for (const key of switched.keys()) if (!open.has(key)) switched.delete(key);
      for (const key of lastEdit.keys()) if (!open.has(key)) lastEdit.delete(key);
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`cognitoPool.${SETTING}`)) return;
      if (enabled()) {
        for (const key of policies) void trySwitch(key);
        return;
      }
      // Turned off: the documents switched by us go back to the language they had.
      for (const [key, before] of switched) {
        const document = documentOf(key);
        switched.delete(key);
        if (document?.languageId === POLICY_LANGUAGE_ID) void vscode.languages.setTextDocumentLanguage(document, before);
      }
    }),
    { dispose: () => timers.forEach((t) => clearTimeout(t)) },
  );
}
