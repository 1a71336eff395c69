/**
 * The flow panel's model (core/flow): defaults taken from the documents, each trust condition passed or
 * failed for the chosen identity, the steps of the enhanced, basic and developer flows with their lifetimes,
 * the request's verdict with the exact places of the deciding statements, and the Mermaid export.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  buildFlowModel,
  flowToMermaid,
  parseContextLines,
  parsePolicy,
  type FlowInputs,
  type FlowModel,
  type FlowPolicy,
  type FlowStep,
} from '../../server/src/core';
import { catalog, policy } from './helpers';

const POOL = 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21';
const ME = 'us-east-1:11111111-2222-3333-4444-555555555555';
const OTHER = 'us-east-1:99999999-8888-7777-6666-555555555555';
const NOW = new Date('2026-01-31T12:00:00Z');

const source = (name: string, text: string): FlowPolicy => ({ document: `file:///role/${name}`, name, policy: parsePolicy(text) });

const trustText = (amr: string, aud = POOL) =>
  policy([
    {
      Sid: 'PoolUsers',
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': aud }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } },
    },
  ]);

const S3_TEXT = policy([
  {
    Sid: 'ListOwnFolder',
    Effect: 'Allow',
    Action: 's3:ListBucket',
    Resource: 'arn:aws:s3:::photos',
    Condition: { StringLike: { 's3:prefix': ['private/${cognito-identity.amazonaws.com:sub}/*'] } },
  },
  {
    Sid: 'OwnObjects',
    Effect: 'Allow',
    Action: ['s3:GetObject', 's3:PutObject'],
    Resource: 'arn:aws:s3:::photos/private/${cognito-identity.amazonaws.com:sub}/*',
  },
  { Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' },
]);

const TRUST = source('trust.json', trustText('authenticated'));
const S3 = source('s3.json', S3_TEXT);

function model(inputs: FlowInputs, sources: { trust?: FlowPolicy; permissions?: FlowPolicy[] } = { trust: TRUST, permissions: [S3] }): FlowModel {
  return buildFlowModel({ trust: sources.trust, permissions: sources.permissions ?? [] }, inputs, { catalog, now: NOW });
}

/** Each step as one line: `from->to label` (calls), `from-->to label` (returns), `note over: label`, with its status. */
function steps(m: FlowModel): string[] {
  return m.steps.map((s: FlowStep) =>
    s.kind === 'note' ? `note ${s.over}: ${s.label} [${s.status}]` : `${s.from}${s.kind === 'call' ? '->' : '-->'}${s.to} ${s.label} [${s.status}]`,
  );
}

/** The source text a location of the model covers. */
function textAt(m: FlowModel, index: number, texts: Record<string, string> = { 'trust.json': TRUST.policy.text, 's3.json': S3_TEXT }): string {
  const l = m.locations[index];
  return texts[l.name].slice(l.range.start, l.range.end);
}

