/**
 * IAM Access Analyzer's offline checks (issue 14) beyond the one firing and one silent case of rules.test.ts:
 * the exact messages, the cases each check must leave alone, and the quick fixes.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { quickFixes } from '../../server/src/core';
import { applyEdits } from './cursor';
import { TRUST } from './accessAnalyzerCases';
import { analyze, hits, policy } from './helpers';

const SUB = '${cognito-identity.amazonaws.com:sub}';

/** The messages of `ruleId`'s findings. */
function messages(text: string, ruleId: string): string[] {
  return analyze(text)
    .findings.filter((f) => f.ruleId === ruleId)
    .map((f) => f.message);
}

/** Each quick fix of `ruleId`'s findings: its title, whether Fix All takes it, and the text it produces. */
function fixes(text: string, ruleId: string) {
  const result = analyze(text);
  const findings = result.findings.filter((f) => f.ruleId === ruleId);
  return quickFixes(result.document!, findings, { start: 0, end: text.length }).map((fix) => ({
    title: fix.title,
    preferred: fix.isPreferred,
    result: applyEdits(text, fix.edits),
  }));
}

const condition = (operator: string, key: string, value: unknown, action = 's3:ListBucket', resource = 'arn:aws:s3:::bucket') =>
  policy([{ Effect: 'Allow', Action: action, Resource: resource, Condition: { [operator]: { [key]: value } } }]);

describe('condition-wildcard-without-like', () => {
  test('names the values and the Like operator to use, keeping the set prefix', () => {
    const text = condition('ForAnyValue:StringEquals', 's3:prefix', ['home/', `home/${SUB}/*`, 'a?c']);
    assert.deepEqual(hits(text, 'condition-wildcard-without-like'), ['"ForAnyValue:StringEquals"']);
    assert.deepEqual(messages(text, 'condition-wildcard-without-like'), [
      `"ForAnyValue:StringEquals" compares "home/${SUB}/*", "a?c" literally: "*" and "?" are wildcards only under a Like operator, so this matches only values that contain those characters. Use "ForAnyValue:StringLike" if they are wildcards.`,
    ]);
  });

  test('StringNotEqualsIfExists becomes StringNotLikeIfExists; IgnoreCase has no Like form and no fix', () => {
    assert.match(messages(condition('StringNotEqualsIfExists', 's3:prefix', 'tmp/*'), 'condition-wildcard-without-like')[0], /Use "StringNotLikeIfExists" if/);
    const ignoreCase = condition('StringEqualsIgnoreCase', 's3:prefix', 'tmp/*');
    assert.match(
      messages(ignoreCase, 'condition-wildcard-without-like')[0],
      /"StringEqualsIgnoreCase" has no Like form: use "StringLike" \(case-sensitive\) if they are wildcards\.$/,
    );
    assert.deepEqual(fixes(ignoreCase, 'condition-wildcard-without-like'), []);
  });

  test('silent on escapes, on characters inside a variable, on Like and Arn operators', () => {
    for (const text of [
      condition('StringEquals', 's3:prefix', 'literal-${*}-and-${?}'),
      condition('StringEquals', 's3:prefix', "${aws:userid, '*'}"),
      condition('StringLike', 's3:prefix', 'home/*'),
      condition('ArnEquals', 'aws:SourceArn', 'arn:aws:sns:*:111122223333:topic', 's3:PutObject', 'arn:aws:s3:::bucket/*'),
    ]) {
      assert.deepEqual(hits(text, 'condition-wildcard-without-like'), [], text);
    }
  });

  test('the quick fix switches the operator, and Fix All leaves it to the user (the value may be literal)', () => {
    const text = condition('StringEquals', 's3:prefix', 'home/*');
    assert.deepEqual(fixes(text, 'condition-wildcard-without-like'), [
      { title: 'Use "StringLike"', preferred: false, result: condition('StringLike', 's3:prefix', 'home/*') },
    ]);
  });
});

