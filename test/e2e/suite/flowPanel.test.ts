// The token-to-credentials flow panel in a real VS Code: the command opens the webview beside the editor; the
// test sets an identity and a request in the webview (through the code-server runner's Playwright, see
// webviewProbe.ts), reads the verdict from the webview's DOM, uses the panel with the keyboard only, edits the
// document and watches the redraw, exports Mermaid, and proves that policy text with HTML in it is shown as text and runs nothing.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { open, waitFor, workspaceUri } from './helpers';
import { evalInWebview, inWebview, probeAvailable, waitInWebview } from './webviewProbe';

const S3 = 's3-per-identity.json';
const TRUST = 'trust-authenticated.json';
const POOL = 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21';
const ME = 'us-east-1:11111111-2222-3333-4444-555555555555';
const OTHER = 'us-east-1:99999999-8888-7777-6666-555555555555';
const BUCKET = 'arn:aws:s3:::photo-app-user-uploads';
/** The first request of the suite waits for the extension host, the server and the webview to start. */
const START_MS = 60_000;

const VERDICT = `document.getElementById('verdict-title')?.textContent ?? ''`;
const SOURCES = `document.getElementById('sources')?.textContent ?? ''`;
const DECIDING = `[...document.querySelectorAll('#deciding button')].map((b) => b.textContent)`;
const ACTIVE = `(() => { const a = document.activeElement; return a && a !== document.body ? (a.id || a.dataset.focusKey || a.tagName.toLowerCase()) : ''; })()`;

function flowTab(): vscode.Tab | undefined {
  return vscode.window.tabGroups.all
    .flatMap((g) => g.tabs)
    .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('cognitoPool.flow'));
}

/** The line (1-based) of the `{` that opens the statement with this Sid. */
function statementLine(document: vscode.TextDocument, sid: string): number {
  const text = document.getText();
  return document.positionAt(text.lastIndexOf('{', text.indexOf(`"Sid": "${sid}"`))).line + 1;
}

