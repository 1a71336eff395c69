/**
 * Rule documentation, rendered and read-only, offline in every host. A diagnostic's code links to
 * `cognito-pool-docs:/rules/<id>.md` (protocol's ruleDocUri). VS Code opens such a link (Problems panel, hover)
 * as an editor of that resource: this file system of ours serves it, read-only, with the text the server gives
 * (RULE_DOC_REQUEST, from the README inside the extension), and when its text editor shows up it is replaced by
 * the built-in Markdown preview of the same document. Without the Markdown extension the read-only text stays.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { RULE_DOC_REQUEST, RULE_DOCS_SCHEME, ruleIdOfDocPath, type RuleDocResult } from '../../../server/src/protocol';

/** The built-in Markdown extension's preview editor (a custom editor of markdown-language-features). */
const MARKDOWN_PREVIEW_EDITOR = 'vscode.markdown.preview.editor';

export function registerRuleDocs(context: vscode.ExtensionContext, client: BaseLanguageClient, log: vscode.LogOutputChannel): void {
  const files = new RuleDocFiles(client);
  context.subscriptions.push(
    vscode.workspace.registerFileSystemProvider(RULE_DOCS_SCHEME, files, {
      isReadonly: new vscode.MarkdownString('Rule documentation of the Cognito Pool extension (from its README).'),
      isCaseSensitive: true,
    }),
    vscode.window.onDidChangeActiveTextEditor((editor) => {
      if (editor?.document.uri.scheme === RULE_DOCS_SCHEME) void showRendered(editor, log);
    }),
  );
  const active = vscode.window.activeTextEditor;
  if (active?.document.uri.scheme === RULE_DOCS_SCHEME) void showRendered(active, log);
}

/** Opens the Markdown preview of the rule document in the text editor's place and closes the text editor. */
async function showRendered(editor: vscode.TextEditor, log: vscode.LogOutputChannel): Promise<void> {
  const uri = editor.document.uri;
  const viewColumn = editor.viewColumn;
  try {
    await vscode.commands.executeCommand('vscode.openWith', uri, MARKDOWN_PREVIEW_EDITOR, { viewColumn, preview: false });
  } catch (error) {
    log.warn(`Rule documentation ${uri.toString()} stays as text: no Markdown preview (${(error as Error).message}).`);
    return;
  }
  const tabs = vscode.window.tabGroups.all.flatMap((group) => group.tabs);
  const same = (input: unknown) => (input instanceof vscode.TabInputText || input instanceof vscode.TabInputCustom) && input.uri.toString() === uri.toString();
  // Only once the preview is there (the Markdown extension may be disabled, or run in another extension host and
  // not be ready): the text editor is the documentation's only view otherwise.
  if (!tabs.some((tab) => same(tab.input) && tab.input instanceof vscode.TabInputCustom && tab.input.viewType === MARKDOWN_PREVIEW_EDITOR)) return;
  const textTabs = tabs.filter((tab) => same(tab.input) && tab.input instanceof vscode.TabInputText);
  if (textTabs.length) await vscode.window.tabGroups.close(textTabs, true);
}

/** The read-only file system of the rule documents: `/rules/<id>.md`, nothing else. */
class RuleDocFiles implements vscode.FileSystemProvider {
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;
  /** The documents already asked for: the README does not change while the extension runs. */
  private readonly texts = new Map<string, Promise<Uint8Array>>();

  constructor(private readonly client: BaseLanguageClient) {}

  private text(uri: vscode.Uri): Promise<Uint8Array> {
    const ruleId = ruleIdOfDocPath(uri.path);
    if (!ruleId) return Promise.reject(vscode.FileSystemError.FileNotFound(uri));
    let text = this.texts.get(ruleId);
    if (!text) {
      text = this.client.sendRequest<RuleDocResult>(RULE_DOC_REQUEST, { ruleId }).then((result) => {
        if (typeof result?.markdown !== 'string') throw vscode.FileSystemError.FileNotFound(uri);
        return new TextEncoder().encode(result.markdown);
      });
      // A failure (the server restarting, an unknown rule) is not remembered: the next open asks again.
      text.catch(() => this.texts.delete(ruleId));
      this.texts.set(ruleId, text);
    }
    return text;
  }

  async stat(uri: vscode.Uri): Promise<vscode.FileStat> {
    const bytes = await this.text(uri);
    return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: bytes.byteLength, permissions: vscode.FilePermission.Readonly };
  }

  readFile(uri: vscode.Uri): Promise<Uint8Array> {
    return this.text(uri);
  }

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined); // the documents never change
  }

  readDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.FileNotADirectory(uri);
  }

  createDirectory(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  writeFile(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  delete(uri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(uri);
  }

  rename(oldUri: vscode.Uri): never {
    throw vscode.FileSystemError.NoPermissions(oldUri);
  }
}
