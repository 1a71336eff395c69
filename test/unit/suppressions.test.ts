/**
 * Inline suppressions (core/analyze/suppressions.ts): `cognito-pool-lint-disable-next-line RULE -- reason` in a
 * YAML template, a Terraform file and JSON with comments drops that rule's findings on the next line only; what
 * drops nothing is reported as `unused-suppression`, at the rule id; text that merely looks like one in a string
 * is not a comment.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeDocument, type RunOptions } from '../../server/src/core';
import { catalog, hclParser } from './helpers';

const found = (text: string, fileName: string, options: RunOptions = {}) =>
  analyzeDocument({ text, fileName }, catalog, options).findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`);

const template = (statements: string) =>
  `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Policy:\n    Type: AWS::IAM::ManagedPolicy\n    Properties:\n      PolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n${statements}`;

test('YAML: the named rule is dropped on the next line; another rule and other lines are not', () => {
  const text = template(
    `          - Effect: Allow\n            # cognito-pool-lint-disable-next-line unknown-action -- a custom action of ours\n            Action: s3:GetObjects\n            Resource: '*'\n          - Effect: Allow\n            Action: s3:PutObjects\n            Resource: '*'\n`,
  );
  assert.deepEqual(found(text, 't.yaml'), ['unknown-action: s3:PutObjects']);
});

test('YAML: several rules in one comment, separated by commas; an unknown id and an unused one are reported at their ids', () => {
  const text = template(
    `          - Effect: Allow\n            # cognito-pool-lint-disable-next-line unknown-action, no-such-rule, invalid-arn -- reason\n            Action: s3:GetObjects\n            Resource: '*'\n`,
  );
  assert.deepEqual(found(text, 't.yaml'), ['unused-suppression: no-such-rule', 'unused-suppression: invalid-arn']);
});

test('YAML: a suppression that names no rule is reported on the comment', () => {
  const text = template(
    `          # cognito-pool-lint-disable-next-line\n          - Effect: Allow\n            Action: s3:GetObject\n            Resource: '*'\n`,
  );
  assert.deepEqual(found(text, 't.yaml'), ['unused-suppression: # cognito-pool-lint-disable-next-line']);
});

test('YAML: the directive inside a quoted string is text, not a comment', () => {
  const text = template(
    `          - Effect: Allow\n            Action: "s3:GetObject # cognito-pool-lint-disable-next-line unknown-action"\n            Resource: '*'\n`,
  );
  assert.deepEqual(
    found(text, 't.yaml').map((f) => f.split(':')[0]),
    ['invalid-action-format'],
  );
});

test('a suppression of a rule the user turned off is not reported', () => {
  const text = template(
    `          - Effect: Allow\n            # cognito-pool-lint-disable-next-line invalid-arn\n            Action: s3:GetObject\n            Resource: '*'\n`,
  );
  assert.deepEqual(found(text, 't.yaml', { rules: { 'invalid-arn': 'off' } }), []);
  assert.deepEqual(found(text, 't.yaml'), ['unused-suppression: invalid-arn']);
});

test('unused-suppression can itself be turned off', () => {
  const text = template(
    `          - Effect: Allow\n            # cognito-pool-lint-disable-next-line invalid-arn\n            Action: s3:GetObject\n            Resource: '*'\n`,
  );
  assert.deepEqual(found(text, 't.yaml', { rules: { 'unused-suppression': 'off' } }), []);
});

test('Terraform: // and /* */ comments suppress too', async () => {
  const text = `resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{\n      Effect = "Allow"\n      // cognito-pool-lint-disable-next-line unknown-action\n      Action = "s3:GetObjects"\n      /* cognito-pool-lint-disable-next-line invalid-arn -- reason */\n      Resource = "not-an-arn"\n    }]\n  })\n}\n`;
  assert.deepEqual(found(text, 'main.tf', { hclParser: await hclParser() }), []);
});

test('JSON with comments: the comment suppresses, and is still a json-syntax error (IAM rejects comments)', () => {
  const text = `{\n  "Version": "2012-10-17",\n  "Statement": [{\n    "Effect": "Allow",\n    // cognito-pool-lint-disable-next-line unknown-action\n    "Action": "s3:GetObjects",\n    "Resource": "*"\n  }]\n}\n`;
  assert.deepEqual(found(text, 'p.json'), ['json-syntax: // cognito-pool-lint-disable-next-line unknown-action']);
});
