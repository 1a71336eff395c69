/**
 * The rules across documents (core/checks/roles.ts) beyond firing and silence: where they point, what their
 * related locations are, the cases they must leave alone, and the role model filled by hand from standalone
 * policy files (as a setting mapping files to roles will), with related locations in the other document.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { analyzeRoles, analyzeTemplate, identityPoolContextForRoles, LineIndex, parsePolicy, type RoleWorkspace } from '../../server/src/core';
import { catalog, policy } from './helpers';

const cfn = (resources: string) => `AWSTemplateFormatVersion: '2010-09-09'\nResources:\n${resources}`;
const POOL = (guests: boolean) => `  Pool:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      AllowUnauthenticatedIdentities: ${guests}\n`;
const ROLE = (name: string, condition: string, extra = '') => `  ${name}:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument:
        Version: '2012-10-17'
        Statement:
          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition: {StringEquals: {cognito-identity.amazonaws.com:aud: !Ref Pool}, ${condition}}
${extra}`;
const ATTACH = (roles: string) =>
  `  Attachment:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n    Properties:\n      IdentityPoolId: !Ref Pool\n      Roles: {${roles}}\n`;
const amr = (value: string, operator = 'ForAnyValue:StringLike') => `${operator}: {cognito-identity.amazonaws.com:amr: ${value}}`;

/** "rule L:C text" for the findings of the given rules (1-based), with "-> L:C text" for each related location. */
function findings(text: string, rules: readonly string[]): string[] {
  const lines = new LineIndex(text);
  const at = (r: { start: number; end: number }) => {
    const p = lines.positionAt(r.start);
    return `${p.line + 1}:${p.character + 1} ${text.slice(r.start, r.end).split('\n')[0]}`;
  };
  return analyzeTemplate(text, catalog, { format: 'yaml' })!
    .findings.filter((f) => rules.includes(f.ruleId))
    .flatMap((f) => [`${f.ruleId} ${at(f.range)}`, ...(f.related ?? []).map((r) => `  -> ${at(r.range)}`)]);
}

describe('role-kind-mismatch', () => {
  test('points at the amr value of the trust policy, related to the attachment entry', () => {
    const text = cfn(POOL(true) + ROLE('GuestRole', amr('authenticated')) + ATTACH('unauthenticated: !GetAtt GuestRole.Arn'));
    assert.deepEqual(findings(text, ['role-kind-mismatch']), ['role-kind-mismatch 16:149 authenticated', '  -> 21:32 !GetAtt GuestRole.Arn']);
  });

  test('a provider name admits signed-in identities only: as the guest role it fires, as the authenticated role it does not', () => {
    const guest = cfn(POOL(true) + ROLE('R', amr('graph.facebook.com')) + ATTACH('unauthenticated: !GetAtt R.Arn'));
    const auth = cfn(POOL(true) + ROLE('R', amr('graph.facebook.com')) + ATTACH('authenticated: !GetAtt R.Arn'));
    assert.equal(findings(guest, ['role-kind-mismatch']).length, 2);
    assert.deepEqual(findings(auth, ['role-kind-mismatch']), []);
  });

  test('a role chosen by a role-mapping rule must admit signed-in identities', () => {
    const text = cfn(
      POOL(false) +
        ROLE('GuestOnly', amr('unauthenticated')) +
        ATTACH('authenticated: arn:aws:iam::123456789012:role/elsewhere').trimEnd() +
        `
      RoleMappings:
        google: {Type: Rules, AmbiguousRoleResolution: Deny, RulesConfiguration: {Rules: [{Claim: hd, MatchType: Equals, Value: x, RoleARN: !GetAtt GuestOnly.Arn}]}}
`,
    );
    const f = analyzeTemplate(text, catalog, { format: 'yaml' })!.findings.filter((x) => x.ruleId === 'role-kind-mismatch');
    assert.equal(f.length, 1);
    assert.match(
      f[0].message,
      /^Role "GuestOnly" is chosen by a role-mapping rule for signed-in identities of an identity pool, but this trust policy admits only guests/,
    );
  });

  test('silent where the trust policy cannot be judged or nothing fails', () => {
    const cases = {
      'guest access off (the guest role is never assumed)': cfn(POOL(false) + ROLE('R', amr('authenticated')) + ATTACH('unauthenticated: !GetAtt R.Arn')),
      'a plain operator on amr (multi-valued-key-operator says so)': cfn(
        POOL(true) + ROLE('R', amr('authenticated', 'StringLike')) + ATTACH('unauthenticated: !GetAtt R.Arn'),
      ),
      'a negated operator': cfn(POOL(true) + ROLE('R', amr('unauthenticated', 'ForAnyValue:StringNotLike')) + ATTACH('authenticated: !GetAtt R.Arn')),
      'a wildcard that matches unauthenticated': cfn(POOL(true) + ROLE('R', amr("'*authenticated'")) + ATTACH('unauthenticated: !GetAtt R.Arn')),
      'an intrinsic amr value': cfn(POOL(true) + ROLE('R', amr('!Ref Kind')) + ATTACH('unauthenticated: !GetAtt R.Arn')),
      'a role defined outside the template': cfn(POOL(true) + ATTACH('unauthenticated: arn:aws:iam::123456789012:role/guests')),
    };
    for (const [name, text] of Object.entries(cases)) assert.deepEqual(findings(text, ['role-kind-mismatch']), [], name);
  });
});

