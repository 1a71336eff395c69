/**
 * The config file `.cognito-pool-lint.json` through the language server (the same file as the CLI's): its rule
 * severities, ignore globs and per-path overrides apply to open documents, its `roles` to the folder's standalone
 * files, the settings win over it, and a change on disk (workspace/didChangeWatchedFiles) is read again. And an
 * inline suppression comment in a YAML template.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { LspTestClient, type PublishedDiagnostics } from './lspClient';
import { authenticatedTrust } from '../fixtures/trustPolicies';

const NO_VERSION = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const GUEST_TRUST_AUTHENTICATED = authenticatedTrust();
const CONFIG = {
  rules: { 'missing-version': 'error' },
  ignore: ['generated/**'],
  overrides: [{ files: ['legacy/**'], rules: { 'missing-version': 'off' } }],
  roles: { Guest: { trust: 'iam/trust.json', attachedAs: 'unauthenticated' } },
};

const codes = (p: PublishedDiagnostics) => p.diagnostics.map((d) => `${d.code}/${['', 'error', 'warning', 'information', 'hint'][d.severity]}`);

describe('.cognito-pool-lint.json in the language server', () => {
  let client: LspTestClient;
  let folder: string;
  const uriOf = (relative: string) => pathToFileURL(path.join(folder, relative)).href;
  const write = (relative: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(folder, relative)), { recursive: true });
    fs.writeFileSync(path.join(folder, relative), text);
  };

  before(async () => {
    folder = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-config-'));
    write('.cognito-pool-lint.json', JSON.stringify(CONFIG, null, 2));
    write('iam/trust.json', GUEST_TRUST_AUTHENTICATED);
    client = new LspTestClient();
    client.configuration = {};
    await client.initialize({ workspace: { configuration: true, didChangeWatchedFiles: { dynamicRegistration: true } } }, [
      { uri: pathToFileURL(folder).href, name: 'config' },
    ]);
  });
  after(async () => {
    await client.shutdown();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  test('its rules apply: missing-version is an error', async () => {
    assert.deepEqual(codes(await client.open(uriOf('top.json'), NO_VERSION)), ['missing-version/error']);
  });

  test('an override turns the rule off under legacy/', async () => {
    assert.deepEqual(codes(await client.open(uriOf('legacy/old.json'), NO_VERSION)), []);
  });

  test('an ignored file gets no diagnostics', async () => {
    assert.deepEqual(codes(await client.open(uriOf('generated/out.json'), '{"Version": "2012-10-17", "Statement": []}')), []);
  });

  test('its roles: the guest role whose trust policy admits only signed-in identities', async () => {
    const published = await client.open(uriOf('iam/trust.json'), GUEST_TRUST_AUTHENTICATED);
    assert.deepEqual(codes(published), ['role-kind-mismatch/error']);
  });

  test('the settings win over the file', async () => {
    client.configuration = { rules: { 'missing-version': 'hint' } };
    const next = client.nextDiagnostics(uriOf('top.json'));
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(codes(await next), ['missing-version/hint']);
    client.configuration = {};
    const back = client.nextDiagnostics(uriOf('top.json'));
    client.notify('workspace/didChangeConfiguration', { settings: null });
    assert.deepEqual(codes(await back), ['missing-version/error']);
  });

  test('a change of the file on disk is read again', async () => {
    write('.cognito-pool-lint.json', JSON.stringify({ ...CONFIG, rules: { 'missing-version': 'warning' } }));
    const next = client.nextDiagnostics(uriOf('top.json'));
    client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf('.cognito-pool-lint.json'), type: 2 }] });
    assert.deepEqual(codes(await next), ['missing-version/warning']);
  });

  test('an inline suppression in a YAML template drops its finding; an unused one is a diagnostic at its rule id', async () => {
    const text = [
      "AWSTemplateFormatVersion: '2010-09-09'",
      'Resources:',
      '  Policy:',
      '    Type: AWS::IAM::ManagedPolicy',
      '    Properties:',
      '      PolicyDocument:',
      "        Version: '2012-10-17'",
      '        Statement:',
      '          - Effect: Allow',
      '            # cognito-pool-lint-disable-next-line unknown-action -- our own service',
      '            Action: s3:GetObjects',
      '            # cognito-pool-lint-disable-next-line invalid-arn -- left over',
      "            Resource: '*'",
      '',
    ].join('\n');
    const published = await client.open(uriOf('template.yaml'), text, 'yaml');
    assert.deepEqual(
      published.diagnostics.map((d) => ({ code: d.code, range: d.range, message: d.message })),
      [
        {
          code: 'unused-suppression',
          range: { start: { line: 11, character: 50 }, end: { line: 11, character: 61 } },
          message: 'No "invalid-arn" finding on the next line: this suppression is unused. Remove it.',
        },
      ],
    );
  });
});
