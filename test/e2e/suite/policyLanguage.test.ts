// Runs inside a real VS Code: JSON policy files switch to the IAM Policy language mode, where the suggestion
// list is ours alone (the built-in JSON service's `$schema` and document-derived items are gone), every syntax
// problem is ours, formatting is ours; templates stay JSON; a document the user switches back stays JSON; and
// `cognitoPool.policyLanguageMode` turns the switch off (and back on).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { codeOf, describe, open, ours, SOURCE, waitFor, workspaceUri } from './helpers';

const LANGUAGE = 'iam-policy-json';
const TIMEOUT_MS = 30_000;
/** Long enough for a switch that was coming (the server's analysis, then the client's call) to have happened. */
const SETTLE_MS = 3_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

function languageBecomes(document: vscode.TextDocument, languageId: string): Promise<true> {
  return waitFor(`${document.uri.path} in ${languageId}`, () => (document.languageId === languageId ? true : undefined), TIMEOUT_MS);
}

async function setMode(on: boolean | undefined): Promise<void> {
  await vscode.workspace.getConfiguration('cognitoPool').update('policyLanguageMode', on, vscode.ConfigurationTarget.Global);
}

/** The labels offered at the position, each as often as it is offered. */
async function labelsAt(document: vscode.TextDocument, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', document.uri, position);
  return list.items.map(labelOf).sort();
}

/** A policy whose top level ends in an empty key, `""`, where keys are offered (Id, and the JSON service's $schema). */
const POLICY_WITH_KEY = `{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*" }],
  ""
}`;
const KEY_POSITION = new vscode.Position(3, 3);

suite('The IAM Policy language mode in a real VS Code', () => {
  suiteTeardown(async () => {
    await setMode(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a JSON policy file opens in the IAM Policy mode, analysed as before; a JSON template stays JSON', async () => {
    const policy = (await open(workspaceUri('mistakes-s3-folders.json'))).document;
    await languageBecomes(policy, LANGUAGE);
    await waitFor('our findings in the switched policy', () => (ours(policy.uri).length ? true : undefined), TIMEOUT_MS);
    console.log(`[policy-language] mistakes-s3-folders.json: ${describe(ours(policy.uri))}`);
    assert.ok(
      ours(policy.uri).some((d) => codeOf(d) === 'resource-mismatch'),
      describe(ours(policy.uri)),
    );
    const template = (await open(workspaceUri('amplify-template.json'))).document;
    await sleep(SETTLE_MS);
    assert.strictEqual(template.languageId, 'json');
  });

  test('a policy opened without an editor (as another extension reads a file) stays JSON until it is shown', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri('dynamodb-per-identity.json'));
    await waitFor('our analysis of the unshown policy', () => (vscode.languages.getDiagnostics(document.uri) ? true : undefined), TIMEOUT_MS);
    await sleep(SETTLE_MS);
    assert.strictEqual(document.languageId, 'json');
    await vscode.window.showTextDocument(document, { preview: false });
    await languageBecomes(document, LANGUAGE);
  });

  test('in the IAM Policy mode the suggestion list is ours alone; in json the built-in JSON service adds $schema', async () => {
    await setMode(false);
    const inJson = await vscode.workspace.openTextDocument({ language: 'json', content: POLICY_WITH_KEY });
    await vscode.window.showTextDocument(inJson, { preview: false });
    // Completion is asked, not pushed: ask until the JSON service has started.
    let both: string[] = [];
    for (const deadline = Date.now() + TIMEOUT_MS; Date.now() < deadline; await sleep(500)) {
      both = await labelsAt(inJson, KEY_POSITION);
      if (both.includes('$schema') && both.includes('Id')) break;
    }
    console.log(`[policy-language] json: ${both.join(', ')}`);
    assert.ok(both.includes('$schema') && both.includes('Id'), both.join(', '));
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');

    await setMode(true);
    const inMode = await vscode.workspace.openTextDocument({ language: 'json', content: POLICY_WITH_KEY });
    await vscode.window.showTextDocument(inMode, { preview: false });
    await languageBecomes(inMode, LANGUAGE);
    const mine = await labelsAt(inMode, KEY_POSITION);
    console.log(`[policy-language] ${LANGUAGE}: ${mine.join(', ')}`);
    assert.deepStrictEqual(mine, ['Id']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('in the IAM Policy mode every syntax mistake is ours, once; Format Document formats the policy', async () => {
    const text = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*",}]}';
    const document = await vscode.workspace.openTextDocument({ language: 'json', content: text });
    await vscode.window.showTextDocument(document, { preview: false });
    await languageBecomes(document, LANGUAGE);
    await waitFor('our json-syntax', () => (ours(document.uri).some((d) => codeOf(d) === 'json-syntax') ? true : undefined), TIMEOUT_MS);
    await sleep(SETTLE_MS);
    const all = vscode.languages.getDiagnostics(document.uri);
    assert.deepStrictEqual(
      all
        .filter((d) => d.source !== SOURCE || codeOf(d) === 'json-syntax')
        .map((d) => [d.source, codeOf(d), text.slice(d.range.start.character, d.range.end.character)]),
      [[SOURCE, 'json-syntax', ',']],
    );
    await vscode.commands.executeCommand('editor.action.formatDocument');
    await waitFor('the formatted text', () => (document.getText().includes('\n') ? true : undefined), TIMEOUT_MS);
    const lines = document.getText().split('\n');
    assert.deepStrictEqual(lines.slice(0, 3), ['{', '    "Version": "2012-10-17",', '    "Statement": [']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('a policy switched back to JSON stays JSON; turning the setting off returns the switched ones to JSON, on switches them again', async () => {
    const reverted = (await open(workspaceUri('trust-guest.json'))).document;
    await languageBecomes(reverted, LANGUAGE);
    await vscode.languages.setTextDocumentLanguage(reverted, 'json'); // as Change Language Mode does
    await sleep(SETTLE_MS);
    assert.strictEqual(reverted.languageId, 'json');

    const policy = (await open(workspaceUri('trust-authenticated.json'))).document;
    await languageBecomes(policy, LANGUAGE);
    await setMode(false);
    await languageBecomes(policy, 'json');
    await setMode(true);
    await languageBecomes(policy, LANGUAGE);
    await sleep(SETTLE_MS);
    assert.strictEqual(reverted.languageId, 'json', 'the one the user switched back is left alone');
  });
});
