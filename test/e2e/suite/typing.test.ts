// Runs inside a real VS Code, typed as a person types: Playwright presses the keys in the workbench page (the
// code-server runner answers inWorkbench), suggestions are accepted with Enter once the list shows the wanted
// item selected, Tab moves to the next tabstop. From an empty file to a per-identity S3 policy and to an
// authenticated-role trust policy; then a pasted tutorial policy and one Fix All. Each final text is asserted
// exactly, and ends with no findings (ours or the editor's).
import * as assert from 'assert';
import * as vscode from 'vscode';
import { TUTORIAL, TUTORIAL_FIXED_MINIFIED } from '../../fixtures/tutorialPolicy';
import { requestScreenshot } from './index';
import { codeOf, describe, ours, waitFor, workspaceUri } from './helpers';
import { inWorkbench, probeAvailable, type WorkbenchStep } from './webviewProbe';

const LANGUAGE = 'iam-policy-json';
/** Long enough for every finding held while typing (cognitoPool.typingPauseMs, 1 s) to be published. */
const SETTLE_MS = 2_500;
const POOL_ID = 'us-east-1:0f4d8a1c-5b2e-4c3a-9d7f-6e1b2a3c4d5e';
/** The tutorial policy as a web page shows it: minified. */
const PASTED = JSON.stringify(TUTORIAL);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const press = (key: string): WorkbenchStep => ({ op: 'press', key });
const type = (text: string): WorkbenchStep => ({ op: 'type', text });
/** Waits until the suggestion list shows `label` selected, then accepts it with Enter. */
const pick = (label: string): WorkbenchStep[] => [{ op: 'suggestion', label }, press('Enter')];

/** Runs the steps; when one fails, saves a screenshot and logs the document's text (what the typing made of it). */
async function keys(document: vscode.TextDocument, steps: readonly WorkbenchStep[]): Promise<unknown[]> {
  try {
    return await inWorkbench(steps);
  } catch (error) {
    const name = `typing-failed-${document.uri.path.split('/').pop()!.replace(/\W/g, '-')}`;
    await requestScreenshot(name).catch(() => undefined);
    console.log(`[typing] failed in ${document.uri.path} (screenshot ${name}); text: ${JSON.stringify(document.getText())}`);
    throw error;
  }
}

/**
 * How a policy starts, typed from an empty file: `{` Enter, `"` Version, Enter, `"` Statement (a statement's
 * elements open), `Eff` Effect and its Allow, Enter: the cursor on a new element's line in the statement.
 */
const OPENING: readonly WorkbenchStep[] = [
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
];

/** From the last element of a value's array or object to a new line after its closing bracket: End, Down, End, Enter. */
const AFTER_THE_BLOCK: readonly WorkbenchStep[] = [press('End'), press('ArrowDown'), press('End'), press('Enter')];

/** The documents emptyFile made (the suite saves and closes them at its end). */
const typedFiles: vscode.TextDocument[] = [];

