/**
 * The IAM Policy language mode over a real LSP connection (dist/server.js on stdio): the server tells the
 * client which JSON documents are policy files (once per open document; never templates or other JSON), registers
 * folding and formatting for the IAM Policy language only, answers them, and analyses documents in that
 * language as JSON, with every syntax problem its own (the editor's JSON service does not see them).
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from './lspClient';

const LANGUAGE = 'iam-policy-json';
const NOTIFICATION = 'cognitoPool/policyDocument';
const POLICY = '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"arn:aws:s3:::photos/*"}]}';
const TRUST = JSON.stringify({
  Version: '2012-10-17',
  Statement: [
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' } },
    },
  ],
});
const TEMPLATE = JSON.stringify({
  AWSTemplateFormatVersion: '2010-09-09',
  Resources: { Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: JSON.parse(POLICY) } } },
});

/** The URIs the server said are policy files, in order. */
const told = (client: LspTestClient) => client.notifications.filter((n) => n.method === NOTIFICATION).map((n) => (n.params as { uri: string }).uri);

const DYNAMIC = {
  workspace: { configuration: true },
  textDocument: { foldingRange: { dynamicRegistration: true }, formatting: { dynamicRegistration: true }, rangeFormatting: { dynamicRegistration: true } },
};

describe('the IAM Policy language mode', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    // The editor's JSON service validates json and jsonc: in those, it reports the syntax errors.
    client.configuration = { validate: { enable: true } };
    const configured = client.nextConfigurationAnswer();
    await client.initialize(DYNAMIC);
    await configured;
  });
  after(async () => {
    await client.shutdown();
  });

  test('folding and formatting are registered for the IAM Policy language only', () => {
    const registered = client.registrations.filter((r) => r.method.includes('olding') || r.method.includes('ormatting'));
    assert.deepEqual(
      registered.map((r) => [r.method, r.registerOptions]),
      ['textDocument/foldingRange', 'textDocument/formatting', 'textDocument/rangeFormatting'].map((method) => [
        method,
        { documentSelector: [{ language: LANGUAGE }] },
      ]),
    );
  });

  test('a JSON permission or trust policy file is told once per open document, also after edits', async () => {
    const uri = 'file:///work/lang/own.json';
    await client.open(uri, POLICY);
    assert.deepEqual(
      told(client).filter((u) => u === uri),
      [uri],
    );
    await client.change(uri, 2, POLICY.replace('GetObject', 'PutObject'));
    assert.deepEqual(
      told(client).filter((u) => u === uri),
      [uri],
    );
    const cleared = client.nextDiagnostics(uri);
    client.notify('textDocument/didClose', { textDocument: { uri } });
    await cleared;
    await client.open(uri, POLICY, 'json', 3);
    assert.deepEqual(
      told(client).filter((u) => u === uri),
      [uri, uri],
    );
    const trust = 'file:///work/lang/trust.jsonc';
    await client.open(trust, TRUST, 'jsonc');
    assert.deepEqual(
      told(client).filter((u) => u === trust),
      [trust],
    );
  });

  test('a document that becomes a policy while it is edited is told then', async () => {
    const uri = 'file:///work/lang/new.json';
    await client.open(uri, '');
    assert.equal(told(client).includes(uri), false);
    await client.change(uri, 2, POLICY);
    assert.deepEqual(
      told(client).filter((u) => u === uri),
      [uri],
    );
  });

  test('templates, other JSON, YAML and documents already in the IAM Policy language are not told', async () => {
    const uris = {
      template: 'file:///work/lang/template.json',
      settings: 'file:///work/lang/tsconfig.json',
      yaml: 'file:///work/lang/template.yaml',
      policy: 'file:///work/lang/already.json',
    };
    await client.open(uris.template, TEMPLATE);
    await client.open(uris.settings, '{"compilerOptions": {"strict": true}}');
    await client.open(uris.yaml, 'Resources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n', 'yaml');
    const inMode = await client.open(uris.policy, POLICY.replace('GetObject', 'GetObjekt'), LANGUAGE);
    for (const uri of Object.values(uris)) assert.equal(told(client).includes(uri), false, uri);
    // Analysed as a JSON policy file.
    assert.deepEqual(
      inMode.diagnostics.map((d) => d.code),
      ['unknown-action'],
    );
  });

  test('in the IAM Policy language every syntax problem is the server’s; in json the editor’s JSON service reports the error', async () => {
    const broken = POLICY.replace('"Action"', ' "Action"').replace('"Allow",', '"Allow"');
    const inMode = await client.open('file:///work/lang/broken-mode.json', broken, LANGUAGE);
    const inJson = await client.open('file:///work/lang/broken-json.json', broken, 'json');
    assert.deepEqual(
      inMode.diagnostics.map((d) => d.code),
      ['json-syntax'],
    );
    assert.deepEqual(inJson.diagnostics, []);
  });

  test('folding: one range per multi-line object or array, to the line before its closing bracket', async () => {
    const uri = 'file:///work/lang/fold.json';
    const text = ['{', '  "Version": "2012-10-17",', '  "Statement": [', '    {', '      "Effect": "Allow", "Action": ["s3:*"]', '    }', '  ]', '}'].join(
      '\n',
    );
    await client.open(uri, text, LANGUAGE);
    const ranges = await client.request<{ startLine: number; endLine: number }[]>('textDocument/foldingRange', { textDocument: { uri } });
    assert.deepEqual(ranges, [
      { startLine: 0, endLine: 6 },
      { startLine: 2, endLine: 5 },
      { startLine: 3, endLine: 4 },
    ]);
  });

  test('formatting: the whole document with the editor’s indentation, and a range', async () => {
    const uri = 'file:///work/lang/format.json';
    await client.open(uri, POLICY, LANGUAGE);
    const edits = await client.request<{ range: unknown; newText: string }[]>('textDocument/formatting', {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    assert.ok(edits.length > 0);
    assert.ok(
      edits.every((e) => /^\s*$/.test(e.newText)),
      'only whitespace is inserted',
    );
    // The range `{"Version":"2012-10-17",`: a line break after `{` and after the comma, a space after the colon.
    const inRange = await client.request<{ range: { start: { character: number } }; newText: string }[]>('textDocument/rangeFormatting', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 25 } },
      options: { tabSize: 4, insertSpaces: false },
    });
    assert.deepEqual(
      inRange.map((e) => [e.range.start.character, e.newText]),
      [
        [1, '\n\t'],
        [11, ' '],
        [24, '\n\t'],
      ],
    );
  });
});