describe('principal-tags-without-tag-session', () => {
  const withPolicy = (statements: string, trustActions = 'sts:AssumeRoleWithWebIdentity', tags = '') =>
    cfn(
      POOL(false) +
        ROLE(
          'R',
          amr('authenticated'),
          `      Policies: [{PolicyName: P, PolicyDocument: {Version: '2012-10-17', Statement: ${statements}}}]\n${tags}`,
        ).replace('Action: sts:AssumeRoleWithWebIdentity', `Action: ${trustActions}`),
    );
  const TAG_CONDITION = `[{Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::b/*', Condition: {StringEquals: {'aws:PrincipalTag/department': sales}}}]`;

  test('a condition key counts too, with the trust policy Action as the related location', () => {
    assert.deepEqual(findings(withPolicy(TAG_CONDITION), ['principal-tags-without-tag-session']), [
      "principal-tags-without-tag-session 17:181 'aws:PrincipalTag/department'",
      '  -> 15:13 Action: sts:AssumeRoleWithWebIdentity',
    ]);
  });

  test("silent: the key is one of the role's own tags, sts:* covers TagSession, a Null check, a variable with a default", () => {
    assert.deepEqual(
      findings(withPolicy(TAG_CONDITION, undefined, '      Tags: [{Key: Department, Value: sales}]\n'), ['principal-tags-without-tag-session']),
      [],
    );
    assert.deepEqual(findings(withPolicy(TAG_CONDITION, "'sts:*'"), ['principal-tags-without-tag-session']), []);
    assert.deepEqual(
      findings(withPolicy(`[{Effect: Deny, Action: 's3:*', Resource: '*', Condition: {'Null': {'aws:PrincipalTag/department': 'true'}}}]`), [
        'principal-tags-without-tag-session',
      ]),
      [],
    );
    assert.deepEqual(
      findings(withPolicy(`[{Effect: Allow, Action: s3:GetObject, Resource: "arn:aws:s3:::b/\${aws:PrincipalTag/department, 'shared'}/*"}]`), [
        'principal-tags-without-tag-session',
      ]),
      [],
    );
  });

  test('silent when the role tags are built with an intrinsic function (they might hold the key)', () => {
    assert.deepEqual(
      findings(withPolicy(TAG_CONDITION, undefined, '      Tags: [{Key: !Ref TagKey, Value: x}]\n'), ['principal-tags-without-tag-session']),
      [],
    );
  });
});