describe('defaults from the documents', () => {
  test('pool ID from the trust policy aud, identity from its amr, request and s3:prefix from the first Allow statement', () => {
    const m = model({ identityId: ME });
    assert.deepEqual(m.inputs, {
      identity: 'user-pool',
      provider: '',
      identityId: ME,
      poolId: POOL,
      flow: 'enhanced',
      action: 's3:ListBucket',
      resource: 'arn:aws:s3:::photos',
      context: `s3:prefix=private/${ME}/example`,
      // The inputs of a whole pool's document (poolFlow.ts) are empty on a policy's.
      pool: '',
      signIn: '',
      claims: '',
      token: '',
      role: '',
    });
    assert.deepEqual(m.origins, {
      poolId: 'from the aud condition of trust.json',
      identity: 'from the amr condition of trust.json',
      flow: 'the flow AWS recommends',
      action: 'from Statement "ListOwnFolder" in s3.json',
      resource: 'from Statement "ListOwnFolder" in s3.json',
      context: 'from Statement "ListOwnFolder" in s3.json',
    });
    assert.equal(m.request.decision, 'allowed', m.request.reasons.join('\n'));
  });

  test('an amr naming a provider chooses its kind and provider; "unauthenticated" chooses a guest', () => {
    const google = model({}, { trust: source('t.json', trustText('accounts.google.com')), permissions: [] });
    assert.deepEqual([google.inputs.identity, google.inputs.provider], ['social', 'accounts.google.com']);
    const guest = model({}, { trust: source('t.json', trustText('unauthenticated')), permissions: [] });
    assert.equal(guest.inputs.identity, 'guest');
    assert.equal(guest.trust.status, 'allowed');
  });

  test('without aud the pool ID comes from the setting; the example identity ID takes the pool region', () => {
    const m = buildFlowModel({ permissions: [S3] }, {}, { catalog, identityPoolId: 'eu-west-1:0b1c2d3e-0000-4000-8000-000000000001' });
    assert.equal(m.inputs.poolId, 'eu-west-1:0b1c2d3e-0000-4000-8000-000000000001');
    assert.equal(m.origins.poolId, 'from the cognitoPool.identityPoolId setting');
    assert.equal(m.inputs.identityId, 'eu-west-1:00000000-0000-0000-0000-000000000000');
    assert.equal(m.origins.identityId, 'an example: GetId returns the real identity ID');
  });

  test('a wildcard action becomes the first action the catalog matches; Action "*" is skipped for the next statement', () => {
    const text = policy([
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Sid: 'Translate', Effect: 'Allow', Action: 'translate:Translate*', Resource: '*' },
    ]);
    const m = model({}, { permissions: [source('p.json', text)] });
    assert.equal(m.inputs.action, catalog.matchActions('translate:Translate*').map((a) => `${a.service}:${a.name}`)[0]);
    assert.equal(m.inputs.resource, '*');
    assert.equal(m.origins.action, 'from Statement "Translate" in p.json');
  });

  test('an empty input means none: no pool ID makes the aud condition fail', () => {
    const m = model({ poolId: '', identityId: ME });
    assert.equal(m.inputs.poolId, '');
    const aud = m.trust.statements[0].conditions[0];
    assert.deepEqual([aud.claim, aud.passed], ['aud', false]);
    assert.equal(aud.detail, 'condition StringEquals cognito-identity.amazonaws.com:aud failed: the request has no cognito-identity.amazonaws.com:aud');
    assert.equal(m.trust.status, 'denied');
  });
});

