/** Which documents are policies, and of which kind. Anything else must get no diagnostics at all. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyze } from './helpers';

const kindOf = (value: unknown) => analyze(typeof value === 'string' ? value : JSON.stringify(value, null, 2)).kind;

describe('not a policy: silent', () => {
  const cases: [string, unknown][] = [
    ['package.json', { name: 'app', version: '1.0.0', scripts: { build: 'tsc' }, dependencies: { 'aws-sdk': '^2' } }],
    ['tsconfig.json', { compilerOptions: { strict: true, target: 'ES2022' }, include: ['src'] }],
    ['VS Code settings', { 'editor.formatOnSave': true, 'cognitoPool.rules': { 'missing-version': 'off' } }],
    ['an app config with a nested "statement"', { appName: 'Photo App', features: { statement: 'not an IAM policy' } }],
    ['a top-level "Statement" that is a string', { Statement: 'Terms of service' }],
    ['a Version that is not a policy language version', { Version: '1.2.3', name: 'x' }],
    ['an array', [{ Effect: 'Allow' }]],
    ['empty text', ''],
    ['JSON with comments', '// settings\n{ "files.exclude": {} }'],
    ['an app config with an "Effect" key', { Effect: 'fade', Duration: 300 }],
    ['an "Effect" and "Action" that are no IAM statement', { Effect: 'Allow', Action: 'open-door' }],
    ['a statement-shaped object with another key', { Effect: 'Allow', Action: 's3:GetObject', Resource: '*', Description: 'read' }],
    ['a statement without Action', { Effect: 'Allow', Resource: '*' }],
  ];
  for (const [name, value] of cases) {
    test(name, () => {
      const result = analyze(typeof value === 'string' ? value : JSON.stringify(value, null, 2));
      assert.equal(result.kind, 'not-a-policy');
      assert.deepEqual(result.findings, []);
    });
  }
});

describe('policy kinds', () => {
  test('a permission policy without Principal is an identity policy', () => {
    assert.equal(kindOf({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }), 'identity');
  });
  test('a policy with a Federated principal and sts:AssumeRoleWithWebIdentity is a trust policy', () => {
    assert.equal(
      kindOf({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
      }),
      'trust',
    );
  });
  test('a trust policy that forgot its Principal still reads as a trust policy', () => {
    assert.equal(kindOf({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRoleWithWebIdentity' }] }), 'trust');
  });
  test('a bucket policy with a principal and s3 actions is a resource policy', () => {
    assert.equal(
      kindOf({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::site/*' }] }),
      'resource',
    );
  });
  test('a policy with only a Version is still a policy (and misses its Statement)', () => {
    const result = analyze('{ "Version": "2012-10-17" }');
    assert.equal(result.kind, 'identity');
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['missing-element'],
    );
  });
  test('"statement" in the wrong case is a policy with an unknown element', () => {
    const result = analyze('{ "Version": "2012-10-17", "statement": [] }');
    assert.deepEqual(
      result.findings.map((f) => f.ruleId),
      ['unknown-element'],
    );
  });
});

describe('a bare statement saved as a file is read as that statement (statement-not-policy)', () => {
  test("a permission statement: identity, checked as a statement with the policy's Version", () => {
    const text = JSON.stringify({ Effect: 'Allow', Action: 's3:GetObjekt', Resource: 'arn:aws:s3:::bucket/${cognito-identity.amazonaws.com:sub}/*' }, null, 2);
    const result = analyze(text);
    assert.equal(result.kind, 'identity');
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`),
      ['statement-not-policy: {', 'unknown-action: "s3:GetObjekt"'],
    );
    const f = result.findings[0];
    assert.equal(f.severity, 'error');
    assert.equal(
      f.message,
      'This is a permission statement, not a policy: IAM takes a policy, {"Version": "2012-10-17", "Statement": [...]}, with the statement inside. It is checked here as that statement.',
    );
  });

  test('a trust statement as tutorials print it: trust, with the identity-pool rules', () => {
    const text = JSON.stringify(
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' } },
      },
      null,
      2,
    );
    const result = analyze(text);
    assert.equal(result.kind, 'trust');
    assert.deepEqual(
      result.findings.map((f) => `${f.ruleId}: ${text.slice(f.range.start, f.range.end)}`),
      ['statement-not-policy: {', 'trust-missing-aud: "cognito-identity.amazonaws.com"'],
    );
    assert.match(result.findings[0].message, /^This is a role trust statement, not a policy/);
  });
});

describe('documents in the shape of a statement that are not IAM statements stay silent', () => {
  // App authorization configs copy IAM's keys with their own names: no statement-not-policy, nothing else either.
  const silent = [
    { Effect: 'allow', Action: 'posts:read', Resource: 'posts/*' },
    { Effect: 'Allow', Action: ['document:view', 'document:edit'], Resource: 'urn:doc:123' },
    { Effect: 'Allow', Action: 's3:GetObject', Resource: 'bucket/photos/*' },
  ];
  for (const doc of silent)
    test(JSON.stringify(doc), () => {
      const result = analyze(JSON.stringify(doc, null, 2));
      assert.deepEqual([result.kind, result.findings], ['not-a-policy', []]);
    });
});

describe('a policy copied out of code is a policy with a syntax error, not "not a policy"', () => {
  const POLICY = {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }],
  };
  const found = (text: string) => analyze(text).findings.map((f) => `${f.ruleId} ${f.severity}: ${text.slice(f.range.start, f.range.end)} ${f.message}`);
  test('backslash-escaped quotes: one json-syntax error on the first escape, the kind of the policy it would be', () => {
    const text = JSON.stringify(POLICY, null, 2).replace(/"/g, '\\"');
    assert.equal(analyze(text).kind, 'trust');
    assert.deepEqual(found(text), [
      'json-syntax error: \\" The quotes of this policy are escaped (\\"), as in a string in code: IAM takes JSON, where the backslashes are errors. Remove the backslash before each quote.',
    ]);
  });

  test('the policy as one JSON string: one json-syntax error on the opening quote', () => {
    const text = JSON.stringify(JSON.stringify(POLICY));
    assert.equal(analyze(text).kind, 'trust');
    assert.deepEqual(found(text), [
      'json-syntax error: " This file holds the policy as one JSON string, as code writes it: IAM takes the policy itself. Remove the outer quotes and the backslash before each inner quote.',
    ]);
  });

  test('escaped JSON that is no policy, and a policy with an escaped quote inside a string, are what they were', () => {
    assert.equal(analyze('{\\"name\\": \\"app\\"}').kind, 'not-a-policy');
    assert.equal(analyze(JSON.stringify(JSON.stringify({ name: 'app' }))).kind, 'not-a-policy');
    const text = JSON.stringify({ ...POLICY, Statement: [{ ...POLICY.Statement[0], Sid: 'a"b' }] });
    assert.equal(analyze(text).kind, 'trust');
    assert.deepEqual(
      found(text).map((f) => f.split(':')[0]),
      ['trust-missing-aud error', 'trust-missing-amr warning', 'invalid-sid error'],
    );
  });
});
