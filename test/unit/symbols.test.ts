/** The outline of a policy. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { documentSymbols, parsePolicy, type PolicySymbol } from '../../server/src/core';

const outline = (symbols: readonly PolicySymbol[]): unknown[] =>
  symbols.map((s) =>
    s.children.length
      ? { [`${s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''}`]: outline(s.children) }
      : `${s.kind} ${s.name}${s.detail ? ` (${s.detail})` : ''}`,
  );

test('statements are named by Sid (with Effect and first action as detail) or by Effect and first action; conditions list their keys', () => {
  const text = JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      { Sid: 'ReadOwn', Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: '*' },
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:1' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': ['authenticated', 'x'] },
        },
      },
      { Effect: 'Deny', NotAction: 's3:*', Resource: '*' },
    ],
  });
  assert.deepEqual(outline(documentSymbols(parsePolicy(text))), [
    'policy-element Version (2012-10-17)',
    {
      'policy-element Statement (3 statements)': [
        'statement ReadOwn (Allow s3:GetObject +1)',
        {
          'statement Allow sts:AssumeRoleWithWebIdentity': [
            { 'condition StringEquals': ['condition-key cognito-identity.amazonaws.com:aud (us-east-1:1)'] },
            { 'condition ForAnyValue:StringLike': ['condition-key cognito-identity.amazonaws.com:amr (authenticated, x)'] },
          ],
        },
        'statement Deny NotAction s3:*',
      ],
    },
  ]);
});

test('the Sid is what the outline selects; ranges cover the statement', () => {
  const text = '{"Statement": [{"Sid": "A", "Effect": "Allow"}]}';
  const [statement] = documentSymbols(parsePolicy(text));
  const s = statement.children[0];
  assert.equal(text.slice(s.selectionRange.start, s.selectionRange.end), '"A"');
  assert.equal(text.slice(s.range.start, s.range.end), '{"Sid": "A", "Effect": "Allow"}');
});
