/**
 * Every AWS managed policy embedded in a CloudFormation template (JSON and YAML) gets exactly the findings it
 * gets as a standalone document: embedded policies are analysed like standalone ones, YAML reads like JSON, and
 * templates add no false errors on the corpus.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { stringify } from 'yaml';
import { analyzeTemplate } from '../../server/src/core';
import { analyze, catalog } from './helpers';
import { managedPolicyTexts } from './corpus';

const corpus = managedPolicyTexts()
  .map((p) => ({ ...p, standalone: analyze(p.text) }))
  .filter((p) => p.standalone.kind === 'identity');

function jsonTemplate(policy: string): { text: string; shift: number } {
  const head = '{"AWSTemplateFormatVersion": "2010-09-09", "Resources": {"Policy": {"Type": "AWS::IAM::ManagedPolicy", "Properties": {"PolicyDocument": ';
  return { text: `${head}${policy}}}}}`, shift: head.length };
}

function yamlTemplate(policy: string): string {
  const body = stringify({ PolicyDocument: JSON.parse(policy) }, { lineWidth: 0 });
  const indented = body
    .split('\n')
    .map((line) => (line ? `      ${line}` : line))
    .join('\n');
  return `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n${indented}`;
}

test('the corpus holds the identity policies among the AWS managed policies', () => {
  assert.ok(corpus.length >= 1590, `only ${corpus.length} policies`);
});

test('in a JSON template, each managed policy gets the same findings at the same places (shifted by the template head)', () => {
  const differences: string[] = [];
  for (const p of corpus) {
    const { text, shift } = jsonTemplate(p.text);
    const embedded = analyzeTemplate(text, catalog, { format: 'json' })!.findings.map(
      (f) => `${f.ruleId} ${f.range.start - shift}-${f.range.end - shift} ${f.message}`,
    );
    const standalone = p.standalone.findings.map((f) => `${f.ruleId} ${f.range.start}-${f.range.end} ${f.message}`);
    if (JSON.stringify(embedded) !== JSON.stringify(standalone)) differences.push(p.name);
  }
  assert.deepEqual(differences, []);
});

test('in a YAML template, each managed policy gets the same findings, each on the same token', () => {
  const differences: string[] = [];
  for (const p of corpus) {
    const text = yamlTemplate(p.text);
    const result = analyzeTemplate(text, catalog, { format: 'yaml' })!;
    // The token each finding covers, without JSON's or YAML's quotes: the same key, value or part of a value.
    const bare = (s: string) => s.replace(/^["']|["']$/g, '');
    const embedded = result.findings.map((f) => `${f.ruleId} [${bare(text.slice(f.range.start, f.range.end))}] ${f.message}`);
    const standalone = p.standalone.findings.map((f) => `${f.ruleId} [${bare(p.text.slice(f.range.start, f.range.end))}] ${f.message}`);
    if (JSON.stringify(embedded) !== JSON.stringify(standalone)) differences.push(`${p.name}: ${JSON.stringify(embedded)} != ${JSON.stringify(standalone)}`);
  }
  assert.deepEqual(differences, []);
});
