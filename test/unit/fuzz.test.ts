/**
 * Robustness: mutated and random documents never make the analyser throw, and every range lies
 * inside the document. Pathological wildcards stay linear (a backtracking matcher would hang here).
 * Time per document is measured by `npm run bench`, not asserted.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { analyzeDocument, type HclParser } from '../../server/src/core';
import { equalsIgnoreCase, wildcardMatch } from '../../server/src/core/text/wildcard';
import { analyze, catalog, hclParser } from './helpers';
import { managedPolicyTexts } from './corpus';
import { heredoc, jsonencode } from './terraformWriters';

const examplesDir = path.resolve(__dirname, '../../../examples');
const seeds = [
  ...fs
    .readdirSync(examplesDir)
    .filter((f) => f.endsWith('.json'))
    .map((f) => fs.readFileSync(path.join(examplesDir, f), 'utf8')),
  ...managedPolicyTexts()
    .filter((_, i) => i % 53 === 0)
    .map((p) => p.text),
];

/** Characters that matter to the grammar and the checks. */
const INTERESTING = [
  '{',
  '}',
  '[',
  ']',
  '"',
  ',',
  ':',
  '*',
  '?',
  '$',
  '${',
  '}',
  '\\',
  '/',
  ' ',
  '\n',
  'arn:',
  'Statement',
  'Action',
  'Resource',
  'Condition',
  'ForAnyValue:',
  'IfExists',
  '${aws:username}',
  '${cognito-identity.amazonaws.com:sub}',
  '\u0000',
  '\ud800',
  'é',
];

const mutation = fc.record({
  seed: fc.nat({ max: seeds.length - 1 }),
  edits: fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      deleteCount: fc.nat({ max: 6 }),
      insert: fc.oneof(fc.constantFrom(...INTERESTING), fc.string({ maxLength: 4 })),
    }),
    { minLength: 1, maxLength: 8 },
  ),
});

function mutate(text: string, edits: { at: number; deleteCount: number; insert: string }[]): string {
  let out = text;
  for (const e of edits) {
    const pos = Math.floor(e.at * out.length);
    out = out.slice(0, pos) + e.insert + out.slice(pos + e.deleteCount);
  }
  return out;
}

function assertWellFormed(text: string): void {
  const { findings } = analyze(text);
  for (const f of findings) {
    assert.ok(
      f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length,
      `${f.ruleId} range ${f.range.start}-${f.range.end} outside 0-${text.length}`,
    );
    assert.ok(f.message.length > 0);
    for (const r of f.related ?? []) assert.ok(r.range.start >= 0 && r.range.end <= text.length);
  }
}

test('mutated policies never throw and every finding range lies inside the document', () => {
  fc.assert(
    fc.property(mutation, ({ seed, edits }) => assertWellFormed(mutate(seeds[seed], edits))),
    { numRuns: 1500, seed: 20261121 },
  );
});

test('random JSON values under a Statement key never throw', () => {
  fc.assert(
    fc.property(fc.jsonValue(), fc.jsonValue(), (statement, version) => {
      assertWellFormed(JSON.stringify({ Version: version, Statement: statement }, null, 1));
    }),
    { numRuns: 800, seed: 7 },
  );
});

test('random text never throws', () => {
  fc.assert(
    fc.property(fc.string({ maxLength: 300 }), (text) => assertWellFormed('{"Statement":' + text)),
    { numRuns: 800, seed: 11 },
  );
});

/** The Terraform examples and a few policies as heredocs and jsonencode, with Terraform's own characters. */
const terraformSeeds = [
  ...['identity-pool', 'mistakes'].map((m) => fs.readFileSync(path.join(examplesDir, 'terraform', m, 'main.tf'), 'utf8')),
  ...managedPolicyTexts()
    .filter((_, i) => i % 211 === 0)
    .flatMap((p) => [heredoc(p.text), jsonencode(p.text)]),
];
const TERRAFORM_INTERESTING = [
  '${',
  '$${',
  '%{',
  '%%{',
  '&{',
  '<<EOF\n',
  '<<-EOF\n',
  '\nEOF\n',
  'jsonencode(',
  ')',
  '=',
  '#',
  '//',
  '/*',
  'var.x',
  '"',
  '{',
  '}',
  '\n',
];

test('mutated Terraform files never throw and every finding range, related ones included, lies inside its document', async () => {
  const parser: HclParser = await hclParser();
  const edits = fc.array(
    fc.record({
      at: fc.double({ min: 0, max: 1, noNaN: true }),
      deleteCount: fc.nat({ max: 6 }),
      insert: fc.oneof(fc.constantFrom(...TERRAFORM_INTERESTING, ...INTERESTING), fc.string({ maxLength: 4 })),
    }),
    { minLength: 1, maxLength: 8 },
  );
  fc.assert(
    fc.property(fc.nat({ max: terraformSeeds.length - 1 }), edits, fc.boolean(), (seed, e, asTemplate) => {
      const text = mutate(terraformSeeds[seed], e);
      const fileName = asTemplate ? 'policy.json.tpl' : 'main.tf';
      const { findings } = analyzeDocument({ text, id: fileName, fileName }, catalog, { hclParser: parser });
      for (const f of findings) {
        assert.ok(f.range.start >= 0 && f.range.start <= f.range.end && f.range.end <= text.length, `${f.ruleId} ${f.range.start}-${f.range.end}`);
        for (const r of f.related ?? []) assert.ok(r.range.start >= 0 && r.range.end <= text.length);
      }
    }),
    { numRuns: 600, seed: 20261201 },
  );
});

test('wildcard matching is linear on patterns that make backtracking matchers explode', () => {
  const text = 'a'.repeat(20_000);
  assert.equal(wildcardMatch('*a'.repeat(200) + 'b', text), false);
  assert.equal(wildcardMatch('*a'.repeat(200), text), true);
});

test('case-insensitive wildcard matching is matching the lower-cased texts, non-ASCII text included', () => {
  // ASCII is folded as it is compared (no copies); other text is lower-cased first, as toLowerCase does it.
  const char = fc.constantFrom('a', 'A', 'k', 'K', '\u212a', 'i', 'I', '\u0130', 's', 'S', '\u00df', '*', '?', ':');
  const text = fc.array(char, { maxLength: 8 }).map((cs) => cs.join(''));
  fc.assert(
    fc.property(text, text, (p, t) => {
      assert.equal(wildcardMatch(p, t, true), wildcardMatch(p.toLowerCase(), t.toLowerCase()), `${JSON.stringify(p)} ${JSON.stringify(t)}`);
      assert.equal(equalsIgnoreCase(p, t), p.toLowerCase() === t.toLowerCase());
    }),
    { numRuns: 5000, seed: 15 },
  );
});

test('pathological Resource and Action patterns are analysed without hanging', () => {
  const resource = 'arn:aws:s3:::' + '*a'.repeat(300) + 'b';
  const action = 's3:' + '*G'.repeat(200) + 'x';
  const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['s3:GetObject', action], Resource: resource }] });
  assertWellFormed(text);
});
