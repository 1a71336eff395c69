/**
 * The bundled language server (dist/server.js) over a real LSP connection on stdio: initialize,
 * didOpen, didChange, configuration, and the diagnostics it publishes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from './lspClient';

const POLICY_WITHOUT_VERSION = `{
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*" }
  ]
}`;
const FIXED = `{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*" }
  ]
}`;
const PACKAGE_JSON = JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'node --test' }, Version: '3' }, null, 2);

describe('language server over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  test('publishes missing-version on the Statement key, with source, severity, code and a link to the rule', async () => {
    const published = await client.open('file:///work/role/permissions.json', POLICY_WITHOUT_VERSION);
    assert.equal(published.diagnostics.length, 1);
    const d = published.diagnostics[0];
    assert.equal(d.code, 'missing-version');
    assert.equal(d.source, 'cognito-pool');
    assert.equal(d.severity, 2);
    assert.deepEqual(d.range, { start: { line: 1, character: 2 }, end: { line: 1, character: 13 } });
    assert.equal(d.codeDescription?.href, 'cognito-pool-docs:/rules/missing-version.md');
  });

  test("answers cognitoPool/ruleDoc with the rule's documentation from the README, nothing for an unknown rule", async () => {
    const { markdown } = await client.request<{ markdown?: string }>('cognitoPool/ruleDoc', { ruleId: 'missing-version' });
    assert.ok(markdown?.startsWith('# `missing-version`\n\n'), markdown);
    assert.match(markdown ?? '', /\*\*Default severity:\*\* warning/);
    assert.deepEqual(await client.request('cognitoPool/ruleDoc', { ruleId: 'no-such-rule' }), {});
    assert.deepEqual(await client.request('cognitoPool/ruleDoc', { rule: 42 }), {});
  });

  test("analyses Terraform whether or not HashiCorp's extension is installed: language id terraform, or a plaintext .tf / .tpl file", async () => {
    const tf = `resource "aws_iam_policy" "read" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObjekt", Resource = "arn:aws:s3:::\${var.bucket}/*" }]
  })
}
`;
    const expected = [{ code: 'unknown-action', range: { start: { line: 3, character: 46 }, end: { line: 3, character: 60 } } }];
    for (const [uri, languageId] of [
      ['file:///work/infra/iam.tf', 'terraform'],
      ['file:///work/infra/plain.tf', 'plaintext'],
    ]) {
      const published = await client.open(uri, tf, languageId);
      assert.deepEqual(
        published.diagnostics.map((d) => ({ code: d.code, range: d.range })),
        expected,
        languageId,
      );
    }
    const tpl = await client.open(
      'file:///work/infra/policy.json.tpl',
      FIXED.replace('photos', () => '${bucket}/$${aws:usernam}'),
      'plaintext',
    );
    assert.deepEqual(
      tpl.diagnostics.map((d) => d.code),
      ['unknown-variable'],
    );
    // Control: a plaintext file of another name is not Terraform (nor a policy).
    assert.deepEqual((await client.open('file:///work/infra/notes.txt', tf, 'plaintext')).diagnostics, []);
  });

  test('is completely silent on JSON that is not a policy', async () => {
    const published = await client.open('file:///work/app/package.json', PACKAGE_JSON);
    assert.deepEqual(published.diagnostics, []);
  });

  test('re-analyses on didChange and clears the diagnostic once Version is added', async () => {
    const uri = 'file:///work/role/edited.json';
    assert.equal((await client.open(uri, POLICY_WITHOUT_VERSION)).diagnostics.length, 1);
    const after = await client.change(uri, 2, FIXED);
    assert.equal(after.version, 2);
    assert.deepEqual(after.diagnostics, []);
  });

  test('analyses untitled documents too', async () => {
    const published = await client.open('untitled:Untitled-1', POLICY_WITHOUT_VERSION, 'jsonc');
    assert.deepEqual(
      published.diagnostics.map((d) => d.code),
      ['missing-version'],
    );
  });

  test('analyses a virtual file system (vscode-vfs:) but not the read-only copies of a diff (git:) or a pull request (pr:)', async () => {
    const vfs = await client.open('vscode-vfs://github/org/repo/role/permissions.json', POLICY_WITHOUT_VERSION);
    assert.deepEqual(
      vfs.diagnostics.map((d) => d.code),
      ['missing-version'],
    );
    for (const uri of ['git:/work/role/permissions.json?%7B%22ref%22%3A%22HEAD%22%7D', 'pr:/work/role/permissions.json']) {
      const copy = await client.open(uri, POLICY_WITHOUT_VERSION);
      assert.deepEqual(copy.diagnostics, [], uri);
    }
  });

  test('a tab restored after a reload (its text handed over, not opened) gets its diagnostics; closed unopened, they are cleared', async () => {
    const uri = 'file:///work/role/restored.json';
    const restored = client.nextDiagnostics(uri);
    client.notify('cognitoPool/restoredTab', { uri, languageId: 'json', text: POLICY_WITHOUT_VERSION });
    assert.deepEqual(
      (await restored).diagnostics.map((d) => d.code),
      ['missing-version'],
    );
    const cleared = client.nextDiagnostics(uri);
    client.notify('cognitoPool/restoredTabClosed', { uri });
    assert.deepEqual((await cleared).diagnostics, []);
  });

  test("a restored tab whose document is then opened is analysed from the editor's text; a malformed hand-over is ignored", async () => {
    const uri = 'file:///work/role/restored-then-opened.json';
    const restored = client.nextDiagnostics(uri);
    client.notify('cognitoPool/restoredTab', { uri, languageId: 'json', text: POLICY_WITHOUT_VERSION });
    assert.equal((await restored).diagnostics.length, 1);
    const opened = await client.open(uri, FIXED);
    assert.deepEqual(opened.diagnostics, []);
    assert.equal(opened.version, 1);
    // Handing over a document that is open, or with a language we do not read, publishes nothing.
    client.notify('cognitoPool/restoredTab', { uri, languageId: 'json', text: POLICY_WITHOUT_VERSION });
    client.notify('cognitoPool/restoredTab', { uri: 'file:///work/role/x.txt', languageId: 'plaintext', text: POLICY_WITHOUT_VERSION });
    const again = await client.change(uri, 2, FIXED);
    assert.deepEqual(again.diagnostics, []);
    assert.equal(again.version, 2);
  });

  test('reports a syntax error while the user types instead of failing', async () => {
    const published = await client.open('file:///work/role/typing.json', '{ "Version": "2012-10-17", "Statement": [ { "Effect": "Allow", ');
    assert.ok(published.diagnostics.length > 0);
    assert.ok(
      published.diagnostics.every((d) => d.code === 'json-syntax' || d.code === 'missing-element'),
      JSON.stringify(published.diagnostics.map((d) => d.code)),
    );
  });

  test('related information of a duplicate Sid points at the first one', async () => {
    const text = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Sid: 'A', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' },
        { Sid: 'A', Effect: 'Deny', Action: 's3:PutObject', Resource: '*' },
      ],
    });
    const published = await client.open('file:///work/role/dup.json', text);
    const dup = published.diagnostics.find((d) => d.code === 'duplicate-sid');
    assert.ok(dup);
    assert.equal((dup.relatedInformation as { location: { uri: string } }[])[0].location.uri, 'file:///work/role/dup.json');
  });

  test('applies cognitoPool.rules from the client configuration', async () => {
    const uri = 'file:///work/role/configured.json';
    assert.equal((await client.open(uri, POLICY_WITHOUT_VERSION)).diagnostics.length, 1);
    client.configuration = { rules: { 'missing-version': 'off' } };
    const next = client.nextDiagnostics(uri);
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.deepEqual((await next).diagnostics, []);
    client.configuration = {};
    const restored = client.nextDiagnostics(uri);
    client.notify('workspace/didChangeConfiguration', { settings: {} });
    assert.equal((await restored).diagnostics.length, 1);
  });

  test('a 5 MB policy-shaped document gets one information diagnostic and the server stays responsive', async () => {
    const statements = Array.from({ length: 60_000 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Action: 's3:GetObject',
      Resource: `arn:aws:s3:::bucket-${i}/*`,
    }));
    const huge = JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 1);
    assert.ok(huge.length > 5_000_000);
    const published = await client.open('file:///work/role/huge.json', huge);
    assert.deepEqual(
      published.diagnostics.map((d) => [d.code, d.severity]),
      [['document-too-large', 3]],
    );
    const small = await client.open('file:///work/role/after-huge.json', FIXED);
    assert.deepEqual(small.diagnostics, []);
  });
});