test('a client that cannot register capabilities dynamically gets no folding or formatting from the server', async () => {
  const client = new LspTestClient();
  try {
    const result = (await client.initialize()) as { capabilities: Record<string, unknown> };
    await client.open('file:///work/lang/static.json', POLICY);
    assert.equal(result.capabilities.documentFormattingProvider, undefined);
    assert.equal(result.capabilities.foldingRangeProvider, undefined);
    assert.deepEqual(
      client.registrations.filter((r) => r.method.includes('olding') || r.method.includes('ormatting')),
      [],
    );
  } finally {
    await client.shutdown();
  }
});

test('a client with the switch command gets it on our completion items in a JSON policy file only (not in a template or the IAM Policy mode)', async () => {
  const client = new LspTestClient();
  type Item = { label: string; command?: { command: string; arguments?: unknown[] } };
  const complete = (uri: string, position: { line: number; character: number }) =>
    client.request<{ items: Item[] } | null>('textDocument/completion', { textDocument: { uri }, position, context: { triggerKind: 1 } });
  try {
    await client.initialize(undefined, null, { completedInPolicyCommand: true });
    const text = '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow",  }]}';
    const at = { line: 0, character: text.indexOf(',  }') + 2 };
    const policy = 'file:///work/lang/command.json';
    await client.open(policy, text);
    const items = (await complete(policy, at))?.items ?? [];
    assert.deepEqual(items.find((i) => i.label === 'Action')?.command, {
      title: 'Open as IAM Policy',
      command: 'cognitoPool.completedInPolicy',
      arguments: [policy, true],
    });
    assert.deepEqual(items.find((i) => i.label === 'Sid')?.command, {
      title: 'Open as IAM Policy',
      command: 'cognitoPool.completedInPolicy',
      arguments: [policy, false],
    });
    const inMode = 'file:///work/lang/command-mode.json';
    await client.open(inMode, text, LANGUAGE);
    const modeItems = (await complete(inMode, at))?.items ?? [];
    assert.deepEqual(modeItems.find((i) => i.label === 'Action')?.command, { title: 'Suggest', command: 'editor.action.triggerSuggest' });
    assert.equal(modeItems.find((i) => i.label === 'Sid')?.command, undefined);
    const template = 'file:///work/lang/command-template.json';
    const templateText =
      '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"P": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": ' + text + '}}}}';
    await client.open(template, templateText);
    const templateItems = (await complete(template, { line: 0, character: templateText.indexOf(',  }') + 2 }))?.items ?? [];
    assert.ok(templateItems.length > 0);
    assert.ok(templateItems.every((i) => i.command?.command !== 'cognitoPool.completedInPolicy'));
  } finally {
    await client.shutdown();
  }
});

test('a language change (close and open of the same version) neither clears the diagnostics in between nor shows held findings', async () => {
  const client = new LspTestClient();
  try {
    client.configuration = { typingPauseMs: 5000 };
    const configured = client.nextConfigurationAnswer();
    await client.initialize();
    await configured;
    const uri = 'file:///work/lang/switched.json';
    const text = POLICY.replace('"Version":"2012-10-17",', '');
    const opened = await client.open(uri, text);
    assert.deepEqual(
      opened.diagnostics.map((d) => d.code),
      ['missing-version'],
    );
    // Typing an action: its finding is held while typing (typingPauseMs).
    const typed = text.replace('s3:GetObject', 's3:GetObjec');
    // As an editor sends it: the `t` deleted (an incremental change).
    const at = text.indexOf('s3:GetObject') + 's3:GetObjec'.length;
    const editedNext = client.nextDiagnostics(uri);
    client.notify('textDocument/didChange', {
      textDocument: { uri, version: 2 },
      contentChanges: [{ range: { start: { line: 0, character: at }, end: { line: 0, character: at + 1 } }, text: '' }],
    });
    const edited = await editedNext;
    assert.deepEqual(
      edited.diagnostics.map((d) => d.code),
      ['missing-version'],
    );
    const before = client.published.length;
    client.notify('textDocument/didClose', { textDocument: { uri } });
    const reopened = await client.open(uri, typed, LANGUAGE, 2);
    assert.deepEqual(
      reopened.diagnostics.map((d) => d.code),
      ['missing-version'],
      'the finding on the action being typed stays held',
    );
    await new Promise((resolve) => setTimeout(resolve, 500)); // past the grace a real close waits
    assert.deepEqual(
      client.published
        .slice(before)
        .filter((p) => p.uri === uri)
        .map((p) => p.diagnostics.map((d) => d.code)),
      [['missing-version']],
      'one publish, no empty one in between',
    );
    // A real close clears them.
    const cleared = client.nextDiagnostics(uri);
    client.notify('textDocument/didClose', { textDocument: { uri } });
    assert.deepEqual((await cleared).diagnostics, []);
  } finally {
    await client.shutdown();
  }
});
