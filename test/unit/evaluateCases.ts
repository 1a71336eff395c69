/**
 * The evaluator's table, shared by test/unit/evaluate.test.ts (the core's evaluateRequest) and
 * test/integration/simulate.test.ts (the same cases through `cognito-pool-lint simulate`). Each case names
 * the behaviour it protects; the examples/ policies are used where they fit.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { AccessDecision, ContextValue, PoolFlow, PoolIdentity } from '../../server/src/core';

export interface PolicyFile {
  /** The file name: the label in results (the CLI runs with these names in its working directory). */
  readonly file: string;
  readonly text: string;
}

export interface EvaluateCase {
  readonly name: string;
  readonly policies: readonly PolicyFile[];
  readonly trust?: PolicyFile;
  readonly identity: Pick<PoolIdentity, 'kind' | 'provider'>;
  readonly identityId?: string;
  readonly poolId?: string;
  readonly flow?: PoolFlow;
  readonly action: string;
  readonly resource: string;
  readonly context?: Readonly<Record<string, ContextValue>>;
  readonly decision: AccessDecision;
  /** The Sids of the deciding statements, in order. */
  readonly sids: readonly string[];
  /** Expected trust decision when the case has a trust policy. */
  readonly trustDecision?: 'allowed' | 'denied';
  /** A text that one of the reasons (decision or trust) must contain: the explanation is part of the behaviour. */
  readonly reason?: string;
}

const examples = path.resolve(__dirname, '../../../examples');
const example = (file: string): PolicyFile => ({ file, text: fs.readFileSync(path.join(examples, file), 'utf8') });
const inline = (file: string, statements: unknown[], version: string | null = '2012-10-17'): PolicyFile => ({
  file,
  text: JSON.stringify(version ? { Version: version, Statement: statements } : { Statement: statements }, null, 2),
});

export const POOL = 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21'; // the examples' pool
export const OTHER_POOL = 'us-east-1:00000000-1111-2222-3333-444444444444';
export const ME = 'us-east-1:aaaaaaaa-1111-2222-3333-444444444444';
export const OTHER = 'us-east-1:bbbbbbbb-1111-2222-3333-444444444444';
const SUB = '${cognito-identity.amazonaws.com:sub}';
const AUD_KEY = 'cognito-identity.amazonaws.com:aud';
const AMR_KEY = 'cognito-identity.amazonaws.com:amr';
const UPLOADS = 'arn:aws:s3:::photo-app-user-uploads';
const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/PhotoAlbums';
const GOOGLE = { kind: 'authenticated', provider: 'accounts.google.com' } as const;
const GUEST = { kind: 'guest' } as const;
const SIGNED_IN = { kind: 'authenticated' } as const;

const S3 = example('s3-per-identity.json');
const DYNAMO = example('dynamodb-per-identity.json');
const TRUST_AUTH = example('trust-authenticated.json');
const TRUST_GUEST = example('trust-guest.json');

/** One Allow statement on a bucket's objects, with a condition: the operator cases. */
const allowWhen = (sid: string, condition: Record<string, unknown>, resource = 'arn:aws:s3:::b/*', action = 's3:GetObject') =>
  inline(`${sid}.json`, [{ Sid: sid, Effect: 'Allow', Action: action, Resource: resource, Condition: condition }]);
const OBJECT = 'arn:aws:s3:::b/k.txt';
/** A trust policy of an identity-pool role with a custom amr condition. */
const trustWith = (file: string, amrCondition: Record<string, unknown>, actions: string | string[] = 'sts:AssumeRoleWithWebIdentity') =>
  inline(file, [
    {
      Sid: 'PoolUsers',
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: actions,
      Condition: { StringEquals: { [AUD_KEY]: POOL }, ...amrCondition },
    },
  ]);
const GUEST_POLICY = inline('guest.json', [
  { Sid: 'GuestSpeechAndMaps', Effect: 'Allow', Action: ['polly:SynthesizeSpeech', 'geo:GetMapTile'], Resource: '*' },
  { Sid: 'GuestUploads', Effect: 'Allow', Action: 's3:PutObject', Resource: `${UPLOADS}/public/*` },
]);

