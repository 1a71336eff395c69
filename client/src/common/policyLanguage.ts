/**
 * The IAM Policy language mode (POLICY_LANGUAGE_ID): a JSON document the server says is a policy file
 * (POLICY_DOCUMENT_NOTIFICATION) is switched to it, so this extension's completion, formatting, folding and
 * outline are the only ones there; in `json`, VS Code's JSON service adds its own suggestions (keys and values
 * seen elsewhere in the document, `$schema`) to ours. `cognitoPool.policyLanguageMode` turns it off.
 *
 * A switch closes an open suggestion list, so it comes only where none can be open: right after a suggestion of
 * ours is accepted (COMPLETED_IN_POLICY_COMMAND, which then opens the list again if the item asks or a trigger
 * character was typed meanwhile); for a document opened as a policy, at once; for one edited into a policy
 * otherwise (pasted, typed without our suggestions), when it is saved or its editor is no longer the active one.
 * Only documents a person sees are switched (an editor or a tab shows them; never a notebook cell, nor a
 * document another extension opened to read). A document the user switches back to JSON stays JSON while a tab
 * shows it; closing its tabs forgets that.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import {
  COMPLETED_IN_POLICY_COMMAND,
  COMPLETION_TRIGGER_CHARACTERS,
  JSON_LANGUAGE_IDS,
  POLICY_DOCUMENT_NOTIFICATION,
  POLICY_LANGUAGE_ID,
  policyDocumentParams,
} from '../../../server/src/protocol';

const SETTING = 'policyLanguageMode';
/** Trigger characters that open the list by themselves (a `{` opens it only after `$`, see the server). */
const OPENING_TRIGGERS: readonly string[] = COMPLETION_TRIGGER_CHARACTERS.filter((c) => c !== '{');

export function registerPolicyLanguage(context: vscode.ExtensionContext, client: BaseLanguageClient, output: vscode.LogOutputChannel): void {
  /** The documents the server said are policy files, while a tab shows them (the key is the URI's string). */
  const policies = new Set<string>();
  /** Policies waiting for their moment: shown, or no longer being typed in. */
  const pending = new Set<string>();
  /** What each switched document was before (json or jsonc), while a tab shows it. */
  const switched = new Map<string, string>();
  /** Documents the user switched back to JSON: left alone while a tab shows them. */
  const declined = new Set<string>();
  /** Documents edited in this window (a policy opened as one and not edited is switched at once). */
  const edited = new Set<string>();
  /** Our own switches in flight: their close-and-open is not the user's choice. */
  const ours = new Set<string>();
  /** A policy document just closed in the IAM Policy language, within the same event turn (a language change). */
  const closingAsPolicy = new Set<string>();

  const enabled = () => vscode.workspace.getConfiguration('cognitoPool').get<boolean>(SETTING, true) !== false;
  const documentOf = (key: string) => vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  /** Every document a tab shows: text tabs and both sides of diff editors. */
  const tabKeys = () =>
    new Set(
      vscode.window.tabGroups.all
        .flatMap((g) => g.tabs)
        .flatMap((t) => {
          const input = t.input;
          if (input instanceof vscode.TabInputText) return [input.uri];
          if (input instanceof vscode.TabInputTextDiff) return [input.original, input.modified];
          return [];
        })
        .map((uri) => uri.toString()),
    );
  const shown = (key: string) => vscode.window.visibleTextEditors.some((e) => e.document.uri.toString() === key) || tabKeys().has(key);
  const beingTyped = (key: string) => edited.has(key) && vscode.window.activeTextEditor?.document.uri.toString() === key;

  /** `now`: right after a suggestion of ours was accepted (no list is open). */
  const trySwitch = async (key: string, now = false): Promise<void> => {
    const document = documentOf(key);
    if (!enabled() || !document || !JSON_LANGUAGE_IDS.includes(document.languageId) || declined.has(key)) return;
    if (document.uri.scheme === 'vscode-notebook-cell') return;
    if (!now && (!shown(key) || beingTyped(key))) {
      pending.add(key);
      return;
    }
    pending.delete(key);
    switched.set(key, document.languageId);
    ours.add(key);
    try {
      await vscode.languages.setTextDocumentLanguage(document, POLICY_LANGUAGE_ID);
      output.info(`${vscode.workspace.asRelativePath(document.uri)} is an IAM policy: opened in the IAM Policy language mode (cognitoPool.${SETTING}).`);
    } catch (error) {
      switched.delete(key);
      output.warn(`Could not switch ${key} to the IAM Policy language mode: ${String(error)}`);
    } finally {
      ours.delete(key);
    }
  };
  const retryPending = () => {
    for (const key of [...pending]) void trySwitch(key);
  };

  /** Whether the active editor's cursor is right after a character that opens the suggestion list. */
  const afterTriggerCharacter = () => {
    const editor = vscode.window.activeTextEditor;
    const at = editor?.selection.active;
    if (!editor || !at || at.character === 0) return false;
    return OPENING_TRIGGERS.includes(editor.document.lineAt(at.line).text[at.character - 1]);
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
      if (e.contentChanges.length && JSON_LANGUAGE_IDS.includes(e.document.languageId)) edited.add(e.document.uri.toString());
    }),
    vscode.workspace.onDidSaveTextDocument((document) => {
      const key = document.uri.toString();
      if (pending.has(key)) void trySwitch(key, true);
    }),
    vscode.window.onDidChangeActiveTextEditor(retryPending),
    vscode.window.onDidChangeVisibleTextEditors(retryPending),
    // A language change is a close in the old language and an open in the new one, in one event turn.
    vscode.workspace.onDidCloseTextDocument((document) => {
      const key = document.uri.toString();
      if (document.languageId !== POLICY_LANGUAGE_ID || ours.has(key)) return;
      closingAsPolicy.add(key);
      setTimeout(() => closingAsPolicy.delete(key), 0);
    }),
    vscode.workspace.onDidOpenTextDocument((document) => {
      // A policy that leaves the IAM Policy mode for JSON, and not by us: the user chose JSON.
      const key = document.uri.toString();
      if (closingAsPolicy.has(key) && JSON_LANGUAGE_IDS.includes(document.languageId)) {
        closingAsPolicy.delete(key);
        switched.delete(key);
        pending.delete(key);
        declined.add(key);
      }
    }),
    vscode.window.tabGroups.onDidChangeTabs(() => {
      const open = tabKeys();
      for (const set of [policies, declined, edited]) for (const key of set) if (!open.has(key)) set.delete(key);
      for (const key of switched.keys()) if (!open.has(key)) switched.delete(key);
      retryPending();
    }),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration(`cognitoPool.${SETTING}`)) return;
      if (enabled()) {
        for (const key of policies) void trySwitch(key);
        return;
      }
      // Turned off: the documents switched by us go back to the language they had.
      pending.clear();
      for (const [key, before] of switched) {
        const document = documentOf(key);
        switched.delete(key);
        if (document?.languageId !== POLICY_LANGUAGE_ID) continue;
        ours.add(key);
        void Promise.resolve(vscode.languages.setTextDocumentLanguage(document, before)).finally(() => ours.delete(key));
      }
    }),
  );
}
