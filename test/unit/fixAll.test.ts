/**
 * Fix All to its fixed point (core/analyze/fixAll.ts): one run applies the preferred fixes until none is left,
 * the result is one set of edits of the ORIGINAL text, and the new text follows the document's own layout.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeDocument, fixAllToFixedPoint, MAX_FIX_ROUNDS, type DocumentInput, type FixAllOptions } from '../../server/src/core';
import { catalog, yamlManagedPolicy } from './helpers';
import { SUB, TUTORIAL, TUTORIAL_FIXED_MINIFIED } from '../fixtures/tutorialPolicy';
import { applyEdits } from './cursor';

/** Runs Fix All; checks that its edits of the original text give its text, and that the result has no findings. */
function fixAllOf(text: string, input: Partial<DocumentInput> = { fileName: 'policy.json' }, options: FixAllOptions = {}) {
  const result = fixAllToFixedPoint({ text, id: 'test', ...input }, catalog, options);
  assert.equal(applyEdits(text, result.edits), result.text);
  return result;
}

function findings(text: string, input: Partial<DocumentInput> = { fileName: 'policy.json' }) {
  return analyzeDocument({ text, id: 'test', ...input }, catalog).findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`);
}

describe('fix all to the fixed point', () => {
  test("a Sid fixed into another statement's Sid is not applied (Fix All would then rename the untouched one); a Sid with no valid character is not fixed", () => {
    const statement = (sid: string) => ({ Sid: sid, Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' });
    const colliding = JSON.stringify({ Version: '2012-10-17', Statement: [statement('Read-Own'), statement('ReadOwn')] });
    assert.equal(fixAllOf(colliding).text, colliding);
    const cyrillic = JSON.stringify({ Version: '2012-10-17', Statement: [statement('Доступ'), statement('Чтение')] });
    assert.equal(fixAllOf(cyrillic).text, cyrillic);
    const alone = JSON.stringify({ Version: '2012-10-17', Statement: [statement('Read-Own')] });
    assert.equal(fixAllOf(alone).text, alone.replace('Read-Own', 'ReadOwn'));
  });

  test('the minified tutorial policy: one run moves ListBucket AND adds the $ in the new s3:prefix; it stays one line', () => {
    const text = JSON.stringify(TUTORIAL);
    const result = fixAllOf(text);
    assert.equal(result.text, TUTORIAL_FIXED_MINIFIED);
    assert.equal(result.rounds, 2);
    assert.deepEqual(findings(result.text), []);
    // Edits of the original: the ListBucket item out, the $ in, the new statement (with its $) after the first.
    assert.deepEqual(
      result.edits.map((e) => [text.slice(e.range.start, e.range.end), e.newText.slice(0, 20)]),
      [
        ['"s3:ListBucket",', ''],
        ['', '$'],
        ['', ',{"Effect":"Allow","'],
      ],
    );
  });

  test('4-space indentation: the new statement is indented as the others', () => {
    const result = fixAllOf(JSON.stringify(TUTORIAL, null, 4));
    assert.equal(
      result.text,
      [
        '{',
        '    "Version": "2012-10-17",',
        '    "Statement": [',
        '        {',
        '            "Effect": "Allow",',
        '            "Action": [',
        '                "s3:GetObject",',
        '                "s3:PutObject"',
        '            ],',
        '            "Resource": [',
        `                "arn:aws:s3:::BUCKET/${SUB}/*"`,
        '            ]',
        '        },',
        '        {',
        '            "Effect": "Allow",',
        '            "Action": "s3:ListBucket",',
        '            "Resource": "arn:aws:s3:::BUCKET",',
        '            "Condition": {',
        '                "StringLike": {',
        `                    "s3:prefix": "${SUB}/*"`,
        '                }',
        '            }',
        '        }',
        '    ]',
        '}',
      ].join('\n'),
    );
  });

  test('tab indentation and CRLF line endings are kept', () => {
    const tabs = fixAllOf(JSON.stringify(TUTORIAL, null, '\t').replace(/\n/g, '\r\n'));
    assert.equal(
      tabs.text,
      [
        '{',
        '\t"Version": "2012-10-17",',
        '\t"Statement": [',
        '\t\t{',
        '\t\t\t"Effect": "Allow",',
        '\t\t\t"Action": [',
        '\t\t\t\t"s3:GetObject",',
        '\t\t\t\t"s3:PutObject"',
        '\t\t\t],',
        '\t\t\t"Resource": [',
        `\t\t\t\t"arn:aws:s3:::BUCKET/${SUB}/*"`,
        '\t\t\t]',
        '\t\t},',
        '\t\t{',
        '\t\t\t"Effect": "Allow",',
        '\t\t\t"Action": "s3:ListBucket",',
        '\t\t\t"Resource": "arn:aws:s3:::BUCKET",',
        '\t\t\t"Condition": {',
        '\t\t\t\t"StringLike": {',
        `\t\t\t\t\t"s3:prefix": "${SUB}/*"`,
        '\t\t\t\t}',
        '\t\t\t}',
        '\t\t}',
        '\t]',
        '}',
      ].join('\r\n'),
    );
  });

  test('a statement written on one line in an indented document gets its new sibling on a line of its own, on one line', () => {
    const text = [
      '{',
      '  "Version": "2012-10-17",',
      '  "Statement": [',
      `    { "Effect": "Allow", "Action": ["s3:GetObject", "s3:ListBucket"], "Resource": "arn:aws:s3:::photos/${SUB}/*" }`,
      '  ]',
      '}',
    ].join('\n');
    assert.equal(
      fixAllOf(text).text,
      [
        '{',
        '  "Version": "2012-10-17",',
        '  "Statement": [',
        `    { "Effect": "Allow", "Action": ["s3:GetObject"], "Resource": "arn:aws:s3:::photos/${SUB}/*" },`,
        `    { "Effect": "Allow", "Action": "s3:ListBucket", "Resource": "arn:aws:s3:::photos", "Condition": { "StringLike": { "s3:prefix": "${SUB}/*" } } }`,
        '  ]',
        '}',
      ].join('\n'),
    );
  });

  test('a minified trust policy: Version inserted and Resource removed without spaces; the placeholder aud is not applied', () => {
    const text =
      '{"Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Resource":"*","Condition":{"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}';
    const result = fixAllOf(text);
    assert.equal(
      result.text,
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}',
    );
    assert.deepEqual(findings(result.text), ['trust-missing-aud: "cognito-identity.amazonaws.com"']); // its fix is a placeholder: not preferred
  });

  test('with cognitoPool.identityPoolId the aud condition goes into the existing block, on one line', () => {
    const text =
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}';
    const result = fixAllOf(text, undefined, { identityPoolId: 'eu-west-1:11111111-2222-3333-4444-555555555555' });
    assert.equal(
      result.text,
      '{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Federated":"cognito-identity.amazonaws.com"},"Action":"sts:AssumeRoleWithWebIdentity","Condition":{"StringEquals":{"cognito-identity.amazonaws.com:aud":"eu-west-1:11111111-2222-3333-4444-555555555555"},"ForAnyValue:StringLike":{"cognito-identity.amazonaws.com:amr":"authenticated"}}}]}',
    );
    assert.deepEqual(findings(result.text), []);
  });

  test('the bound on rounds is kept: with one round the carried variable still lacks its $', () => {
    const text = JSON.stringify(TUTORIAL);
    const result = fixAllOf(text, undefined, { maxRounds: 1 });
    assert.equal(result.rounds, 1);
    assert.ok(result.text.includes('"s3:prefix":"{cognito-identity.amazonaws.com:sub}/*"'), result.text);
    assert.deepEqual(findings(result.text), ['variable-missing-dollar: {cognito-identity.amazonaws.com:sub}']);
  });

  test('nothing to fix: no rounds, no edits, the text unchanged', () => {
    const text = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${SUB}/*` }] });
    assert.deepEqual(fixAllOf(text), { text, edits: [], rounds: 0 });
  });

  test('suggestions are never applied: the run ends with them still reported, within the bound', () => {
    const text = JSON.stringify({ Version: '2008-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObjects', Resource: '*' }] });
    const result = fixAllOf(text);
    assert.equal(result.text, text.replace('2008-10-17', '2012-10-17'));
    assert.equal(result.rounds, 1);
    assert.ok(result.rounds <= MAX_FIX_ROUNDS);
    assert.deepEqual(findings(result.text), ['unknown-action: "s3:GetObjects"']);
  });

  test("a policy inside a JSON template: the same fixed point, at the template's indentation", () => {
    const template = (statements: unknown[]) => ({
      AWSTemplateFormatVersion: '2010-09-09',
      Resources: {
        Policy: { Type: 'AWS::IAM::ManagedPolicy', Properties: { PolicyDocument: { Version: '2012-10-17', Statement: statements } } },
      },
    });
    const text = JSON.stringify(template(TUTORIAL.Statement), null, 2);
    const result = fixAllOf(text, { fileName: 'template.json' });
    assert.equal(
      result.text,
      JSON.stringify(
        template([
          { Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: [`arn:aws:s3:::BUCKET/${SUB}/*`] },
          { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::BUCKET', Condition: { StringLike: { 's3:prefix': `${SUB}/*` } } },
        ]),
        null,
        2,
      ),
    );
    assert.deepEqual(findings(result.text, { fileName: 'template.json' }), []);
  });

  test('a YAML template: token replacements only, each scalar keeps its quoting', () => {
    const text = yamlManagedPolicy([
      "Version: '2008-10-17'",
      'Statement:',
      '  - Effect: allow',
      '    Action: s3:GetObject',
      '    Resource: "arn:aws:s3:::photos/{cognito-identity.amazonaws.com:sub}/*"',
    ]);
    const result = fixAllOf(text, { fileName: 'template.yaml' });
    assert.equal(
      result.text,
      text.replace("'2008-10-17'", "'2012-10-17'").replace('Effect: allow', 'Effect: Allow').replace('photos/{cognito', 'photos/${cognito'),
    );
    assert.deepEqual(findings(result.text, { fileName: 'template.yaml' }), []);
  });
});
