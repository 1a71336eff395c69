/**
 * What the real-VS-Code suites share: workspace files, our diagnostics, waiting for the server. The web suite
 * (test/e2e-web) uses it too, in a browser: no Node modules here.
 */
import * as vscode from 'vscode';

export const SOURCE = 'cognito-pool';

export function workspaceUri(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no folder is open as the workspace');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function ours(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === SOURCE);
}

/** A diagnostic's code, whether plain or `{ value, target }` (when it links to its documentation). */
export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === 'object' && code !== null ? code.value : code;
}

export function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ source: d.source, code: codeOf(d), line: d.range.start.line, message: d.message })));
}

/** Resolves with probe()'s value once it is defined: re-checked on every diagnostics change and every 250 ms. */
export function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const check = () => {
      const value = probe();
      if (value === undefined) return;
      done();
      resolve(value);
    };
    const listener = vscode.languages.onDidChangeDiagnostics(check);
    const interval = setInterval(check, 250);
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    const done = () => {
      listener.dispose();
      clearInterval(interval);
      clearTimeout(timer);
    };
    check();
  });
}

export async function open(uri: vscode.Uri): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(uri);
  return vscode.window.showTextDocument(document, { preview: false });
}
