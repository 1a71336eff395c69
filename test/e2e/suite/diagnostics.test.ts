// Runs inside a real VS Code (extension host), against a copy of examples/ opened as the workspace.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { findNodeAtLocation, parseTree } from 'jsonc-parser';
import { requestScreenshot, screenshotsEnabled } from './index';
import { codeOf, describe, open, ours, SOURCE, waitFor, workspaceUri } from './helpers';

const EXTENSION_ID = 'cognito-pool-policies.cognito-pool-policies';
const MISSING_VERSION = 'missing-version.json';
const CORRECT_POLICY = 'trust-authenticated.json';
/** JSON files of the examples that are not policies: whichever of these exist are checked. */
const NOT_POLICIES = ['not-a-policy.json', 'package.json', 'app-settings.json'];
/** First start of the extension host, the language server and its catalog can be slow on 2 cores. */
const FIRST_DIAGNOSTICS_TIMEOUT_MS = 45_000;
/** After the server has answered for a later document, how long an earlier one may still take. */
const SETTLE_MS = 3_000;

suite('Diagnostics in a real VS Code', () => {
  const notPolicies: vscode.Uri[] = [];
  /** Documents for which VS Code reported a diagnostics change since the suite started (even to none). */
  const reported = new Set<string>();
  let changes: vscode.Disposable | undefined;

  suiteSetup(async () => {
    changes = vscode.languages.onDidChangeDiagnostics((event) => event.uris.forEach((uri) => reported.add(uri.toString())));
    for (const name of NOT_POLICIES) {
      const uri = workspaceUri(name);
      if (fs.existsSync(uri.fsPath)) notPolicies.push(uri);
    }
    assert.ok(notPolicies.length > 0, `the examples contain a JSON file that is not a policy (one of ${NOT_POLICIES.join(', ')})`);
    // The documents that must stay clean are opened first, the one with a problem last: once the server has
    // reported on the last one, it has had the clean ones at least as long.
    for (const uri of [workspaceUri(CORRECT_POLICY), ...notPolicies, workspaceUri(MISSING_VERSION)]) {
      assert.ok(fs.existsSync(uri.fsPath), `${uri.fsPath} exists`);
      await open(uri);
    }
    await waitFor(
      `a ${SOURCE} diagnostic on ${MISSING_VERSION}`,
      () => (ours(workspaceUri(MISSING_VERSION)).length > 0 ? true : undefined),
      FIRST_DIAGNOSTICS_TIMEOUT_MS,
    );
    // Give the clean documents their chance to be reported (a server publishes [] for them, or nothing at all).
    const clean = [workspaceUri(CORRECT_POLICY), ...notPolicies];
    await waitFor('reports for the clean documents', () => (clean.every((uri) => reported.has(uri.toString())) ? true : undefined), SETTLE_MS).catch(
      () => undefined,
    );
  });

  suiteTeardown(() => changes?.dispose());

  test('the extension is active once a JSON document is open', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is installed`);
    await waitFor(`${EXTENSION_ID} to be active`, () => (extension.isActive ? true : undefined), 10_000);
    assert.strictEqual(extension.isActive, true);
  });

  test('a policy without "Version" gets exactly one missing-version warning, on the "Statement" key', () => {
    const uri = workspaceUri(MISSING_VERSION);
    const document = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    assert.ok(document, `${MISSING_VERSION} is open`);
    const missingVersion = ours(uri).filter((d) => codeOf(d) === 'missing-version');
    assert.strictEqual(missingVersion.length, 1, `one missing-version diagnostic, got ${describe(vscode.languages.getDiagnostics(uri))}`);
    const [diagnostic] = missingVersion;
    assert.strictEqual(diagnostic.severity, vscode.DiagnosticSeverity.Warning, 'severity Warning');

    // Where the "Statement" key is, from the JSON tree of the file (the fixture has it on line 1).
    const statement = findNodeAtLocation(parseTree(document.getText())!, ['Statement']);
    assert.ok(statement?.parent?.children?.[0], `${MISSING_VERSION} has a "Statement" key`);
    const key = statement.parent.children[0];
    const keyRange = new vscode.Range(document.positionAt(key.offset), document.positionAt(key.offset + key.length));
    assert.strictEqual(diagnostic.range.start.line, keyRange.start.line, `on the "Statement" key line ${keyRange.start.line}`);
    assert.ok(diagnostic.range.intersection(keyRange), `range ${JSON.stringify(diagnostic.range)} covers the "Statement" key`);
  });

  test('a correct policy gets no diagnostics', () => {
    const uri = workspaceUri(CORRECT_POLICY);
    assert.deepStrictEqual(describe(ours(uri)), '[]');
  });

  test('a JSON file that is not a policy gets no diagnostics', () => {
    for (const uri of notPolicies) {
      assert.deepStrictEqual(describe(ours(uri)), '[]', `no ${SOURCE} diagnostics on ${uri.path}`);
    }
  });

  test('an S3 per-identity policy with four classic mistakes gets exactly those four diagnostics (s3:prefix on object actions no longer hides behind the s3:PutObjects typo)', async () => {
    const uri = workspaceUri('mistakes-s3-folders.json');
    await open(uri);
    const diagnostics = await waitFor(
      'diagnostics on mistakes-s3-folders.json',
      () => (ours(uri).length > 0 ? ours(uri) : undefined),
      FIRST_DIAGNOSTICS_TIMEOUT_MS,
    );
    const summary = diagnostics.map((d) => `${codeOf(d)} ${d.severity} ${d.range.start.line}:${d.range.start.character}`);
    assert.deepStrictEqual(summary, [
      `resource-mismatch ${vscode.DiagnosticSeverity.Error} 6:16`,
      `unknown-action ${vscode.DiagnosticSeverity.Warning} 12:33`,
      `variable-missing-dollar ${vscode.DiagnosticSeverity.Error} 13:63`,
      `condition-key-not-applicable ${vscode.DiagnosticSeverity.Warning} 15:24`,
    ]);
  });

  test('the Problems panel shows the mistakes of a per-identity S3 policy (screenshot for the README)', async function () {
    if (!screenshotsEnabled()) this.skip();
    const editor = await open(workspaceUri('mistakes-s3-folders.json'));
    const [first] = ours(editor.document.uri);
    assert.ok(first, 'the diagnostics are still there');
    editor.selection = new vscode.Selection(first.range.start, first.range.start);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((resolve) => setTimeout(resolve, 1_500));
    const file = await requestScreenshot('mistakes-s3-folders');
    assert.ok(file && fs.statSync(file).size > 10_000, `a real screenshot at ${file}`);
  });

  test('the Problems panel shows the warning (screenshot)', async function () {
    if (!screenshotsEnabled()) this.skip(); // only the code-server runner takes screenshots
    const editor = await open(workspaceUri(MISSING_VERSION));
    const [diagnostic] = ours(editor.document.uri);
    assert.ok(diagnostic, 'the warning is still there');
    editor.selection = new vscode.Selection(diagnostic.range.start, diagnostic.range.start);
    editor.revealRange(diagnostic.range);
    await vscode.commands.executeCommand('workbench.actions.view.problems');
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // let the panel and the squiggle render
    const file = await requestScreenshot('diagnostics');
    assert.ok(file && fs.statSync(file).size > 10_000, `a real screenshot at ${file}`);
  });
});
