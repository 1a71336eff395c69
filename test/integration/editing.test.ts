/**
 * Completion, hover, quick fixes, Fix All and the outline through the bundled server over stdio:
 * capabilities, offsets to positions, LSP shapes, and the identityPoolId setting.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from './lspClient';

interface TextEdit {
  range: { start: { line: number; character: number }; end: { line: number; character: number } };
  newText: string;
}

const TRUST = `{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Principal": { "Federated": "cognito-identity.amazonaws.com" },
      "Action": "sts:AssumeRoleWithWebIdentity",
      "Condition": {
        "StringLike": { "cognito-identity.amazonaws.com:amr": "authenticated" }
      }
    }
  ]
}`;

describe('editing features over stdio', () => {
  let client: LspTestClient;
  let capabilities: Record<string, unknown>;
  before(async () => {
    client = new LspTestClient();
    client.configuration = { identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555' };
    capabilities = ((await client.initialize()) as { capabilities: Record<string, unknown> }).capabilities;
  });
  after(async () => {
    await client.shutdown();
  });

  test('announces completion (with trigger characters), hover, quick fix and fix-all code actions, and the outline', () => {
    assert.deepEqual(capabilities.completionProvider, { triggerCharacters: ['"', ':', '{'], resolveProvider: false });
    assert.equal(capabilities.hoverProvider, true);
    assert.deepEqual(capabilities.codeActionProvider, { codeActionKinds: ['quickfix', 'source.fixAll.cognitoPool'] });
    assert.deepEqual(capabilities.documentSymbolProvider, { label: 'IAM policy' });
  });

  test('completion after ${ in a Resource: a snippet text edit on the right line and character', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${" }]\n}';
    const uri = 'file:///work/editing/resource.json';
    await client.open(uri, text);
    const character = text.split('\n')[2].indexOf('${') + 2;
    const result = await client.request<{ items: { label: string; kind: number; insertTextFormat: number; textEdit: TextEdit }[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 2, character },
    });
    const sub = result.items.find((i) => i.label === 'cognito-identity.amazonaws.com:sub');
    assert.ok(sub);
    assert.equal(sub.kind, 6); // Variable
    assert.equal(sub.insertTextFormat, 2); // Snippet
    assert.deepEqual(sub.textEdit, { range: { start: { line: 2, character }, end: { line: 2, character } }, newText: 'cognito-identity.amazonaws.com:sub\\}' });
  });

  test('completion offers the configured identity pool ID for aud', async () => {
    const text =
      '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": {"Federated": "cognito-identity.amazonaws.com"}, "Action": "sts:AssumeRoleWithWebIdentity", "Condition": {"StringEquals": {"cognito-identity.amazonaws.com:aud": ""}}}]}';
    const uri = 'file:///work/editing/aud.json';
    await client.open(uri, text);
    const result = await client.request<{ items: { label: string; preselect?: boolean }[] }>('textDocument/completion', {
      textDocument: { uri },
      position: { line: 0, character: text.lastIndexOf('""') + 1 },
    });
    assert.deepEqual(
      result.items.map((i) => [i.label, i.preselect]),
      [['eu-west-1:11111111-2222-3333-4444-555555555555', true]],
    );
  });

  test('no completion in JSON files that are not policies', async () => {
    const uri = 'file:///work/app/tsconfig.json';
    const text = '{ "compilerOptions": { "strict": true }, "include": [""] }';
    await client.open(uri, text);
    const result = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: text.indexOf('[""') + 2 } });
    assert.equal(result, null);
  });

  interface Item {
    label: string;
    textEdit: TextEdit;
    additionalTextEdits?: TextEdit[];
    command?: { title: string; command: string };
  }
  const completion = (uri: string, position: { line: number; character: number }, context?: { triggerKind: number; triggerCharacter?: string }) =>
    client.request<{ isIncomplete: boolean; items: Item[] } | null>('textDocument/completion', { textDocument: { uri }, position, context });

  test('a { typed at a fresh object gets no items (Enter stays a line break); a { after $ gets the variables', async () => {
    const uri = 'file:///work/editing/fresh-policy.json';
    await client.open(uri, '{}');
    assert.deepEqual(await completion(uri, { line: 0, character: 1 }, { triggerKind: 2, triggerCharacter: '{' }), { isIncomplete: false, items: [] });
    // Asked for explicitly, the same place offers the policy's elements.
    assert.deepEqual(
      (await completion(uri, { line: 0, character: 1 }, { triggerKind: 1 }))?.items.map((i) => i.label),
      ['Version', 'Id', 'Statement'],
    );
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${"}]}';
    const variables = 'file:///work/editing/variables-policy.json';
    await client.open(variables, text);
    const result = await completion(variables, { line: 0, character: text.indexOf('${') + 2 }, { triggerKind: 2, triggerCharacter: '{' });
    assert.ok(result?.items.some((i) => i.label === 'cognito-identity.amazonaws.com:sub'));
  });

  test('" in a fresh object of a policy file or an untitled document offers Version first, with its value', async () => {
    for (const uri of ['file:///work/editing/new-policy.json', 'untitled:Untitled-7']) {
      await client.open(uri, '{""}');
      const result = await completion(uri, { line: 0, character: 2 }, { triggerKind: 2, triggerCharacter: '"' });
      assert.deepEqual(
        result?.items.map((i) => i.label),
        ['Version', 'Id', 'Statement'],
        uri,
      );
      assert.deepEqual(result.items[0].textEdit, {
        range: { start: { line: 0, character: 1 }, end: { line: 0, character: 3 } },
        newText: '"Version": "2012-10-17"',
      });
    }
    // A fresh object in a JSON file not named like a policy stays ours to leave alone.
    const other = 'file:///work/app/settings.json';
    await client.open(other, '{""}');
    assert.equal(await completion(other, { line: 0, character: 2 }, { triggerKind: 2, triggerCharacter: '"' }), null);
  });

  test('an empty policy file gets no completion from us (the snippets are for it)', async () => {
    const uri = 'file:///work/editing/empty-policy.json';
    await client.open(uri, '');
    assert.equal(await completion(uri, { line: 0, character: 0 }, { triggerKind: 1 }), null);
  });

  test('a key after a sibling without a comma: the comma as an additional edit, after the value and before a JSONC comment', async () => {
    const text = '{\n  "Version": "2012-10-17",\n  "Statement": [\n    {\n      "Effect": "Allow" // everyone signed in\n      ""\n    }\n  ]\n}';
    const uri = 'file:///work/editing/comma-policy.jsonc';
    await client.open(uri, text, 'jsonc');
    const result = await completion(uri, { line: 5, character: 7 }, { triggerKind: 2, triggerCharacter: '"' });
    const action = result?.items.find((i) => i.label === 'Action');
    assert.ok(action);
    assert.deepEqual(action.textEdit, {
      range: { start: { line: 5, character: 6 }, end: { line: 5, character: 8 } },
      newText: '"Action": [\n\t"$1"\n]',
    });
    const afterAllow = { line: 4, character: '      "Effect": "Allow"'.length };
    assert.deepEqual(action.additionalTextEdits, [{ range: { start: afterAllow, end: afterAllow }, newText: ',' }]);
    // The list opens again in the array's quotes (actions are a choice).
    assert.deepEqual(action.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
  });

  test('hover on an action returns markdown and the token range', async () => {
    const uri = 'file:///work/editing/hover.json';
    await client.open(uri, TRUST);
    const line = TRUST.split('\n')[6];
    const result = await client.request<{ contents: { kind: string; value: string }; range: unknown }>('textDocument/hover', {
      textDocument: { uri },
      position: { line: 6, character: line.indexOf('sts:') + 5 },
    });
    assert.equal(result.contents.kind, 'markdown');
    assert.match(result.contents.value, /^\*\*sts:AssumeRoleWithWebIdentity\*\* \(Write\)/);
    assert.deepEqual(result.range, {
      start: { line: 6, character: line.indexOf('"sts:') },
      end: { line: 6, character: line.indexOf('"sts:') + '"sts:AssumeRoleWithWebIdentity"'.length },
    });
  });

  test('quick fixes carry their diagnostic; Fix All applies the preferred ones (aud from the setting, ForAnyValue on amr)', async () => {
    const uri = 'file:///work/editing/fixes.json';
    const published = await client.open(uri, TRUST);
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['multi-valued-key-operator', 'trust-missing-aud']);
    const amr = published.diagnostics.find((d) => d.code === 'multi-valued-key-operator')!;
    const quick = await client.request<{ title: string; kind: string; isPreferred: boolean; diagnostics: { code: string }[] }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: amr.range,
      context: { diagnostics: [amr], only: ['quickfix'] },
    });
    assert.deepEqual(
      quick.map((a) => [a.title, a.kind, a.isPreferred, a.diagnostics[0].code]),
      [['Use "ForAnyValue:StringLike"', 'quickfix', true, 'multi-valued-key-operator']],
    );

    const all = await client.request<{ title: string; kind: string; edit: { changes: Record<string, TextEdit[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    assert.equal(all.length, 1);
    assert.equal(all[0].kind, 'source.fixAll.cognitoPool');
    const fixed = applyLspEdits(TRUST, all[0].edit.changes[uri]);
    const statement = JSON.parse(fixed).Statement[0];
    assert.deepEqual(statement.Condition, {
      StringEquals: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:11111111-2222-3333-4444-555555555555' },
      'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
    });
    assert.deepEqual((await client.change(uri, 2, fixed)).diagnostics, []);
  });

  test('Fix All on the minified tutorial policy reaches the fixed point in one run and keeps the document on one line', async () => {
    const sub = '${cognito-identity.amazonaws.com:sub}';
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:ListBucket","s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::BUCKET/{cognito-identity.amazonaws.com:sub}/*"]}]}';
    const uri = 'file:///work/editing/tutorial-policy.json';
    const published = await client.open(uri, text);
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['resource-mismatch', 'variable-missing-dollar']);
    const all = await client.request<{ title: string; kind: string; edit: { changes: Record<string, TextEdit[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.cognitoPool'] },
    });
    assert.deepEqual(
      all.map((a) => a.kind),
      ['source.fixAll.cognitoPool'],
    );
    const fixed = applyLspEdits(text, all[0].edit.changes[uri]);
    assert.equal(
      fixed,
      `{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":["s3:GetObject","s3:PutObject"],"Resource":["arn:aws:s3:::BUCKET/${sub}/*"]},{"Effect":"Allow","Action":"s3:ListBucket","Resource":"arn:aws:s3:::BUCKET","Condition":{"StringLike":{"s3:prefix":"${sub}/*"}}}]}`,
    );
    assert.deepEqual((await client.change(uri, 2, fixed)).diagnostics, []);
    // At the fixed point there is nothing left for Fix All.
    const again = await client.request<unknown[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll.cognitoPool'] },
    });
    assert.deepEqual(again, []);
  });

  test("the lightbulb's automatic requests get the quick fixes without Fix All; an invoked request without only gets both", async () => {
    const text = '{"Version":"2008-10-17","Statement":[{"Effect":"Allow","Action":"s3:ListAllMyBuckets","Resource":"*"}]}';
    const uri = 'file:///work/editing/lightbulb-policy.json';
    const published = await client.open(uri, text);
    const kinds = async (triggerKind: number) =>
      (
        await client.request<{ kind: string }[]>('textDocument/codeAction', {
          textDocument: { uri },
          range: published.diagnostics[0].range,
          context: { diagnostics: published.diagnostics, triggerKind },
        })
      ).map((a) => a.kind);
    assert.deepEqual(await kinds(2), ['quickfix']);
    assert.deepEqual(await kinds(1), ['quickfix', 'source.fixAll.cognitoPool']);
  });

  test('Fix All in a CRLF document: the edits are positions of the CRLF text and the new lines end in CRLF', async () => {
    const text = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      '    {',
      '      "Effect": "Allow",',
      '      "Principal": { "Federated": "cognito-identity.amazonaws.com" },',
      '      "Action": "sts:AssumeRoleWithWebIdentity",',
      '      "Resource": "*"',
      '    }',
      '  ]',
      '}',
    ].join('\r\n');
    const uri = 'file:///work/editing/trust-crlf.json';
    const published = await client.open(uri, text);
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['element-not-allowed', 'trust-missing-amr', 'trust-missing-aud']);
    const all = await client.request<{ edit: { changes: Record<string, TextEdit[]> } }[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    const fixed = applyLspEdits(text, all[0].edit.changes[uri]);
    assert.equal(
      fixed,
      [
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        '    {',
        '      "Effect": "Allow",',
        '      "Principal": { "Federated": "cognito-identity.amazonaws.com" },',
        '      "Action": "sts:AssumeRoleWithWebIdentity",',
        '      "Condition": {',
        '        "StringEquals": {',
        '          "cognito-identity.amazonaws.com:aud": "eu-west-1:11111111-2222-3333-4444-555555555555"',
        '        }',
        '      }',
        '    }',
        '  ]',
        '}',
      ].join('\r\n'),
    );
  });

  test('the outline lists the statement and its condition block', async () => {
    const uri = 'file:///work/editing/outline.json';
    await client.open(uri, TRUST);
    const symbols = await client.request<{ name: string; children: { name: string; children: { name: string }[] }[] }[]>('textDocument/documentSymbol', {
      textDocument: { uri },
    });
    assert.deepEqual(
      symbols.map((s) => s.name),
      ['Version', 'Statement'],
    );
    assert.equal(symbols[1].children[0].name, 'Allow sts:AssumeRoleWithWebIdentity');
    assert.deepEqual(
      symbols[1].children[0].children.map((c) => c.name),
      ['StringLike'],
    );
  });
});

function applyLspEdits(text: string, edits: TextEdit[]): string {
  const lines = text.split('\n');
  const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return [...edits]
    .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), newText: e.newText }))
    .sort((a, b) => b.start - a.start)
    .reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}