// One case a line: the table reads as a table.
// prettier-ignore
export const CASES: readonly EvaluateCase[] = [
  // ---- the required scenarios, on the examples
  {
    name: 'an identity reads its own S3 prefix (the sub variable resolves to its identity ID)',
    policies: [S3], trust: TRUST_AUTH, identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 's3:GetObject', resource: `${UPLOADS}/private/${ME}/photo.jpg`,
    decision: 'allowed', sids: ['ReadWriteOwnObjects'], trustDecision: 'allowed', reason: `is "${UPLOADS}/private/${ME}/*" for this identity`,
  },
  {
    name: "an identity is denied another identity's S3 prefix",
    policies: [S3], trust: TRUST_AUTH, identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 's3:GetObject', resource: `${UPLOADS}/private/${OTHER}/photo.jpg`,
    decision: 'implicit-deny', sids: [], trustDecision: 'allowed', reason: 'No statement allows s3:GetObject',
  },
  {
    name: 'ListBucket on the bucket ARN with s3:prefix of its own folder is allowed',
    policies: [S3], identity: SIGNED_IN, identityId: ME, poolId: POOL,
    action: 's3:ListBucket', resource: UPLOADS, context: { 's3:prefix': `private/${ME}/` },
    decision: 'allowed', sids: ['ListOwnFolder'],
  },
  {
    name: "ListBucket with s3:prefix of another identity's folder is denied, saying which prefix was wanted",
    policies: [S3], identity: SIGNED_IN, identityId: ME, poolId: POOL,
    action: 's3:ListBucket', resource: UPLOADS, context: { 's3:prefix': `private/${OTHER}/` },
    decision: 'implicit-deny', sids: [], reason: `the policy wants "private/${ME}/" or "private/${ME}/*"`,
  },
  {
    name: 'ListBucket without s3:prefix is denied (StringLike on a missing key is false)',
    policies: [S3], identity: SIGNED_IN, identityId: ME, poolId: POOL,
    action: 's3:ListBucket', resource: UPLOADS,
    decision: 'implicit-deny', sids: [], reason: 'the request has no s3:prefix',
  },
  {
    name: 'DynamoDB: an item whose leading key is the identity ID is allowed',
    policies: [DYNAMO], identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 'dynamodb:GetItem', resource: TABLE, context: { 'dynamodb:LeadingKeys': [ME] },
    decision: 'allowed', sids: ['OwnItemsOnly'],
  },
  {
    name: "DynamoDB: another identity's leading key is denied",
    policies: [DYNAMO], identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 'dynamodb:Query', resource: TABLE, context: { 'dynamodb:LeadingKeys': [OTHER] },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'DynamoDB: ForAllValues denies when one of several leading keys is not the identity ID',
    policies: [DYNAMO], identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 'dynamodb:GetItem', resource: TABLE, context: { 'dynamodb:LeadingKeys': [ME, OTHER] },
    decision: 'implicit-deny', sids: [], reason: 'not every value of the request',
  },
  {
    name: 'DynamoDB: ForAllValues is true for an empty set of leading keys, and the reason says so',
    policies: [DYNAMO], identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 'dynamodb:GetItem', resource: TABLE, context: { 'dynamodb:LeadingKeys': [] },
    decision: 'allowed', sids: ['OwnItemsOnly'], reason: 'ForAllValues is true for an empty set',
  },
  // ---- trust: guests vs signed-in users, the pool, providers, TagSession
  {
    name: "a guest cannot assume the authenticated role (amr is [\"unauthenticated\"]), so it gets no credentials",
    policies: [S3], trust: TRUST_AUTH, identity: GUEST, identityId: ME, poolId: POOL,
    action: 's3:GetObject', resource: `${UPLOADS}/private/${ME}/photo.jpg`,
    decision: 'implicit-deny', sids: [], trustDecision: 'denied', reason: 'no value of the request\'s ["unauthenticated"] matches "authenticated"',
  },
  {
    name: 'a signed-in identity cannot assume the guest role',
    policies: [GUEST_POLICY], trust: TRUST_GUEST, identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 'polly:SynthesizeSpeech', resource: '*',
    decision: 'implicit-deny', sids: [], trustDecision: 'denied',
  },
  {
    name: 'a guest of the pool assumes the guest role and may use an action on the scope-down list',
    policies: [GUEST_POLICY], trust: TRUST_GUEST, identity: GUEST, identityId: ME, poolId: POOL,
    action: 'polly:SynthesizeSpeech', resource: '*',
    decision: 'allowed', sids: ['GuestSpeechAndMaps'], trustDecision: 'allowed', reason: '("polly:*")',
  },
  {
    name: 'an identity of another pool (wrong pool ID in aud) cannot assume the role',
    policies: [GUEST_POLICY], trust: TRUST_GUEST, identity: GUEST, identityId: ME, poolId: OTHER_POOL,
    action: 'polly:SynthesizeSpeech', resource: '*',
    decision: 'implicit-deny', sids: [], trustDecision: 'denied', reason: `the request has "${OTHER_POOL}" and the policy wants "${POOL}"`,
  },
  {
    name: 'a role restricted to one provider lets in that provider\'s users (ForAnyValue on amr)',
    policies: [GUEST_POLICY], trust: trustWith('trust-google.json', { 'ForAnyValue:StringLike': { [AMR_KEY]: 'accounts.google.com' } }), identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 'polly:SynthesizeSpeech', resource: '*',
    decision: 'allowed', sids: ['GuestSpeechAndMaps'], trustDecision: 'allowed',
  },
  {
    name: "a role restricted to one provider keeps out another provider's users",
    policies: [GUEST_POLICY], trust: trustWith('trust-google.json', { 'ForAnyValue:StringLike': { [AMR_KEY]: 'accounts.google.com' } }), identity: { kind: 'authenticated', provider: 'graph.facebook.com' }, identityId: ME, poolId: POOL,
    action: 'polly:SynthesizeSpeech', resource: '*',
    decision: 'implicit-deny', sids: [], trustDecision: 'denied',
  },
  {
    name: 'a plain StringLike on the multi-valued amr of a signed-in identity does not hold, and the reason says to use ForAnyValue:',
    policies: [GUEST_POLICY], trust: trustWith('trust-plain-amr.json', { StringLike: { [AMR_KEY]: 'authenticated' } }), identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 'polly:SynthesizeSpeech', resource: '*',
    decision: 'implicit-deny', sids: [], trustDecision: 'denied', reason: 'use ForAnyValue: or ForAllValues:',
  },
  {
    name: 'an explicit Deny in the trust policy keeps guests out although an Allow lets them in',
    policies: [GUEST_POLICY],
    trust: inline('trust-deny-guests.json', [
      { Sid: 'PoolUsers', Effect: 'Allow', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { StringEquals: { [AUD_KEY]: POOL } } },
      { Sid: 'NoGuests', Effect: 'Deny', Principal: { Federated: 'cognito-identity.amazonaws.com' }, Action: 'sts:AssumeRoleWithWebIdentity', Condition: { 'ForAnyValue:StringLike': { [AMR_KEY]: 'unauthenticated' } } },
    ]),
    identity: GUEST, identityId: ME, poolId: POOL,
    action: 'polly:SynthesizeSpeech', resource: '*',
    decision: 'implicit-deny', sids: [], trustDecision: 'denied', reason: 'Statement "NoGuests" in trust-deny-guests.json denies sts:AssumeRoleWithWebIdentity',
  },
  {
    name: 'principal tags (attributes for access control) need sts:TagSession in the trust policy',
    policies: [GUEST_POLICY], trust: TRUST_GUEST, identity: GUEST, identityId: ME, poolId: POOL,
    action: 'polly:SynthesizeSpeech', resource: '*', context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'implicit-deny', sids: [], trustDecision: 'denied', reason: 'allows sts:TagSession',
  },
  {
    name: 'with sts:TagSession allowed, an identity with principal tags assumes the role',
    policies: [S3], trust: TRUST_AUTH, identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 's3:GetObject', resource: `${UPLOADS}/private/${ME}/photo.jpg`, context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'allowed', sids: ['ReadWriteOwnObjects'], trustDecision: 'allowed', reason: 'call sts:TagSession',
  },
  {
    name: 'the principal tags reach the trust policy as request tags (aws:RequestTag), not as aws:PrincipalTag',
    policies: [GUEST_POLICY],
    trust: inline('trust-tags.json', [
      {
        Sid: 'BlueTeamOnly',
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession'],
        Condition: { StringEquals: { [AUD_KEY]: POOL, 'aws:RequestTag/team': 'blue' }, Null: { 'aws:PrincipalTag/team': 'true' } },
      },
    ]),
    identity: GOOGLE, identityId: ME, poolId: POOL,
    action: 'polly:SynthesizeSpeech', resource: '*', context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'allowed', sids: ['GuestSpeechAndMaps'], trustDecision: 'allowed',
  },
  // ---- the guest scope-down of the enhanced flow
  {
    name: 'enhanced flow: a guest cannot write to S3 although the role allows it (outside the scope-down list)',
    policies: [GUEST_POLICY], trust: TRUST_GUEST, identity: GUEST, identityId: ME, poolId: POOL, flow: 'enhanced',
    action: 's3:PutObject', resource: `${UPLOADS}/public/a.jpg`,
    decision: 'implicit-deny', sids: [], trustDecision: 'allowed', reason: 'AmazonCognitoUnAuthedIdentitiesSessionPolicy',
  },
  {
    name: 'basic flow: no scope-down, the guest role\'s own Allow decides',
    policies: [GUEST_POLICY], trust: TRUST_GUEST, identity: GUEST, identityId: ME, poolId: POOL, flow: 'basic',
    action: 's3:PutObject', resource: `${UPLOADS}/public/a.jpg`,
    decision: 'allowed', sids: ['GuestUploads'], trustDecision: 'allowed', reason: 'Basic flow',
  },
  {
    name: 'enhanced flow: a wildcard of the scope-down list (geo:GetMap*) covers geo:GetMapTile',
    policies: [GUEST_POLICY], identity: GUEST, identityId: ME, poolId: POOL,
    action: 'geo:GetMapTile', resource: '*',
    decision: 'allowed', sids: ['GuestSpeechAndMaps'], reason: '("geo:GetMap*")',
  },
  {
    name: 'enhanced flow: the scope-down applies to guests only, not to signed-in identities',
    policies: [GUEST_POLICY], identity: SIGNED_IN, identityId: ME, poolId: POOL,
    action: 's3:PutObject', resource: `${UPLOADS}/public/a.jpg`,
    decision: 'allowed', sids: ['GuestUploads'],
  },
  // ---- evaluation logic: explicit deny, NotAction, NotResource, matching
  {
    name: 'an explicit Deny in another policy wins over an Allow',
    policies: [
      inline('allow.json', [{ Sid: 'AllowAll', Effect: 'Allow', Action: 's3:*', Resource: `${UPLOADS}/*` }]),
      inline('deny.json', [{ Sid: 'NoDeletes', Effect: 'Deny', Action: 's3:DeleteObject', Resource: '*' }]),
    ],
    identity: SIGNED_IN, identityId: ME, action: 's3:DeleteObject', resource: `${UPLOADS}/x`,
    decision: 'explicit-deny', sids: ['NoDeletes'], reason: 'an explicit Deny overrides every Allow',
  },
  {
    name: 'a Deny whose condition does not hold does not apply, and the reason says why',
    policies: [
      inline('allow.json', [{ Sid: 'AllowAll', Effect: 'Allow', Action: 's3:*', Resource: `${UPLOADS}/*` }]),
      inline('deny.json', [{ Sid: 'NoInsecure', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]),
    ],
    identity: SIGNED_IN, identityId: ME, action: 's3:GetObject', resource: `${UPLOADS}/x`, context: { 'aws:SecureTransport': 'true' },
    decision: 'allowed', sids: ['AllowAll'], reason: 'would deny s3:GetObject',
  },
  {
    name: 'Bool: a Deny on aws:SecureTransport "false" denies a plain-HTTP request',
    policies: [
      inline('allow.json', [{ Sid: 'AllowAll', Effect: 'Allow', Action: 's3:*', Resource: `${UPLOADS}/*` }]),
      inline('deny.json', [{ Sid: 'NoInsecure', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: { Bool: { 'aws:SecureTransport': 'false' } } }]),
    ],
    identity: SIGNED_IN, identityId: ME, action: 's3:GetObject', resource: `${UPLOADS}/x`, context: { 'aws:SecureTransport': 'false' },
    decision: 'explicit-deny', sids: ['NoInsecure'],
  },
  {
    name: 'NotAction with Allow grants every action it does not name',
    policies: [inline('notaction.json', [{ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT,
    decision: 'allowed', sids: ['AllButIam'],
  },
  {
    name: 'NotAction with Allow does not grant the actions it names',
    policies: [inline('notaction.json', [{ Sid: 'AllButIam', Effect: 'Allow', NotAction: 'iam:*', Resource: '*' }])],
    identity: SIGNED_IN, action: 'iam:PassRole', resource: 'arn:aws:iam::123456789012:role/Admin',
    decision: 'implicit-deny', sids: [],
  },
  {
    name: "NotResource in a Deny: everything outside the identity's own prefix is denied",
    policies: [
      inline('fence.json', [
        { Sid: 'AllowBucket', Effect: 'Allow', Action: 's3:*', Resource: `${UPLOADS}/*` },
        { Sid: 'DenyOutsideOwn', Effect: 'Deny', Action: 's3:*', NotResource: `${UPLOADS}/private/${SUB}/*` },
      ]),
    ],
    identity: SIGNED_IN, identityId: ME, action: 's3:GetObject', resource: `${UPLOADS}/private/${OTHER}/x`,
    decision: 'explicit-deny', sids: ['DenyOutsideOwn'],
  },
  {
    name: 'NotResource in a Deny: the own prefix is excluded from the Deny',
    policies: [
      inline('fence.json', [
        { Sid: 'AllowBucket', Effect: 'Allow', Action: 's3:*', Resource: `${UPLOADS}/*` },
        { Sid: 'DenyOutsideOwn', Effect: 'Deny', Action: 's3:*', NotResource: `${UPLOADS}/private/${SUB}/*` },
      ]),
    ],
    identity: SIGNED_IN, identityId: ME, action: 's3:GetObject', resource: `${UPLOADS}/private/${ME}/x`,
    decision: 'allowed', sids: ['AllowBucket'],
  },
  {
    name: 'actions match case-insensitively with wildcards',
    policies: [inline('case.json', [{ Sid: 'ReadAll', Effect: 'Allow', Action: 'S3:get*', Resource: 'arn:aws:s3:::b/*' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT,
    decision: 'allowed', sids: ['ReadAll'],
  },
  {
    name: 'resources match case-sensitively',
    policies: [inline('case.json', [{ Sid: 'ReadAll', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::B/*' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT,
    decision: 'implicit-deny', sids: [], reason: 'does not match arn:aws:s3:::b/k.txt',
  },
  {
    name: 'a ? in a Resource matches exactly one character',
    policies: [inline('one.json', [{ Sid: 'Logs', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/log-?.txt' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: 'arn:aws:s3:::b/log-10.txt',
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'an Effect that is not exactly "Allow" makes IAM reject the statement: it grants nothing, and the reason says so',
    policies: [inline('lower.json', [{ Sid: 'Lower', Effect: 'allow', Action: 's3:GetObject', Resource: '*' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT,
    decision: 'implicit-deny', sids: [], reason: 'is neither "Allow" nor "Deny"',
  },
  // ---- policy variables
  {
    name: 'without Version 2012-10-17 a variable is literal text and matches nothing',
    policies: [inline('old.json', [{ Sid: 'Own', Effect: 'Allow', Action: 's3:GetObject', Resource: `${UPLOADS}/private/${SUB}/*` }], '2008-10-17')],
    identity: SIGNED_IN, identityId: ME, action: 's3:GetObject', resource: `${UPLOADS}/private/${ME}/x`,
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'a variable with a default takes the default when the request has no value',
    policies: [inline('team.json', [{ Sid: 'TeamBucket', Effect: 'Allow', Action: 's3:GetObject', Resource: "arn:aws:s3:::team-${aws:PrincipalTag/team, 'company-wide'}/*" }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: 'arn:aws:s3:::team-company-wide/readme.txt',
    decision: 'allowed', sids: ['TeamBucket'],
  },
  {
    name: "a variable with a default takes the request's value when there is one",
    policies: [inline('team.json', [{ Sid: 'TeamBucket', Effect: 'Allow', Action: 's3:GetObject', Resource: "arn:aws:s3:::team-${aws:PrincipalTag/team, 'company-wide'}/*" }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: 'arn:aws:s3:::team-company-wide/readme.txt', context: { 'aws:PrincipalTag/team': 'yellow' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'a Resource whose variable has no value matches no resource, and the reason names the missing key',
    policies: [inline('team.json', [{ Sid: 'TeamBucket', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::team-${aws:PrincipalTag/team}/*' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: 'arn:aws:s3:::team-/x',
    decision: 'implicit-deny', sids: [], reason: 'the request has no aws:PrincipalTag/team',
  },
  {
    name: '${*} is a literal asterisk, not a wildcard',
    policies: [inline('escape.json', [{ Sid: 'Star', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/a${*}b' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: 'arn:aws:s3:::b/aXb',
    decision: 'implicit-deny', sids: [],
  },
  {
    name: '${*} matches an asterisk in the resource',
    policies: [inline('escape.json', [{ Sid: 'Star', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/a${*}b' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: 'arn:aws:s3:::b/a*b',
    decision: 'allowed', sids: ['Star'],
  },
  {
    name: 'a substituted value is literal text: a tag value "*" is no wildcard',
    policies: [inline('tagged.json', [{ Sid: 'ByProject', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/project}/*' }])],
    identity: SIGNED_IN, action: 's3:GetObject', resource: 'arn:aws:s3:::b/secret/x', context: { 'aws:PrincipalTag/project': '*' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'the multi-valued amr cannot be a policy variable',
    policies: [inline('amr.json', [{ Sid: 'ByAmr', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${cognito-identity.amazonaws.com:amr}/*' }])],
    identity: GUEST, flow: 'basic', action: 's3:GetObject', resource: 'arn:aws:s3:::b/unauthenticated/x',
    decision: 'implicit-deny', sids: [], reason: 'is multi-valued and cannot be a policy variable',
  },
  {
    name: 'StringNotEquals with a variable that has no value matches (AWS example: Deny when the principal has no Team tag)',
    policies: [
      inline('tags.json', [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Sid: 'SameTeamOnly', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } } },
      ]),
    ],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 's3:ExistingObjectTag/Team': 'blue' },
    decision: 'explicit-deny', sids: ['SameTeamOnly'], reason: 'matches nothing: ${aws:PrincipalTag/Team} has no value',
  },
  {
    name: 'StringNotEquals with a substituted variable that equals the request value does not match',
    policies: [
      inline('tags.json', [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Sid: 'SameTeamOnly', Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*', Condition: { StringNotEquals: { 's3:ExistingObjectTag/Team': '${aws:PrincipalTag/Team}' } } },
      ]),
    ],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 's3:ExistingObjectTag/Team': 'blue', 'aws:PrincipalTag/Team': 'blue' },
    decision: 'allowed', sids: ['Read'],
  },
  // ---- condition operators
  {
    name: 'StringEquals is case-sensitive',
    policies: [allowWhen('Team', { StringEquals: { 'aws:PrincipalTag/team': 'Blue' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'StringEqualsIgnoreCase ignores case',
    policies: [allowWhen('Team', { StringEqualsIgnoreCase: { 'aws:PrincipalTag/team': 'Blue' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'allowed', sids: ['Team'],
  },
  {
    name: 'condition keys are case-insensitive',
    policies: [allowWhen('Tls', { Bool: { 'AWS:SECURETRANSPORT': 'true' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:SecureTransport': 'true' },
    decision: 'allowed', sids: ['Tls'],
  },
  {
    name: 'StringEquals does not treat * as a wildcard',
    policies: [allowWhen('Team', { StringEquals: { 'aws:PrincipalTag/team': 'bl*' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'StringLike: ? matches exactly one character',
    policies: [allowWhen('Team', { StringLike: { 'aws:PrincipalTag/team': 'bl?e' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'allowed', sids: ['Team'],
  },
  {
    name: 'StringNotLike holds on a missing key',
    policies: [allowWhen('NotAdmins', { StringNotLike: { 'aws:PrincipalTag/role': 'admin*' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT,
    decision: 'allowed', sids: ['NotAdmins'], reason: 'a negated operator matches a missing key',
  },
  {
    name: 'several values of one key are ORed, several keys are ANDed',
    policies: [allowWhen('TeamAndTls', { StringEquals: { 'aws:PrincipalTag/team': ['red', 'blue'], 'aws:SecureTransport': 'true' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'implicit-deny', sids: [], reason: 'the request has no aws:SecureTransport',
  },
  {
    name: 'NumericLessThan holds for a smaller number',
    policies: [allowWhen('FewKeys', { NumericLessThan: { 's3:max-keys': '100' } }, 'arn:aws:s3:::b', 's3:ListBucket')],
    identity: SIGNED_IN, action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:max-keys': '10' },
    decision: 'allowed', sids: ['FewKeys'],
  },
  {
    name: 'NumericLessThan fails for a larger number',
    policies: [allowWhen('FewKeys', { NumericLessThan: { 's3:max-keys': '100' } }, 'arn:aws:s3:::b', 's3:ListBucket')],
    identity: SIGNED_IN, action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:max-keys': '500' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'a Numeric operator never matches a request value that is not a number',
    policies: [allowWhen('FewKeys', { NumericGreaterThanEquals: { 's3:max-keys': '1' } }, 'arn:aws:s3:::b', 's3:ListBucket')],
    identity: SIGNED_IN, action: 's3:ListBucket', resource: 'arn:aws:s3:::b', context: { 's3:max-keys': 'many' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'DateLessThan compares aws:CurrentTime with an ISO 8601 date',
    policies: [allowWhen('Until2027', { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:CurrentTime': '2026-06-30T12:00:00Z' },
    decision: 'allowed', sids: ['Until2027'],
  },
  {
    name: 'DateLessThan fails after the date',
    policies: [allowWhen('Until2027', { DateLessThan: { 'aws:CurrentTime': '2027-01-01T00:00:00Z' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:CurrentTime': '2027-01-01T00:00:01Z' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'DateGreaterThan accepts epoch seconds',
    policies: [allowWhen('After', { DateGreaterThan: { 'aws:EpochTime': '1767225600' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:EpochTime': '1767225601' },
    decision: 'allowed', sids: ['After'],
  },
  {
    name: 'IpAddress matches an IPv4 address inside the CIDR range',
    policies: [allowWhen('Office', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:SourceIp': '203.0.113.77' },
    decision: 'allowed', sids: ['Office'],
  },
  {
    name: 'IpAddress matches an IPv6 address inside the CIDR range',
    policies: [allowWhen('Office', { IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '2001:db8::/32'] } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:SourceIp': '2001:db8:0:1::5' },
    decision: 'allowed', sids: ['Office'],
  },
  {
    name: 'NotIpAddress in a Deny denies an address outside the range',
    policies: [
      inline('ip.json', [
        { Sid: 'Read', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' },
        { Sid: 'OfficeOnly', Effect: 'Deny', Action: '*', Resource: '*', Condition: { NotIpAddress: { 'aws:SourceIp': '203.0.113.0/24' } } },
      ]),
    ],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:SourceIp': '198.51.100.1' },
    decision: 'explicit-deny', sids: ['OfficeOnly'],
  },
  {
    name: 'ArnLike compares each ARN part with wildcards',
    policies: [allowWhen('FromTopic', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:uploads-*' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:123456789012:uploads-eu' },
    decision: 'allowed', sids: ['FromTopic'],
  },
  {
    name: 'ArnLike: a wildcard in the region part does not reach into the account part',
    policies: [allowWhen('FromTopic', { ArnLike: { 'aws:SourceArn': 'arn:aws:sns:*:123456789012:uploads-*' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:SourceArn': 'arn:aws:sns:us-east-1:999999999999:uploads-eu' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'Null "true" holds when the key is absent',
    policies: [allowWhen('Untagged', { Null: { 'aws:PrincipalTag/team': 'true' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT,
    decision: 'allowed', sids: ['Untagged'],
  },
  {
    name: 'Null "true" fails when the key is present',
    policies: [allowWhen('Untagged', { Null: { 'aws:PrincipalTag/team': 'true' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'implicit-deny', sids: [], reason: 'it wants the key to be absent',
  },
  {
    name: 'Null "false" holds for aws:FederatedProvider, which every identity-pool session carries',
    policies: [allowWhen('Federated', { Null: { 'aws:FederatedProvider': 'false' }, StringEquals: { 'aws:FederatedProvider': 'cognito-identity.amazonaws.com' } })],
    identity: GUEST, flow: 'basic', action: 's3:GetObject', resource: OBJECT,
    decision: 'allowed', sids: ['Federated'],
  },
  {
    name: 'IfExists holds when the key is absent',
    policies: [allowWhen('BlueIfTagged', { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT,
    decision: 'allowed', sids: ['BlueIfTagged'], reason: 'IfExists is true for a missing key',
  },
  {
    name: 'IfExists still compares a present key',
    policies: [allowWhen('BlueIfTagged', { StringEqualsIfExists: { 'aws:PrincipalTag/team': 'blue' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:PrincipalTag/team': 'red' },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'ForAnyValue holds when one request value matches',
    policies: [allowWhen('AnyTag', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'project' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:TagKeys': ['owner', 'project'] },
    decision: 'allowed', sids: ['AnyTag'],
  },
  {
    name: 'ForAnyValue is false for an empty set',
    policies: [allowWhen('AnyTag', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'project' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:TagKeys': [] },
    decision: 'implicit-deny', sids: [], reason: 'ForAnyValue is false for an empty set',
  },
  {
    name: 'ForAnyValue is false when the request value is an empty string (an empty data set)',
    policies: [allowWhen('AnyTag', { 'ForAnyValue:StringLike': { 'aws:TagKeys': '*' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:TagKeys': '' },
    decision: 'implicit-deny', sids: [], reason: "the request's aws:TagKeys is empty (ForAnyValue is false for an empty set)",
  },
  {
    name: 'ForAllValues fails when one request value is outside the policy values',
    policies: [allowWhen('AllowedTags', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['project', 'owner'] } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:TagKeys': ['project', 'cost-center'] },
    decision: 'implicit-deny', sids: [],
  },
  {
    name: 'ForAllValues is true when the key is absent',
    policies: [allowWhen('AllowedTags', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['project', 'owner'] } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT,
    decision: 'allowed', sids: ['AllowedTags'],
  },
  {
    name: 'ForAnyValue:StringNotEquals holds when one request value is none of the policy values',
    policies: [allowWhen('OtherTag', { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['project', 'owner'] } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:TagKeys': ['project', 'cost-center'] },
    decision: 'allowed', sids: ['OtherTag'],
  },
  {
    name: 'an unknown condition operator makes the condition fail, and the reason names it',
    policies: [allowWhen('Typo', { StringEqual: { 'aws:PrincipalTag/team': 'blue' } })],
    identity: SIGNED_IN, action: 's3:GetObject', resource: OBJECT, context: { 'aws:PrincipalTag/team': 'blue' },
    decision: 'implicit-deny', sids: [], reason: 'condition operator "StringEqual" is unknown',
  },
];

/** The CLI spelling of a case's identity: guest, authenticated, authenticated:PROVIDER. */
export function identityArg(c: EvaluateCase): string {
  return c.identity.provider ? `${c.identity.kind}:${c.identity.provider}` : c.identity.kind;
}
