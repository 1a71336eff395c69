// Runs in a VS Code whose only copy of the extension is the one installed from the .vsix
// (the development path of that run is an empty stand-in extension).
import * as assert from 'assert';
import * as path from 'path';
import * as vscode from 'vscode';
import { requestScreenshot, screenshotsEnabled } from '../suite/index';
import { inWebview, probeAvailable } from '../suite/webviewProbe';

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

  test('its page in the Extensions view shows its icon (screenshot)', async function () {
    if (!probeAvailable()) this.skip(); // the page is the workbench's: only the code-server runner can look at it
    this.timeout(90_000);
    // Opened from the Extensions view's installed list, as a person does (extension.open asks the gallery first).
    await vscode.commands.executeCommand('workbench.extensions.search', '@installed Cognito Identity Pool Policies');
    await inWebview([{ op: 'click', selector: '.extensions-viewlet .monaco-list-row[aria-label*="Cognito Identity Pool Policies"]' }], ':workbench');
    const expression = `(() => { const i = document.querySelector('.extension-editor .header img.icon'); return i ? { src: i.getAttribute('src'), loaded: i.complete && i.naturalWidth > 0 } : null; })()`;
    const deadline = Date.now() + 30_000;
    type Icon = { src: string; loaded: boolean } | null;
    let icon: Icon = null as Icon;
    while (Date.now() < deadline) {
      icon = (await inWebview([{ op: 'eval', expression }], ':workbench'))[0] as Icon;
      if (icon?.loaded) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.ok(icon?.loaded, `the icon loads on the extension's page: ${JSON.stringify(icon)}`);
    // From the installed copy's folder (code-server serves it URL-encoded).
    assert.match(decodeURIComponent(icon?.src ?? ''), /cognito-pool-policies\.cognito-pool-policies-[\d.]+\/images\/icon\.png/);
    if (screenshotsEnabled()) assert.ok(await requestScreenshot('vsix-extension-page'), 'the screenshot was written');
  });
});
