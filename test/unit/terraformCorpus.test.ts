/**
 * Every AWS managed policy written in a .tf file, as heredoc JSON and as `jsonencode({...})`, gets exactly the
 * findings it gets as a standalone document, each on the same token: Terraform adds no false errors on the
 * corpus, and what a Terraform file escapes (`$${` for IAM's `${`) reads as the policy IAM sees.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { analyzeDocument, type HclParser } from '../../server/src/core';
import { managedPolicyTexts } from './corpus';
import { analyze, catalog, hclParser } from './helpers';

const corpus = managedPolicyTexts()
  .map((p) => ({ ...p, standalone: analyze(p.text) }))
  .filter((p) => p.standalone.kind === 'identity');

let parser: HclParser;
before(async () => {
  parser = await hclParser();
});

/** Terraform's template escapes: IAM's `${` and a literal `%{` are written `$${` and `%%{` in a .tf string. */
function escapeTemplate(s: string): string {
  // (A function as the replacement: in a replacement string `$$` would stand for one `$`.)
  return s.replaceAll('${', () => '$${').replaceAll('%{', () => '%%{');
}

function heredoc(policy: string): string {
  return `resource "aws_iam_policy" "managed" {\n  name   = "managed"\n  policy = <<-EOF\n${escapeTemplate(policy)}\n  EOF\n}\n`;
}

/** A JSON value as HCL: objects with quoted keys and `=`, tuples, strings in HCL's quoting, numbers, booleans. */
function hcl(value: unknown, indent = '    '): string {
  if (typeof value === 'string') return escapeTemplate(JSON.stringify(value));
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) return `[\n${value.map((v) => `${inner}${hcl(v, inner)},`).join('\n')}\n${indent}]`;
  const entries = Object.entries(value as Record<string, unknown>);
  return `{\n${entries.map(([k, v]) => `${inner}${escapeTemplate(JSON.stringify(k))} = ${hcl(v, inner)}`).join('\n')}\n${indent}}`;
}

function jsonencode(policy: string): string {
  return `resource "aws_iam_policy" "managed" {\n  name   = "managed"\n  policy = jsonencode(${hcl(JSON.parse(policy), '  ')})\n}\n`;
}

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

test('control: an unescaped ${...} in a heredoc is Terraform interpolation, not the IAM variable', () => {
  const withVariable = corpus.find((p) => p.text.includes('${aws:username}'))!;
  const text = `resource "aws_iam_policy" "managed" {\n  policy = <<-EOF\n${withVariable.text}\n  EOF\n}\n`;
  const result = analyzeDocument({ text, fileName: 'managed.tf' }, catalog, { hclParser: parser });
  // Terraform cannot parse `aws:username` as an expression: the block is not read, rather than misread.
  assert.equal(result.policies.length, 0);
});
