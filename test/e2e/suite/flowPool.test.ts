// The flow panel over a whole identity pool in a real VS Code: on CloudFormation templates (YAML), the CodeLens
// and the command open the panel; a token pasted into the webview (driven through the code-server runner's
// Playwright, see webviewProbe.ts) picks the role the pool's role mapping gives, and the verdict, the rules and the
// principal tags are read from the webview's DOM. Also: inputs are kept per role, the export buttons are disabled
// while there is nothing to export, the diagram uses the editor's font size and no text of it leaves the drawing,
// and the README screenshots (light and dark themes).
import * as assert from 'assert';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { requestScreenshot, screenshotsEnabled } from './index';
import { open, waitFor, workspaceUri } from './helpers';
import { evalInWebview, inWebview, probeAvailable, waitInWebview } from './webviewProbe';

const AMPLIFY = 'amplify-template.yaml';
const RULES = 'role-mapping-template.yaml';
const ME = 'us-east-1:11111111-2222-3333-4444-555555555555';
const USER_POOL = 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Team123';
/** The first request of the suite waits for the extension host, the server and the webview to start. */
const START_MS = 60_000;

const VERDICT = `document.getElementById('verdict-title')?.textContent ?? ''`;
const SUMMARY = `document.getElementById('verdict-summary')?.textContent ?? ''`;
const ROLE = `document.getElementById('pool-role')?.textContent ?? ''`;

/** A JWT of these claims (the panel does not check signatures, so any third part does). */
function jwtOf(claims: Record<string, unknown>): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', kid: 'e2e' })}.${part(claims)}.c2lnbmF0dXJl`;
}
const teamToken = (team: string) =>
  jwtOf({ iss: `https://${USER_POOL}`, aud: '7abc123client', sub: 'u1', token_use: 'id', 'custom:team': team, 'custom:department': 'finance' });

function flowTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('cognitoPool.flow'));
}

/** Shows the panel on a workspace file (the editor stays in the first group, the panel beside it). */
async function showFlow(name: string): Promise<void> {
  await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(workspaceUri(name)), { viewColumn: vscode.ViewColumn.One, preview: false });
  await vscode.commands.executeCommand('cognitoPool.showFlow', workspaceUri(name));
  await waitFor('the flow panel tab', () => (flowTab()?.label === `Flow: ${name}` ? flowTab() : undefined), 10_000);
}

