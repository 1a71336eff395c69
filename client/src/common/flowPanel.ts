/**
 * The token-to-credentials flow panel: a webview beside the editor that shows what Cognito and STS do with a
 * role (who gets credentials, by which flow, and what they may do). This file hosts it: the command, the
 * editor-title button's context key, the CodeLens, restoring the panel after a reload, live updates while the
 * documents change, revealing statements, export. The model comes from the language server
 * (`cognitoPool/flow`); nothing here looks into a policy.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import {
  DOCUMENT_KIND_REQUEST,
  FLOW_REQUEST,
  POLICY_FILE_LANGUAGES,
  TEMPLATE_LANGUAGES,
  type DocumentKindResult,
  type FlowParams,
  type FlowResult,
} from '../../../server/src/protocol';
import { layoutFlow, svgToString } from '../webview/diagram';
import { parsePanelState, parseWebviewMessage, VIEW_TYPE, type PanelState, type UpdateMessage, type WebviewMessage } from '../webview/messages';

export const SHOW_FLOW_COMMAND = 'cognitoPool.showFlow';
/** True while the active editor shows a policy the panel applies to (the editor-title button's `when`). */
const CONTEXT_KEY = 'cognitoPool.flowAvailable';
/** The roles whose inputs the panel remembers while it is open. */
const MAX_REMEMBERED = 32;
/** Redraw this long after the last keystroke. */
const DEBOUNCE_MS = 250;
/** The languages of the documents the panel follows: policy files, and templates of a whole identity pool (JSON or YAML). */
const FLOW_LANGUAGES: readonly string[] = [...new Set([...POLICY_FILE_LANGUAGES, ...TEMPLATE_LANGUAGES, 'terraform'])];
/** Every scheme: policies on virtual file systems (vscode-vfs:, memfs:, ...) get the lens too; `.tf` files in any language (no Terraform extension: plaintext). */
const SELECTOR: vscode.DocumentSelector = [...FLOW_LANGUAGES.map((language) => ({ language })), { pattern: '**/*.tf' }];

function isFlowDocument(document: vscode.TextDocument): boolean {
  return FLOW_LANGUAGES.includes(document.languageId) || document.uri.path.endsWith('.tf');
}

export function registerFlowPanel(context: vscode.ExtensionContext, client: LanguageClient, log: vscode.LogOutputChannel): void {
  const panels = new FlowPanels(context.extensionUri, client, log);
  context.subscriptions.push(
    panels,
    vscode.commands.registerCommand(SHOW_FLOW_COMMAND, (uri?: unknown) => panels.show(uri instanceof vscode.Uri ? uri : undefined)),
    vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, { deserializeWebviewPanel: (panel, state) => panels.restore(panel, state) }),
    vscode.languages.registerCodeLensProvider(SELECTOR, new FlowCodeLenses(client)),
    new FlowContextKey(client),
  );
}

async function documentKind(client: LanguageClient, uri: vscode.Uri, token?: vscode.CancellationToken): Promise<DocumentKindResult | undefined> {
  try {
    return await client.sendRequest<DocumentKindResult>(DOCUMENT_KIND_REQUEST, { uri: client.code2ProtocolConverter.asUri(uri) }, token);
  } catch {
    return undefined; // the server is starting, restarting or stopped: no lens, no button
  }
}

/** "Show token-to-credentials flow" above trust and permission policies. */
class FlowCodeLenses implements vscode.CodeLensProvider {
  constructor(private readonly client: LanguageClient) {}

  async provideCodeLenses(document: vscode.TextDocument, token: vscode.CancellationToken): Promise<vscode.CodeLens[]> {
    const kind = await documentKind(this.client, document.uri, token);
    if (!kind?.flow) return [];
    const title = kind.pool
      ? 'Show sign-in-to-verdict flow (identity pool)'
      : kind.kind === 'trust'
        ? 'Show token-to-credentials flow (trust policy)'
        : 'Show token-to-credentials flow (permission policy)';
    return [
      new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), {
        title,
        command: SHOW_FLOW_COMMAND,
        arguments: [document.uri],
        tooltip: 'Cognito Pool: who gets credentials, by which flow, and what they may do',
      }),
    ];
  }
}

