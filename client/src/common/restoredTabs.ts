/**
 * After a window reload VS Code restores the editor tabs but opens only the visible documents, so the others
 * would show no diagnostics until each is shown. The client reads the files of the JSON and YAML tabs that are
 * not open and hands their text to the server (RESTORED_TAB_NOTIFICATION), and says when such a tab is closed.
 * Opening the document (showing the tab) hands it over the usual way.
 */
import * as vscode from 'vscode';
import { State, type BaseLanguageClient } from 'vscode-languageclient';
import { RESTORED_TAB_CLOSED_NOTIFICATION, RESTORED_TAB_NOTIFICATION, type RestoredTabParams } from '../../../server/src/protocol';

/** The language a file is opened in by default, by its ending; other tabs are left alone. */
function languageOf(uri: vscode.Uri): RestoredTabParams['languageId'] | undefined {
  const name = uri.path.toLowerCase();
  if (name.endsWith('.json')) return 'json';
  if (name.endsWith('.jsonc')) return 'jsonc';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'yaml';
  return undefined;
}

/** Larger files are not read (the server would not analyse them past cognitoPool.maxDocumentSize anyway). */
const MAX_BYTES = 2_000_000;

export function analyzeRestoredTabs(client: BaseLanguageClient, output: vscode.LogOutputChannel): vscode.Disposable {
  const handed = new Set<string>();
  const isOpen = (uri: vscode.Uri) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
  const tabUris = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs).flatMap((t) => (t.input instanceof vscode.TabInputText ? [t.input.uri] : []));

  const handOver = async (uri: vscode.Uri) => {
    const languageId = languageOf(uri);
    const key = uri.toString();
    if (!languageId || handed.has(key) || isOpen(uri)) return;
    handed.add(key);
    try {
      if ((await vscode.workspace.fs.stat(uri)).size > MAX_BYTES) return;
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
      if (isOpen(uri)) return; // opened meanwhile: the editor's text is the one analysed
      await client.sendNotification(RESTORED_TAB_NOTIFICATION, { uri: key, languageId, text } satisfies RestoredTabParams);
    } catch (error) {
      output.warn(`Could not read the restored tab ${key}: ${String(error)}`);
    }
  };

  const handOverAll = () => {
    for (const uri of tabUris()) void handOver(uri);
  };
  handOverAll();
  // A handed-over file changed on disk (a checkout, another editor): hand it over again.
  const watcher = vscode.workspace.createFileSystemWatcher('**/*.{json,jsonc,yaml,yml}', true, false, true);
  return vscode.Disposable.from(
    watcher,
    watcher.onDidChange((uri) => {
      const key = uri.toString();
      if (!handed.has(key)) return;
      handed.delete(key);
      void handOver(uri);
    }),
    vscode.window.tabGroups.onDidChangeTabs((e) => {
      const still = new Set(tabUris().map((u) => u.toString()));
      for (const tab of e.closed) {
        if (!(tab.input instanceof vscode.TabInputText)) continue;
        const key = tab.input.uri.toString();
        if (!handed.has(key) || still.has(key)) continue;
        handed.delete(key);
        // An opened document is the server's already, and its closing clears its diagnostics.
        if (!isOpen(tab.input.uri)) void client.sendNotification(RESTORED_TAB_CLOSED_NOTIFICATION, { uri: key });
      }
    }),
    // A restarted server knows none of them.
    client.onDidChangeState((e) => {
      if (e.newState !== State.Running) return;
      handed.clear();
      handOverAll();
    }),
  );
}
