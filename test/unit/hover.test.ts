/** Hover on each kind of token, on tiny documents with a `|` cursor. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { analyzeTemplate, hover } from '../../server/src/core';
import { catalog } from './helpers';
import { parsed } from './cursor';

function at(withCursor: string) {
  const { doc, offset, text } = parsed(withCursor);
  const result = hover(doc, offset, catalog);
  return result && { contents: result.contents, covers: text.slice(result.range.start, result.range.end) };
}

const statement = (body: string) => `{"Version": "2012-10-17", "Statement": [{${body}}]}`;

test('an element name explains the element and links the IAM reference', () => {
  const h = at(statement('"Eff|ect": "Allow"'));
  assert.equal(h?.covers, '"Effect"');
  assert.match(h!.contents, /^\*\*Effect\*\*: `Allow` or `Deny` \(case-sensitive\)/);
  assert.match(h!.contents, /reference_policies_elements_effect\.html/);
});

test('an action shows description, access level, resource types with ARN formats, condition keys and the reference link', () => {
  const h = at(statement('"Action": "s3:Get|Object"'));
  assert.equal(h?.covers, '"s3:GetObject"');
  const lines = h!.contents.split('\n\n');
  assert.equal(lines[0], '**s3:GetObject** (Read)');
  assert.match(h!.contents, /- `object`: `arn:\$\{Partition\}:s3:::\$\{BucketName\}\/\$\{ObjectName\}`/);
  assert.match(h!.contents, /Condition keys: .*`s3:ExistingObjectTag\/<key>`/);
  assert.match(
    h!.contents,
    /\[Amazon S3 in the Service Authorization Reference\]\(https:\/\/docs\.aws\.amazon\.com\/service-authorization\/latest\/reference\/list_amazons3\.html\)/,
  );
});

test('an action wildcard says how many actions it matches, with the list', () => {
  const h = at(statement('"Action": "s3:Get|*"'));
  const n = catalog.matchActions('s3:Get*').length;
  assert.ok(n > 10);
  assert.match(h!.contents, new RegExp(`^\`s3:Get\\*\` matches ${n} actions \\(`));
  assert.match(h!.contents, /\n\n- `s3:GetAccelerateConfiguration` \(Read\)\n/);
  assert.match(h!.contents, new RegExp(`… and ${n - 40} more$`));
});

test("a condition operator explains ForAllValues' empty-set behaviour", () => {
  const h = at(statement('"Condition": {"ForAll|Values:StringEquals": {"aws:TagKeys": ["a"]}}'));
  assert.match(h!.contents, /^\*\*ForAllValues:StringEquals\*\*: compares strings\. Exact, case-sensitive match\./);
  assert.match(h!.contents, /\*\*true when the key is absent or empty\*\*/);
});

test('a condition key shows type, single- or multi-valued and what it holds for identity pools', () => {
  const h = at(statement('"Condition": {"ForAnyValue:StringLike": {"cognito-identity.amazonaws.com:a|mr": "authenticated"}}'));
  assert.match(h!.contents, /^\*\*cognito-identity\.amazonaws\.com:amr\*\*: String, multi-valued: use `ForAnyValue:` or `ForAllValues:`/);
  assert.match(h!.contents, /Authentication methods: `\["unauthenticated"\]` for guests/);
});

test('a policy variable: the identity ID, not the user pool sub; the hover covers only the variable', () => {
  const h = at(statement('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${cognito-identity.amazonaws.com:s|ub}/*"'));
  assert.equal(h?.covers, '${cognito-identity.amazonaws.com:sub}');
  assert.match(h!.contents, /The identity ID of the caller in the identity pool \(`<region>:<guid>`/);
  assert.match(h!.contents, /It is \*\*not\*\* the user pool `sub`/);
  assert.match(h!.contents, /When the key is absent, the statement does not match/);
});

test('a variable with a default says what is used when the key is absent', () => {
  const h = at(statement('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/${aws:Principal|Tag/team, \'shared\'}/*"'));
  assert.match(h!.contents, /When the key is absent, `shared` is used\./);
});

test('an ARN shows its parts and the resource types it names', () => {
  const h = at(statement('"Action": "s3:GetObject", "Resource": "arn:aws:s3:::b|ucket/key"'));
  assert.match(h!.contents, /- partition: `aws`\n- service: `s3`\n- region: _none \(global\)_\n- account: _none_\n- resource: `bucket\/key`/);
  assert.match(h!.contents, /Amazon S3 resource type: `object`$/);
});

test('the Federated identity-pool principal is explained', () => {
  const h = at('{"Statement": [{"Principal": {"Federated": "cognito-identity.amazon|aws.com"}}]}');
  assert.match(h!.contents, /^\*\*cognito-identity\.amazonaws\.com\*\*: Amazon Cognito identity pools\./);
});

test('no hover on free text (a Sid value) or between tokens', () => {
  assert.equal(at(statement('"Sid": "Re|ad"')), undefined);
  assert.equal(at(statement('"Sid": "Read", | "Effect": "Allow"')), undefined);
});

test('in a YAML template: a variable in a plain scalar is explained; an open intrinsic is not read as a wildcard', () => {
  const withCursor = [
    'Parameters:',
    '  ActionParam: {Type: String}',
    'Resources:',
    '  Role:',
    '    Type: AWS::IAM::Role',
    '    Properties:',
    '      Policies:',
    '        - PolicyName: P',
    '          PolicyDocument:',
    "            Version: '2012-10-17'",
    '            Statement:',
    '              - Effect: Allow',
    '                Action: !Ref Action|Param',
    '                Resource: arn:aws:s3:::b/${cognito-identity.amazonaws.com:s#ub}/*',
    '',
  ].join('\n');
  const hoverAt = (marker: string) => {
    const other = marker === '|' ? '#' : '|';
    const text = withCursor.replace(other, '');
    const offset = text.indexOf(marker);
    const clean = text.replace(marker, '');
    const analysis = analyzeTemplate(clean, catalog, { format: 'yaml' })!;
    const policy = analysis.policies.find((p) => p.range.start <= offset && offset <= p.range.end)!;
    const result = hover(policy.document, offset, catalog);
    return result && { contents: result.contents, covers: clean.slice(result.range.start, result.range.end) };
  };
  const intrinsic = hoverAt('|');
  assert.match(intrinsic!.contents, /^\*\*Ref\*\*: CloudFormation fills this value in when the stack is deployed \(`ActionParam`\)/);
  const variable = hoverAt('#');
  assert.equal(variable?.covers, '${cognito-identity.amazonaws.com:sub}');
  assert.match(variable!.contents, /The identity ID of the caller/);
});