suite('The flow panel over a whole identity pool in a real VS Code', function () {
  suiteSetup(function () {
    if (!probeAvailable()) this.skip(); // only the code-server runner can look into a webview
  });

  test('a YAML template with an identity pool gets the CodeLens', async () => {
    const editor = await open(workspaceUri(AMPLIFY));
    // The server answers the lens once it has the document: ask until it does.
    let lenses: vscode.CodeLens[] = [];
    for (const deadline = Date.now() + START_MS; Date.now() < deadline; await new Promise((r) => setTimeout(r, 250))) {
      lenses = await vscode.commands.executeCommand<vscode.CodeLens[]>('vscode.executeCodeLensProvider', editor.document.uri);
      if (lenses.some((l) => l.command?.command === 'cognitoPool.showFlow')) break;
    }
    assert.deepStrictEqual(
      lenses.filter((l) => l.command?.command === 'cognitoPool.showFlow').map((l) => l.command?.title),
      ['Show sign-in-to-verdict flow (identity pool)'],
    );
  });

  test('examples/amplify-template.yaml: a pasted token gets the authenticated role and reads its own folder; a guest gets no credentials', async () => {
    await showFlow(AMPLIFY);
    // Guest access is off in this pool: the panel asks for a token first.
    assert.strictEqual(
      await waitInWebview('the first verdict', VERDICT, (v: string) => v !== '' && v !== 'Nothing to evaluate', START_MS),
      'Enter the identity',
    );
    // The banner says why in one sentence, and the list under it does not say it again.
    const [summaryText, reasonTexts] = await inWebview([
      { op: 'eval', expression: SUMMARY },
      { op: 'eval', expression: `[...document.querySelectorAll('#reasons li')].map((li) => li.textContent)` },
    ]);
    assert.ok((summaryText as string).startsWith('Enter the identity: '), summaryText as string);
    assert.deepStrictEqual(
      (reasonTexts as string[]).filter((t) => (summaryText as string).includes(t)),
      [],
    );
    const [note, tokenShown, identityShown] = await inWebview([
      { op: 'eval', expression: `document.getElementById('token-note').textContent` },
      { op: 'eval', expression: `!document.getElementById('token').closest('.field').hidden` },
      { op: 'eval', expression: `!document.getElementById('identity').closest('.field').hidden` },
    ]);
    assert.deepStrictEqual(
      [note, tokenShown, identityShown],
      ['The token is decoded on this machine by the extension: its signature is not checked, and it is not sent anywhere.', true, false],
    );
    const own = `arn:aws:s3:::photoapp-uploads-dev-1/private/${ME}/a.jpg`;
    await inWebview([
      {
        op: 'fill',
        selector: '#token textarea',
        value: jwtOf({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Photo1', aud: 'web1', sub: 'u2' }),
      },
      { op: 'fill', selector: '#identityId input', value: ME },
      { op: 'fill', selector: '#action input', value: 's3:GetObject' },
      { op: 'fill', selector: '#resource input', value: own },
    ]);
    assert.strictEqual(
      await waitInWebview('the signed-in verdict', SUMMARY, (v: string) => v.startsWith('Allowed: s3:GetObject on ' + own)),
      `Allowed: s3:GetObject on ${own} for an identity signed in through cognito-idp.us-east-1.amazonaws.com/us-east-1_Photo1 with role AuthRole (default role).`,
    );
    assert.strictEqual(await evalInWebview(ROLE), 'Role: AuthRole (default role)');
    assert.strictEqual(await evalInWebview(VERDICT), 'Allowed');

    await inWebview([{ op: 'click', selector: '#signIn-guest' }]);
    assert.strictEqual(await waitInWebview('the guest verdict', VERDICT, (v: string) => v.startsWith('Denied')), 'Denied: no credentials');
    assert.strictEqual(await evalInWebview(SUMMARY), 'A guest gets no credentials: guest access is off for identity pool "IdentityPool".');
  });

  test('a template with a Rules mapping: the token picks the rule that matches, its claim becomes a principal tag, each rule and tag is shown', async () => {
    await showFlow(RULES);
    await waitInWebview(
      'the panel on the rules template',
      `document.getElementById('pool-name')?.textContent ?? ''`,
      (v: string) => v === 'IdentityPool',
      START_MS,
    );
    await inWebview([
      { op: 'fill', selector: '#token textarea', value: teamToken('editors') },
      { op: 'fill', selector: '#action input', value: 's3:PutObject' },
      { op: 'fill', selector: '#resource input', value: 'arn:aws:s3:::notes/departments/finance/q3.txt' },
    ]);
    assert.strictEqual(await waitInWebview('the editor role', ROLE, (v: string) => v.includes('EditorRole')), 'Role: EditorRole (rule 1 of the role mapping)');
    assert.strictEqual(await waitInWebview('the verdict', VERDICT, (v: string) => v === 'Allowed'), 'Allowed');
    const [rules, tags, claims] = await inWebview([
      { op: 'text', selector: '#rules tbody tr' },
      { op: 'text', selector: '#tags tbody tr' },
      { op: 'eval', expression: `JSON.parse(document.getElementById('claims-read').textContent)['custom:team']` },
    ]);
    assert.deepStrictEqual(rules, ['✓ matchedRule 1custom:team Equals "editors"EditorRole', '– not reachedRule 2custom:team StartsWith "admin"AdminRole']);
    assert.deepStrictEqual(tags, ['departmentcustom:departmentfinance']);
    assert.strictEqual(claims, 'editors');

    // Another token: rule 1 does not match, rule 2 does.
    await inWebview([{ op: 'fill', selector: '#token textarea', value: teamToken('admins') }]);
    assert.strictEqual(await waitInWebview('the admin role', ROLE, (v: string) => v.includes('AdminRole')), 'Role: AdminRole (rule 2 of the role mapping)');
    assert.deepStrictEqual((await inWebview([{ op: 'text', selector: '#rules tbody tr td:first-child' }]))[0], ['✗ not matched', '✓ matched']);

    // A rule is a link to its place in the template. (A redraw that lands between finding the button and the
    // click replaces it: the click is repeated then, as a person would.)
    const revealed = () => {
      const e = vscode.window.activeTextEditor;
      return e?.document.uri.path.endsWith(`/${RULES}`) && e.selection.start.line === 144 ? e : undefined;
    };
    let editor: vscode.TextEditor | undefined;
    for (let attempt = 0; attempt < 3 && !editor; attempt++) {
      await inWebview([{ op: 'click', selector: '#rules tbody tr:nth-child(2) button' }]);
      editor = await waitFor('the revealed rule', revealed, 10_000).catch(() => undefined);
    }
    assert.ok(editor, 'the rule is revealed in the editor');
    // Line 145 (1-based): the second rule's `- Claim: custom:team`, whose Value is two lines below.
    assert.strictEqual(editor.document.lineAt(editor.selection.start.line).text.trim(), '- Claim: custom:team');
    assert.strictEqual(editor.document.lineAt(editor.selection.start.line + 2).text.trim(), 'Value: admin');
  });

  test('the diagram: the editor font size, no text below 11 px, and no text outside the drawing', async () => {
    const fontSize = vscode.workspace.getConfiguration('editor').get<number>('fontSize');
    const [svgSize, smallest, outside] = await inWebview([
      { op: 'eval', expression: `Number(document.querySelector('#diagram svg').getAttribute('font-size'))` },
      { op: 'eval', expression: `Math.min(...[...document.querySelectorAll('#diagram svg text')].map((t) => parseFloat(getComputedStyle(t).fontSize)))` },
      {
        op: 'eval',
        expression: `(() => { const svg = document.querySelector('#diagram svg'); const w = svg.viewBox.baseVal.width;
          return [...svg.querySelectorAll('text')].filter((t) => { const b = t.getBBox(); return b.x < 0 || b.x + b.width > w; }).map((t) => t.textContent); })()`,
      },
    ]);
    assert.strictEqual(svgSize, Math.max(11, Math.round(fontSize ?? 0)));
    assert.ok((smallest as number) >= 11, `smallest text: ${smallest}px`);
    assert.deepStrictEqual(outside, []);
  });

  test('inputs are kept per role: another document does not get them, coming back brings them back', async () => {
    // A policy of another role, written for this test (a shared example shown here would be in another suite's way).
    const other = 'flow-pool-other-role.json';
    const policy = {
      Version: '2012-10-17',
      Statement: [{ Sid: 'Queue', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: 'arn:aws:sqs:us-east-1:123456789012:jobs' }],
    };
    await vscode.workspace.fs.writeFile(workspaceUri(other), new TextEncoder().encode(JSON.stringify(policy, null, 2)));
    await showFlow(other);
    await waitInWebview('the policy panel', `document.getElementById('sources')?.textContent ?? ''`, (v: string) => v.includes(other));
    assert.strictEqual(
      await evalInWebview(`document.getElementById('action').value`),
      'sqs:SendMessage',
      "the policy's own default, not the template's request",
    );
    await showFlow(RULES);
    assert.strictEqual(
      await waitInWebview('the remembered role', ROLE, (v: string) => v.includes('AdminRole')),
      'Role: AdminRole (rule 2 of the role mapping)',
    );
    assert.strictEqual(await evalInWebview(`document.getElementById('action').value`), 's3:PutObject');
  });

  test('the export buttons are disabled while there is nothing to export', async () => {
    const notPolicy = 'flow-pool-not-a-policy.json';
    await vscode.workspace.fs.writeFile(workspaceUri(notPolicy), new TextEncoder().encode('{ "name": "app", "version": "1.0.0" }\n'));
    await showFlow(notPolicy);
    assert.deepStrictEqual(
      await waitInWebview(
        'the disabled buttons',
        `[document.getElementById('export-svg').disabled, document.getElementById('export-mermaid').disabled, document.getElementById('verdict-title').textContent]`,
        (v: unknown[]) => v[2] === 'Nothing to evaluate',
      ),
      [true, true, 'Nothing to evaluate'],
    );
    await showFlow(RULES);
    assert.deepStrictEqual(
      await waitInWebview(
        'the enabled buttons',
        `[document.getElementById('export-svg').disabled, document.getElementById('export-mermaid').disabled]`,
        (v: boolean[]) => !v[0],
      ),
      [false, false],
    );
  });

  test('screenshots of the panel on the Rules template in a light and a dark theme (for the README)', async function () {
    if (!screenshotsEnabled()) this.skip();
    await vscode.commands.executeCommand('workbench.action.closePanel');
    await vscode.commands.executeCommand('workbench.action.closeSidebar');
    await inWebview([{ op: 'fill', selector: '#token textarea', value: teamToken('editors') }]);
    await waitInWebview('the editor role', ROLE, (v: string) => v.includes('EditorRole'));
    const tab = flowTab();
    assert.ok(tab, 'the panel is open');
    await vscode.commands.executeCommand(`workbench.action.focus${['', 'First', 'Second', 'Third'][tab.group.viewColumn] ?? 'Second'}EditorGroup`);
    await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
    const workbench = vscode.workspace.getConfiguration('workbench');
    try {
      for (const [theme, name] of [
        ['Default Light Modern', 'flow-panel-light'],
        ['Default Dark Modern', 'flow-panel-dark'],
      ]) {
        await workbench.update('colorTheme', theme, vscode.ConfigurationTarget.Global);
        await evalInWebview('window.scrollTo(0, 0)');
        await new Promise((r) => setTimeout(r, 2_000));
        const file = await requestScreenshot(name);
        assert.ok(file && fs.statSync(file).size > 20_000, `a real screenshot at ${file}`);
      }
    } finally {
      await workbench.update('colorTheme', undefined, vscode.ConfigurationTarget.Global);
      await vscode.commands.executeCommand('workbench.action.toggleMaximizeEditorGroup');
    }
  });
});
