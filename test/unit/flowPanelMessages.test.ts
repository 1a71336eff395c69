/**
 * What the flow panel's extension side accepts from its webview (client/src/webview/messages.ts) and from saved
 * state, and the diagram it draws and exports (client/src/webview/diagram.ts): only well-formed messages pass,
 * and policy text ends up as escaped text, never as markup.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { buildFlowModel, flowInputsFrom, parsePolicy } from '../../server/src/core';
import { layoutFlow, MIN_FONT_SIZE, svgToString, wrapText, type SvgNode } from '../../client/src/webview/diagram';
import { parsePanelState, parseWebviewMessage } from '../../client/src/webview/messages';
import { policy } from './helpers';

describe('messages from the webview', () => {
  test('each well-formed message passes as it is', () => {
    const messages = [
      { type: 'ready' },
      { type: 'inputs', inputs: { identity: 'guest', flow: 'basic', action: 's3:GetObject', resource: '*', context: 's3:prefix=a/' } },
      { type: 'inputs', inputs: {} },
      // A whole pool's document: the pool, the sign-in mode, a token (up to 16,384 characters) or claims, the basic flow's role.
      { type: 'inputs', inputs: { pool: 'IdentityPool', signIn: 'token', token: `eyJ.${'a'.repeat(16_000)}.sig`, role: 'AuthRole' } },
      { type: 'inputs', inputs: { signIn: 'claims', claims: '{"iss": "https://accounts.google.com", "sub": "1"}' } },
      { type: 'inputs', inputs: { signIn: 'guest' } },
      { type: 'documents', with: ['file:///role/trust.json', 'untitled:Untitled-1'] },
      { type: 'reveal', location: 3 },
      { type: 'export', format: 'svg' },
      { type: 'export', format: 'mermaid' },
      { type: 'cspViolation', directive: 'img-src', blocked: 'https://example.com/x.png' },
    ];
    for (const m of messages) assert.deepEqual(parseWebviewMessage(m), m);
  });

  test('duplicates in the documents list are dropped', () => {
    assert.deepEqual(parseWebviewMessage({ type: 'documents', with: ['file:///a.json', 'file:///a.json'] }), { type: 'documents', with: ['file:///a.json'] });
  });

  test('anything else is refused as a whole', () => {
    const refused: unknown[] = [
      null,
      'ready',
      [],
      { type: 'run', command: 'workbench.action.terminal.new' },
      { type: 'ready', extra: 1 },
      { type: 'inputs', inputs: { identity: 'root' } },
      { type: 'inputs', inputs: { flow: 'classic' } },
      { type: 'inputs', inputs: { action: 42 } },
      { type: 'inputs', inputs: { action: 's3:GetObject', script: 'x' } },
      { type: 'inputs', inputs: { resource: 'a'.repeat(2049) } },
      { type: 'inputs', inputs: { context: 'k=v\n'.repeat(5000) } },
      { type: 'inputs', inputs: { signIn: 'admin' } },
      { type: 'inputs', inputs: { token: 'a'.repeat(16_385) } },
      { type: 'inputs', inputs: { claims: { sub: '1' } } },
      { type: 'inputs', inputs: { pool: 'p'.repeat(2049) } },
      { type: 'inputs', inputs: Object.assign(Object.create({ polluted: true }), { action: 's3:GetObject' }) },
      { type: 'documents', with: ['command:workbench.action.terminal.new'] },
      { type: 'documents', with: ['https://example.com/policy.json'] },
      { type: 'documents', with: Array.from({ length: 33 }, (_, i) => `file:///p${i}.json`) },
      { type: 'documents', with: 'file:///a.json' },
      { type: 'reveal', location: -1 },
      { type: 'reveal', location: 1.5 },
      { type: 'reveal', location: '2' },
      { type: 'export', format: 'png' },
      { type: 'cspViolation', directive: 'x'.repeat(201), blocked: '' },
    ];
    for (const m of refused) assert.equal(parseWebviewMessage(m), undefined, JSON.stringify(m)?.slice(0, 120));
  });

  test('flowInputsFrom keeps known fields of the right type and size', () => {
    assert.deepEqual(flowInputsFrom({ identity: 'developer', provider: 'login.example.app', identityId: '', poolId: undefined }), {
      identity: 'developer',
      provider: 'login.example.app',
      identityId: '',
    });
    assert.equal(flowInputsFrom({ identityId: null }), undefined);
  });
});

describe('saved panel state', () => {
  test('a saved state comes back; the followed document is not also an added one', () => {
    const state = { uri: 'file:///role/s3.json', with: ['file:///role/trust.json', 'file:///role/s3.json'], inputs: { identityId: 'us-east-1:1' } };
    assert.deepEqual(parsePanelState(state), { uri: 'file:///role/s3.json', with: ['file:///role/trust.json'], inputs: { identityId: 'us-east-1:1' } });
    assert.deepEqual(parsePanelState({ uri: 'untitled:Untitled-1' }), { uri: 'untitled:Untitled-1', with: [], inputs: {} });
  });

  test('a malformed state is refused', () => {
    for (const state of [
      undefined,
      {},
      { uri: 'vscode-remote://x/y.json' },
      { uri: 'file:///a.json', inputs: { identity: 'admin' } },
      { uri: 'file:///a.json', with: [1] },
      { uri: 'file:///a.json', extra: true },
    ]) {
      assert.equal(parsePanelState(state), undefined, JSON.stringify(state));
    }
  });
});

describe('the diagram', () => {
  const XSS = '<img src=x onerror="alert(1)">&';
  const text = policy([{ Sid: XSS, Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${XSS}` }]);
  const model = buildFlowModel({ permissions: [{ document: 'file:///p.json', name: 'p.json', policy: parsePolicy(text) }] }, { identityId: 'us-east-1:1-2' });

  const texts = (node: SvgNode): string[] => (node.text !== undefined ? [node.text] : (node.children ?? []).flatMap(texts));

  test('one column per participant, one row per step; the request row carries the policy text as text', () => {
    const svg = layoutFlow(model);
    const column = Number(svg.attrs?.width) / 5;
    assert.equal(svg.attrs?.viewBox, `0 0 ${5 * column} ${svg.attrs?.height}`);
    const groups = (svg.children ?? []).filter((c) => c.tag === 'g');
    assert.deepEqual(
      groups.map((g) => String(g.attrs?.class)),
      [
        'lifelines',
        'participant',
        'participant',
        'participant',
        'participant',
        'participant',
        ...model.steps.map((s) => (s.kind === 'note' ? `note ${s.status}` : `message ${s.kind} ${s.status}`)),
      ],
    );
    assert.ok(texts(svg).includes(`✓ s3:GetObject on arn:aws:s3:::b/${XSS}`));
  });

  test('the exported SVG escapes every text and attribute, and embeds the stylesheet', () => {
    const svg = svgToString(layoutFlow(model), '.flow-svg text { fill: red; }');
    assert.ok(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" class="flow-svg"'));
    assert.ok(!svg.includes('<img'), 'no markup from the policy');
    assert.ok(svg.includes('arn:aws:s3:::b/&lt;img src=x onerror="alert(1)"&gt;&amp;'));
    assert.ok(svg.includes('<style>.flow-svg text { fill: red; }</style>'));
    // Only known elements and attributes: the serializer refuses anything else.
    assert.throws(() => svgToString({ tag: 'script' as never, text: 'alert(1)' }), /unexpected SVG element script/);
    assert.equal(svgToString({ tag: 'g', attrs: { onload: 'alert(1)', class: 'a"b' } }), '<?xml version="1.0" encoding="UTF-8"?>\n<g class="a&quot;b"></g>\n');
  });

  test('control characters that XML forbids (from a Sid or resource) are dropped, so the exported file parses', () => {
    assert.equal(
      svgToString({ tag: 'text', attrs: { class: 'a\u0002b' }, text: 'x\u0002y\u001Fz\tw' }),
      '<?xml version="1.0" encoding="UTF-8"?>\n<text class="ab">xyz\tw</text>\n',
    );
  });

  const all = (node: SvgNode): SvgNode[] => [node, ...(node.children ?? []).flatMap(all)];
  const long = buildFlowModel({ permissions: [] }, { identityId: 'us-east-1:1-2', action: 's3:GetObject', resource: `arn:aws:s3:::bucket/${'k'.repeat(300)}` });

  test('nothing is cut: a long label wraps onto as many lines as it needs, every character kept, each line within its width', () => {
    assert.deepEqual(wrapText('abc def ghi', 7 * 0.62 * 10, 10), ['abc def', 'ghi']);
    // A word longer than a line breaks after a ':' or '/' where one is near the end of the line.
    const arn = wrapText('arn:aws:s3:::bucket/kkkkkkkkkkkk', 12 * 0.62 * 10 + 0.5, 10);
    assert.deepEqual(arn, ['arn:aws:s3::', ':bucket/', 'kkkkkkkkkkkk']);
    assert.deepEqual(wrapText('', 100, 10), ['']);
    const svg = layoutFlow(long);
    const request = (svg.children ?? []).find((c) => String(c.attrs?.class).startsWith('message call') && texts(c).some((t) => t.includes('s3:GetObject')));
    const lines = (request?.children ?? []).filter((c) => c.attrs?.class === 'message-label').map((c) => c.text ?? '');
    assert.ok(lines.length > 2, `wrapped: ${lines.length} lines`);
    // The first line ends at the words' space; the ARN, longer than a line, goes on over the next ones, every character kept.
    assert.equal(lines[0], 's3:GetObject on');
    assert.equal(lines.slice(1).join(''), `arn:aws:s3:::bucket/${'k'.repeat(300)}`);
    assert.ok(!texts(svg).some((t) => t.includes('…')), 'no ellipsis anywhere');
    assert.ok(!all(svg).some((n) => n.tag === 'title' && n.attrs?.id === undefined), 'no tooltip standing for a cut text');
  });

  test("the editor's font size, never below 11 px, in the panel and in the exported file", () => {
    const sizes = (svg: SvgNode) => all(svg).flatMap((n) => (n.tag === 'text' ? [Number(n.attrs?.['font-size'])] : []));
    const big = layoutFlow(model, { fontSize: 16 });
    assert.equal(big.attrs?.['font-size'], 16);
    assert.deepEqual([...new Set(sizes(big))].sort(), [14, 16]);
    const tiny = layoutFlow(model, { fontSize: 8 });
    assert.ok(
      sizes(tiny).every((px) => px >= MIN_FONT_SIZE),
      sizes(tiny).join(', '),
    );
    assert.ok(svgToString(tiny).includes('font-size="11"'));
  });

  test('the diagram fills the width it is given, and never gets narrower than its texts', () => {
    assert.equal(layoutFlow(model, { width: 2000 }).attrs?.width, 2000);
    const narrow = layoutFlow(model, { width: 100 });
    assert.ok(Number(narrow.attrs?.width) >= 5 * 13 * 13, String(narrow.attrs?.width));
  });
});