suite('The token-to-credentials flow panel in a real VS Code', function () {
  suiteSetup(function () {
    if (!probeAvailable()) this.skip(); // only the code-server runner can look into a webview
  });

  test('the command opens the panel beside the editor with the defaults of a permission policy', async () => {
    await open(workspaceUri(TRUST)); // open, so that it can be added to the role
    const editor = await open(workspaceUri(S3));
    await vscode.commands.executeCommand('cognitoPool.showFlow', editor.document.uri);
    const tab = await waitFor('the flow panel tab', flowTab, 10_000);
    assert.strictEqual(tab.label, `Flow: ${S3}`);
    assert.notStrictEqual(tab.group.viewColumn, vscode.ViewColumn.One, 'beside the editor');

    assert.strictEqual(await waitInWebview('the first verdict', VERDICT, (v: string) => v !== '', START_MS), 'Allowed');
    const [action, resource, context, origin] = await inWebview([
      { op: 'eval', expression: `document.getElementById('action').value` },
      { op: 'eval', expression: `document.getElementById('resource').value` },
      { op: 'eval', expression: `document.getElementById('context').value` },
      { op: 'eval', expression: `document.getElementById('action-origin').textContent` },
    ]);
    assert.deepStrictEqual([action, resource, origin], ['s3:ListBucket', BUCKET, `from Statement "ListOwnFolder" in ${S3}`]);
    assert.match(String(context), /^s3:prefix=private\/us-east-1:[0-9a-f-]+\/$/);
    assert.strictEqual(await evalInWebview(SOURCES), `Trust policy: none (add one below) · Permission policies: ${S3}`);
  });

  test('adding the trust policy, then an identity and a request: the verdict and the trust conditions in the webview', async () => {
    await inWebview([{ op: 'click', selector: `vscode-checkbox[data-uri$="/${TRUST}"]` }]);
    await waitInWebview('the trust policy in the role', SOURCES, (s: string) => s.startsWith(`Trust policy: ${TRUST} `));

    // A guest: the trust policy admits signed-in users only.
    await evalInWebview(`(() => { const s = document.getElementById('identity'); s.value = 'guest'; s.dispatchEvent(new Event('change')); })()`);
    assert.strictEqual(await waitInWebview('the guest verdict', VERDICT, (v: string) => v.startsWith('Denied')), 'Denied: no credentials');
    const guestRows = await inWebview([{ op: 'text', selector: '#trust tbody tr' }]);
    assert.deepStrictEqual(
      (guestRows[0] as string[]).map((r) => r.slice(0, 9)),
      ['✓ passaud', '✗ failamr'],
    );

    // Signed in through the user pool, asking for another identity's photo, then for one's own.
    await evalInWebview(`(() => { const s = document.getElementById('identity'); s.value = 'user-pool'; s.dispatchEvent(new Event('change')); })()`);
    await inWebview([
      { op: 'fill', selector: '#identityId input', value: ME },
      { op: 'fill', selector: '#action input', value: 's3:GetObject' },
      { op: 'fill', selector: '#resource input', value: `${BUCKET}/private/${OTHER}/photo.jpg` },
    ]);
    assert.strictEqual(await waitInWebview("another identity's photo", VERDICT, (v: string) => v === 'Denied implicitly'), 'Denied implicitly');
    await inWebview([{ op: 'fill', selector: '#resource input', value: `${BUCKET}/private/${ME}/photo.jpg` }]);
    assert.strictEqual(await waitInWebview('its own photo', VERDICT, (v: string) => v === 'Allowed'), 'Allowed');

    const document = await vscode.workspace.openTextDocument(workspaceUri(S3));
    assert.deepStrictEqual(await evalInWebview(DECIDING), [`Statement "ReadWriteOwnObjects" (${S3}:${statementLine(document, 'ReadWriteOwnObjects')})`]);
    const rows = (await inWebview([{ op: 'text', selector: '#trust tbody tr' }]))[0] as string[];
    assert.deepStrictEqual(rows, [
      `✓ passaudStringEquals${POOL}the request has "${POOL}"`,
      '✓ passamrForAnyValue:StringLikeauthenticatedthe request has ["authenticated"]',
    ]);
    const summary = await evalInWebview<string>(`document.getElementById('verdict-summary').textContent`);
    assert.strictEqual(
      summary,
      `Allowed: s3:GetObject on ${BUCKET}/private/${ME}/photo.jpg for an identity signed in through Cognito user pool (enhanced flow).`,
    );
  });

  test('keyboard only: Tab reaches every control, Enter on a deciding statement reveals it in the editor', async () => {
    const line = statementLine(await vscode.workspace.openTextDocument(workspaceUri(S3)), 'ReadWriteOwnObjects');
    const statement = `Statement "ReadWriteOwnObjects" (${S3}:${line})`;
    // From the verdict's deciding statement (the first thing on the page) Tab through everything.
    await inWebview([{ op: 'focus', selector: '#deciding button' }]);
    const visited: string[] = [await evalInWebview<string>(ACTIVE)];
    for (let i = 0; i < 40 && !visited[visited.length - 1].startsWith('document:'); i++) {
      const [, active] = await inWebview([
        { op: 'press', key: 'Tab' },
        { op: 'eval', expression: ACTIVE },
      ]);
      visited.push(active as string);
    }
    assert.ok(visited[0].startsWith('location:') && visited[0].endsWith(statement), `starts on the deciding statement: ${visited[0]}`);
    // The sequence's export buttons come right after the verdict; the controls of a whole pool's document are hidden here.
    const order = ['export-svg', 'export-mermaid', 'identity', 'provider', 'identityId', 'poolId', 'flow-enhanced', 'action', 'resource', 'context', 'reset'];
    assert.deepStrictEqual(
      visited.filter((v) => order.includes(v)),
      order,
      `Tab reaches every control in order; visited ${visited.join(' > ')}`,
    );
    assert.ok(
      visited.some((v) => v.startsWith('document:') && v.endsWith(`/${TRUST}`)),
      `Tab reaches the document checkbox; visited ${visited.join(' > ')}`,
    );

    // Back with Shift+Tab from the identity control to the deciding statement, and Enter.
    await inWebview([{ op: 'focus', selector: '#identity' }]);
    for (let i = 0; i < 10 && !(await evalInWebview<string>(ACTIVE)).endsWith(statement); i++) await inWebview([{ op: 'press', key: 'Shift+Tab' }]);
    await inWebview([{ op: 'press', key: 'Enter' }]);
    const editor = await waitFor(
      'the revealed statement',
      () => {
        const e = vscode.window.activeTextEditor;
        return e?.document.uri.path.endsWith(`/${S3}`) && e.selection.start.line === line - 1 ? e : undefined;
      },
      10_000,
    );
    assert.strictEqual(editor.document.getText(editor.selection).split('\n')[1].trim(), '"Sid": "ReadWriteOwnObjects",');
  });

  test('the panel redraws as the document changes', async () => {
    const document = await vscode.workspace.openTextDocument(workspaceUri(S3));
    const text = document.getText();
    const allow = text.indexOf('"Effect": "Allow"', text.indexOf('"ReadWriteOwnObjects"'));
    const range = new vscode.Range(document.positionAt(allow), document.positionAt(allow + '"Effect": "Allow"'.length));
    const edit = (to: string) => {
      const e = new vscode.WorkspaceEdit();
      e.replace(document.uri, range, to);
      return vscode.workspace.applyEdit(e);
    };
    assert.ok(await edit('"Effect": "Deny"'));
    assert.strictEqual(await waitInWebview('the explicit deny', VERDICT, (v: string) => v === 'Denied explicitly'), 'Denied explicitly');
    assert.ok(await edit('"Effect": "Allow"'));
    assert.strictEqual(await waitInWebview('allowed again', VERDICT, (v: string) => v === 'Allowed'), 'Allowed');
  });

  test('Export Mermaid opens a Markdown document with the sequence diagram', async () => {
    const opened = new Promise<vscode.TextDocument>((resolve) => {
      const listener = vscode.workspace.onDidOpenTextDocument((d) => {
        if (d.languageId === 'markdown' && d.getText().startsWith('```mermaid')) {
          listener.dispose();
          resolve(d);
        }
      });
    });
    await inWebview([{ op: 'click', selector: '#export-mermaid' }]);
    const markdown = await Promise.race([opened, new Promise<undefined>((r) => setTimeout(() => r(undefined), 10_000))]);
    assert.ok(markdown, 'a Markdown document with a mermaid block opens');
    const lines = markdown.getText().split('\n');
    assert.deepStrictEqual(lines.slice(0, 3), ['```mermaid', 'sequenceDiagram', '  participant App as Your app']);
    assert.ok(lines.includes(`  App->>Service: ✓ s3:GetObject on ${BUCKET}/private/${ME}/photo.jpg`), lines.join('\n'));
    assert.strictEqual(lines.at(-2), '```');
  });

  test('HTML in a Sid and a Resource is shown as text: no element is made, nothing runs, nothing is blocked', async () => {
    const uri = workspaceUri('xss-policy.json');
    const sid = '<img src=x onerror="window.__xss=1">';
    const resource = 'arn:aws:s3:::bucket/<img src=x onerror="window.__xss=2">';
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: resource }] }, null, 2);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    // Opened beside the panel (not in its group, where it would hide the panel and reload the webview).
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.One, preview: false });
    // Whatever the panel draws from now on is watched: a blocked image or inline handler would show up here.
    await evalInWebview(
      `(() => { window.__violations = []; document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI)); })()`,
    );
    await vscode.commands.executeCommand('cognitoPool.showFlow', uri);
    await waitInWebview(
      'the panel on xss-policy.json',
      `(${VERDICT}) + '|' + (${SOURCES})`,
      (v: string) => v.startsWith('Allowed|') && v.includes('xss-policy.json'),
    );
    const [images, xss, violations, deciding, resourceValue, svgText] = await inWebview([
      { op: 'eval', expression: `document.querySelectorAll('img').length` },
      { op: 'eval', expression: `typeof window.__xss` },
      { op: 'eval', expression: `window.__violations` },
      { op: 'eval', expression: DECIDING },
      { op: 'eval', expression: `document.getElementById('resource').value` },
      { op: 'eval', expression: `document.querySelector('#diagram svg').textContent` },
    ]);
    assert.deepStrictEqual([images, xss, violations], [0, 'undefined', []]);
    assert.deepStrictEqual(deciding, [`Statement "${sid}" (xss-policy.json:4)`]);
    assert.strictEqual(resourceValue, resource);
    assert.ok(String(svgText).includes(`s3:GetObject on ${resource}`.slice(0, 40)), String(svgText));
  });
});