/** Keeps `cognitoPool.flowAvailable` in step with the active editor. */
class FlowContextKey implements vscode.Disposable {
  private readonly subscriptions: vscode.Disposable[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private seq = 0;

  constructor(private readonly client: LanguageClient) {
    this.subscriptions.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.schedule(0)),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.document === vscode.window.activeTextEditor?.document) this.schedule(DEBOUNCE_MS);
      }),
    );
    this.schedule(0);
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.refresh(), delay);
  }

  private async refresh(): Promise<void> {
    const seq = ++this.seq;
    const document = vscode.window.activeTextEditor?.document;
    const available = document && isFlowDocument(document) ? (await documentKind(this.client, document.uri))?.flow === true : false;
    if (seq === this.seq) await vscode.commands.executeCommand('setContext', CONTEXT_KEY, available);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The one flow panel (running the command again points it at another document). */
class FlowPanels implements vscode.Disposable {
  private current: FlowPanel | undefined;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  show(uri: vscode.Uri | undefined): void {
    const target = uri ?? vscode.window.activeTextEditor?.document.uri;
    if (!target) {
      void vscode.window.showInformationMessage(
        'Open an IAM trust policy or permission policy (JSON) of an identity-pool role, or a CloudFormation template with an identity pool, then run this command.',
      );
      return;
    }
    if (this.current) {
      this.current.follow(target.toString());
      this.current.panel.reveal(undefined, true);
      return;
    }
    const panel = vscode.window.createWebviewPanel(
      VIEW_TYPE,
      'Token-to-Credentials Flow',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      this.options(),
    );
    this.adopt(panel, { uri: target.toString(), with: [], inputs: {} });
  }

  /** A panel VS Code brings back after a reload, with the state its webview saved. */
  async restore(panel: vscode.WebviewPanel, saved: unknown): Promise<void> {
    const state = parsePanelState(saved);
    if (!state) {
      this.log.warn('Flow panel: the saved state was not usable; the panel is closed.');
      panel.dispose();
      return;
    }
    panel.webview.options = this.options();
    // The language server knows only open documents: open them again (without showing them).
    const open = async (u: string) =>
      vscode.workspace.openTextDocument(vscode.Uri.parse(u)).then(
        () => true,
        () => false,
      );
    await open(state.uri);
    const added: string[] = [];
    for (const u of state.with) if (await open(u)) added.push(u);
    if (this.current) {
      panel.dispose(); // one panel at a time
      return;
    }
    this.adopt(panel, { ...state, with: added });
  }

  private options(): vscode.WebviewPanelOptions & vscode.WebviewOptions {
    return { enableScripts: true, enableFindWidget: true, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview')] };
  }

  private adopt(panel: vscode.WebviewPanel, state: PanelState): void {
    const flowPanel = new FlowPanel(panel, state, this.extensionUri, this.client, this.log);
    this.current = flowPanel;
    panel.onDidDispose(() => {
      if (this.current === flowPanel) this.current = undefined;
    });
  }

  dispose(): void {
    this.current?.panel.dispose();
  }
}

class FlowPanel {
  private state: PanelState;
  private result: FlowResult | undefined;
  private failure: string | undefined;
  private ready = false;
  private seq = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The documents and inputs of the roles the panel followed before, by followed document. */
  private readonly remembered = new Map<string, Omit<PanelState, 'uri'>>();

  constructor(
    readonly panel: vscode.WebviewPanel,
    state: PanelState,
    private readonly extensionUri: vscode.Uri,
    private readonly client: LanguageClient,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.state = state;
    panel.webview.html = this.html();
    this.subscriptions.push(
      panel.webview.onDidReceiveMessage((raw) => this.onMessage(raw)),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        // The followed documents, and any other the model points into (a Terraform module's other files).
        const uri = e.document.uri.toString();
        if (this.follows(uri) || this.result?.model?.locations.some((l) => l.document === uri)) this.schedule(DEBOUNCE_MS);
      }),
      // Other policies opened or closed change the documents the user can add.
      vscode.workspace.onDidOpenTextDocument((d) => isFlowDocument(d) && this.schedule(DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => isFlowDocument(d) && this.schedule(DEBOUNCE_MS)),
    );
    this.updateTitle();
    void this.update();
  }

  /**
   * Follows another document. Inputs belong to a role: a document of the same role (one of the documents added
   * to it) keeps the user's documents and inputs; another document gets the inputs it had when the panel last
   * followed it, or none (a choice made for one role would give a misleading verdict on the next).
   */
  follow(uri: string): void {
    if (uri === this.state.uri) return;
    if (this.state.with.includes(uri)) {
      this.state = { uri, with: [this.state.uri, ...this.state.with.filter((u) => u !== uri)], inputs: this.state.inputs };
    } else {
      this.remembered.delete(this.state.uri); // most recent last
      this.remembered.set(this.state.uri, { with: this.state.with, inputs: this.state.inputs });
      while (this.remembered.size > MAX_REMEMBERED) this.remembered.delete(this.remembered.keys().next().value!);
      const before = this.remembered.get(uri);
      this.state = { uri, with: before?.with ?? [], inputs: before?.inputs ?? {} };
    }
    this.updateTitle();
    void this.update();
  }

  private follows(uri: string): boolean {
    return uri === this.state.uri || this.state.with.includes(uri);
  }

  private updateTitle(): void {
    this.panel.title = `Flow: ${nameOf(this.state.uri)}`;
  }

  private schedule(delay: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.update(), delay);
  }

  /** Asks the server for the model of the current state and sends it to the webview (stale answers are dropped). */
  private async update(): Promise<void> {
    clearTimeout(this.timer);
    const seq = ++this.seq;
    const params: FlowParams = { uri: this.state.uri, with: this.state.with, inputs: this.state.inputs };
    try {
      const result = await this.client.sendRequest<FlowResult>(FLOW_REQUEST, params);
      if (seq !== this.seq) return;
      this.result = result;
      this.failure = undefined;
    } catch (error) {
      if (seq !== this.seq) return;
      this.result = undefined;
      this.failure = `The language server did not answer (${(error as Error).message}). Run "Cognito Pool: Restart Language Server".`;
      this.log.warn(`Flow panel: ${this.failure}`);
    }
    this.post();
  }

  private post(): void {
    if (!this.ready) return;
    const r = this.result;
    const message: UpdateMessage = {
      type: 'update',
      state: this.state,
      title: nameOf(this.state.uri),
      kind: r ? r.kind : 'no-server',
      model: r?.model,
      notes: r ? r.notes : [this.failure ?? 'Waiting for the language server…'],
      documents: r?.documents ?? [],
    };
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const message = parseWebviewMessage(raw);
    if (!message) {
      this.log.warn(`Flow panel: ignored a malformed message from the webview: ${JSON.stringify(raw)?.slice(0, 200)}`);
      return;
    }
    void this.handle(message).catch((error) => this.log.error(`Flow panel: ${message.type} failed: ${(error as Error).stack ?? error}`));
  }

  private async handle(message: WebviewMessage): Promise<void> {
    switch (message.type) {
      case 'ready':
        this.ready = true;
        if (this.result) this.post();
        else await this.update();
        return;
      case 'inputs':
        this.state = { ...this.state, inputs: message.inputs };
        return this.update();
      case 'documents': {
        // Only documents the server offered may be added.
        const offered = new Set(this.result?.documents.map((d) => d.uri) ?? []);
        this.state = { ...this.state, with: message.with.filter((u) => offered.has(u) && u !== this.state.uri) };
        return this.update();
      }
      case 'reveal':
        return this.reveal(message.location);
      case 'export':
        return message.format === 'svg' ? this.exportSvg() : this.exportMermaid();
      case 'cspViolation':
        this.log.warn(`Flow panel: the Content-Security-Policy blocked ${message.blocked || 'something'} (${message.directive}).`);
        return;
    }
  }

  private async reveal(index: number): Promise<void> {
    // Only the places the server's model names (the index comes from the webview; the location from the server).
    const location = this.result?.model?.locations[index];
    if (!location) return;
    const uri = vscode.Uri.parse(location.document);
    const document = await vscode.workspace.openTextDocument(uri);
    const selection = new vscode.Range(location.start.line, location.start.character, location.end.line, location.end.character);
    const visible = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri.toString());
    const column = visible?.viewColumn ?? (this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: column, selection, preserveFocus: false, preview: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  private async exportSvg(): Promise<void> {
    const model = this.result?.model;
    if (!model) return void vscode.window.showInformationMessage('There is no flow to export yet.');
    const css = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'diagram.css')));
    const fontSize = vscode.workspace.getConfiguration('editor').get<number>('fontSize');
    const svg = svgToString(layoutFlow(model, { fontSize }), css);
    const source = vscode.Uri.parse(this.state.uri);
    const base = nameOf(this.state.uri).replace(/\.[^.]*$/, '');
    const folder = source.scheme === 'file' ? vscode.Uri.joinPath(source, '..') : vscode.workspace.workspaceFolders?.[0]?.uri;
    const target = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `${base}.flow.svg`) : undefined,
      filters: { 'SVG image': ['svg'] },
      title: 'Export the token-to-credentials flow as SVG',
    });
    if (!target) return;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    void vscode.window.showInformationMessage(`Saved the flow diagram to ${vscode.workspace.asRelativePath(target)}.`);
  }

  private async exportMermaid(): Promise<void> {
    const mermaid = this.result?.mermaid;
    if (!mermaid) return void vscode.window.showInformationMessage('There is no flow to export yet.');
    const copied = await vscode.env.clipboard.writeText(mermaid).then(
      () => true,
      () => false,
    );
    // The fence is longer than any run of backticks in the diagram, so policy text cannot close it.
    const fence = '`'.repeat(Math.max(3, longestBacktickRun(mermaid) + 1));
    const document = await vscode.workspace.openTextDocument({ language: 'markdown', content: `${fence}mermaid\n${mermaid}${fence}\n` });
    await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.One, preview: false });
    if (copied) void vscode.window.showInformationMessage('The Mermaid sequence diagram is also on the clipboard.');
  }

  private html(): string {
    const webview = this.panel.webview;
    const nonce = btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(16)))); // Web Crypto: Node and browsers
    const asset = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', name)).toString();
    const csp = [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${asset('webview.css')}">
<link rel="stylesheet" href="${asset('diagram.css')}">
<title>Token-to-Credentials Flow</title>
</head>
<body>
<main id="flow-root" aria-busy="true"><p>Loading…</p></main>
<script nonce="${nonce}" src="${asset('webview.js')}"></script>
</body>
</html>`;
  }

  private dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The last path segment of a URI, decoded (`untitled:Untitled-1` -> `Untitled-1`). */
function nameOf(uri: string): string {
  const path = vscode.Uri.parse(uri).path;
  return path.slice(path.lastIndexOf('/') + 1) || uri;
}

function longestBacktickRun(text: string): number {
  let longest = 0;
  let run = 0;
  for (const ch of text) {
    run = ch === '`' ? run + 1 : 0;
    longest = Math.max(longest, run);
  }
  return longest;
}
