/**
 * Every AWS managed policy written in a .tf file, as heredoc JSON and as `jsonencode({...})`, gets exactly the
 * findings it gets as a standalone document, each on the same token; as `aws_iam_policy_document` (where that
 * data source can say the same) the same findings: Terraform adds no false errors on the corpus, and what a
 * Terraform file escapes (`$${` for IAM's `${`) reads as the policy IAM sees.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeDocument, type HclParser } from '../../server/src/core';
import { managedPolicyTexts } from './corpus';
import { heredoc, jsonencode, policyDocument } from './terraformWriters';
import { analyze, catalog, hclParser } from './helpers';

const corpus = managedPolicyTexts()
  .map((p) => ({ ...p, standalone: analyze(p.text) }))
  .filter((p) => p.standalone.kind === 'identity');

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

/** The token a finding covers as IAM reads it: without quotes, with Terraform's escapes undone. */
function token(text: string, start: number, end: number): string {
  return text
    .slice(start, end)
    .replace(/^"|"$/g, '')
    .replaceAll('$${', () => '${')
    .replaceAll('%%{', () => '%{');
}

function differences(write: (policy: string) => string): string[] {
  const out: string[] = [];
  for (const p of corpus) {
    const text = write(p.text);
    const result = analyzeDocument({ text, fileName: 'managed.tf' }, catalog, { hclParser: parser });
    const embedded = result.findings.map((f) => `${f.ruleId} [${token(text, f.range.start, f.range.end)}] ${f.message}`);
    const standalone = p.standalone.findings.map((f) => `${f.ruleId} [${token(p.text, f.range.start, f.range.end)}] ${f.message}`);
    if (result.policies.length !== 1) out.push(`${p.name}: ${result.policies.length} policies read`);
    else if (JSON.stringify(embedded) !== JSON.stringify(standalone)) out.push(`${p.name}: ${JSON.stringify(embedded)} != ${JSON.stringify(standalone)}`);
  }
  return out;
}

test('the corpus holds the identity policies among the AWS managed policies, some with policy variables and findings', () => {
  assert.ok(corpus.length >= 1590, `only ${corpus.length} policies`);
  assert.ok(corpus.filter((p) => p.text.includes('${')).length >= 20);
  assert.ok(corpus.filter((p) => p.standalone.findings.length > 0).length >= 20);
});

test('as heredoc JSON in a .tf file, each managed policy gets the same findings, each on the same token', () => {
  assert.deepEqual(differences(heredoc), []);
});

test('as jsonencode({...}) in a .tf file, each managed policy gets the same findings, each on the same token', () => {
  assert.deepEqual(differences(jsonencode), []);
});

test('as data "aws_iam_policy_document" where it can say the same, each managed policy gets the same findings, on the HCL tokens', () => {
  const differences: string[] = [];
  let expressed = 0;
  let withFindings = 0;
  for (const p of corpus) {
    const text = policyDocument(p.text);
    if (text === undefined) continue;
    expressed++;
    const result = analyzeDocument({ text, fileName: 'managed.tf' }, catalog, { hclParser: parser });
    // The elements are HCL attributes and blocks in another order: the same findings, by rule and message. Not the
    // size quota's: the document the provider generates is another text (every condition value a string).
    const sameText = (f: { ruleId: string }) => f.ruleId !== 'policy-size-quota';
    const found = result.findings
      .filter(sameText)
      .map((f) => `${f.ruleId} ${f.message}`)
      .sort();
    const standalone = p.standalone.findings
      .filter(sameText)
      .map((f) => `${f.ruleId} ${f.message}`)
      .sort();
    if (standalone.length > 0) withFindings++;
    if (result.policies.length !== 1) differences.push(`${p.name}: ${result.policies.length} policies read`);
    else if (JSON.stringify(found) !== JSON.stringify(standalone)) differences.push(`${p.name}: ${JSON.stringify(found)} != ${JSON.stringify(standalone)}`);
    // Every finding is inside the data block, on a token of the file.
    for (const f of result.findings) if (f.range.start < 0 || f.range.end > text.length) differences.push(`${p.name}: ${f.ruleId} outside the file`);
  }
  assert.ok(expressed >= 1000, `only ${expressed} policies expressible`);
  assert.ok(withFindings >= 10, `only ${withFindings} of them with findings`);
  assert.deepEqual(differences, []);
});

test('control: an unescaped ${...} in a heredoc is Terraform interpolation, not the IAM variable', () => {
  const withVariable = corpus.find((p) => p.text.includes('${aws:username}'))!;
  const text = `resource "aws_iam_policy" "managed" {\n  policy = <<-EOF\n${withVariable.text}\n  EOF\n}\n`;
  const result = analyzeDocument({ text, fileName: 'managed.tf' }, catalog, { hclParser: parser });
  // Terraform cannot parse `aws:username` as an expression: the block is not read, rather than misread.
  assert.equal(result.policies.length, 0);
});
