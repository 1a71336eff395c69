/**
 * Semantic tokens through the bundled server over stdio: the legend it announces and the tokens of the
 * Amplify example template (Fn::Sub references as `templateText`, the identity-pool variable as `policyVariable`).
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { LspTestClient } from './lspClient';

/** Compiled to out/test/integration/: ../../.. is the project root. */
const ROOT = path.resolve(__dirname, '../../..');

interface Legend {
  tokenTypes: string[];
  tokenModifiers: string[];
}

/** The tokens as `type «text»` on each line, decoded from LSP's relative encoding. */
function decode(data: readonly number[], legend: Legend, text: string): string[] {
  const lines = text.split('\n');
  const out: string[] = [];
  let line = 0;
  let character = 0;
  for (let i = 0; i < data.length; i += 5) {
    const [deltaLine, deltaStart, length, type] = data.slice(i, i + 4);
    line += deltaLine;
    character = deltaLine === 0 ? character + deltaStart : deltaStart;
    out.push(`${line + 1}: ${legend.tokenTypes[type]} «${lines[line].slice(character, character + length)}»`);
  }
  return out;
}

describe('semantic tokens over stdio', () => {
  let client: LspTestClient;
  let legend: Legend;
  before(async () => {
    client = new LspTestClient();
    const result = (await client.initialize()) as { capabilities: { semanticTokensProvider?: { legend: Legend; full: boolean } } };
    legend = result.capabilities.semanticTokensProvider!.legend;
    assert.equal(result.capabilities.semanticTokensProvider!.full, true);
  });
  after(async () => {
    await client.shutdown();
  });

  test('the legend: policyVariable and templateText (ours)', () => {
    assert.deepEqual(legend, { tokenTypes: ['policyVariable', 'templateText'], tokenModifiers: [] });
  });

  test('examples/amplify-template.yaml: ${env} and the Fn::Sub references are template text, ${!cognito-identity.amazonaws.com:sub} and the plain one are policy variables', async () => {
    const uri = 'file:///work/stack/amplify-template.yaml';
    const text = fs.readFileSync(path.join(ROOT, 'examples', 'amplify-template.yaml'), 'utf8');
    await client.open(uri, text, 'yaml');
    const { data } = await client.request<{ data: number[] }>('textDocument/semanticTokens/full', { textDocument: { uri } });
    const SUB = 'cognito-identity.amazonaws.com:sub';
    assert.deepEqual(decode(data, legend, text), [
      '16: templateText «${env}»',
      '33: templateText «${env}»',
      '33: templateText «${AWS::AccountId}»',
      '38: templateText «${env}»',
      '47: templateText «${env}»',
      `76: policyVariable «${SUB}»`,
      `77: policyVariable «${SUB}»`,
      '85: templateText «${AWS::Partition}»',
      '85: templateText «${PhotoBucket}»',
      `85: policyVariable «${SUB}»`,
      '86: templateText «${AWS::Partition}»',
      '86: templateText «${PhotoBucket}»',
      `86: policyVariable «${SUB}»`,
      '91: templateText «${AWS::Partition}»',
      '91: templateText «${PhotoBucket}»',
      '92: templateText «${AWS::Partition}»',
      '92: templateText «${PhotoBucket}»',
      '97: templateText «${env}»',
      '119: templateText «${AWS::Partition}»',
      '119: templateText «${PhotoBucket}»',
    ]);
    // Every `${` of the example is one of these: 12 lines, none left to the grammar alone.
    assert.equal(new Set(decode(data, legend, text).map((t) => t.split(':')[0])).size, text.split('\n').filter((l) => l.includes('${')).length);
  });

  test('a JSON file that is not a policy gets no tokens', async () => {
    const uri = 'file:///work/app/launch.json';
    await client.open(uri, '{"program": "${workspaceFolder}/app.js"}');
    assert.deepEqual(await client.request('textDocument/semanticTokens/full', { textDocument: { uri } }), { data: [] });
  });
});
