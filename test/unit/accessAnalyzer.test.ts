/**
 * IAM Access Analyzer's offline checks (issue 14) beyond the one firing and one silent case of rules.test.ts:
 * the exact messages, the cases each check must leave alone, and the quick fixes.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeTemplate, quickFixes } from '../../server/src/core';
import { applyEdits } from './cursor';
import { BIG_TRUST, TRUST } from './accessAnalyzerCases';
import { analyze, catalog, hits, policy, yamlManagedPolicy } from './helpers';

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

  test('set operators decide an absent key whatever their operator: ForAllValues holds (restricts nothing), ForAnyValue fails', () => {
    const outcome = (effect: string, operator: string) =>
      found(tagged(effect, ['cognito-identity:GetId'], operator, 'aws:TagKeys')).map(([severity, , message]) => [severity, message.split('so ')[1]]);
    assert.deepEqual(outcome('Allow', 'ForAllValues:StringEquals'), [
      ['information', 'this condition never restricts it. Move it to a statement without this condition.'],
    ]);
    assert.deepEqual(outcome('Deny', 'ForAnyValue:StringNotEquals'), [
      ['warning', 'this statement never denies it. Move it to a statement without this condition and deny it another way.'],
    ]);
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

describe('condition values', () => {
  const inS3 = (condition: Record<string, unknown>) =>
    policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*', Condition: condition }]);
  const found = (text: string, ruleId: string) =>
    analyze(text)
      .findings.filter((f) => f.ruleId === ruleId)
      .map((f) => [f.severity, text.slice(f.range.start, f.range.end), f.message]);

  test('condition-key-case-duplicate points back at the first spelling', () => {
    const text = inS3({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24', 'aws:SOURCEIP': '198.51.100.0/24' } });
    const f = analyze(text).findings.find((x) => x.ruleId === 'condition-key-case-duplicate')!;
    assert.equal(
      f.message,
      '"aws:SOURCEIP" is "aws:SourceIp" again (condition key names are case-insensitive): IAM rejects a key twice in one block. Merge their values under one spelling.',
    );
    assert.deepEqual(
      f.related?.map((r) => text.slice(r.range.start, r.range.end)),
      ['"aws:SourceIp"'],
    );
  });

  test('bool-multiple-values says how to allow either', () => {
    assert.deepEqual(messages(inS3({ Bool: { 'aws:SecureTransport': ['true', 'true'] } }), 'bool-multiple-values'), [
      '"Bool" takes one value for "aws:SecureTransport": "true" or "false". To allow either, remove the condition; to require the key, use "Null": {"aws:SecureTransport": "false"}.',
    ]);
  });

  test('a Bool key under a String operator: information with "true"/"false", a warning with a value that never equals them', () => {
    assert.deepEqual(found(inS3({ StringEquals: { 'aws:SecureTransport': 'true' } }), 'condition-type-mismatch'), [
      ['information', '"StringEquals"', '"aws:SecureTransport" is a Bool key: "Bool" is its operator ("StringEquals" compares its text).'],
    ]);
    assert.deepEqual(found(inS3({ StringEquals: { 'aws:SecureTransport': 'True' } }), 'condition-type-mismatch'), [
      [
        'warning',
        '"StringEquals"',
        '"aws:SecureTransport" is a Bool key, "true" or "false" in the request: "StringEquals" compares text, so "True" never equals it. Use "Bool".',
      ],
    ]);
    assert.equal(found(inS3({ StringEqualsIgnoreCase: { 'aws:SecureTransport': 'True' } }), 'condition-type-mismatch')[0][0], 'information');
  });

  test('private-ip-source: never matches under IpAddress, always under NotIpAddress, information for a subset', () => {
    const why = 'aws:SourceIp is the public address a request comes from, never a private one (use "aws:VpcSourceIp" for addresses inside a VPC)';
    assert.deepEqual(found(inS3({ IpAddress: { 'aws:SourceIp': ['10.1.0.0/16', '192.168.0.1'] } }), 'private-ip-source'), [
      ['error', '[\n            "10.1.0.0/16",\n            "192.168.0.1"\n          ]', `${why}: this condition never matches.`],
    ]);
    assert.deepEqual(found(inS3({ NotIpAddress: { 'aws:SourceIp': '172.16.0.0/12' } }), 'private-ip-source'), [
      ['error', '"172.16.0.0/12"', `${why}: "NotIpAddress" with only private ranges always matches.`],
    ]);
    assert.deepEqual(found(inS3({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '172.20.1.0/24'] } }), 'private-ip-source'), [
      ['information', '"172.20.1.0/24"', `${why}: "172.20.1.0/24" never matches.`],
    ]);
  });

  test('private-ip-source: IPv6 loopback, unique local (fc00::/7) and link-local (fe80::/10) ranges are private', () => {
    const why = 'aws:SourceIp is the public address a request comes from, never a private one (use "aws:VpcSourceIp" for addresses inside a VPC)';
    assert.deepEqual(found(inS3({ IpAddress: { 'aws:SourceIp': ['fd12:3456:789a::/48', 'FE80::1', '::1'] } }), 'private-ip-source'), [
      ['error', '[\n            "fd12:3456:789a::/48",\n            "FE80::1",\n            "::1"\n          ]', `${why}: this condition never matches.`],
    ]);
    assert.deepEqual(found(inS3({ NotIpAddress: { 'aws:SourceIp': 'fc00::/7' } }), 'private-ip-source'), [
      ['error', '"fc00::/7"', `${why}: "NotIpAddress" with only private ranges always matches.`],
    ]);
    assert.deepEqual(found(inS3({ IpAddress: { 'aws:SourceIp': ['2001:db8::/32', 'febf:ffff::1'] } }), 'private-ip-source'), [
      ['information', '"febf:ffff::1"', `${why}: "febf:ffff::1" never matches.`],
    ]);
  });

  test('private-ip-source is silent on public ranges that contain private ones, documentation and IPv4-mapped IPv6, and aws:VpcSourceIp', () => {
    // Beside a public IPv6 range, a private one is only a subset.
    assert.equal(found(inS3({ IpAddress: { 'aws:SourceIp': ['10.0.0.0/8', '2001:db8::/32'] } }), 'private-ip-source')[0][0], 'information');
    for (const condition of [
      { IpAddress: { 'aws:SourceIp': '0.0.0.0/0' } },
      { IpAddress: { 'aws:SourceIp': '172.32.0.0/16' } },
      { IpAddress: { 'aws:SourceIp': '2001:db8::/32' } },
      { IpAddress: { 'aws:SourceIp': 'fc00::/6' } },
      { IpAddress: { 'aws:SourceIp': 'fec0::1' } },
      { IpAddress: { 'aws:SourceIp': '::ffff:10.0.0.1' } },
      { IpAddress: { 'aws:SourceIp': '::/0' } },
      { IpAddress: { 'aws:VpcSourceIp': 'fd00::/8' }, StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } },
      { IpAddress: { 'aws:VpcSourceIp': '10.0.0.0/8' }, StringEquals: { 'aws:SourceVpc': 'vpc-1a2b3c4d' } },
    ]) {
      assert.deepEqual(found(inS3(condition), 'private-ip-source'), [], JSON.stringify(condition));
    }
  });

  test('ip-range-not-canonical names the block IAM reads and fixes it', () => {
    const text = inS3({ IpAddress: { 'aws:SourceIp': '203.0.113.7/24' } });
    assert.deepEqual(messages(text, 'ip-range-not-canonical'), ['"203.0.113.7/24" has host bits set: IAM reads it as "203.0.113.0/24". Write that.']);
    assert.deepEqual(fixes(text, 'ip-range-not-canonical'), [
      { title: 'Replace with "203.0.113.0/24"', preferred: true, result: inS3({ IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } }) },
    ]);
    assert.deepEqual(hits(inS3({ IpAddress: { 'aws:SourceIp': ['203.0.113.7', '0.0.0.0/0', '198.51.100.128/25'] } }), 'ip-range-not-canonical'), []);
  });

  test('invalid-identifier-value: VPC and endpoint IDs of 8 or 17 characters; wildcards, variables and IgnoreCase case are fine', () => {
    const text = inS3({
      StringEquals: { 'aws:SourceVpc': ['vpc-1a2b3c4d', 'vpc-0123456789abcdef0', 'vpc-123', 'vpce-1a2b3c4d'], 'aws:SourceVpce': 'vpce-1a2b3c4' },
    });
    assert.deepEqual(hits(text, 'invalid-identifier-value'), ['"vpc-123"', '"vpce-1a2b3c4d"', '"vpce-1a2b3c4"']);
    assert.deepEqual(messages(inS3({ StringEquals: { 'aws:SourceVpc': 'vpc-123' } }), 'invalid-identifier-value'), [
      '"vpc-123" is not a VPC ID: "vpc-" and 8 or 17 letters and digits, e.g. "vpc-1a2b3c4d", so "aws:SourceVpc" never equals it.',
    ]);
    for (const condition of [
      { StringLike: { 'aws:SourceVpc': 'vpc-*' } },
      { StringEquals: { 'aws:RequestedRegion': '${aws:PrincipalTag/region}' } },
      { StringEqualsIgnoreCase: { 'aws:RequestedRegion': 'US-GOV-WEST-1' } },
      { StringEquals: { 'aws:RequestedRegion': ['eusc-de-east-1', 'cn-northwest-1', 'us-isob-east-1'] } },
    ]) {
      assert.deepEqual(hits(inS3(condition), 'invalid-identifier-value'), [], JSON.stringify(condition));
    }
  });
});

describe('ARN Region and account parts', () => {
  const on = (resource: string, action = 's3:GetObject') => policy([{ Effect: 'Allow', Action: action, Resource: resource }]);
  test('the message writes the ARN without the part', () => {
    assert.deepEqual(messages(on('arn:aws:s3:us-east-1:111122223333:bucket/*'), 'arn-region-not-allowed'), [
      'Amazon S3 ARNs of this type have no Region: write "arn:aws:s3::111122223333:bucket/*" (the Region part is empty).',
    ]);
    assert.deepEqual(messages(on('arn:aws:s3:us-east-1:111122223333:bucket/*'), 'arn-account-not-allowed'), [
      'Amazon S3 ARNs of this type have no account ID: write "arn:aws:s3:us-east-1::bucket/*" (the account part is empty).',
    ]);
    assert.deepEqual(messages(on('arn:aws:dynamodb:us-east:111122223333:table/Notes', 'dynamodb:GetItem'), 'invalid-arn-region'), [
      '"us-east" is not a Region name, such as "us-east-1": the ARN matches no resource.',
    ]);
    assert.deepEqual(messages(on('arn:aws:dynamodb:us-east-1:1111-2222-3333:table/Notes', 'dynamodb:GetItem'), 'invalid-arn-account'), [
      '"1111-2222-3333" is not an account ID (12 digits): the ARN matches no resource.',
    ]);
  });

  test('silent where a type of the service has the part, on wildcards and variables, and on AWS-owned resources', () => {
    for (const [resource, action] of [
      ['arn:aws:s3:us-west-2:111122223333:accesspoint/photos', 's3:GetObject'],
      ['arn:aws:s3:us-west-2:111122223333:*', 's3:GetObject'],
      ['arn:aws:dynamodb:*:*:table/Notes', 'dynamodb:GetItem'],
      ['arn:aws:dynamodb:${aws:RequestedRegion}:111122223333:table/Notes', 'dynamodb:GetItem'],
      ['arn:aws:iam::aws:policy/ReadOnlyAccess', 'iam:GetPolicy'],
      ['arn:aws:s4:us-east-1:1:thing', 's3:GetObject'],
    ]) {
      const text = on(resource, action);
      for (const rule of ['arn-region-not-allowed', 'arn-account-not-allowed', 'invalid-arn-region', 'invalid-arn-account'])
        assert.deepEqual(hits(text, rule), [], `${rule} ${resource}`);
    }
  });

  test('an IAM role ARN with a Region', () => {
    assert.deepEqual(hits(on('arn:aws:iam:us-east-1:111122223333:role/app', 'iam:PassRole'), 'arn-region-not-allowed'), ['us-east-1']);
  });
});

describe('pass-role-on-any-role', () => {
  const passRole = (action: string, resource: string, condition?: unknown) =>
    policy([{ Effect: 'Allow', Action: action, Resource: resource, ...(condition ? { Condition: condition } : {}) }]);
  test('on every role of an account, through iam:*, with the message', () => {
    assert.deepEqual(hits(passRole('iam:*', 'arn:aws:iam::111122223333:role/*'), 'pass-role-on-any-role'), ['"arn:aws:iam::111122223333:role/*"']);
    assert.deepEqual(messages(passRole('iam:PassRole', '*'), 'pass-role-on-any-role'), [
      '"iam:PassRole" on "*" lets this principal pass any role, an administrator\'s included, to any service. Name the roles it may pass, or add "StringEquals": {"iam:PassedToService": "<service>.amazonaws.com"}.',
    ]);
  });
  test('silent with iam:PassedToService, on a role path, and for Deny', () => {
    assert.deepEqual(hits(passRole('iam:PassRole', '*', { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } }), 'pass-role-on-any-role'), []);
    assert.deepEqual(hits(passRole('iam:PassRole', 'arn:aws:iam::111122223333:role/app/*'), 'pass-role-on-any-role'), []);
    assert.deepEqual(hits(policy([{ Effect: 'Deny', Action: 'iam:PassRole', Resource: '*' }]), 'pass-role-on-any-role'), []);
  });
});

describe('policy-size-quota', () => {
  const buckets = (n: number) =>
    policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: n }, (_, i) => `arn:aws:s3:::bucket-${String(i).padStart(4, '0')}/*`) }]);
  const size = (text: string) => text.replace(/[ \n]/g, '').length;

  test('counts without white space, names the quota and its source', () => {
    const trust = BIG_TRUST(36);
    const finding = analyze(trust).findings.find((f) => f.ruleId === 'policy-size-quota');
    assert.equal(
      finding?.message,
      'This trust policy is longer than the role trust policy length quota, 2,048 characters without white space (IAM and AWS STS quotas; it can be raised to 4,096 through Service Quotas). Merge statements, or ask for the increase.',
    );
    assert.deepEqual(finding?.data, { size: String(size(trust)) });
    assert.ok(size(BIG_TRUST(34)) <= 2048 && size(trust) > 2048);
  });

  test("a permission policy: above the managed quota, and above a role's inline quota too", () => {
    const managed = buckets(230);
    assert.ok(size(managed) > 6144 && size(managed) <= 10240, String(size(managed)));
    assert.deepEqual(messages(managed, 'policy-size-quota'), [
      "This policy is larger than the managed policy quota, 6,144 characters without white space, though as an inline policy of a role it fits the 10,240 that a role's inline policies may have together (IAM and AWS STS quotas). Split it into several policies.",
    ]);
    assert.deepEqual(messages(buckets(400), 'policy-size-quota'), [
      "This policy is larger than the managed policy quota, 6,144 characters without white space, and than the 10,240 that a role's inline policies may have together (IAM and AWS STS quotas). Split it into several policies.",
    ]);
    assert.deepEqual(hits(buckets(200), 'policy-size-quota'), []);
  });

  test('counts each string as JSON.stringify writes it: escapes, control characters and lone surrogates', () => {
    // The size is counted without writing the JSON out (a hot path): it must agree with writing it out.
    const odd = 'a "quoted" back\\slash\ttab\nline\u0001ctl \ud800lone \ud83d\ude00pair end';
    const text = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: Array.from({ length: 120 }, (_, i) => `arn:aws:s3:::b${i}/${odd}`) }]);
    const written = JSON.stringify(JSON.parse(text)).replace(/[ \t\n\r]/g, '').length; // in UTF-16 code units, as the rule counts
    assert.ok(written > 6144, String(written));
    assert.deepEqual(
      analyze(text)
        .findings.filter((f) => f.ruleId === 'policy-size-quota')
        .map((f) => f.data),
      [{ size: String(written) }],
    );
  });

  test("a YAML template's policy has the size of its JSON", () => {
    const yaml = analyzeTemplate(
      yamlManagedPolicy([
        "Version: '2012-10-17'",
        'Statement:',
        '  - Effect: Allow',
        '    Action: s3:GetObject',
        '    Resource:',
        ...Array.from({ length: 230 }, (_, i) => `      - arn:aws:s3:::bucket-${String(i).padStart(4, '0')}/*`),
      ]),
      catalog,
      { format: 'yaml' },
    );
    assert.deepEqual(
      yaml?.findings.filter((f) => f.ruleId === 'policy-size-quota').map((f) => f.data),
      analyze(buckets(230))
        .findings.filter((f) => f.ruleId === 'policy-size-quota')
        .map((f) => f.data),
    );
  });
});

describe('suggestions', () => {
  const actions = (list: string[]) => policy([{ Effect: 'Allow', Action: list, Resource: 'arn:aws:s3:::bucket/*' }]);
  const resources = (list: string[]) => policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: list }]);

  test('redundant-action and redundant-resource name what covers them; the same value twice is reported once', () => {
    assert.deepEqual(messages(actions(['s3:Get*', 's3:GetObject']), 'redundant-action'), ['"s3:Get*" already covers "s3:GetObject": remove it.']);
    assert.deepEqual(hits(actions(['s3:GetObject', 's3:GetObject']), 'redundant-action'), ['"s3:GetObject"']);
    assert.deepEqual(messages(actions(['s3:GetObject', 's3:GetObject']), 'redundant-action'), ['"s3:GetObject" is listed twice: remove one.']);
    assert.deepEqual(hits(resources(['arn:aws:s3:::b/*', 'arn:aws:s3:::b/a*']), 'redundant-resource'), ['"arn:aws:s3:::b/a*"']);
  });

  test('a pattern of another service, or with a wildcard service, is compared as IAM reads it (actions grouped by service)', () => {
    // The first cover in the statement's order names the finding, whichever group it comes from.
    assert.deepEqual(messages(actions(['s*:Get*', 's3:Get*', 's3:GetObject', 'dynamodb:GetItem']), 'redundant-action'), [
      '"s*:Get*" already covers "s3:Get*": remove it.',
      '"s*:Get*" already covers "s3:GetObject": remove it.',
    ]);
    assert.deepEqual(messages(actions(['S3:Get*', 's3:GetObject']), 'redundant-action'), ['"S3:Get*" already covers "s3:GetObject": remove it.']);
    assert.deepEqual(hits(actions(['dynamodb:Get*', 's3:GetObject']), 'redundant-action'), []);
    assert.deepEqual(messages(resources(['arn:aws:s3:::b/x', '*']), 'redundant-resource'), ['"*" already covers "arn:aws:s3:::b/x": remove it.']);
  });

  test('silent where the cover is not sure: "?" against a wildcard, a wildcard across ARN parts, variables, case variants', () => {
    assert.deepEqual(
      hits(resources(['arn:aws:s3:::b/?', 'arn:aws:s3:::b/*']), 'redundant-resource'),
      ['"arn:aws:s3:::b/?"'],
      '"*" covers "?", not the reverse',
    );
    assert.deepEqual(hits(resources(['arn:aws:s3:*', 'arn:aws:s3:::b/x']), 'redundant-resource'), []);
    assert.deepEqual(hits(resources([`arn:aws:s3:::b/${SUB}/*`, 'arn:aws:s3:::b/*']), 'redundant-resource'), []);
    assert.deepEqual(hits(actions(['s3:GetObject', 's3:getobject']), 'redundant-action'), []);
  });

  test('redundant-statement: a Deny twin or another condition is not a repeat', () => {
    const read = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
    assert.deepEqual(hits(policy([read, { ...read, Effect: 'Deny' }]), 'redundant-statement'), []);
    assert.deepEqual(hits(policy([read, { ...read, Condition: { Bool: { 'aws:SecureTransport': 'true' } } }]), 'redundant-statement'), []);
    assert.deepEqual(hits(policy([read, { ...read, Resource: ['arn:aws:s3:::bucket/*'] }]), 'redundant-statement'), []);
  });

  test('redundant-statement: the order of actions and of condition members does not count; one character does', () => {
    const read = {
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:PutObject'],
      Resource: 'arn:aws:s3:::bucket/private/reports/2026/*',
      Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a', 'aws:RequestedRegion': 'us-east-1' } },
    };
    const reordered = {
      Condition: { StringEquals: { 'aws:RequestedRegion': 'us-east-1', 'aws:PrincipalTag/team': 'a' } },
      Resource: 'arn:aws:s3:::bucket/private/reports/2026/*',
      Action: ['s3:PutObject', 's3:GetObject'],
      Effect: 'Allow',
    };
    assert.equal(hits(policy([read, reordered]), 'redundant-statement').length, 1);
    assert.deepEqual(hits(policy([read, { ...read, Resource: 'arn:aws:s3:::bucket/private/reporta/2026/*' }]), 'redundant-statement'), []);
    assert.deepEqual(hits(policy([read, { ...read, Action: ['s3:GetObject', 's3:PutObject', 's3:GetObject'] }]), 'redundant-statement'), []);
  });

  test('redundant-numeric-values names the value that decides', () => {
    const limit = (operator: string, values: string[]) =>
      policy([{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { [operator]: { 's3:max-keys': values } } }]);
    assert.deepEqual(messages(limit('NumericGreaterThanEquals', ['10', '5']), 'redundant-numeric-values'), [
      'Any one value of "s3:max-keys" may match, so "NumericGreaterThanEquals" with these values is the same as with 5 alone: write only that.',
    ]);
    assert.deepEqual(hits(limit('NumericEquals', ['10', '5']), 'redundant-numeric-values'), []);
  });

  test('service-name-wildcard: not on "*" or on a wildcard in the action name', () => {
    assert.deepEqual(hits(actions(['s3:Get*']), 'service-name-wildcard'), []);
    assert.deepEqual(messages(actions(['*:GetObject']), 'service-name-wildcard'), [
      '"*" is a wildcard in the service name: it takes in every service whose prefix matches, including services AWS adds later. Name the service.',
    ]);
  });
});