describe('cognito-variables-without-cognito-trust', () => {
  const worker = (principal: string, statements: string) => `  Worker:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: ${principal}, Action: sts:AssumeRole}]}
      Policies: [{PolicyName: P, PolicyDocument: {Version: '2012-10-17', Statement: ${statements}}}]
`;
  const KEY = `[{Effect: Allow, Action: s3:GetObject, Resource: 'arn:aws:s3:::b/*', Condition: {StringEquals: {'cognito-identity.amazonaws.com:aud': 'us-east-1:12345678-1234-1234-1234-123456789012'}}}]`;

  test('a Cognito condition key in a policy of a Lambda role, related to its trust policy', () => {
    assert.deepEqual(findings(cfn(worker('{Service: lambda.amazonaws.com}', KEY)), ['cognito-variables-without-cognito-trust']), [
      "cognito-variables-without-cognito-trust 7:181 'cognito-identity.amazonaws.com:aud'",
      "  -> 6:33 {Version: '2012-10-17', Statement: [{Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}]}",
    ]);
  });

  test('silent when the trust policy trusts anyone, or names its principal with an intrinsic function', () => {
    assert.deepEqual(findings(cfn(worker("'*'", KEY)), ['cognito-variables-without-cognito-trust']), []);
    assert.deepEqual(findings(cfn(worker('{Federated: !Ref Provider}', KEY)), ['cognito-variables-without-cognito-trust']), []);
  });
});

describe('a trust policy under Fn::If', () => {
  const trust = (value: string) => `Version: '2012-10-17'
          Statement:
            - Effect: Allow
              Principal: {Federated: cognito-identity.amazonaws.com}
              Action: sts:AssumeRoleWithWebIdentity
              Condition: {StringEquals: {cognito-identity.amazonaws.com:aud: !Ref Pool}, ${amr(value)}}`;
  const role = (whenTrue: string, whenFalse: string) => `  R:
    Type: AWS::IAM::Role
    Properties:
      AssumeRolePolicyDocument: !If
        - IsProd
        - ${whenTrue}
        - ${whenFalse}
`;

  test('each document is judged as the trust policy: role-kind-mismatch in the branch that admits only signed-in identities', () => {
    const text = cfn(POOL(true) + role(trust('authenticated'), trust('unauthenticated')) + ATTACH('unauthenticated: !GetAtt R.Arn'));
    assert.deepEqual(findings(text, ['role-kind-mismatch']), ['role-kind-mismatch 17:151 authenticated', '  -> 28:32 !GetAtt R.Arn']);
  });

  test('silent when every branch admits the identities the role is given to, or a branch is left open', () => {
    for (const [whenTrue, whenFalse] of [
      [trust('unauthenticated'), trust("'*authenticated'")],
      [trust('unauthenticated'), '!Ref AWS::NoValue'],
    ]) {
      const text = cfn(POOL(true) + role(whenTrue, whenFalse) + ATTACH('unauthenticated: !GetAtt R.Arn'));
      assert.deepEqual(findings(text, ['role-kind-mismatch', 'pool-role-without-pool-trust']), [], whenFalse);
    }
  });
});