describe('the trust policy, condition by condition', () => {
  test('a signed-in identity of the pool passes aud and amr; each condition points at its key and values', () => {
    const m = model({ identityId: ME });
    assert.equal(m.trust.status, 'allowed');
    const [s] = m.trust.statements;
    assert.deepEqual([s.label, s.effect, s.met, s.decided], ['Statement "PoolUsers"', 'Allow', true, true]);
    assert.deepEqual(
      s.conditions.map((c) => [c.claim, c.operator, c.values, c.passed, c.detail]),
      [
        ['aud', 'StringEquals', [POOL], true, `the request has "${POOL}"`],
        ['amr', 'ForAnyValue:StringLike', ['authenticated'], true, 'the request has ["authenticated"]'],
      ],
    );
    assert.equal(textAt(m, s.conditions[0].location), `"cognito-identity.amazonaws.com:aud": "${POOL}"`);
    assert.equal(textAt(m, s.conditions[1].location), '"cognito-identity.amazonaws.com:amr": "authenticated"');
  });

  test('a guest fails the amr condition only: no credentials, the request is never sent', () => {
    const m = model({ identity: 'guest', identityId: ME, action: 's3:GetObject', resource: `arn:aws:s3:::photos/private/${ME}/a.jpg` });
    assert.deepEqual(
      m.trust.statements[0].conditions.map((c) => [c.claim, c.passed]),
      [
        ['aud', true],
        ['amr', false],
      ],
    );
    assert.equal(
      m.trust.statements[0].conditions[1].detail,
      'condition ForAnyValue:StringLike cognito-identity.amazonaws.com:amr failed: no value of the request\'s ["unauthenticated"] matches "authenticated"',
    );
    assert.deepEqual([m.trust.status, m.credentials.issued, m.request.status, m.request.decision], ['denied', false, 'no-credentials', 'implicit-deny']);
    assert.deepEqual(steps(m).slice(-4), [
      'note sts: Trust policy: refuses this identity [fail]',
      'sts-->cognito AccessDenied: Not authorized to perform sts:AssumeRoleWithWebIdentity [fail]',
      'cognito-->app InvalidIdentityPoolConfigurationException [fail]',
      `app->service s3:GetObject on arn:aws:s3:::photos/private/${ME}/a.jpg [skipped]`,
    ]);
    assert.equal(m.summary, 'No credentials for a guest (enhanced flow): the trust policy refuses it.');
  });

  test("another pool ID fails aud with the evaluator's reason", () => {
    const m = model({ poolId: 'us-east-1:aaaaaaaa-0000-0000-0000-000000000000', identityId: ME });
    const aud = m.trust.statements[0].conditions[0];
    assert.equal(aud.passed, false);
    assert.equal(
      aud.detail,
      `condition StringEquals cognito-identity.amazonaws.com:aud failed: the request has "us-east-1:aaaaaaaa-0000-0000-0000-000000000000" and the policy wants "${POOL}"`,
    );
  });

  test('without a trust policy the trust is not checked and the credentials are assumed', () => {
    const m = model({ identityId: ME }, { permissions: [S3] });
    assert.deepEqual([m.trust.status, m.trust.statements.length, m.credentials.issued], ['not-checked', 0, undefined]);
    assert.equal(m.request.decision, 'allowed');
    assert.equal(
      m.summary,
      `Allowed: s3:ListBucket on arn:aws:s3:::photos for an identity signed in through Cognito user pool (enhanced flow, trust not checked).`,
    );
  });
});

