/**
 * Calm diagnostics over a real LSP connection (dist/server.js on stdio): findings on the text being typed wait
 * for the pause (`cognitoPool.typingPauseMs`) while every other finding is published at once; syntax problems
 * the editor's own JSON service reports (`json.validate`) are not reported again; and documents opened before
 * the settings arrive get their diagnostics without being touched. No assertion on time: each test waits for
 * the next publish.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, type PublishedDiagnostics } from './lspClient';

/** The first statement's action is the one typed; the second's is wrong and stays wrong. */
const TYPED = 's3:PutObjec';
const BEFORE = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "${TYPED}", "Resource": "arn:aws:s3:::photos/*" },
    { "Effect": "Allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::photos/*" }
  ]
}`;
const LINE = 3;
/** Where the next character of the typed action goes: right after `s3:PutObjec`. */
const CURSOR = { line: LINE, character: BEFORE.split('\n')[LINE].indexOf(TYPED) + TYPED.length };

/** [code, line] of every diagnostic. */
const summary = (p: PublishedDiagnostics) => p.diagnostics.map((d) => [d.code, d.range.start.line]);

/** Types `text` at `position` (an incremental change, as an editor sends it) and resolves with the next publish. */
function type(client: LspTestClient, uri: string, version: number, position: { line: number; character: number }, text: string) {
  const next = client.nextDiagnostics(uri);
  client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range: { start: position, end: position }, text }] });
  return next;
}

describe('calm diagnostics while typing', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    client.configuration = { typingPauseMs: 400 };
    const configured = client.nextConfigurationAnswer();
    await client.initialize();
    await configured;
  });
  after(async () => {
    await client.shutdown();
  });

  test('a finding on the token being typed waits for the pause; one elsewhere is published at once', async () => {
    const uri = 'file:///work/typing/held.json';
    // Opened: nothing is being typed, every finding at once.
    assert.deepEqual(summary(await client.open(uri, BEFORE)), [
      ['unknown-action', 3],
      ['unknown-action', 4],
    ]);
    // "s3:PutObject" being typed as "s3:PutObjec" + "t"... stopped one letter short: "s3:PutObjecX".
    const typing = await type(client, uri, 2, CURSOR, 'X');
    assert.equal(typing.version, 2);
    assert.deepEqual(summary(typing), [['unknown-action', 4]]);
    // Typing pauses: the full set, same version.
    const paused = await client.nextDiagnostics(uri);
    assert.equal(paused.version, 2);
    assert.deepEqual(summary(paused), [
      ['unknown-action', 3],
      ['unknown-action', 4],
    ]);
    assert.match(paused.diagnostics[0].message, /"PutObjecX"/);
  });

  test('a syntax error is never held back, even where the user types', async () => {
    const uri = 'file:///work/typing/syntax.json';
    await client.open(uri, BEFORE);
    // A stray quote right after the action's closing quote.
    const at = { line: LINE, character: CURSOR.character + 1 };
    const typing = await type(client, uri, 2, at, '"');
    assert.deepEqual(
      typing.diagnostics.filter((d) => d.code === 'json-syntax').map((d) => [d.range.start, d.message]),
      [
        [
          { line: LINE, character: at.character },
          'Stray double quote: text follows the closing quote of a string. Remove the stray quote, or add the missing comma.',
        ],
      ],
    );
  });

  test('several changes in one event (a multi-cursor edit, a replace) are applied once each', async () => {
    const uri = 'file:///work/typing/multi.json';
    await client.open(uri, BEFORE);
    // Mend both actions in one event: "s3:PutObjec" + "t", then "s3:GetObjects" - "s".
    const getObjects = BEFORE.split('\n')[4].indexOf('s3:GetObjects') + 's3:GetObject'.length;
    const next = client.nextDiagnostics(uri);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [
        { range: { start: CURSOR, end: CURSOR }, text: 't' },
        { range: { start: { line: 4, character: getObjects }, end: { line: 4, character: getObjects + 1 } }, text: '' },
      ],
    });
    assert.deepEqual(summary(await next), []);
  });

  test('typingPauseMs 0: nothing is held back', async () => {
    // Applied once the server re-publishes a document it has open.
    const applied = client.nextDiagnostics('file:///work/typing/held.json');
    client.configuration = { typingPauseMs: 0 };
    client.notify('workspace/didChangeConfiguration', { settings: null });
    await applied;
    const uri = 'file:///work/typing/unheld.json';
    await client.open(uri, BEFORE);
    assert.deepEqual(summary(await type(client, uri, 2, CURSOR, 'X')), [
      ['unknown-action', 3],
      ['unknown-action', 4],
    ]);
  });
});

describe('syntax problems the editor reports itself', () => {
  const TRAILING = '{\n  // note\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "*" },]\n}';
  const syntax = (p: PublishedDiagnostics) => p.diagnostics.filter((d) => d.code === 'json-syntax').map((d) => [d.range.start.line, d.message]);

  test('an editor with a JSON service (json.validate.enable): json gets none of ours; jsonc the comment and the trailing comma, which VS Code reports only as a warning there', async () => {
    const client = new LspTestClient();
    // The test client answers every section alike: `validate` is what VS Code answers for the `json` section.
    client.configuration = { validate: { enable: true } };
    const configured = client.nextConfigurationAnswer();
    await client.initialize();
    await configured;
    try {
      assert.deepEqual(syntax(await client.open('file:///work/syntax/policy.json', TRAILING, 'json')), []);
      assert.deepEqual(syntax(await client.open('file:///work/syntax/policy.jsonc', TRAILING, 'jsonc')), [
        [1, 'Comments are not allowed: IAM accepts strict JSON only. Remove the comment.'],
        [3, 'Trailing comma: IAM accepts strict JSON only. Remove this comma.'],
      ]);
      // A tab restored unopened after a reload: the editor validates only open documents, so every kind is ours.
      const uri = 'file:///work/syntax/restored.json';
      const restored = client.nextDiagnostics(uri);
      client.notify('cognitoPool/restoredTab', { uri, languageId: 'json', text: TRAILING });
      assert.deepEqual(syntax(await restored), [
        [1, 'Comments are not allowed: IAM accepts strict JSON only. Remove the comment.'],
        [3, 'Trailing comma: IAM accepts strict JSON only. Remove this comma.'],
      ]);
    } finally {
      await client.shutdown();
    }
  });

  test('an editor without one: every syntax problem, once, the trailing comma on its comma', async () => {
    const client = new LspTestClient();
    await client.initialize();
    try {
      const published = await client.open('file:///work/syntax/policy.json', TRAILING, 'json');
      assert.deepEqual(syntax(published), [
        [1, 'Comments are not allowed: IAM accepts strict JSON only. Remove the comment.'],
        [3, 'Trailing comma: IAM accepts strict JSON only. Remove this comma.'],
      ]);
      const comma = published.diagnostics.find((d) => d.message.startsWith('Trailing comma'))!;
      assert.deepEqual(comma.range.start, { line: 3, character: TRAILING.split('\n')[3].indexOf('},]') + 1 });
    } finally {
      await client.shutdown();
    }
  });
});

describe('documents open before the settings arrive', () => {
  test('get their diagnostics without being touched, then again with the settings', async () => {
    const client = new LspTestClient();
    let release!: () => void;
    client.configurationGate = new Promise<void>((resolve) => (release = resolve));
    client.configuration = { rules: { 'unknown-action': 'error' } };
    await client.initialize();
    try {
      const uri = 'file:///work/reload/open-at-start.json';
      // As after "Reload Window": the editor reopens its documents while the server still waits for settings.
      const first = await client.open(uri, BEFORE);
      assert.deepEqual(
        first.diagnostics.map((d) => [d.code, d.severity]),
        [
          ['unknown-action', 2],
          ['unknown-action', 2],
        ],
      );
      const withSettings = client.nextDiagnostics(uri);
      release();
      assert.deepEqual(
        (await withSettings).diagnostics.map((d) => [d.code, d.severity]),
        [
          ['unknown-action', 1],
          ['unknown-action', 1],
        ],
      );
    } finally {
      await client.shutdown();
    }
  });
});