describe('guest-access-enabled', () => {
  test('the message sums up what the guest role allows, related to each of its policies', () => {
    const text = cfn(
      POOL(true) +
        ROLE(
          'Guest',
          amr('unauthenticated'),
          `      Policies: [{PolicyName: Read, PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: [polly:SynthesizeSpeech, 'translate:*'], Resource: '*'}]}}]\n`,
        ) +
        ATTACH('unauthenticated: !GetAtt Guest.Arn'),
    );
    const f = analyzeTemplate(text, catalog, { format: 'yaml' })!.findings.find((x) => x.ruleId === 'guest-access-enabled')!;
    assert.match(
      f.message,
      /Guests get role "Guest": polly:SynthesizeSpeech, translate:\* on \*\. Grant guests only what you would grant anyone on the internet/,
    );
    assert.deepEqual(
      f.related?.map((r) => r.message),
      ['Guests get the inline policy "Read" of role "Guest".'],
    );
  });

  test('a statement under Fn::If with AWS::NoValue as the other branch: never "allows nothing", the template leaves it open', () => {
    const text = cfn(
      POOL(true) +
        ROLE(
          'Guest',
          amr('unauthenticated'),
          `      Policies: [{PolicyName: Read, PolicyDocument: {Version: '2012-10-17', Statement: [!If [IsProd, {Effect: Allow, Action: polly:SynthesizeSpeech, Resource: '*'}, !Ref AWS::NoValue]]}}]\n`,
        ) +
        ATTACH('unauthenticated: !GetAtt Guest.Arn'),
    );
    const messages = analyzeTemplate(text, catalog, { format: 'yaml' })!
      .findings.filter((x) => x.ruleId === 'guest-access-enabled')
      .map((f) => f.message);
    assert.equal(messages.length, 1);
    assert.match(messages[0], / Guests get role "Guest": what the statements set by Fn::If allow \(the template leaves them open\)\. Grant guests only/);
  });

  test('a statement whose Effect is an Fn::If is summed up as what it allows when Allow, never as "allows nothing"', () => {
    const guest = (statements: string) =>
      analyzeTemplate(
        cfn(
          POOL(true) +
            ROLE(
              'Guest',
              amr('unauthenticated'),
              `      Policies: [{PolicyName: Read, PolicyDocument: {Version: '2012-10-17', Statement: [${statements}]}}]\n`,
            ) +
            ATTACH('unauthenticated: !GetAtt Guest.Arn'),
        ),
        catalog,
        { format: 'yaml' },
      )!.findings.find((x) => x.ruleId === 'guest-access-enabled')!.message;
    assert.match(
      guest(`{Effect: !If [IsProd, Allow, Deny], Action: polly:SynthesizeSpeech, Resource: '*'}`),
      / Guests get role "Guest": polly:SynthesizeSpeech on \* \(when its Effect, set by Fn::If, is Allow\)\. Grant guests only/,
    );
    assert.match(
      guest(`{Effect: Deny, Action: polly:SynthesizeSpeech, Resource: '*'}, {Effect: !If [IsProd, Allow, Deny], Action: 'translate:*', Resource: '*'}`),
      / Guests get role "Guest": translate:\* on \* \(when its Effect, set by Fn::If, is Allow\)\. Grant guests only/,
    );
    // A literal Deny is still no grant.
    assert.match(guest(`{Effect: Deny, Action: polly:SynthesizeSpeech, Resource: '*'}`), / Guests get role "Guest", which allows nothing\. Grant guests only/);
  });

  test('a managed policy the template does not hold (an AWS managed policy ARN): what it allows is not known, never "allows nothing"', () => {
    const guest = (properties: string) =>
      analyzeTemplate(cfn(POOL(true) + ROLE('Guest', amr('unauthenticated'), properties) + ATTACH('unauthenticated: !GetAtt Guest.Arn')), catalog, {
        format: 'yaml',
      })!.findings.find((x) => x.ruleId === 'guest-access-enabled')!.message;
    assert.match(
      guest(`      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess, !Ref SomeParameter]\n`),
      / Guests get role "Guest": what the managed policy arn:aws:iam::aws:policy\/AmazonS3FullAccess allows \(not read here\); what the managed policy that ManagedPolicyArns names allows \(not read here\)\. Grant guests only/,
    );
    // A list the template computes, and a policy document written as a JSON string (which CloudFormation takes),
    // named first though statements are read.
    assert.match(
      guest(
        `      ManagedPolicyArns: !Ref Arns\n      Policies: [{PolicyName: Str, PolicyDocument: '{"Version": "2012-10-17"}'}, {PolicyName: Read, PolicyDocument: {Version: '2012-10-17', Statement: [{Effect: Allow, Action: polly:SynthesizeSpeech, Resource: '*'}]}}]\n`,
      ),
      / Guests get role "Guest": what the inline policy "Str" allows \(not read here\); what the managed policies ManagedPolicyArns gives allows \(not read here\); polly:SynthesizeSpeech on \*\. Grant guests only/,
    );
    // Silent on that: a role with no policy at all allows nothing.
    assert.match(guest(''), / Guests get role "Guest", which allows nothing \(no permission policies\)\. Grant guests only/);
  });

  test('a guest role defined outside the template is named, not summed up', () => {
    const f = analyzeTemplate(cfn(POOL(true) + ATTACH('unauthenticated: arn:aws:iam::123456789012:role/guests')), catalog, { format: 'yaml' })!.findings;
    assert.match(f[0].message, /Guests get the role arn:aws:iam::123456789012:role\/guests \(defined elsewhere: not checked here\)\./);
  });

  test('without an attached guest role, it says so', () => {
    const f = analyzeTemplate(cfn(POOL(true)), catalog, { format: 'yaml' })!.findings;
    assert.match(f[0].message, /No unauthenticated role is attached to it here, so guests get an identity ID but no AWS credentials/);
  });
});

