/**
 * The identity-pool permission-policy rules (core/checks/identityPoolPermissions.ts): they fire only on
 * identity documents in the identity-pool context (Cognito variables or keys in the document, or the host's
 * `identityPool` option), and the guest rules only with the host's `role: 'guest'`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyze, hits, policy, summary } from './helpers';

const examples = path.resolve(__dirname, '../../../examples');
const example = (name: string) => fs.readFileSync(path.join(examples, name), 'utf8');

const SUB = '${cognito-identity.amazonaws.com:sub}';
const TABLE = 'arn:aws:dynamodb:us-east-1:123456789012:table/Notes';
/** A correct per-identity statement that puts a document in the identity-pool context. */
const OWN_FOLDER = { Effect: 'Allow', Action: 's3:GetObject', Resource: `arn:aws:s3:::bucket/private/${SUB}/*` };
const RULES = [
  'variable-never-set',
  'shared-identity-data',
  'listbucket-not-scoped-per-identity',
  'pool-credential-escalation',
  'guest-broad-access',
  'guest-outside-scope-down',
];
const ours = (text: string, options?: Parameters<typeof summary>[1]) => summary(text, options).filter((f) => RULES.some((r) => f.startsWith(`${r}:`)));
const message = (text: string, rule: string, options?: Parameters<typeof analyze>[1]) =>
  analyze(text, options).findings.find((f) => f.ruleId === rule)!.message;
const AUTHENTICATED = { identityPool: { role: 'authenticated' as const } };
const GUEST = { identityPool: { role: 'guest' as const } };

describe('examples and context', () => {
  test('the per-identity S3 and DynamoDB examples have no findings, also as an authenticated role', () => {
    for (const name of ['s3-per-identity.json', 'dynamodb-per-identity.json']) {
      assert.deepEqual(summary(example(name)), [], name);
      assert.deepEqual(summary(example(name), AUTHENTICATED), [], name);
      assert.deepEqual(summary(example(name), { identityPool: {} }), [], name);
    }
  });

  test('a policy that never mentions Cognito gets nothing', () => {
    const text = policy([
      { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' },
      { Effect: 'Allow', Action: ['iam:PassRole', 'dynamodb:GetItem'], Resource: '*' },
    ]);
    assert.deepEqual(ours(text), []);
  });

  test('the host input puts a policy without Cognito variables in the context', () => {
    const text = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }]);
    assert.deepEqual(ours(text, AUTHENTICATED), ['variable-never-set: ${aws:username}']);
  });

  test('trust policies are left to the trust rules', () => {
    const text = policy([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012', 'aws:username': 'x' } },
      },
    ]);
    assert.deepEqual(ours(text, GUEST), []);
  });
});