/** An empty file of the workspace, open and focused, with the cursor in it. */
async function emptyFile(name: string): Promise<vscode.TextDocument> {
  const uri = workspaceUri(name);
  await vscode.workspace.fs.writeFile(uri, new Uint8Array());
  const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { preview: false });
  await vscode.commands.executeCommand('workbench.action.focusActiveEditorGroup');
  typedFiles.push(editor.document);
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
  // Saves and closes the files typed in (Save All would ask where to save an untitled document of another suite).
  suiteTeardown(async () => {
    for (const document of typedFiles) await document.save();
    const names = new Set(typedFiles.map((d) => d.uri.toString()));
    const tabs = vscode.window.tabGroups.all.flatMap((g) => g.tabs).filter((t) => t.input instanceof vscode.TabInputText && names.has(t.input.uri.toString()));
    await vscode.window.tabGroups.close(tabs);
  });

  test('a per-identity S3 policy from an empty file: Version, Statement, Effect, two actions and the per-identity ARN', async () => {
    const document = await emptyFile('typed-photos-policy.json');
    const opening = await keys(document, OPENING);
    // In JSON, the JSON service's `$schema` is offered beside ours; once Version is accepted the file is in the
    // IAM Policy mode, and the list is ours alone.
    const lists = OPENING.flatMap((step, i) => (step.op === 'suggestion' ? [[step.label, opening[i]]] : []));
    assert.deepStrictEqual(lists.slice(0, 2), [
      ['Version', ['$schema', 'Version', 'Id', 'Statement']],
      ['Statement', ['Id', 'Statement']],
    ]);
    await keys(document, [
      type('"Act'),
      ...pick('Action'),
      type('s3:GetO'),
      ...pick('s3:GetObject'),
      press('End'),
      press('Enter'),
      type('"s3:PutO'),
      ...pick('s3:PutObject'),
      ...AFTER_THE_BLOCK,
      type('"Res'),
      ...pick('Resource'),
    ]);
    await requestScreenshot('typing-arn-templates');
    await keys(document, [...pick('arn:aws:s3:::BUCKET/${cognito-identity.amazonaws.com:sub}/*'), type('photos'), press('Tab')]);
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

  test('an authenticated-role trust policy from an empty file: the Cognito principal, the action, aud and amr', async () => {
    const document = await emptyFile('typed-trust-authenticated.json');
    await keys(document, [
      ...OPENING,
      type('"Pri'),
      ...pick('Principal'),
      press('Tab'),
      press('Tab'),
      press('Enter'),
      type('"Act'),
      ...pick('Action'),
      type('sts:AssumeRoleWithW'),
      ...pick('sts:AssumeRoleWithWebIdentity'),
      ...AFTER_THE_BLOCK,
      type('"Con'),
      ...pick('Condition'),
      type('StringEq'),
      ...pick('StringEquals'),
      ...pick('cognito-identity.amazonaws.com:aud'),
      type(POOL_ID),
      ...AFTER_THE_BLOCK,
      type('"ForAnyValue:StringL'),
      ...pick('ForAnyValue:StringLike'),
      type('cog'),
      { op: 'suggestion', label: 'cognito-identity.amazonaws.com:aud' },
    ]);
    await requestScreenshot('typing-trust-keys');
    await keys(document, [press('ArrowDown'), ...pick('cognito-identity.amazonaws.com:amr'), { op: 'suggestion', label: 'authenticated' }]);
    await requestScreenshot('typing-trust-amr');
    await keys(document, [press('Enter')]);
    console.log(`[typing] trust ${JSON.stringify(document.getText())}`);
    assert.strictEqual(document.languageId, LANGUAGE);
    assert.strictEqual(
      document.getText(),
      [
        '{',
        '    "Version": "2012-10-17",',
        '    "Statement": [',
        '        {',
        '            "Effect": "Allow",',
        '            "Principal": {',
        '                "Federated": "cognito-identity.amazonaws.com"',
        '            },',
        '            "Action": [',
        '                "sts:AssumeRoleWithWebIdentity"',
        '            ],',
        '            "Condition": {',
        '                "StringEquals": {',
        `                    "cognito-identity.amazonaws.com:aud": "${POOL_ID}"`,
        '                },',
        '                "ForAnyValue:StringLike": {',
        '                    "cognito-identity.amazonaws.com:amr": [',
        '                        "authenticated"',
        '                    ]',
        '                }',
        '            }',
        '        }',
        '    ]',
        '}',
      ].join('\n'),
    );
    const diagnostics = await settledDiagnostics(document);
    assert.deepStrictEqual(diagnostics, [], describe(diagnostics));
  });

  test('the minified tutorial policy pasted into an empty file, then one Fix All from the command palette', async () => {
    const document = await emptyFile('pasted-tutorial-policy.json');
    // Copied from the tutorial's web page (the browser's clipboard), pasted with Ctrl+V; saved with Ctrl+S (a
    // policy pasted stays JSON while it is being edited, and switches when saved or left).
    await keys(document, [{ op: 'copy', text: PASTED }, press('Control+V'), { op: 'wait', ms: 500 }]);
    assert.strictEqual(document.getText(), PASTED);
    assert.strictEqual(document.languageId, 'json');
    await keys(document, [press('Control+S')]);
    await waitFor(
      'the pasted policy in the IAM Policy mode',
      () => (document.languageId === LANGUAGE && ours(document.uri).length ? true : undefined),
      30_000,
    ).catch((error) => {
      throw new Error(`${error.message}: ${document.languageId}, ${JSON.stringify(document.getText())}, ${describe(ours(document.uri))}`);
    });
    console.log(`[typing] pasted: ${describe(ours(document.uri))}`);
    assert.deepStrictEqual(
      ours(document.uri)
        .map((d) => String(codeOf(d)))
        .sort(),
      ['resource-mismatch', 'variable-missing-dollar'],
    );
    await requestScreenshot('typing-pasted-tutorial');
    await keys(document, [press('F1'), type('Fix All'), { op: 'wait', ms: 500 }, press('Enter')]);
    await waitFor('the fixed policy', () => (document.getText() !== PASTED ? true : undefined), 30_000);
    await requestScreenshot('typing-fix-all');
    assert.strictEqual(document.getText(), TUTORIAL_FIXED_MINIFIED);
    const diagnostics = await settledDiagnostics(document);
    assert.deepStrictEqual(diagnostics, [], describe(diagnostics));
  });
});