describe('tag-key-not-supported', () => {
  const tagged = (effect: string, actions: string[], operator = 'StringEquals', key = 'aws:ResourceTag/team') =>
    policy([{ Effect: effect, Action: actions, Resource: '*', Condition: { [operator]: { [key]: 'blue' } } }]);
  const found = (text: string) =>
    analyze(text)
      .findings.filter((f) => f.ruleId === 'tag-key-not-supported')
      .map((f) => [f.severity, text.slice(f.range.start, f.range.end), f.message]);

  test('a Deny with a plain operator does not deny those actions: a warning naming them', () => {
    assert.deepEqual(found(tagged('Deny', ['cognito-identity:GetId', 'cognito-identity:DescribeIdentityPool', 'cognito-identity:GetCredentialsForIdentity'])), [
      [
        'warning',
        '"aws:ResourceTag/team"',
        '"cognito-identity:GetId", "cognito-identity:GetCredentialsForIdentity" do not support "aws:ResourceTag/team" (IAM catalog 2026-09-26): their requests never carry it, so this statement never denies them. Move them to a statement without this condition and deny them another way.',
      ],
    ]);
  });

  test('an Allow grants them nothing: information', () => {
    assert.deepEqual(found(tagged('Allow', ['cognito-identity:GetId'])), [
      [
        'information',
        '"aws:ResourceTag/team"',
        '"cognito-identity:GetId" does not support "aws:ResourceTag/team" (IAM catalog 2026-09-26): its requests never carry it, so this statement never allows it. Move it to a statement without this condition.',
      ],
    ]);
  });

  test('a negated operator restricts nothing for them: information, in Allow and in Deny', () => {
    for (const effect of ['Allow', 'Deny']) {
      assert.deepEqual(
        found(tagged(effect, ['cognito-identity:GetId'], 'StringNotEquals')).map(([severity, , message]) => [severity, message.split(': ')[1]]),
        [['information', 'its requests never carry it, so this condition never restricts it. Move it to a statement without this condition.']],
      );
    }
  });

  test('aws:RequestTag and aws:TagKeys too; silent on wildcards, NotAction, Null and service tag keys', () => {
    assert.deepEqual(hits(tagged('Allow', ['s3:GetObject'], 'StringEquals', 'aws:RequestTag/team'), 'tag-key-not-supported'), ['"aws:RequestTag/team"']);
    assert.deepEqual(hits(tagged('Allow', ['s3:GetObject'], 'ForAnyValue:StringEquals', 'aws:TagKeys'), 'tag-key-not-supported'), ['"aws:TagKeys"']);
    for (const text of [
      tagged('Deny', ['cognito-identity:Get*']),
      policy([{ Effect: 'Deny', NotAction: 'cognito-identity:GetId', Resource: '*', Condition: { StringEquals: { 'aws:ResourceTag/team': 'blue' } } }]),
      policy([{ Effect: 'Deny', Action: 'cognito-identity:GetId', Resource: '*', Condition: { Null: { 'aws:ResourceTag/team': 'true' } } }]),
      tagged('Deny', ['s3:GetObject'], 'StringEquals', 's3:ExistingObjectTag/team'),
    ]) {
      assert.deepEqual(hits(text, 'tag-key-not-supported'), [], text);
    }
  });
});

describe('missing-action-for-condition-key', () => {
  test('says what fails and what to add; aws:TagKeys and sts:TransitiveTagKeys too', () => {
    assert.deepEqual(messages(TRUST('sts:AssumeRoleWithWebIdentity', { 'aws:RequestTag/team': 'blue' }), 'missing-action-for-condition-key'), [
      '"aws:RequestTag/team" tests the session tags of the request, and passing session tags needs "sts:TagSession" in this statement\'s "Action": without it the request fails. Add "sts:TagSession".',
    ]);
    assert.deepEqual(
      hits(TRUST('sts:AssumeRoleWithWebIdentity', { 'aws:TagKeys': 'team', 'sts:TransitiveTagKeys': 'team' }), 'missing-action-for-condition-key'),
      ['"aws:TagKeys"', '"sts:TransitiveTagKeys"'],
    );
  });

  test('silent when a wildcard covers sts:TagSession, and in permission policies', () => {
    assert.deepEqual(hits(TRUST('sts:*', { 'aws:RequestTag/team': 'blue' }), 'missing-action-for-condition-key'), []);
    const permission = policy([{ Effect: 'Allow', Action: 'ec2:CreateTags', Resource: '*', Condition: { StringEquals: { 'aws:RequestTag/team': 'blue' } } }]);
    assert.deepEqual(hits(permission, 'missing-action-for-condition-key'), []);
  });
});

