// Completion, hover, a quick fix and Fix All inside a real VS Code, through VS Code's own provider commands.
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { requestScreenshot, screenshotsEnabled } from './index';
import { codeOf, describe, open, ours, waitFor, workspaceUri } from './helpers';

const SERVER_TIMEOUT_MS = 45_000;
const SUB = 'cognito-identity.amazonaws.com:sub';

const labelOf = (item: vscode.CompletionItem) => (typeof item.label === 'string' ? item.label : item.label.label);

function hoverText(hovers: vscode.Hover[]): string {
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n');
}

/** An untitled JSON document with this text, shown in an editor. */
async function scratch(text: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument({ language: 'json', content: text });
  return vscode.window.showTextDocument(document, { preview: false });
}

/** Asks until the server answers with a non-empty list (the first request may arrive before it has started). */
async function completionsAt(uri: vscode.Uri, position: vscode.Position): Promise<vscode.CompletionItem[]> {
  const deadline = Date.now() + SERVER_TIMEOUT_MS;
  for (;;) {
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position);
    const items = list.items.filter((i) => labelOf(i) === SUB || labelOf(i).startsWith('cognito-identity.amazonaws.com:'));
    if (items.length > 0 || Date.now() > deadline) return list.items;
    await new Promise((r) => setTimeout(r, 500));
  }
}

suite('Editing features in a real VS Code', () => {
  test('${ inside a Resource offers cognito-identity.amazonaws.com:sub first among the variables', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::photos/${"\n    }\n  ]\n}';
    const editor = await scratch(text);
    const line = 6;
    const position = new vscode.Position(line, editor.document.lineAt(line).text.indexOf('${') + 2);
    const items = await completionsAt(editor.document.uri, position);
    const sub = items.find((i) => labelOf(i) === SUB);
    assert.ok(sub, `completion offers ${SUB}; got ${items.slice(0, 10).map(labelOf).join(', ')}`);
    assert.strictEqual(sub.kind, vscode.CompletionItemKind.Variable);
    const variables = items.filter((i) => i.kind === vscode.CompletionItemKind.Variable).sort((a, b) => (a.sortText ?? '').localeCompare(b.sortText ?? ''));
    assert.strictEqual(labelOf(variables[0]), SUB);
    assert.ok(!items.some((i) => labelOf(i).endsWith(':amr')), 'amr (multi-valued) is never offered as a variable');

    if (screenshotsEnabled()) {
      editor.selection = new vscode.Selection(position, position);
      await vscode.commands.executeCommand('editor.action.triggerSuggest');
      await new Promise((r) => setTimeout(r, 2_000));
      const file = await requestScreenshot('completion');
      assert.ok(file && fs.statSync(file).size > 10_000, `a real screenshot at ${file}`);
      await vscode.commands.executeCommand('hideSuggestWidget');
    }
  });

  test('hover on an action shows its description, access level and reference link', async () => {
    const editor = await open(workspaceUri('s3-per-identity.json'));
    const text = editor.document.getText();
    const offset = text.indexOf('"s3:GetObject"') + 4;
    assert.ok(offset > 4, 's3-per-identity.json grants s3:GetObject');
    const position = editor.document.positionAt(offset);
    const deadline = Date.now() + SERVER_TIMEOUT_MS;
    let contents = '';
    while (!contents.includes('s3:GetObject') && Date.now() < deadline) {
      contents = hoverText(await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, position));
      if (!contents.includes('s3:GetObject')) await new Promise((r) => setTimeout(r, 500));
    }
    assert.match(contents, /\*\*s3:GetObject\*\* \(Read\)/);
    assert.match(contents, /Grants permission to retrieve objects from Amazon S3/);
    assert.match(contents, /list_amazons3\.html/);

    if (screenshotsEnabled()) {
      editor.selection = new vscode.Selection(position, position);
      editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenter);
      await vscode.commands.executeCommand('editor.action.showHover');
      await new Promise((r) => setTimeout(r, 2_000));
      const file = await requestScreenshot('hover');
      assert.ok(file && fs.statSync(file).size > 10_000, `a real screenshot at ${file}`);
    }
  });

  test('the quick fix for a missing "$" is offered by executeCodeActionProvider and, applied, clears the error', async () => {
    const text =
      '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow",\n      "Action": "s3:GetObject",\n      "Resource": "arn:aws:s3:::photos/{cognito-identity.amazonaws.com:sub}/*"\n    }\n  ]\n}';
    const editor = await scratch(text);
    const uri = editor.document.uri;
    const [diagnostic] = await waitFor(
      'variable-missing-dollar',
      () => {
        const found = ours(uri).filter((d) => codeOf(d) === 'variable-missing-dollar');
        return found.length ? found : undefined;
      },
      SERVER_TIMEOUT_MS,
    );
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
      'vscode.executeCodeActionProvider',
      uri,
      diagnostic.range,
      vscode.CodeActionKind.QuickFix.value,
    );
    const fix = actions.find((a) => a.title === `Add the missing "$": \${${SUB}}`);
    assert.ok(fix?.edit, `the fix is offered; got ${JSON.stringify(actions.map((a) => a.title))}`);
    assert.strictEqual(fix.isPreferred, true);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.strictEqual(editor.document.lineAt(6).text, `      "Resource": "arn:aws:s3:::photos/\${${SUB}}/*"`);
    await waitFor('the diagnostics to clear', () => (ours(uri).length === 0 ? true : undefined), SERVER_TIMEOUT_MS).catch(() => {
      throw new Error(`still ${describe(ours(uri))}`);
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  test('Fix All once on the pasted minified tutorial policy gives the fixed text on one line, with no findings left', async () => {
    const tutorial =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::BUCKET/{cognito-identity.amazonaws.com:sub}/*"]}]}';
    const editor = await scratch('');
    const uri = editor.document.uri;
    // One edit with the whole text, as a paste is.
    assert.ok(await editor.edit((b) => b.insert(new vscode.Position(0, 0), tutorial)));
    await waitFor(
      'the tutorial findings',
      () => (ours(uri).some((d) => codeOf(d) === 'resource-mismatch') && ours(uri).some((d) => codeOf(d) === 'variable-missing-dollar') ? true : undefined),
      SERVER_TIMEOUT_MS,
    );
    await vscode.commands.executeCommand('editor.action.fixAll');
    const expected = `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::BUCKET/\${${SUB}}/*"]},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::BUCKET","Condition":{"StringLike":{"s3:prefix":"\${${SUB}}/*"}}}]}`;
    await waitFor('Fix All to apply', () => (editor.document.getText() !== tutorial ? true : undefined), SERVER_TIMEOUT_MS);
    assert.strictEqual(editor.document.getText(), expected);
    await waitFor('the diagnostics to clear', () => (ours(uri).length === 0 ? true : undefined), SERVER_TIMEOUT_MS).catch(() => {
      throw new Error(`still ${describe(ours(uri))}`);
    });
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });
});
