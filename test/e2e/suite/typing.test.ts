// Runs inside a real VS Code, typed as a person types: Playwright presses the keys in the workbench page (the
// code-server runner answers inWorkbench), suggestions are accepted with Enter once the list shows the wanted
// item selected, Tab moves to the next tabstop. From an empty file to a per-identity S3 policy and to an
// authenticated-role trust policy; then a pasted tutorial policy and one Fix All. Each final text is asserted
// exactly, and ends with no findings (ours or the editor's).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { requestScreenshot } from './index';
import { describe, workspaceUri } from './helpers';
import { inWorkbench, probeAvailable, type WorkbenchStep } from './webviewProbe';

const LANGUAGE = 'iam-policy-json';
/** Long enough for every finding held while typing (cognitoPool.typingPauseMs, 1 s) to be published. */
const SETTLE_MS = 2_500;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const press = (key: string): WorkbenchStep => ({ op: 'press', key });
const type = (text: string): WorkbenchStep => ({ op: 'type', text });
/** Waits until the suggestion list shows `label` selected, then accepts it with Enter. */
const pick = (label: string): WorkbenchStep[] => [{ op: 'suggestion', label }, press('Enter')];

/** An empty file of the workspace, open and focused, with the cursor in it. */
async function emptyFile(name: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  return editor.document;
}

/** Every diagnostic on the document, once the findings held while typing have had their time. */
async function settledDiagnostics(document: vscode.TextDocument): Promise<vscode.Diagnostic[]> {
  await sleep(SETTLE_MS);
  return vscode.languages.getDiagnostics(document.uri);
}

suite('Typing a policy in a real VS Code, key by key', function () {
  suiteSetup(function () {
    if (!probeAvailable()) this.skip(); // a desktop VS Code run has no runner to press keys
  });
  suiteTeardown(async () => {
    await vscode.commands.executeCommand('workbench.action.files.saveAll');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  test('a per-identity S3 policy from an empty file: Version, Statement, Effect, two actions and the per-identity ARN', async () => {
    const document = await emptyFile('typed-photos-policy.json');
    await inWorkbench([
      type('{'),
      press('Enter'),
      type('"'),
      ...pick('Version'),
      press('Enter'),
      type('"'),
      ...pick('Statement'),
      type('Eff'),
      ...pick('Effect'),
      ...pick('Allow'),
      press('Enter'),
      type('"Act'),
      ...pick('Action'),
      type('s3:GetO'),
      ...pick('s3:GetObject'),
      press('End'),
      press('Enter'),
      type('"s3:PutO'),
      ...pick('s3:PutObject'),
      press('End'),
      press('ArrowDown'),
      press('End'),
      press('Enter'),
      type('"Res'),
      ...pick('Resource'),
    ]);
    await requestScreenshot('typing-arn-templates');
    await inWorkbench([...pick('arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*'), type('photos'), press('Tab')]);
    await requestScreenshot('typing-s3-policy');
    console.log(`[typing] ${JSON.stringify(document.getText())}`);
    assert.strictEqual(document.languageId, LANGUAGE);
    assert.strictEqual(
      document.getText(),
      [
        '{',
        '    "Version": "2012-10-17",',
        '    "Statement": [',
        '        {',
        '            "Effect": "Allow",',
        '            "Action": [',
        '                "s3:GetObject",',
        '                "s3:PutObject"',
        '            ],',
        '            "Resource": [',
        '                "arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*"',
        '            ]',
        '        }',
        '    ]',
        '}',
      ].join('\n'),
    );
    const diagnostics = await settledDiagnostics(document);
    assert.deepStrictEqual(diagnostics, [], describe(diagnostics));
  });
});
