/**
 * The identity-pool trust-policy rules (core/checks/trust.ts) on the examples and on the cases that must
 * stay silent: wildcards, providers, other federated principals, China, Deny statements.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, hits, policy, summary } from './helpers';

const examples = path.resolve(__dirname, '../../../examples');
const example = (name: string) => fs.readFileSync(path.join(examples, name), 'utf8');

const POOL = 'us-east-1:12345678-1234-1234-1234-123456789012';
const AUD = 'cognito-identity.amazonaws.com:aud';
const AMR = 'cognito-identity.amazonaws.com:amr';
const TRUST = {
  Effect: 'Allow',
  Principal: { Federated: 'cognito-identity.amazonaws.com' },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: {
    StringEquals: { [AUD]: POOL },
    'ForAnyValue:StringLike': { [AMR]: 'authenticated' },
  },
};
const withAmr = (value: unknown, operator = 'ForAnyValue:StringLike') =>
  policy([{ ...TRUST, Condition: { StringEquals: { [AUD]: POOL }, [operator]: { [AMR]: value } } }]);
const withAud = (value: unknown, operator = 'StringEquals') =>
  policy([{ ...TRUST, Condition: { [operator]: { [AUD]: value }, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } } }]);
const TRUST_RULES = ['trust-action-mismatch', 'trust-principal-mismatch', 'trust-missing-aud', 'trust-aud-format', 'trust-missing-amr', 'trust-amr-value'];
const trustFindings = (text: string) => summary(text).filter((f) => TRUST_RULES.some((r) => f.startsWith(`${r}:`)));

describe('examples', () => {
  test('trust-authenticated.json and trust-guest.json have no findings', () => {
    assert.deepEqual(summary(example('trust-authenticated.json')), []);
    assert.deepEqual(summary(example('trust-guest.json')), []);
  });

  test('mistakes-trust.json: Sid with spaces, "allow", Resource, plain StringLike on amr, and no aud', () => {
    const text = example('mistakes-trust.json');
    assert.deepEqual(summary(text), [
      'invalid-sid: "signed-in users"',
      'invalid-value: "allow"',
      'trust-missing-aud: "cognito-identity.amazonaws.com"',
      'element-not-allowed: "Resource"',
      'multi-valued-key-operator: "StringLike"',
    ]);
    const aud = analyze(text).findings.find((f) => f.ruleId === 'trust-missing-aud')!;
    assert.equal(aud.severity, 'error');
    assert.match(aud.message, /another identity pool could assume this role/);
    assert.ok(aud.message.includes(`"StringEquals": {"${AUD}": "<region>:<identity-pool-guid>"}`));
  });
});

describe('trust-action-mismatch', () => {
  test('sts:AssumeRole with the Cognito principal is an error on the action, with the replacement', () => {
    const text = policy([{ ...TRUST, Action: 'sts:AssumeRole' }]);
    assert.deepEqual(summary(text), ['trust-action-mismatch: "sts:AssumeRole"']);
    const f = analyze(text).findings[0];
    assert.equal(f.severity, 'error');
    assert.deepEqual(f.data, { replacement: 'sts:AssumeRoleWithWebIdentity' });
  });

  test('the Cognito principal in a Federated array; the statement already allows the right action', () => {
    const text = policy([
      { ...TRUST, Principal: { Federated: ['cognito-identity.amazonaws.com'] }, Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'] },
    ]);
    assert.deepEqual(hits(text, 'trust-action-mismatch'), ['"sts:AssumeRoleWithSAML"']);
    // The advice is to remove the other action: no replacement.
    assert.equal(analyze(text).findings.find((f) => f.ruleId === 'trust-action-mismatch')!.data, undefined);
  });

  test('other principals beside Cognito may perform the other actions: not reported', () => {
    const saml = policy([
      {
        ...TRUST,
        Principal: { Federated: ['arn:aws:iam::123456789012:saml-provider/Corp', 'cognito-identity.amazonaws.com'] },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRoleWithSAML'],
      },
    ]);
    const account = policy([
      {
        ...TRUST,
        Principal: { Federated: 'cognito-identity.amazonaws.com', AWS: 'arn:aws:iam::123456789012:root' },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:AssumeRole'],
      },
    ]);
    assert.deepEqual(hits(saml, 'trust-action-mismatch'), []);
    assert.deepEqual(hits(account, 'trust-action-mismatch'), []);
  });

  test('wildcards that include the right action, and sts:TagSession, are not reported', () => {
    for (const action of ['sts:*', 'sts:AssumeRole*', 'sts:assumerolewithwebidentity', ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']]) {
      assert.deepEqual(trustFindings(policy([{ ...TRUST, Action: action }])), [], JSON.stringify(action));
    }
  });
});

describe('trust-principal-mismatch', () => {
  test('Cognito keys with an AWS principal: on the principal type key', () => {
    const text = policy([{ ...TRUST, Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 'sts:AssumeRole' }]);
    assert.deepEqual(trustFindings(text), ['trust-principal-mismatch: "AWS"']);
  });

  test('a misspelt Cognito principal: on the value, with did-you-mean', () => {
    const text = policy([{ ...TRUST, Principal: { Federated: 'cognito-identity.amazon.com' } }]);
    assert.deepEqual(trustFindings(text), ['trust-principal-mismatch: "cognito-identity.amazon.com"']);
    assert.deepEqual(analyze(text).findings[0].data, { replacement: 'cognito-identity.amazonaws.com' });
  });

  test('"Principal": "*" and NotPrincipal are left alone', () => {
    assert.deepEqual(trustFindings(policy([{ ...TRUST, Principal: '*' }])), []);
    assert.deepEqual(trustFindings(policy([{ ...TRUST, Principal: undefined, NotPrincipal: { AWS: 'arn:aws:iam::123456789012:root' } }])), []);
  });
});

describe('web-identity-action-for-service-principal', () => {
  const WEB = 'sts:AssumeRoleWithWebIdentity';
  const statement = (Principal: unknown, Action: unknown) => policy([{ Effect: 'Allow', Principal, Action }]);
  test('the only action for a Service principal: an error on the action, with sts:AssumeRole as the replacement', () => {
    const text = statement({ Service: 'lambda.amazonaws.com' }, WEB);
    assert.deepEqual(summary(text), [`web-identity-action-for-service-principal: "${WEB}"`]);
    const f = analyze(text).findings[0];
    assert.equal(f.severity, 'error');
    assert.equal(
      f.message,
      `"${WEB}" is never called by {"Service": "lambda.amazonaws.com"}: services and AWS accounts assume roles with "sts:AssumeRole", and a web identity (an identity pool, an OIDC provider) calls "${WEB}" as a Federated principal such as {"Federated": "cognito-identity.amazonaws.com"}, so this statement lets no one assume the role. Use "sts:AssumeRole".`,
    );
    assert.deepEqual(f.data, { replacement: 'sts:AssumeRole' });
  });

  test('beside sts:AssumeRole for an AWS account and a service: a warning, no replacement', () => {
    const text = statement({ AWS: 'arn:aws:iam::123456789012:root', Service: ['ec2.amazonaws.com', 'ecs-tasks.amazonaws.com'] }, ['sts:AssumeRole', WEB]);
    const f = analyze(text).findings;
    assert.deepEqual(summary(text), [`web-identity-action-for-service-principal: "${WEB}"`]);
    assert.equal(f[0].severity, 'warning');
    assert.match(
      f[0].message,
      /^"sts:AssumeRoleWithWebIdentity" is never called by \{"AWS": "arn:aws:iam::123456789012:root"\}, \{"Service": \["ec2\.amazonaws\.com", "ecs-tasks\.amazonaws\.com"\]\}: .*so this action grants nothing here\. Remove it\.$/,
    );
    assert.equal(f[0].data, undefined);
  });

  test('Federated principals, "*", {"AWS": "*"}, wildcard actions and Deny are left alone', () => {
    for (const text of [
      statement({ Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' }, WEB),
      statement({ Service: 'lambda.amazonaws.com', Federated: 'accounts.google.com' }, WEB),
      statement('*', WEB),
      statement({ AWS: '*' }, WEB),
      statement({ Service: 'lambda.amazonaws.com' }, ['sts:AssumeRole*']),
      policy([{ Effect: 'Deny', Principal: { Service: 'lambda.amazonaws.com' }, Action: WEB }]),
    ]) {
      assert.deepEqual(hits(text, 'web-identity-action-for-service-principal'), [], text);
    }
  });
});

describe('federated-principal-outside-trust', () => {
  const S3 = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
  const message = (where: string) =>
    `"cognito-identity.amazonaws.com" is a principal only in a role's trust policy, where identity pools call "sts:AssumeRoleWithWebIdentity": identity-pool users then act as that role's session, so in ${where} this statement never applies to them. Grant the access in the permission policy of the pool's role (scoped with "\${cognito-identity.amazonaws.com:sub}"), or name the role in a resource policy: {"AWS": "arn:aws:iam::<account>:role/<role>"}.`;
  test('a bucket policy: a warning on the principal, saying what authorizes pool users', () => {
    const text = policy([{ ...S3, Principal: { Federated: ['accounts.google.com', 'cognito-identity.amazonaws.com'] } }]);
    assert.equal(analyze(text).kind, 'resource');
    assert.deepEqual(summary(text), ['federated-principal-outside-trust: "cognito-identity.amazonaws.com"']);
    const f = analyze(text).findings[0];
    assert.equal(f.severity, 'warning');
    assert.equal(f.message, message('a resource policy'));
  });

  test('a permission policy with a stray Principal: beside element-not-allowed', () => {
    const text = policy([S3, { ...S3, Action: 's3:PutObject' }, { ...S3, Principal: { Federated: 'cognito-identity.amazonaws.com' } }]);
    assert.equal(analyze(text).kind, 'identity');
    assert.deepEqual(summary(text), ['element-not-allowed: "Principal"', 'federated-principal-outside-trust: "cognito-identity.amazonaws.com"']);
    assert.equal(analyze(text).findings[1].message, message('a permission policy'));
  });

  test('trust statements, whatever else they allow, and other principals are left alone', () => {
    const trustMixed = policy([{ ...TRUST, Action: ['sts:AssumeRoleWithWebIdentity', 's3:GetObject'] }]);
    assert.deepEqual(hits(trustMixed, 'federated-principal-outside-trust'), []);
    assert.deepEqual(hits(policy([TRUST]), 'federated-principal-outside-trust'), []);
    assert.deepEqual(hits(policy([{ ...S3, Principal: { Federated: 'accounts.google.com' } }]), 'federated-principal-outside-trust'), []);
  });
});

describe('trust-missing-aud', () => {
  test('StringLike with a wildcard in the pool part: on the condition key', () => {
    assert.deepEqual(trustFindings(withAud('us-east-1:*', 'StringLike')), ['trust-missing-aud: "cognito-identity.amazonaws.com:aud"']);
  });

  test("a misspelt operator is unknown-condition-operator's alone", () => {
    assert.deepEqual(summary(withAud(POOL, 'StringEqual')), ['unknown-condition-operator: "StringEqual"']);
  });

  test('a negated operator does not restrict the role to a pool', () => {
    assert.deepEqual(trustFindings(withAud(POOL, 'StringNotEquals')), ['trust-missing-aud: "cognito-identity.amazonaws.com:aud"']);
  });

  test('no Condition at all: both aud and amr are missing, on the principal', () => {
    const text = policy([{ ...TRUST, Condition: undefined }]);
    assert.deepEqual(trustFindings(text), ['trust-missing-aud: "cognito-identity.amazonaws.com"', 'trust-missing-amr: "cognito-identity.amazonaws.com"']);
    assert.ok(analyze(text).findings[0].message.includes(`Add "Condition": {"StringEquals": {"${AUD}": "<region>:<identity-pool-guid>"}}.`));
  });

  test('key names are case-insensitive; ForAnyValue:StringEquals, StringEqualsIgnoreCase and StringLike without a wildcard count', () => {
    const upper = policy([
      { ...TRUST, Condition: { StringEquals: { 'Cognito-Identity.amazonaws.com:AUD': POOL }, 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } } },
    ]);
    assert.deepEqual(trustFindings(upper), []);
    assert.deepEqual(trustFindings(withAud(POOL, 'ForAnyValue:StringEquals')), []);
    assert.deepEqual(trustFindings(withAud(POOL, 'StringEqualsIgnoreCase')), []);
    assert.deepEqual(trustFindings(withAud(POOL, 'StringLike')), []);
  });

  test('a Deny statement that excludes other pools counts', () => {
    const text = policy([
      { ...TRUST, Condition: { 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } } },
      {
        Effect: 'Deny',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringNotEquals: { [AUD]: POOL } },
      },
    ]);
    assert.deepEqual(trustFindings(text), []);
  });

  test('a Deny of one other pool does not restrict the role to yours', () => {
    const text = policy([
      { ...TRUST, Condition: { 'ForAnyValue:StringLike': { [AMR]: 'authenticated' } } },
      {
        Effect: 'Deny',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [AUD]: 'eu-west-1:12345678-1234-1234-1234-123456789012' } },
      },
    ]);
    assert.deepEqual(trustFindings(text), ['trust-missing-aud: "cognito-identity.amazonaws.com"']);
  });

  test('naming the identity IDs (sub) restricts the role to their pool', () => {
    const text = policy([
      {
        ...TRUST,
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:sub': 'us-east-1:a1b2c3d4-5678-90ab-cdef-example11111' },
          'ForAnyValue:StringLike': { [AMR]: 'authenticated' },
        },
      },
    ]);
    assert.deepEqual(trustFindings(text), []);
  });

  test('Deny statements and statements without AssumeRoleWithWebIdentity are not required to have aud', () => {
    assert.deepEqual(trustFindings(policy([{ ...TRUST, Effect: 'Deny', Condition: undefined }])), []);
    assert.deepEqual(trustFindings(policy([{ ...TRUST, Action: 'sts:TagSession', Condition: undefined }])), []);
  });
});

describe('trust-aud-format', () => {
  test('an array with one good value and one user pool ID: only the user pool ID', () => {
    const text = withAud([POOL, 'us-east-1_AbC123']);
    assert.deepEqual(trustFindings(text), ['trust-aud-format: "us-east-1_AbC123"']);
    assert.match(analyze(text).findings[0].message, /looks like a user pool ID/);
  });

  test('an app client ID, an identity pool ARN (with the ID as replacement), another ARN, something else', () => {
    const arn = `arn:aws:cognito-identity:us-east-1:123456789012:identitypool/${POOL}`;
    const text = withAud(['1example23456789abcdefghij', arn, 'arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123', 'my-pool']);
    const findings = analyze(text).findings;
    assert.deepEqual(trustFindings(text), [
      'trust-aud-format: "1example23456789abcdefghij"',
      `trust-aud-format: "${arn}"`,
      'trust-aud-format: "arn:aws:cognito-idp:us-east-1:123456789012:userpool/us-east-1_AbC123"',
      'trust-aud-format: "my-pool"',
    ]);
    assert.match(findings[0].message, /app client ID/);
    assert.deepEqual(findings[1].data, { replacement: POOL });
    assert.match(findings[2].message, /is an ARN/);
    assert.match(findings[3].message, /is not an identity pool ID/);
  });

  test('a wildcard under StringEquals is literal text', () => {
    assert.deepEqual(trustFindings(withAud('us-east-1:*')), ['trust-aud-format: "us-east-1:*"']);
  });

  test('variables, StringLike wildcards and the China partition are left alone', () => {
    assert.deepEqual(trustFindings(withAud('${aws:PrincipalTag/pool}')), []);
    assert.deepEqual(trustFindings(withAud([POOL, 'us-east-1:1234*'], 'StringLike')), ['trust-missing-aud: "cognito-identity.amazonaws.com:aud"']);
    const china = policy([
      {
        ...TRUST,
        Principal: { Federated: 'cognito-identity.cn-north-1.amazonaws.com.cn' },
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com.cn:aud': 'cn-north-1:12345678-1234-1234-1234-123456789012' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com.cn:amr': 'authenticated' },
        },
      },
    ]);
    assert.deepEqual(trustFindings(china), []);
  });
});

describe('trust-missing-amr', () => {
  test('aud but no amr: a warning on the principal', () => {
    const text = policy([{ ...TRUST, Condition: { StringEquals: { [AUD]: POOL } } }]);
    assert.deepEqual(trustFindings(text), ['trust-missing-amr: "cognito-identity.amazonaws.com"']);
    const f = analyze(text).findings[0];
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /guests and signed-in users alike/);
  });

  test('amr admitting both authenticated and unauthenticated is no amr check: a warning on the amr key', () => {
    const text = withAmr(['authenticated', 'unauthenticated']);
    assert.deepEqual(trustFindings(text), [`trust-missing-amr: "${AMR}"`]);
    const f = analyze(text).findings[0];
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.message,
      `"ForAnyValue:StringLike" admits both "authenticated" and "unauthenticated": every identity's amr holds one of them, so guests and signed-in users alike can assume this role, as with no "${AMR}" condition. Keep only "authenticated" (or "unauthenticated" for the guest role).`,
    );
    assert.deepEqual(trustFindings(withAmr('*')), [`trust-missing-amr: "${AMR}"`]);
    assert.deepEqual(trustFindings(withAmr('*authenticated')), [`trust-missing-amr: "${AMR}"`]);
    assert.deepEqual(trustFindings(withAmr(['Authenticated', 'UNAUTHENTICATED'], 'ForAnyValue:StringEqualsIgnoreCase')), [`trust-missing-amr: "${AMR}"`]);
  });

  test('one of the two, a provider, another amr condition beside it, a negated operator or a Deny on amr: no finding', () => {
    for (const text of [
      withAmr('authenticated'),
      withAmr('unauthenticated'),
      withAmr(['unauthenticated', 'graph.facebook.com']),
      withAmr(['authenticated', 'unauthenticated'], 'ForAnyValue:StringNotLike'),
      policy([
        {
          ...TRUST,
          Condition: {
            StringEquals: { [AUD]: POOL },
            'ForAnyValue:StringLike': { [AMR]: ['authenticated', 'unauthenticated'] },
            'ForAnyValue:StringEquals': { [AMR]: 'authenticated' },
          },
        },
      ]),
      policy([
        { ...TRUST, Condition: { StringEquals: { [AUD]: POOL }, 'ForAnyValue:StringLike': { [AMR]: ['authenticated', 'unauthenticated'] } } },
        {
          Effect: 'Deny',
          Principal: { Federated: 'cognito-identity.amazonaws.com' },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: { 'ForAnyValue:StringLike': { [AMR]: 'unauthenticated' } },
        },
      ]),
    ]) {
      assert.deepEqual(hits(text, 'trust-missing-amr'), [], text);
    }
  });
});

describe('trust-amr-value', () => {
  test('"Authenticated": did you mean "authenticated"', () => {
    const text = withAmr('Authenticated');
    assert.deepEqual(trustFindings(text), ['trust-amr-value: "Authenticated"']);
    const f = analyze(text).findings[0];
    assert.equal(f.severity, 'warning');
    assert.deepEqual(f.data, { replacement: 'authenticated' });
    assert.match(f.message, /case-sensitively/);
  });

  test('typos near the two values, spaces and commas', () => {
    const text = withAmr(['authenticate', 'unauthenticatd', 'unauthenticated ', 'authenticated,graph.facebook.com', 'graph.facebok.com']);
    assert.deepEqual(trustFindings(text), [
      'trust-amr-value: "authenticate"',
      'trust-amr-value: "unauthenticatd"',
      'trust-amr-value: "unauthenticated "',
      'trust-amr-value: "authenticated,graph.facebook.com"',
      'trust-amr-value: "graph.facebok.com"',
    ]);
    assert.deepEqual(
      analyze(text).findings.map((f) => f.data?.replacement),
      ['authenticated', 'unauthenticated', 'unauthenticated', undefined, 'graph.facebook.com'],
    );
  });

  test('provider names are accepted: user pools, public providers, SAML ARNs, OIDC hosts, developer providers, wildcards', () => {
    for (const value of [
      'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123',
      'graph.facebook.com',
      'accounts.google.com',
      'appleid.apple.com',
      'arn:aws:iam::123456789012:saml-provider/Corp',
      'login.example.com',
      'login.mycompany.myapp',
      'MyDeveloperProvider',
      'cognito-idp.*',
      'unauthenticated',
    ]) {
      assert.deepEqual(trustFindings(withAmr(value)), [], value);
    }
  });

  test('"Authenticated" under StringEqualsIgnoreCase matches', () => {
    assert.deepEqual(trustFindings(withAmr('Authenticated', 'ForAnyValue:StringEqualsIgnoreCase')), []);
  });
});

describe('policies that do not trust identity pools get none of the identity-pool rules', () => {
  test('an EC2 service role', () => {
    const text = policy([{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    assert.equal(analyze(text).kind, 'trust');
    assert.deepEqual(summary(text), []);
  });

  test('GitHub Actions OIDC with its :aud and :sub conditions', () => {
    const text = policy([
      {
        Effect: 'Allow',
        Principal: { Federated: 'arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
          StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' },
        },
      },
    ]);
    assert.equal(analyze(text).kind, 'trust');
    assert.deepEqual(summary(text), []);
  });

  test('an identity policy using Cognito keys (rules apply to trust documents only, but for the aud value)', () => {
    const text = policy([
      {
        Effect: 'Allow',
        Action: 's3:GetObject',
        Resource: 'arn:aws:s3:::bucket/*',
        Condition: { 'ForAnyValue:StringLike': { [AMR]: 'Authenticated' }, StringEquals: { [AUD]: 'us-east-1_AbC123' } },
      },
    ]);
    assert.equal(analyze(text).kind, 'identity');
    assert.deepEqual(trustFindings(text), ['trust-aud-format: "us-east-1_AbC123"']);
  });
});

describe('trust-aud-format outside trust policies', () => {
  const S3 = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' };
  test('a user pool ID and an app client ID as aud in a permission policy: each value, with the message of trust policies', () => {
    const text = policy([{ ...S3, Condition: { StringEquals: { [AUD]: ['us-east-1_AbC123', '1h2j3k4l5m6n7o8p9q0r1s2t3u'] } } }]);
    assert.deepEqual(summary(text), ['trust-aud-format: "us-east-1_AbC123"', 'trust-aud-format: "1h2j3k4l5m6n7o8p9q0r1s2t3u"']);
    const f = analyze(text).findings[0];
    assert.equal(f.severity, 'error');
    assert.equal(
      f.message,
      `"us-east-1_AbC123" looks like a user pool ID ("<region>_<id>"), not an identity pool ID: "${AUD}" is the identity pool ID, "<region>:<guid>" (e.g. "${POOL}"), so this value never matches.`,
    );
  });

  test('a resource policy (a bucket policy) too', () => {
    const text = policy([{ ...S3, Principal: { AWS: 'arn:aws:iam::123456789012:role/app' }, Condition: { StringEquals: { [AUD]: 'us-east-1_AbC123' } } }]);
    assert.equal(analyze(text).kind, 'resource');
    assert.deepEqual(summary(text), ['trust-aud-format: "us-east-1_AbC123"']);
  });

  test('the identity pool ID, a variable and a StringLike wildcard are silent', () => {
    const text = policy([{ ...S3, Condition: { StringEquals: { [AUD]: [POOL, '${aws:PrincipalTag/pool}'] }, StringLike: { [AUD]: 'us-east-1:*' } } }]);
    assert.deepEqual(summary(text), []);
  });
});
