/**
 * CloudFormation/SAM templates in the language server: diagnostics inside YAML and JSON templates, with the
 * related locations of the rules across documents; hover in YAML; completion in JSON and YAML templates; a quick fix in
 * YAML that replaces one token.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from './lspClient';
import { MISTAKES_TEMPLATE_FINDINGS } from '../fixtures/mistakesTemplate';

const examples = path.resolve(__dirname, '../../../examples');
const read = (name: string) => fs.readFileSync(path.join(examples, name), 'utf8');

/** `rule line:col` with 1-based positions, as the examples document them. */
const at = (d: { code?: unknown; range: { start: { line: number; character: number } } }) =>
  `${String(d.code)} ${d.range.start.line + 1}:${d.range.start.character + 1}`;

describe('templates in the language server', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    await client.initialize();
  });
  after(async () => {
    await client.shutdown();
  });

  test('a YAML template gets the diagnostics of its embedded policies and of the rules across its roles, in place', async () => {
    const uri = 'file:///work/stack/mistakes-template.yaml';
    const published = await client.open(uri, read('mistakes-template.yaml'), 'yaml');
    assert.deepEqual(published.diagnostics.map(at), MISTAKES_TEMPLATE_FINDINGS);
    const mismatch = published.diagnostics.find((d) => d.code === 'aud-pool-mismatch')!;
    const related = mismatch.relatedInformation as { location: { uri: string; range: { start: { line: number; character: number } } } }[];
    assert.equal(related[0].location.uri, uri);
    assert.deepEqual(related[0].location.range.start, { line: 91, character: 22 });
  });

  test('the Amplify-style templates, YAML and JSON, are clean', async () => {
    assert.deepEqual((await client.open('file:///work/stack/amplify-template.yaml', read('amplify-template.yaml'), 'yaml')).diagnostics, []);
    assert.deepEqual((await client.open('file:///work/stack/amplify-template.json', read('amplify-template.json'), 'json')).diagnostics, []);
  });

  test('YAML that is not a template gets nothing', async () => {
    const published = await client.open(
      'file:///work/.github/workflows/ci.yml',
      'on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - run: npm test\n',
      'yaml',
    );
    assert.deepEqual(published.diagnostics, []);
  });

  test('hover inside a YAML template explains the action under the cursor', async () => {
    const uri = 'file:///work/stack/hover.yaml';
    const text = read('amplify-template.yaml');
    await client.open(uri, text, 'yaml');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('s3:GetObject'));
    assert.ok(line >= 0);
    const result = await client.request<{ contents: { value: string } } | null>('textDocument/hover', {
      textDocument: { uri },
      position: { line, character: lines[line].indexOf('s3:GetObject') + 4 },
    });
    assert.match(result?.contents.value ?? '', /^\*\*s3:GetObject\*\* \(Read\)/);
  });

  test("completion inside a policy of a JSON template offers the service's actions", async () => {
    const uri = 'file:///work/stack/complete.json';
    const template = {
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Role: {
          Type: 'AWS::IAM::Role',
          Properties: {
            Policies: [{ PolicyName: 'P', PolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetOb', Resource: '*' }] } }],
          },
        },
      },
    };
    const text = JSON.stringify(template, null, 2);
    await client.open(uri, text);
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('s3:GetOb'));
    const result = await client.request<{ items: { label: string }[] } | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character: lines[line].indexOf('s3:GetOb') + 's3:GetOb'.length },
    });
    assert.ok(result?.items.some((i) => i.label === 's3:GetObject'));
  });

  test('completion inside a policy of a YAML template writes plain YAML scalars', async () => {
    const uri = 'file:///work/stack/complete.yaml';
    const text = read('amplify-template.yaml');
    await client.open(uri, text, 'yaml');
    const lines = text.split('\n');
    const line = lines.findIndex((l) => l.includes('s3:GetObject'));
    const character = lines[line].indexOf('s3:GetObject') + 's3:Get'.length;
    const result = await client.request<{ items: { label: string; textEdit: { newText: string; range: unknown } }[] } | null>('textDocument/completion', {
      textDocument: { uri },
      position: { line, character },
    });
    const item = result?.items.find((i) => i.label === 's3:GetObject');
    assert.deepEqual(item?.textEdit, {
      range: { start: { line, character: character - 's3:Get'.length }, end: { line, character: character - 's3:Get'.length + 's3:GetObject'.length } },
      newText: 's3:GetObject',
    });
  });

  test("in YAML, a quick fix replaces the token in the scalar's own quoting (plain stays plain); fixes that would write JSON structure are not offered", async () => {
    const uri = 'file:///work/stack/fix.yaml';
    const text = [
      'Resources:',
      '  Role:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies:',
      '        - PolicyName: P',
      '          PolicyDocument:',
      '            Statement:',
      '              - Effect: Allow',
      '                Action: s3:GetObjects',
      '                Resource: "*"',
      '',
    ].join('\n');
    const published = await client.open(uri, text, 'yaml');
    assert.deepEqual(published.diagnostics.map((d) => d.code).sort(), ['missing-version', 'unknown-action']);
    const actions = await client.request<{ title: string; edit: { changes: Record<string, { newText: string; range: unknown }[]> } }[]>(
      'textDocument/codeAction',
      {
        textDocument: { uri },
        range: { start: { line: 0, character: 0 }, end: { line: 11, character: 0 } },
        context: { diagnostics: published.diagnostics, only: ['quickfix'] },
      },
    );
    assert.deepEqual(
      actions.map((a) => a.title),
      ['Replace with "s3:GetObject"'],
    );
    assert.deepEqual(actions[0].edit.changes[uri], [
      { range: { start: { line: 9, character: 24 }, end: { line: 9, character: 37 } }, newText: 's3:GetObject' },
    ]);
  });
});