describe('the role model from other sources', () => {
  test('standalone files mapped to roles by hand: findings in the trust policy file, related locations in the other file', () => {
    const trustText = policy([
      {
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringLike: { 'cognito-identity.amazonaws.com:aud': 'eu-west-1:*' },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ]);
    const trust = parsePolicy(trustText);
    const ws: RoleWorkspace = {
      roles: [
        {
          id: 'photos-auth',
          document: 'trust.json',
          range: { start: 0, end: 1 },
          trust: { document: 'trust.json', range: { start: 0, end: trustText.length }, policy: trust, name: 'trust.json' },
          permissions: [],
          names: [],
        },
      ],
      pools: [],
      attachments: [
        {
          id: 'cognitoPool.roles',
          document: 'settings.json',
          range: { start: 0, end: 1 },
          pool: {
            document: 'settings.json',
            range: { start: 10, end: 58 },
            poolId: 'us-east-1:12345678-1234-1234-1234-123456789012',
            text: 'us-east-1:12345678-1234-1234-1234-123456789012',
          },
          roles: [{ as: 'authenticated', role: { document: 'settings.json', range: { start: 70, end: 81 }, roleId: 'photos-auth', text: 'photos-auth' } }],
          mappings: [],
        },
      ],
    };
    const reported = analyzeRoles(ws).map(
      ({ document, finding: f }) =>
        `${document} ${f.ruleId} ${f.severity} ${trustText.slice(f.range.start, f.range.end)} -> ${f.related?.map((r) => `${r.document} ${r.range.start}-${r.range.end}`).join(', ')}`,
    );
    assert.deepEqual(reported, ['trust.json aud-pool-mismatch error "eu-west-1:*" -> settings.json 10-58']);
    assert.match(
      analyzeRoles(ws)[0].finding.message,
      /is "eu-west-1:\*", but role "photos-auth" is attached to the identity pool "us-east-1:12345678-1234-1234-1234-123456789012"/,
    );
    assert.deepEqual(analyzeRoles(ws, { 'aud-pool-mismatch': 'off' }), []);
    assert.deepEqual(identityPoolContextForRoles(ws, ['photos-auth']), { role: 'authenticated' });
  });
});

describe('trust policies with one statement per purpose', () => {
  test('aud-pool-mismatch: a role shared by two pools, one trust statement per pool, is admitted by both', () => {
    const statement = (pool: string) => `          - Effect: Allow
            Principal: {Federated: cognito-identity.amazonaws.com}
            Action: sts:AssumeRoleWithWebIdentity
            Condition: {StringEquals: {cognito-identity.amazonaws.com:aud: !Ref ${pool}}, ForAnyValue:StringLike: {cognito-identity.amazonaws.com:amr: authenticated}}`;
    const pool = (name: string) => `  ${name}:\n    Type: AWS::Cognito::IdentityPool\n    Properties:\n      AllowUnauthenticatedIdentities: false\n`;
    const attach = (name: string, p: string) =>
      `  ${name}:\n    Type: AWS::Cognito::IdentityPoolRoleAttachment\n    Properties:\n      IdentityPoolId: !Ref ${p}\n      Roles: {authenticated: !GetAtt Role.Arn}\n`;
    const role = `  Role:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n${statement('PoolA')}\n${statement('PoolB')}\n`;
    const text = cfn(pool('PoolA') + pool('PoolB') + role + attach('AttachA', 'PoolA') + attach('AttachB', 'PoolB'));
    assert.deepEqual(findings(text, ['aud-pool-mismatch']), []);
    // The same role attached to a third pool that no statement admits is still reported.
    const third = cfn(pool('PoolA') + pool('PoolB') + pool('PoolC') + role + attach('AttachC', 'PoolC'));
    assert.equal(findings(third, ['aud-pool-mismatch']).filter((l) => l.startsWith('aud-pool-mismatch')).length, 2);
  });

  test('principal-tags-without-tag-session: sts:TagSession in a statement of its own counts', () => {
    const separate = ROLE('Role', amr('authenticated')).replace(
      '            Condition:',
      '          - Effect: Allow\n            Principal: {Federated: cognito-identity.amazonaws.com}\n            Action: sts:TagSession\n          - Effect: Allow\n            Principal: {Federated: cognito-identity.amazonaws.com}\n            Action: sts:AssumeRoleWithWebIdentity\n            Condition:',
    );
    const policies = `      Tags: []\n      Policies:\n        - PolicyName: P\n          PolicyDocument:\n            Version: '2012-10-17'\n            Statement:\n              - Effect: Allow\n                Action: s3:GetObject\n                Resource: arn:aws:s3:::b/\${aws:PrincipalTag/dept}/*\n`;
    const withoutTagSession = cfn(POOL(false) + ROLE('Role', amr('authenticated')) + policies + ATTACH('authenticated: !GetAtt Role.Arn'));
    assert.equal(findings(withoutTagSession, ['principal-tags-without-tag-session']).length, 2, 'fires without TagSession (finding and its related location)');
    const withSeparate = cfn(POOL(false) + separate + policies + ATTACH('authenticated: !GetAtt Role.Arn'));
    assert.deepEqual(findings(withSeparate, ['principal-tags-without-tag-session']), []);
  });
});

describe('the rules on role mappings and principal tags', () => {
  const TAGS = `  Tags:\n    Type: AWS::Cognito::IdentityPoolPrincipalTag\n    Properties:\n      IdentityPoolId: !Ref Pool\n      IdentityProviderName: accounts.google.com\n      PrincipalTags: {domain: hd}\n`;
  const mapping = (ambiguous: string, rules: string) =>
    `      RoleMappings:\n        accounts.google.com:\n          Type: Rules\n          AmbiguousRoleResolution: ${ambiguous}\n          RulesConfiguration:\n            Rules:\n${rules}`;
  const RULE = (value: string, role: string) => `              - {Claim: hd, MatchType: Equals, Value: ${value}, RoleARN: !GetAtt ${role}.Arn}\n`;

  test('principal-tag-map-without-tag-session: on the trust Action, related to the tag map and to where the role is given', () => {
    const text = cfn(POOL(false) + ROLE('AuthRole', amr('authenticated')) + ATTACH('authenticated: !GetAtt AuthRole.Arn') + TAGS);
    assert.deepEqual(findings(text, ['principal-tag-map-without-tag-session']), [
      'principal-tag-map-without-tag-session 15:21 sts:AssumeRoleWithWebIdentity',
      '  -> 22:3 Tags',
      '  -> 21:30 !GetAtt AuthRole.Arn',
    ]);
  });

  test('a Rules mapping with AmbiguousRoleResolution Deny keeps the default role out of reach: only the rule roles are judged', () => {
    const text = cfn(
      POOL(false) +
        ROLE('AuthRole', amr('authenticated')) +
        ATTACH('authenticated: !GetAtt AuthRole.Arn') +
        mapping('Deny', RULE('example.com', 'AuthRole')) +
        TAGS,
    );
    // AuthRole is reached through rule 1.
    assert.equal(findings(text, ['principal-tag-map-without-tag-session'])[0], 'principal-tag-map-without-tag-session 15:21 sts:AssumeRoleWithWebIdentity');
    const noRule = cfn(
      POOL(false) +
        ROLE('AuthRole', amr('authenticated')) +
        ATTACH('authenticated: !GetAtt AuthRole.Arn') +
        mapping('Deny', RULE('example.com', 'Missing')) +
        TAGS,
    );
    assert.deepEqual(findings(noRule, ['principal-tag-map-without-tag-session']), []);
  });

  test('a mapping whose provider is written with an intrinsic function leaves the default role unjudged', () => {
    const open = mapping('AuthenticatedRole', RULE('example.com', 'Missing')).replace(
      '          Type: Rules',
      '          IdentityProvider: !Ref Provider\n          Type: Rules',
    );
    const text = cfn(POOL(false) + ROLE('AuthRole', amr('authenticated')) + ATTACH('authenticated: !GetAtt AuthRole.Arn') + open + TAGS);
    assert.deepEqual(findings(text, ['principal-tag-map-without-tag-session']), []);
  });

  test('role-mapping-rule-unreachable: on the later rule, related to the earlier one; a rule written with an intrinsic function is not compared', () => {
    const text = cfn(
      POOL(false) +
        ROLE('AuthRole', amr('authenticated')) +
        ATTACH('authenticated: !GetAtt AuthRole.Arn') +
        mapping('Deny', RULE('example.com', 'AuthRole') + RULE('example.com', 'AuthRole')),
    );
    assert.deepEqual(findings(text, ['role-mapping-rule-unreachable']), [
      'role-mapping-rule-unreachable 29:17 {Claim: hd, MatchType: Equals, Value: example.com, RoleARN: !GetAtt AuthRole.Arn}',
      '  -> 28:17 {Claim: hd, MatchType: Equals, Value: example.com, RoleARN: !GetAtt AuthRole.Arn}',
    ]);
    const open = text.replace('Value: example.com, RoleARN', 'Value: !Ref Domain, RoleARN');
    assert.deepEqual(findings(open, ['role-mapping-rule-unreachable']), []);
  });

  test('pool-role-without-pool-trust leaves alone a guest role of a pool with guest access off, and a misspelt Cognito principal', () => {
    const lambda = `  GuestRole:\n    Type: AWS::IAM::Role\n    Properties:\n      AssumeRolePolicyDocument:\n        Version: '2012-10-17'\n        Statement:\n          - {Effect: Allow, Principal: {Service: lambda.amazonaws.com}, Action: sts:AssumeRole}\n`;
    assert.deepEqual(findings(cfn(POOL(false) + lambda + ATTACH('unauthenticated: !GetAtt GuestRole.Arn')), ['pool-role-without-pool-trust']), []);
    assert.deepEqual(findings(cfn(POOL(true) + lambda + ATTACH('unauthenticated: !GetAtt GuestRole.Arn')), ['pool-role-without-pool-trust']), [
      'pool-role-without-pool-trust 13:50 lambda.amazonaws.com',
      '  -> 18:32 !GetAtt GuestRole.Arn',
    ]);
    const misspelt = lambda.replace(
      '{Service: lambda.amazonaws.com}, Action: sts:AssumeRole',
      '{Federated: cognito-identity.amazon.com}, Action: sts:AssumeRoleWithWebIdentity',
    );
    assert.deepEqual(findings(cfn(POOL(true) + misspelt + ATTACH('unauthenticated: !GetAtt GuestRole.Arn')), ['pool-role-without-pool-trust']), []);
  });

  test("a Token mapping hands out the roles of its user pool's groups: named by the same resource, or literally", () => {
    const group = (userPool: string) =>
      `  Admins:\n    Type: AWS::Cognito::UserPoolGroup\n    Properties:\n      UserPoolId: ${userPool}\n      RoleArn: !GetAtt AdminRole.Arn\n`;
    const token = (provider: string) =>
      `      RoleMappings:\n        userpool:\n          IdentityProvider: ${provider}\n          Type: Token\n          AmbiguousRoleResolution: Deny\n`;
    const guestOnly = ROLE('AdminRole', amr('unauthenticated'));
    const base = POOL(false) + ROLE('AuthRole', amr('authenticated')) + guestOnly;
    const byResource = cfn(base + group('!Ref UserPool') + ATTACH('authenticated: !GetAtt AuthRole.Arn') + token("!Sub '${UserPool.ProviderName}:${Client}'"));
    assert.deepEqual(findings(byResource, ['role-kind-mismatch']), ['role-kind-mismatch 26:149 unauthenticated', '  -> 31:16 !GetAtt AdminRole.Arn']);
    assert.match(
      analyzeTemplate(byResource, catalog, { format: 'yaml' })!.findings.find((f) => f.ruleId === 'role-kind-mismatch')!.message,
      /^Role "AdminRole" is handed out by a Token role mapping \(the role of user pool group "Admins"\) of an identity pool, but .* Use "authenticated" here, or give the group another role\.$/,
    );
    const literal = cfn(
      base + group('us-east-1_Abc123') + ATTACH('authenticated: !GetAtt AuthRole.Arn') + token('cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:client1'),
    );
    assert.equal(findings(literal, ['role-kind-mismatch']).length, 2);
    // Another user pool's group, or a Rules mapping: not handed out.
    const other = cfn(
      base + group('us-east-1_Other9') + ATTACH('authenticated: !GetAtt AuthRole.Arn') + token('cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:client1'),
    );
    assert.deepEqual(findings(other, ['role-kind-mismatch']), []);
    const rules = cfn(
      base +
        group('!Ref UserPool') +
        ATTACH('authenticated: !GetAtt AuthRole.Arn') +
        token("!Sub '${UserPool.ProviderName}:${Client}'").replace('Type: Token', 'Type: Rules'),
    );
    assert.deepEqual(findings(rules, ['role-kind-mismatch']), []);
  });
});

describe('a role whose trust policy admits only guests is a guest role wherever it is defined', () => {
  const POLICIES = `      Policies:
        - PolicyName: Uploads
          PolicyDocument:
            Version: '2012-10-17'
            Statement: [{Effect: Allow, Action: s3:PutObject, Resource: 'arn:aws:s3:::photos/public/*'}]
`;
  const GUEST_RULES = ['guest-broad-access', 'guest-outside-scope-down'];
  test('no attachment names it: its permission policies get the guest rules', () => {
    const text = cfn(ROLE('GuestRole', amr('unauthenticated'), POLICIES));
    assert.deepEqual(findings(text, GUEST_RULES), ['guest-broad-access 17:49 s3:PutObject', 'guest-outside-scope-down 17:49 s3:PutObject']);
  });

  test('a trust policy that admits signed-in identities (too), or an attachment as the authenticated role: no guest rules', () => {
    assert.deepEqual(findings(cfn(ROLE('R', amr('authenticated'), POLICIES)), GUEST_RULES), []);
    assert.deepEqual(findings(cfn(ROLE('R', amr('[authenticated, unauthenticated]'), POLICIES)), GUEST_RULES), []);
    assert.deepEqual(findings(cfn(POOL(true) + ROLE('R', amr('unauthenticated'), POLICIES) + ATTACH('authenticated: !GetAtt R.Arn')), GUEST_RULES), []);
  });
});