describe('missing-paired-condition-key', () => {
  const vpcIp = (extra: Record<string, unknown>) =>
    policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', Condition: { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/16' }, ...extra } },
    ]);
  test('names the keys to add', () => {
    assert.deepEqual(messages(vpcIp({}), 'missing-paired-condition-key'), [
      '"aws:VpcSourceIp" alone matches an address in any VPC, whoever owns it: add "aws:SourceVpc" or "aws:SourceVpce" to this statement\'s conditions.',
    ]);
  });
  test('an endpoint in another block of the statement is the pair too', () => {
    assert.deepEqual(hits(vpcIp({ StringEquals: { 'aws:sourcevpce': 'vpce-1a2b3c4d' } }), 'missing-paired-condition-key'), []);
  });
});

describe('principals', () => {
  test('trust-wildcard-principal and trust-not-principal say what to write instead', () => {
    assert.deepEqual(messages(TRUST('sts:AssumeRoleWithWebIdentity', {}, '*'), 'trust-wildcard-principal'), [
      '"Principal": "*" is not supported in a role trust policy: name the principal, e.g. { "Federated": "cognito-identity.amazonaws.com" } for identity-pool users.',
    ]);
    const notPrincipal = policy([{ Effect: 'Allow', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }]);
    assert.deepEqual(messages(notPrincipal, 'trust-not-principal'), [
      'A role trust policy cannot have "NotPrincipal": IAM rejects it. Name who may assume the role in "Principal".',
    ]);
    assert.deepEqual(hits(notPrincipal, 'allow-with-not-principal'), [], 'one finding in a trust policy');
  });

  test('"Principal": "*" in a resource policy and Deny with NotPrincipal are fine', () => {
    const bucket = (statement: Record<string, unknown>) => policy([{ Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', ...statement }]);
    assert.deepEqual(hits(bucket({ Effect: 'Allow', Principal: '*' }), 'trust-wildcard-principal'), []);
    assert.deepEqual(hits(bucket({ Effect: 'Deny', NotPrincipal: { AWS: 'arn:aws:iam::111122223333:root' } }), 'allow-with-not-principal'), []);
  });

  test('oidc-principal-without-condition: an oidc-provider ARN names its provider; any of its keys counts; SAML and Cognito are not judged', () => {
    const github = 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com';
    const trust = (federated: string, condition?: unknown) =>
      policy([
        { Effect: 'Allow', Principal: { Federated: federated }, Action: 'sts:AssumeRoleWithWebIdentity', ...(condition ? { Condition: condition } : {}) },
      ]);
    assert.deepEqual(messages(trust(github), 'oidc-principal-without-condition'), [
      'No condition on "token.actions.githubusercontent.com"\'s keys: every token it issues, for any app or user, can assume this role. Add one such as "StringEquals": {"token.actions.githubusercontent.com:aud": "<your client ID>"}.',
    ]);
    assert.deepEqual(
      hits(trust(github, { StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/app:*' } }), 'oidc-principal-without-condition'),
      [],
    );
    assert.deepEqual(hits(trust('arn:aws:iam::111122223333:saml-provider/Okta'), 'oidc-principal-without-condition'), []);
    assert.deepEqual(hits(trust('cognito-identity.amazonaws.com'), 'oidc-principal-without-condition'), []);
  });
});