describe('variable-never-set', () => {
  test('${aws:username} in a resource: a warning that explains the identity ID', () => {
    const text = policy([OWN_FOLDER, { Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::bucket/home/${aws:username}/*' }]);
    assert.deepEqual(ours(text), ['variable-never-set: ${aws:username}']);
    const f = analyze(text).findings.find((x) => x.ruleId === 'variable-never-set')!;
    assert.equal(f.severity, 'warning');
    assert.match(f.message, /never set for identity-pool users/);
    assert.match(f.message, /IAM users/);
    assert.ok(f.message.includes(`"${SUB}" is the identity ID ("<region>:<guid>"), not the user pool's "sub"`));
  });

  test('key names are case-insensitive', () => {
    assert.deepEqual(hits(policy([OWN_FOLDER, { ...OWN_FOLDER, Resource: 'arn:aws:s3:::bucket/${AWS:UserName}/*' }]), 'variable-never-set'), [
      '${AWS:UserName}',
    ]);
  });

  test('aws:username as a condition key: never matches, or always with a negated operator', () => {
    const positive = policy([{ ...OWN_FOLDER, Condition: { StringEquals: { 'aws:username': 'alice' } } }]);
    assert.deepEqual(hits(positive, 'variable-never-set'), ['"aws:username"']);
    assert.match(message(positive, 'variable-never-set'), /this condition never matches/);
    const negated = policy([{ ...OWN_FOLDER, Condition: { StringNotEquals: { 'aws:username': 'alice' } } }]);
    assert.match(message(negated, 'variable-never-set'), /this condition always matches/);
  });

  test('${aws:username} as a condition value', () => {
    const text = policy([
      OWN_FOLDER,
      { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { StringLike: { 's3:prefix': '${aws:username}/*' } } },
    ]);
    assert.deepEqual(hits(text, 'variable-never-set'), ['${aws:username}']);
  });

  test('silent: a Null test of the key, a default value, an old Version (variables are literal there), other keys', () => {
    assert.deepEqual(ours(policy([{ ...OWN_FOLDER, Condition: { Null: { 'aws:username': 'true' } } }])), []);
    assert.deepEqual(
      ours(
        policy([
          OWN_FOLDER,
          {
            Effect: 'Allow',
            Action: 's3:ListBucket',
            Resource: 'arn:aws:s3:::bucket',
            Condition: { StringLike: { 's3:prefix': "${aws:username, 'none'}/*" } },
          },
        ]),
      ),
      [],
    );
    assert.deepEqual(ours(policy([OWN_FOLDER, { ...OWN_FOLDER, Resource: 'arn:aws:s3:::bucket/${aws:username}/*' }], { Version: '2008-10-17' })), []);
    assert.deepEqual(ours(policy([{ ...OWN_FOLDER, Condition: { StringEquals: { 'aws:PrincipalTag/team': 'a' } } }])), []);
  });
});

describe('shared-identity-data', () => {
  test('DynamoDB items without LeadingKeys beside a per-identity statement: information on the action', () => {
    const text = policy([OWN_FOLDER, { Effect: 'Allow', Action: ['dynamodb:Query', 'dynamodb:PutItem'], Resource: TABLE }]);
    assert.deepEqual(ours(text), ['shared-identity-data: "dynamodb:Query"']);
    const f = analyze(text).findings.find((x) => x.ruleId === 'shared-identity-data')!;
    assert.equal(f.severity, 'information');
    assert.match(f.message, /every identity of the pool can reach every other identity's DynamoDB items/);
  });

  test('Resource "*" and action wildcards count', () => {
    assert.deepEqual(hits(policy([OWN_FOLDER, { Effect: 'Allow', Action: 's3:*', Resource: '*' }]), 'shared-identity-data'), ['"s3:*"']);
    assert.deepEqual(hits(policy([OWN_FOLDER, { Effect: 'Allow', Action: 'dynamodb:Get*', Resource: '*' }]), 'shared-identity-data'), ['"dynamodb:Get*"']);
    assert.deepEqual(hits(policy([OWN_FOLDER, { Effect: 'Allow', Action: 's3:DeleteObject', Resource: 'arn:aws:s3:::bucket/*' }]), 'shared-identity-data'), [
      '"s3:DeleteObject"',
    ]);
  });

  test('the host input is enough without a sub variable elsewhere', () => {
    const text = policy([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE }]);
    assert.deepEqual(ours(text), []);
    assert.deepEqual(ours(text, AUTHENTICATED), ['shared-identity-data: "dynamodb:GetItem"']);
  });

  test('silent: scoped by sub in a condition, by a principal tag, a public/ folder, a bucket ARN, ListBucket, Deny, only aud elsewhere', () => {
    const leadingKeys = { 'ForAllValues:StringEquals': { 'dynamodb:LeadingKeys': [SUB] } };
    assert.deepEqual(ours(policy([OWN_FOLDER, { Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: TABLE, Condition: leadingKeys }])), []);
    assert.deepEqual(
      ours(policy([OWN_FOLDER, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/team/${aws:PrincipalTag/team}/*' }])),
      [],
    );
    assert.deepEqual(ours(policy([OWN_FOLDER, { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/public/*' }])), []);
    assert.deepEqual(hits(policy([OWN_FOLDER, { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket' }]), 'shared-identity-data'), []);
    assert.deepEqual(ours(policy([OWN_FOLDER, { Effect: 'Deny', Action: 's3:GetObject', Resource: 'arn:aws:s3:::bucket/*' }])), []);
    const audOnly = {
      Effect: 'Allow',
      Action: 'dynamodb:GetItem',
      Resource: TABLE,
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' } },
    };
    assert.deepEqual(ours(policy([audOnly])), []);
  });
});

describe('pool-credential-escalation', () => {
  const withAction = (action: unknown, effect = 'Allow') => policy([OWN_FOLDER, { Effect: effect, Action: action, Resource: '*' }]);

  test('each escalating action and the wildcards that cover them, on the token', () => {
    const actions = [
      'iam:PassRole',
      'sts:AssumeRole',
      'cognito-identity:SetIdentityPoolRoles',
      'cognito-identity:GetOpenIdTokenForDeveloperIdentity',
      'iam:*',
      'sts:*',
      'cognito-identity:*',
      'iam:CreateAccessKey',
      'iam:Put*',
    ];
    for (const a of actions) assert.deepEqual(hits(withAction(a), 'pool-credential-escalation'), [`"${a}"`], a);
    assert.deepEqual(hits(withAction('*'), 'pool-credential-escalation'), ['"*"']);
    assert.match(message(withAction('sts:*'), 'pool-credential-escalation'), /"sts:\*" \(it includes "sts:AssumeRole"\)/);
    assert.equal(analyze(withAction('iam:PassRole')).findings.find((f) => f.ruleId === 'pool-credential-escalation')!.severity, 'warning');
  });

  test('silent: Deny, read-only IAM, web-identity STS calls, other services, no Cognito context', () => {
    assert.deepEqual(ours(withAction('iam:PassRole', 'Deny')), []);
    assert.deepEqual(ours(withAction(['iam:Get*', 'iam:List*'])), []);
    assert.deepEqual(ours(withAction('sts:AssumeRoleWithWebIdentity')), []);
    assert.deepEqual(ours(withAction(['cognito-identity:GetId', 'cognito-identity:GetCredentialsForIdentity'])), []);
    assert.deepEqual(ours(policy([{ Effect: 'Allow', Action: 'iam:PassRole', Resource: '*' }])), []);
  });
});

describe('guest rules (host input only)', () => {
  const text = policy([{ Effect: 'Allow', Action: ['s3:PutObject', 'polly:SynthesizeSpeech'], Resource: 'arn:aws:s3:::bucket/public/*' }]);

  test('silent without the host saying the role is the guest role', () => {
    assert.deepEqual(ours(text), []);
    assert.deepEqual(ours(text, AUTHENTICATED), []);
    assert.deepEqual(ours(text, { identityPool: {} }), []);
  });

  test('guest-broad-access: Write actions, "*", and Resource "*" on data services', () => {
    assert.deepEqual(hits(text, 'guest-broad-access', GUEST), ['"s3:PutObject"']);
    assert.match(message(text, 'guest-broad-access', GUEST), /gives guests Write access/);
    assert.deepEqual(hits(policy([{ Effect: 'Allow', Action: '*', Resource: 'arn:aws:s3:::bucket/public/*' }]), 'guest-broad-access', GUEST), ['"*"']);
    assert.deepEqual(hits(policy([{ Effect: 'Allow', Action: 'dynamodb:GetItem', Resource: '*' }]), 'guest-broad-access', GUEST), ['"*"']);
  });

  test('guest-outside-scope-down: information naming the list and its status', () => {
    assert.deepEqual(hits(text, 'guest-outside-scope-down', GUEST), ['"s3:PutObject"']);
    const f = analyze(text, GUEST).findings.find((x) => x.ruleId === 'guest-outside-scope-down')!;
    assert.equal(f.severity, 'information');
    assert.match(f.message, /AmazonCognitoUnAuthedIdentitiesSessionPolicy/);
    assert.match(f.message, /list v4, unverified which list is in force/);
  });

  test('silent on actions of the scope-down list and on Deny', () => {
    const allowed = policy([
      { Effect: 'Allow', Action: ['polly:*', 'translate:TranslateText', 'geo:GetMapTile', 'rum:PutRumEvents'], Resource: '*' },
      { Effect: 'Deny', Action: 's3:*', Resource: '*' },
    ]);
    assert.deepEqual(ours(allowed, GUEST), []);
  });
});

describe('listbucket-not-scoped-per-identity', () => {
  const LIST = { Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket' };
  const listWith = (Condition: unknown) => policy([{ ...LIST, Condition }, OWN_FOLDER]);
  test("no s3:prefix condition: a warning on the action, with the folder of the policy's own object ARN", () => {
    const text = policy([LIST, OWN_FOLDER]);
    assert.deepEqual(hits(text, 'listbucket-not-scoped-per-identity'), ['"s3:ListBucket"']);
    const f = analyze(text).findings.find((x) => x.ruleId === 'listbucket-not-scoped-per-identity')!;
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.message,
      `"s3:ListBucket" on "arn:aws:s3:::bucket" has no "s3:prefix" condition: every identity of the pool can list the keys of every other identity (the object actions of this policy are scoped by "${SUB}"). Scope the listing with "Condition": {"StringLike": {"s3:prefix": ["private/${SUB}/*"]}}.`,
    );
  });

  test('an s3:prefix condition that names no variable: on the s3:prefix key', () => {
    const text = listWith({ StringLike: { 's3:prefix': ['private/*'] } });
    assert.deepEqual(hits(text, 'listbucket-not-scoped-per-identity'), ['"s3:prefix"']);
    assert.match(
      message(text, 'listbucket-not-scoped-per-identity'),
      /^The "s3:prefix" condition of this "s3:ListBucket" names no "\$\{cognito-identity\.amazonaws\.com:sub\}": /,
    );
    assert.deepEqual(hits(listWith({ StringNotLike: { 's3:prefix': [`private/${SUB}/*`] } }), 'listbucket-not-scoped-per-identity'), ['"s3:prefix"']);
  });

  test("the folder names above the identity's own without s3:delimiter, or a prefix beside them, still fire", () => {
    assert.deepEqual(hits(listWith({ StringEquals: { 's3:prefix': ['', 'private/'] } }), 'listbucket-not-scoped-per-identity'), ['"s3:prefix"']);
    assert.deepEqual(hits(listWith({ StringEquals: { 's3:prefix': ['', 'shared/'], 's3:delimiter': '/' } }), 'listbucket-not-scoped-per-identity'), [
      '"s3:prefix"',
    ]);
    assert.deepEqual(hits(policy([OWN_FOLDER, { ...LIST, Resource: 'arn:aws:s3:::buck*' }]), 'listbucket-not-scoped-per-identity'), ['"s3:ListBucket"']);
  });

  test('s3:List* and s3:* on the bucket and "*" fire too', () => {
    assert.deepEqual(hits(policy([{ ...LIST, Action: 's3:List*' }, OWN_FOLDER]), 'listbucket-not-scoped-per-identity'), ['"s3:List*"']);
    assert.deepEqual(hits(policy([{ ...LIST, Resource: '*' }, OWN_FOLDER]), 'listbucket-not-scoped-per-identity'), ['"s3:ListBucket"']);
  });

  test('silent: a per-identity prefix (or a principal tag), no per-identity objects, object ARNs only, a Deny on the prefix, no Version', () => {
    for (const text of [
      listWith({ StringLike: { 's3:prefix': [`private/${SUB}/*`, `private/${SUB}`] } }),
      listWith({ StringLike: { 's3:prefix': ['${aws:PrincipalTag/team}/*'] } }),
      policy([
        LIST,
        { ...OWN_FOLDER, Resource: 'arn:aws:s3:::bucket/public/*' },
        {
          Effect: 'Allow',
          Action: 'dynamodb:GetItem',
          Resource: '*',
          Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012' } },
        },
      ]),
      policy([{ ...LIST, Resource: 'arn:aws:s3:::bucket/*' }, OWN_FOLDER]),
      policy([
        LIST,
        OWN_FOLDER,
        { Effect: 'Deny', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::bucket', Condition: { StringNotLike: { 's3:prefix': `private/${SUB}/*` } } },
      ]),
      policy([LIST, OWN_FOLDER], {}),
      // Another bucket's listing: nothing of this policy's per-identity folder.
      policy([OWN_FOLDER, { ...LIST, Resource: 'arn:aws:s3:::other-public-bucket' }]),
      // AWS's home-folder pattern: the folder names above the identity's own, one level at a time.
      listWith({ StringEquals: { 's3:prefix': ['', 'private/'], 's3:delimiter': '/' } }),
    ]) {
      assert.deepEqual(hits(text, 'listbucket-not-scoped-per-identity'), [], text);
    }
  });
});

describe('pool-users-permissions-management', () => {
  const rule = 'pool-users-permissions-management';
  const grant = (Action: unknown, Resource: unknown) => policy([OWN_FOLDER, { Effect: 'Allow', Action, Resource }]);
  test('s3:* on a bucket: a warning on the action naming the deletion and the policy actions first', () => {
    const text = grant('s3:*', 'arn:aws:s3:::bucket');
    assert.deepEqual(hits(text, rule), ['"s3:*"']);
    const f = analyze(text).findings.find((x) => x.ruleId === rule)!;
    assert.equal(f.severity, 'warning');
    assert.equal(
      f.message,
      `"s3:*" ("s3:DeleteBucket", "s3:DeleteBucketPolicy", "s3:PutBucketPolicy", "s3:PutBucketAcl" and 2 more) lets every identity of the pool change who may use these shared resources or delete them: any one of them could open them to anyone, lock the others out, or destroy them. Grant pool users only the data actions they need, scoped per identity with "${SUB}".`,
    );
  });

  test('one named action is named once; DynamoDB tables and KMS keys too', () => {
    assert.match(message(grant('s3:PutBucketPolicy', 'arn:aws:s3:::bucket'), rule), /^"s3:PutBucketPolicy" lets every identity/);
    assert.match(
      message(grant('dynamodb:*', TABLE), rule),
      /^"dynamodb:\*" \("dynamodb:DeleteTable", "dynamodb:DeleteResourcePolicy", "dynamodb:PutResourcePolicy"\) lets/,
    );
    assert.deepEqual(hits(grant(['kms:Decrypt', 'kms:PutKeyPolicy'], '*'), rule), ['"kms:PutKeyPolicy"']);
  });

  test('silent: data actions, per-identity resources, deleting objects or Cognito Sync datasets, actions the resources cannot name, *, escalation, Deny, guests', () => {
    for (const [text, options] of [
      [grant(['s3:GetObject', 's3:PutObject', 'dynamodb:DeleteItem'], '*')],
      [grant('s3:*', `arn:aws:s3:::bucket/private/${SUB}/*`)],
      [grant('cognito-sync:*', '*')],
      [grant('s3:PutBucketPolicy', 'arn:aws:s3:::bucket/*')],
      [grant('*', '*')],
      [grant('cognito-identity:*', '*')],
      [policy([OWN_FOLDER, { Effect: 'Deny', Action: 's3:*', Resource: 'arn:aws:s3:::bucket' }])],
      [grant('s3:*', 'arn:aws:s3:::bucket'), GUEST],
      [policy([{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket' }])],
    ] as [string, typeof GUEST?][]) {
      assert.deepEqual(hits(text, rule, options), [], text);
    }
  });
});
