// Runs in a VS Code whose only copy of the extension is the one installed from the .vsix
// (the development path of that run is an empty stand-in extension).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'cognito-pool-policies.cognito-pool-policies';

suite('The extension installed from the .vsix', () => {
  test('activates from the extensions folder and reports a missing "Version"', async () => {
    const extensionsDir = process.env.COGNITO_POOL_EXPECTED_EXTENSIONS_DIR;
    assert.ok(extensionsDir, 'COGNITO_POOL_EXPECTED_EXTENSIONS_DIR is set by vsixInstall.ts');
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    assert.ok(
      path.resolve(extension.extensionPath).startsWith(path.resolve(extensionsDir) + path.sep),
      `loaded from the installed copy in ${extensionsDir}, not from ${extension.extensionPath}`,
    );

    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'the examples folder is open');
    const uri = vscode.Uri.joinPath(folder.uri, 'missing-version.json');
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));

    const deadline = Date.now() + 45_000;
    let ours: vscode.Diagnostic[] = [];
    while (Date.now() < deadline) {
      ours = vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'cognito-pool');
      if (ours.length > 0) break;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    assert.strictEqual(extension.isActive, true, 'the extension is active');
    assert.ok(ours.length > 0, 'a cognito-pool diagnostic appears on missing-version.json');
    const codes = ours.map((d) => (typeof d.code === 'object' && d.code !== null ? d.code.value : d.code));
    assert.ok(codes.includes('missing-version'), `missing-version is among ${JSON.stringify(codes)}`);
  });

  test('opens the policy in the IAM Policy language mode it contributes', async () => {
    assert.ok((await vscode.languages.getLanguages()).includes('iam-policy-json'), 'the language is contributed');
    const document = vscode.workspace.textDocuments.find((d) => d.uri.path.endsWith('/missing-version.json'));
    assert.ok(document, 'missing-version.json is open');
    const deadline = Date.now() + 30_000;
    while (document.languageId !== 'iam-policy-json' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 250));
    assert.strictEqual(document.languageId, 'iam-policy-json');
  });
});
