// Virtual workspaces: a policy on a file system that is not the disk (here one the test registers, scheme
// `memfs`, as vscode-vfs: is on github.dev) is analysed like a file.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describe, ours, waitFor } from './helpers';

const TIMEOUT_MS = 45_000;
const POLICY = '{\n  "Statement": [\n    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*" }\n  ]\n}\n';

/** An in-memory file system of one folder: just what opening and reading a document needs. */
class MemoryFileSystem implements vscode.FileSystemProvider {
  private readonly files = new Map<string, Uint8Array>();
  private readonly changes = new vscode.EventEmitter<vscode.FileChangeEvent[]>();
  readonly onDidChangeFile = this.changes.event;

  watch(): vscode.Disposable {
    return new vscode.Disposable(() => undefined);
  }
  stat(uri: vscode.Uri): vscode.FileStat {
    const data = this.files.get(uri.path);
    if (data) return { type: vscode.FileType.File, ctime: 0, mtime: 0, size: data.length };
    if ([...this.files.keys()].some((path) => path.startsWith(`${uri.path.replace(/\/$/, '')}/`)))
      return { type: vscode.FileType.Directory, ctime: 0, mtime: 0, size: 0 };
    throw vscode.FileSystemError.FileNotFound(uri);
  }
  readDirectory(uri: vscode.Uri): [string, vscode.FileType][] {
    const prefix = `${uri.path.replace(/\/$/, '')}/`;
    return [...this.files.keys()]
      .filter((path) => path.startsWith(prefix) && !path.slice(prefix.length).includes('/'))
      .map((path) => [path.slice(prefix.length), vscode.FileType.File]);
  }
  readFile(uri: vscode.Uri): Uint8Array {
    const data = this.files.get(uri.path);
    if (!data) throw vscode.FileSystemError.FileNotFound(uri);
    return data;
  }
  writeFile(uri: vscode.Uri, content: Uint8Array): void {
    this.files.set(uri.path, content);
    this.changes.fire([{ type: vscode.FileChangeType.Changed, uri }]);
  }
  createDirectory(): void {}
  delete(uri: vscode.Uri): void {
    this.files.delete(uri.path);
  }
  rename(): void {
    throw vscode.FileSystemError.NoPermissions('rename');
  }
}

suite('Virtual file systems in a real VS Code', () => {
  let registration: vscode.Disposable | undefined;
  suiteTeardown(() => registration?.dispose());

  test('a policy on a memfs: file system gets its diagnostics', async () => {
    const memfs = new MemoryFileSystem();
    registration = vscode.workspace.registerFileSystemProvider('memfs', memfs);
    const uri = vscode.Uri.parse('memfs:/policies/no-version.json');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(POLICY));
    const document = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(document, { preview: false });
    assert.strictEqual(document.uri.scheme, 'memfs');
    // Opened as JSON (by its name); as a policy it may be in the IAM Policy mode by now.
    assert.ok(['json', 'iam-policy-json'].includes(document.languageId), document.languageId);
    const diagnostics = await waitFor('missing-version on the memfs: policy', () => (ours(uri).length > 0 ? ours(uri) : undefined), TIMEOUT_MS).catch(
      (error) => {
        throw new Error(`${error.message}; got ${describe(ours(uri))}`);
      },
    );
    assert.deepStrictEqual(
      diagnostics.map((d) => [codeOf(d), d.range.start.line]),
      [['missing-version', 1]],
    ); // at the top-level key
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