describe('the request and its deciding statements', () => {
  test('own folder allowed: the deciding statement with its exact range and line', () => {
    const m = model({ identityId: ME, action: 's3:GetObject', resource: `arn:aws:s3:::photos/private/${ME}/cat.jpg` });
    assert.deepEqual([m.request.status, m.request.decision, m.request.service], ['evaluated', 'allowed', 'Amazon S3']);
    assert.equal(m.request.statements.length, 1);
    const at = m.locations[m.request.statements[0]];
    assert.equal(at.document, 'file:///role/s3.json');
    assert.ok(textAt(m, m.request.statements[0]).startsWith('{\n      "Sid": "OwnObjects"'));
    assert.deepEqual(at.start, { line: 16, character: 4 });
    assert.deepEqual(steps(m).slice(-2), [`app->service s3:GetObject on arn:aws:s3:::photos/private/${ME}/cat.jpg [ok]`, 'service-->app Allowed [ok]']);
  });

  test("another identity's folder is denied implicitly, with no deciding statement", () => {
    const m = model({ identityId: ME, action: 's3:GetObject', resource: `arn:aws:s3:::photos/private/${OTHER}/cat.jpg` });
    assert.deepEqual([m.request.decision, m.request.statements], ['implicit-deny', []]);
    assert.equal(steps(m).at(-1), 'service-->app AccessDenied (denied implicitly) [fail]');
  });

  test('an explicit Deny decides and is pointed at', () => {
    const m = model({ identityId: ME, action: 's3:DeleteObject', resource: `arn:aws:s3:::photos/private/${ME}/cat.jpg` });
    assert.equal(m.request.decision, 'explicit-deny');
    assert.ok(textAt(m, m.request.statements[0]).includes('"Sid": "NoDeletes"'));
  });

  test("a guest in the enhanced flow: the session policy denies what the role's policy allows", () => {
    const guestTrust = source('trust.json', trustText('unauthenticated'));
    const m = model(
      { identity: 'guest', identityId: ME, action: 's3:GetObject', resource: `arn:aws:s3:::photos/private/${ME}/cat.jpg` },
      { trust: guestTrust, permissions: [S3] },
    );
    assert.deepEqual([m.trust.status, m.request.decision], ['allowed', 'implicit-deny']);
    assert.equal(m.credentials.sessionPolicy, 'AmazonCognitoUnAuthedIdentitiesSessionPolicy');
    assert.ok(m.request.reasons[0].startsWith('s3:GetObject is outside the enhanced-flow session policy'), m.request.reasons[0]);
    const basic = model(
      { identity: 'guest', flow: 'basic', identityId: ME, action: 's3:GetObject', resource: `arn:aws:s3:::photos/private/${ME}/cat.jpg` },
      { trust: guestTrust, permissions: [S3] },
    );
    assert.equal(basic.request.decision, 'allowed');
    assert.equal(basic.credentials.sessionPolicy, undefined);
    assert.ok(basic.credentials.notes.includes('The identity pool must allow the basic flow (AllowClassicFlow, "Basic (classic) authentication").'));
  });

  test('no request, an invalid request, no permission policy', () => {
    assert.equal(model({ action: '', identityId: ME }).request.status, 'no-request');
    const invalid = model({ action: 's3:Get*', resource: '*', identityId: ME });
    assert.equal(invalid.request.status, 'invalid');
    assert.deepEqual(invalid.problems, [
      { input: 'action', message: 'The request cannot be evaluated: the action "s3:Get*" has a wildcard: a request names one action.' },
    ]);
    const trustOnly = model({ identityId: ME, action: 's3:GetObject', resource: 'arn:aws:s3:::photos/x' }, { trust: TRUST });
    assert.equal(trustOnly.request.status, 'no-policies');
    assert.equal(trustOnly.trust.status, 'allowed');
  });

  test('two policies with the same name stay apart', () => {
    const a = source('policy.json', policy([{ Sid: 'A', Effect: 'Allow', Action: 'sqs:SendMessage', Resource: '*' }]));
    const b = {
      ...source('policy.json', policy([{ Sid: 'B', Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }])),
      document: 'file:///other/policy.json',
    };
    const m = model({ identityId: ME, action: 's3:GetObject', resource: 'arn:aws:s3:::x/y' }, { permissions: [a, b] });
    assert.deepEqual(m.sources.permissions, ['policy.json', 'policy.json (2)']);
    const at = m.locations[m.request.statements[0]];
    assert.deepEqual([at.document, at.name], ['file:///other/policy.json', 'policy.json']);
  });
});

describe('input problems', () => {
  test('a malformed identity ID, a user-pool provider that is not one, a bad context line', () => {
    const m = model({ identityId: 'me', provider: 'accounts.google.com', context: 's3:prefix=a\nnot a line' });
    assert.deepEqual(m.problems, [
      { input: 'context', message: 'Context line 2: "not a line" is not KEY=VALUE with a condition key such as s3:prefix.' },
      { input: 'identityId', message: '"me" is not an identity ID (<region>:<guid>): GetId never returns it.' },
      { input: 'provider', message: '"accounts.google.com" is not a user pool provider name (cognito-idp.<region>.amazonaws.com/<userPoolId>).' },
    ]);
  });

  test('context lines: a repeated key is multi-valued, a JSON array too, comments are skipped', () => {
    assert.deepEqual(parseContextLines('# tags\naws:TagKeys=a\naws:TagKeys=b\ns3:prefix = home/\naws:SourceVpc=["v1"]'), {
      context: { 'aws:TagKeys': ['a', 'b'], 's3:prefix': 'home/', 'aws:SourceVpc': ['v1'] },
      problems: [],
    });
  });
});

