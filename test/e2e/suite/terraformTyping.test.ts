// Runs inside a real VS Code, typed as a person types: a `data "aws_iam_policy_document"` written key by key in a
// .tf file (plaintext: no Terraform extension here), each new attribute name completed while it is typed (the
// parser cannot read the block then: core/sources/terraform/recovery.ts), then its values as in JSON. The lists
// shown are asserted exactly, and so is the final text.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { requestScreenshot } from './index';
import { describe, ours, workspaceUri } from './helpers';
import { inWorkbench, probeAvailable, type WorkbenchStep } from './webviewProbe';

const SETTLE_MS = 2_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const press = (key: string): WorkbenchStep => ({ op: 'press', key });
const type = (text: string): WorkbenchStep => ({ op: 'type', text });
const shown = (label: string): WorkbenchStep => ({ op: 'suggestion', label });

async function keys(document: vscode.TextDocument, steps: readonly WorkbenchStep[]): Promise<unknown[]> {
  try {
    return await inWorkbench(steps);
  } catch (error) {
    await requestScreenshot('terraform-typing-failed').catch(() => undefined);
    console.log(`[typing] failed; text: ${JSON.stringify(document.getText())}`);
    throw error;
  }
}

suite('Typing a Terraform policy document in a real VS Code, key by key', function () {
  suiteSetup(function () {
    if (!probeAvailable()) this.skip();
  });

  test('statement, effect, actions and resources: each name suggested while typed, then its values', async () => {
    const uri = workspaceUri('typed-read-policy.tf');
    await vscode.workspace.fs.writeFile(uri, new Uint8Array());
    const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
    await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
    const document = editor.document;
    const results = await keys(document, [
      type('data "aws_iam_policy_document" "read" {'),
      // The editor closes the brace; Enter between the two indents the new line.
      press('Enter'),
      type('stat'),
      shown('statement'),
      press('Enter'),
      // The statement snippet leaves the cursor on the new block's empty line, where the list opens again.
      shown('sid'),
      type('eff'),
      shown('effect'),
      press('Enter'),
      shown('Allow'),
      press('Enter'),
      press('End'),
      press('Enter'),
      type('act'),
      shown('actions'),
      press('Enter'),
      type('s3:GetO'),
      shown('s3:GetObject'),
      press('Enter'),
      press('End'),
      press('Enter'),
      type('res'),
      shown('resources'),
      press('Enter'),
    ]);
    const lists = results.filter((r) => Array.isArray(r)) as string[][];
    assert.deepStrictEqual(lists.slice(0, 4), [
      ['statement'],
      ['sid', 'effect', 'principals', 'actions', 'not_actions', 'resources', 'not_resources', 'condition'],
      ['effect'],
      ['Allow', 'Deny'],
    ]);
    assert.deepStrictEqual(lists[4], ['actions', 'not_actions']);
    assert.strictEqual(lists[5][0], 's3:GetObject');
    assert.deepStrictEqual(lists[6], ['resources', 'not_resources']);
    const [arns] = (await keys(document, [shown('arn:aws:s3:::BUCKET/&{cognito-identity.amazonaws.com:sub}/*')])) as string[][];
    assert.strictEqual(arns[0], 'arn:aws:s3:::BUCKET/&{cognito-identity.amazonaws.com:sub}/*', 'the per-identity ARN first');
    await keys(document, [press('Enter'), type('photos'), press('Tab')]);
    await requestScreenshot('terraform-typing');
    console.log(`[typing] ${JSON.stringify(document.getText())}`);
    assert.strictEqual(
      document.getText(),
      [
        'data "aws_iam_policy_document" "read" {',
        '    statement {',
        '        effect = "Allow"',
        '        actions = ["s3:GetObject"]',
        '        resources = ["arn:aws:s3:::photos/&{cognito-identity.amazonaws.com:sub}/*"]',
        '    }',
        '}',
      ].join('\n'),
    );
    await sleep(SETTLE_MS);
    assert.deepStrictEqual(ours(uri), [], describe(ours(uri)));
    await document.save();
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await vscode.workspace.fs.delete(uri);
  });
});
