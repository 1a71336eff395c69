/**
 * The language server loads the HCL parser (WebAssembly) on first need, not at start-up: a Terraform document
 * opened first is published once the parser is loaded, with its findings; a session of JSON documents never
 * loads it (the server logs each load, so the log says); a parser that cannot be loaded is logged once and its
 * documents get no findings, the server going on with the rest.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, describe, test } from 'node:test';
import { LspTestClient, SERVER_PATH } from './lspClient';

const TF = `resource "aws_iam_policy" "read" {
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:GetObjekt", Resource = "arn:aws:s3:::photos/*" }]
  })
}
`;
const TF_FINDINGS = [{ code: 'unknown-action', range: { start: { line: 3, character: 46 }, end: { line: 3, character: 60 } } }];
const JSON_POLICY = `{
  "Statement": [
    { "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::photos/*" }
  ]
}`;

const LOADED = /^HCL parser loaded in \d+ ms \(a Terraform document needed it\)\.$/;
const NOT_LOADED = 'The HCL parser could not be loaded, so Terraform files are not analysed: ';

/** Every request before it has been answered, every notification before it handled: the log is complete up to here. */
async function settled(client: LspTestClient): Promise<void> {
  await client.request('textDocument/documentSymbol', { textDocument: { uri: 'file:///work/none.json' } });
}

describe('the HCL parser, loaded on first need', () => {
  const clients: LspTestClient[] = [];
  const start = async (serverPath = SERVER_PATH) => {
    const client = new LspTestClient(serverPath);
    clients.push(client);
    await client.initialize();
    return client;
  };
  const folders: string[] = [];
  after(async () => {
    for (const client of clients) await client.shutdown();
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });
  const findings = (p: { diagnostics: { code: string; range: unknown }[] }) => p.diagnostics.map((d) => ({ code: d.code, range: d.range }));

  test('a .tf document opened first is published once, with its findings, after the parser loads', async () => {
    const client = await start();
    await settled(client);
    assert.deepEqual(
      client.logs.filter((l) => l.includes('HCL')),
      [],
      'nothing loaded at start-up',
    );
    const uri = 'file:///work/infra/iam.tf';
    assert.deepEqual(findings(await client.open(uri, TF, 'terraform')), TF_FINDINGS);
    // No empty publish while the parser loaded.
    assert.deepEqual(client.published.filter((p) => p.uri === uri).map(findings), [TF_FINDINGS]);
    // Loaded once: a second Terraform document (a plaintext one, by its name) uses it.
    assert.deepEqual(findings(await client.open('file:///work/infra/plain.tf', TF, 'plaintext')), TF_FINDINGS);
    await settled(client);
    assert.equal(client.logs.filter((l) => l.includes('HCL')).length, 1, client.logs.join('\n'));
    assert.match(
      client.logs.find((l) => l.includes('HCL'))!,
      LOADED,
    );
  });

  test('a session of JSON documents never loads it', async () => {
    const client = await start();
    assert.deepEqual(
      (await client.open('file:///work/role/permissions.json', JSON_POLICY)).diagnostics.map((d) => d.code),
      ['missing-version'],
    );
    assert.deepEqual((await client.open('file:///work/app/package.json', '{ "name": "app" }')).diagnostics, []);
    await settled(client);
    assert.ok(
      client.logs.some((l) => l.startsWith('IAM catalog ')),
      client.logs.join('\n'),
    );
    assert.deepEqual(
      client.logs.filter((l) => l.includes('HCL')),
      [],
    );
  });

  test('a parser that cannot be loaded is logged once; Terraform documents get no findings, JSON ones theirs', async () => {
    // The bundle and the catalog without the .wasm files beside them.
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-no-wasm-'));
    folders.push(folder);
    fs.copyFileSync(SERVER_PATH, path.join(folder, 'server.js'));
    fs.copyFileSync(path.join(path.dirname(SERVER_PATH), 'catalog.json'), path.join(folder, 'catalog.json'));
    const client = await start(path.join(folder, 'server.js'));
    assert.deepEqual((await client.open('file:///work/infra/iam.tf', TF, 'terraform')).diagnostics, []);
    assert.deepEqual((await client.open('file:///work/infra/plain.tf', TF, 'plaintext')).diagnostics, []);
    assert.deepEqual(
      (await client.open('file:///work/role/permissions.json', JSON_POLICY)).diagnostics.map((d) => d.code),
      ['missing-version'],
    );
    await settled(client);
    const hclLogs = client.logs.filter((l) => l.includes('HCL'));
    assert.equal(hclLogs.length, 1, client.logs.join('\n'));
    assert.equal(
      hclLogs[0],
      `${NOT_LOADED}Cannot read ${path.join(folder, 'web-tree-sitter.wasm')}: ENOENT: no such file or directory, open '${path.join(folder, 'web-tree-sitter.wasm')}'. Run "npm run build".`,
    );
    assert.equal(client.process.exitCode, null);
  });
});