describe('the flows', () => {
  const USER_POOL = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_AbC123';

  test('enhanced, signed in through a user pool', () => {
    const m = model({ identityId: ME, provider: USER_POOL, action: '' });
    assert.deepEqual(
      m.participants.map((p) => `${p.id}: ${p.label}${p.detail ? ` (${p.detail})` : ''}`),
      ['app: Your app', `idp: Cognito user pool (${USER_POOL})`, `cognito: Cognito identity pool (${POOL})`, 'sts: AWS STS', 'service: AWS service'],
    );
    assert.deepEqual(steps(m), [
      'app->idp Sign in [neutral]',
      'idp-->app ID token [neutral]',
      'app->cognito GetId [neutral]',
      'cognito-->app IdentityId [neutral]',
      'app->cognito GetCredentialsForIdentity [neutral]',
      'cognito->sts AssumeRoleWithWebIdentity [neutral]',
      'note sts: Trust policy: lets this identity in [ok]',
      'sts-->cognito Credentials (1 hour) [ok]',
      'cognito-->app Credentials (1 hour) [ok]',
    ]);
    const note = m.steps[6];
    assert.ok(note.kind === 'note');
    assert.deepEqual(note.lines, [
      { text: `token: aud ${POOL}, amr ["authenticated","${USER_POOL}"]`, status: 'neutral' },
      { text: `aud StringEquals ${POOL}`, status: 'ok' },
      { text: 'amr ForAnyValue:StringLike authenticated', status: 'ok' },
    ]);
    assert.deepEqual(m.credentials.notes, ['GetCredentialsForIdentity returns credentials that expire after 1 hour.']);
  });

  test('basic: GetOpenIdToken (10 minutes), then the app calls STS itself', () => {
    const m = model({ identityId: ME, flow: 'basic', action: '' });
    assert.deepEqual(steps(m).slice(4), [
      'app->cognito GetOpenIdToken [neutral]',
      'cognito-->app OpenID token (10 minutes) [neutral]',
      'app->sts AssumeRoleWithWebIdentity [neutral]',
      'note sts: Trust policy: lets this identity in [ok]',
      'sts-->app Credentials (1 hour) [ok]',
    ]);
    assert.deepEqual(m.credentials.token, { name: 'OpenID token', lifetimeSeconds: 600, lifetime: '10 minutes' });
    assert.deepEqual(m.credentials.notes, [
      "AssumeRoleWithWebIdentity: 1 hour by default; DurationSeconds from 900 s up to the role's maximum session duration.",
    ]);
  });

  test('developer-authenticated: the backend gets the token (15 minutes by default) and no GetId is called', () => {
    const m = model({ identity: 'developer', provider: 'login.example.app', identityId: ME, action: '' });
    assert.deepEqual(
      m.participants.map((p) => p.id),
      ['app', 'backend', 'cognito', 'sts', 'service'],
    );
    assert.deepEqual(steps(m).slice(0, 5), [
      'app->backend Sign in [neutral]',
      'backend->cognito GetOpenIdTokenForDeveloperIdentity [neutral]',
      'cognito-->backend IdentityId, OpenID token (15 minutes) [neutral]',
      'backend-->app IdentityId, OpenID token [neutral]',
      'app->cognito GetCredentialsForIdentity [neutral]',
    ]);
    assert.equal(m.credentials.token?.lifetimeSeconds, 900);
    assert.ok(m.credentials.notes.includes('The developer token lasts 15 minutes unless TokenDuration asks for more (at most 24 hours).'));
  });

  test('a guest in the enhanced flow gets no sign-in step and the session policy on the STS call', () => {
    const m = model({ identity: 'guest', identityId: ME, action: '' }, { trust: source('t.json', trustText('unauthenticated')) });
    assert.deepEqual(
      m.participants.map((p) => p.id),
      ['app', 'cognito', 'sts', 'service'],
    );
    const sts = m.steps.find((s) => s.kind === 'call' && s.to === 'sts');
    assert.ok(sts && sts.kind === 'call');
    assert.equal(sts.detail, "the pool's unauthenticated role, with the session policy AmazonCognitoUnAuthedIdentitiesSessionPolicy");
  });
});

describe('Mermaid export', () => {
  test('a guest in the basic flow, allowed, as a sequenceDiagram', () => {
    const trust = source('t.json', trustText('unauthenticated'));
    const perms = source('p.json', policy([{ Sid: 'Speak', Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }]));
    const m = model({ identity: 'guest', flow: 'basic', identityId: ME, action: 'polly:SynthesizeSpeech', resource: '*' }, { trust, permissions: [perms] });
    assert.equal(
      flowToMermaid(m),
      [
        'sequenceDiagram',
        '  participant App as Your app',
        `  participant Cognito as Cognito identity pool (${POOL})`,
        '  participant STS as AWS STS',
        '  participant Service as Amazon Polly',
        '  App->>Cognito: GetId: IdentityPoolId (no Logins: a guest)',
        `  Cognito-->>App: IdentityId: ${ME}`,
        '  App->>Cognito: GetOpenIdToken: IdentityId',
        '  Cognito-->>App: OpenID token (10 minutes)',
        '  App->>STS: AssumeRoleWithWebIdentity: RoleArn, WebIdentityToken',
        `  Note over STS: Trust policy: lets this identity in<br/>token: aud ${POOL}, amr ["unauthenticated"]<br/>✓ aud StringEquals ${POOL}<br/>✓ amr ForAnyValue:StringLike unauthenticated`,
        '  STS-->>App: ✓ Credentials (1 hour): AccessKeyId, SecretAccessKey, SessionToken',
        '  App->>Service: ✓ polly:SynthesizeSpeech on *',
        '  Service-->>App: ✓ Allowed',
        '  Note over App,Service: Allowed by p.json:4',
        '',
      ].join('\n'),
    );
  });

  test('policy text cannot break out: angle brackets, ";" and "#" are entity-coded', () => {
    const evil = '<img src=x onerror=alert(1)>;#';
    const perms = source('p.json', policy([{ Sid: 'X', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${evil}` }]));
    const m = model({ identityId: ME }, { permissions: [perms] });
    assert.equal(m.inputs.resource, `arn:aws:s3:::b/${evil}`);
    const text = flowToMermaid(m);
    assert.ok(!text.includes('<img'), text);
    assert.ok(text.includes('  App->>Service: ✓ s3:GetObject on arn:aws:s3:::b/#lt;img src=x onerror=alert(1)#gt;#59;#35;\n'), text);
  });

  test('policy text cannot configure the diagram: "%" is entity-coded, so no %%{init}%% directive or %% comment gets through', () => {
    const evil = '%%{init: {"theme": "dark"}}%% %% a comment';
    const perms = source('p.json', policy([{ Sid: 'X', Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::b/${evil}` }]));
    const text = flowToMermaid(model({ identityId: ME }, { permissions: [perms] }));
    assert.ok(!text.includes('%'), text);
    assert.ok(text.includes('  App->>Service: ✓ s3:GetObject on arn:aws:s3:::b/#37;#37;{init: {"theme": "dark"}}#37;#37; #37;#37; a comment\n'), text);
  });

  test('a denied request ends with a crossed arrow', () => {
    const m = model({ identityId: ME, action: 's3:GetObject', resource: `arn:aws:s3:::photos/private/${OTHER}/x` });
    assert.ok(
      flowToMermaid(m).includes(
        `  App-xService: ✗ s3:GetObject on arn:aws:s3:::photos/private/${OTHER}/x\n  Service--xApp: ✗ AccessDenied (denied implicitly)\n`,
      ),
    );
  });
});
