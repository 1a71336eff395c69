/**
 * The whole identity pool (core/evaluate/resolveRole.ts, signIn.ts): the shared table of cases (poolCases.ts,
 * also run through `cognito-pool-lint simulate --template` by test/integration/simulate.test.ts), and what the
 * table does not show: decoding tokens, finding the provider, pools to choose from, settings as the model.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import {
  claimsOfJson,
  claimsOfJwt,
  poolChoices,
  readRoleModel,
  signInOf,
  simulatePool,
  workspaceFromRoleSettings,
  type PoolSignIn,
  type RoleWorkspace,
} from '../../server/src/core';
import { CLIENT, IDENTITY_ID, ISS, MAPPING_KEY, POOL_CASES, SUB, USER_POOL, jwtOf, poolTemplate, type PoolCase } from './poolCases';

function workspaceOf(text: string): RoleWorkspace {
  const read = readRoleModel({ text, id: 'pool.yaml', fileName: 'pool.yaml' });
  assert.equal(read.kind, 'template');
  return read.roles!;
}

function identityOf(c: PoolCase): PoolSignIn {
  if (c.identity === 'guest') return { kind: 'guest' };
  const decoded = c.identity.as === 'token' ? claimsOfJwt(jwtOf(c.identity.claims)) : claimsOfJson(JSON.stringify(c.identity.claims));
  assert.equal(decoded.problem, undefined);
  const signIn = signInOf(decoded.claims!, c.provider);
  assert.ok(!('problem' in signIn), JSON.stringify(signIn));
  return { kind: 'authenticated', claims: decoded.claims!, signIn };
}

describe('the identity pool table (core)', () => {
  for (const c of POOL_CASES) {
    test(c.name, () => {
      const ws = workspaceOf(c.template.text);
      const [pool] = poolChoices(ws);
      const r = simulatePool({
        workspace: ws,
        pool,
        identity: identityOf(c),
        identityId: IDENTITY_ID,
        flow: c.flow,
        role: c.role,
        request: { action: c.action, resource: c.resource },
      });
      const role = r.resolution.role;
      assert.deepEqual(role && { id: role.id, by: role.by, ...(role.rule !== undefined && { rule: role.rule }) }, c.expectRole);
      assert.deepEqual(r.principalTags.tags, c.principalTags ?? {});
      assert.deepEqual(
        r.resolution.rules.map((x) => x.outcome),
        c.rules ?? [],
      );
      assert.equal(r.trust?.decision ?? null, c.trust);
      assert.equal(r.decision, c.decision);
      assert.deepEqual(
        r.statements.map((s) => s.sid),
        c.sids,
      );
      assert.equal(r.uncertain !== undefined, c.uncertain ?? false, r.uncertain);
      const reasons = [...r.resolution.reasons, ...r.principalTags.reasons, ...(r.trust?.reasons ?? []), ...r.reasons];
      assert.ok(
        reasons.some((x) => x.includes(c.reason)),
        `no reason contains ${JSON.stringify(c.reason)}:\n${reasons.join('\n')}`,
      );
    });
  }
});

describe('tokens and claims, decoded locally', () => {
  test('a JWT payload is base64url JSON, UTF-8 included; the signature is not checked', () => {
    const claims = { iss: ISS, aud: CLIENT, sub: SUB, name: 'Zoë ✓' };
    assert.deepEqual(claimsOfJwt(jwtOf(claims)), { claims });
    assert.deepEqual(claimsOfJwt(`  ${jwtOf(claims)}\n`), { claims });
  });

  test('what is not a JWT of claims says so', () => {
    assert.deepEqual(claimsOfJwt('abc'), { problem: 'the token is not a JWT (three base64url parts separated by ".")' });
    assert.deepEqual(claimsOfJwt('a.b+c.d'), { problem: 'the token is not a JWT (three base64url parts separated by ".")' });
    assert.deepEqual(claimsOfJwt('e30.gA.'), { problem: "the token's payload is not base64url-encoded UTF-8" });
    const array = Buffer.from('[1]').toString('base64url');
    assert.deepEqual(claimsOfJwt(`e30.${array}.`), { problem: "the token's payload is not a JSON object of claims" });
  });

  test('claims as JSON must be an object', () => {
    assert.deepEqual(claimsOfJson('{"sub": "x"}'), { claims: { sub: 'x' } });
    assert.deepEqual(claimsOfJson('["sub"]'), { problem: 'the claims must be a JSON object of claim names to values' });
    assert.match(claimsOfJson('{').problem ?? '', /^the claims are not JSON \(/);
  });
});

describe('where a signed-in identity comes from', () => {
  test("a user pool ID token: the provider from iss, the mapping key with its aud; an access token's client_id", () => {
    assert.deepEqual(signInOf({ iss: ISS, aud: CLIENT }), {
      provider: USER_POOL,
      clientId: CLIENT,
      mappingKey: MAPPING_KEY,
      how: `the token's iss "${ISS}" and app client "${CLIENT}"`,
    });
    assert.equal((signInOf({ iss: ISS, client_id: CLIENT }) as { mappingKey: string }).mappingKey, MAPPING_KEY);
  });

  test('another issuer is an OIDC provider named by its host and path; --provider wins, a mapping key splits', () => {
    assert.deepEqual(signInOf({ iss: 'https://login.example.com/tenant' }), {
      provider: 'login.example.com/tenant',
      mappingKey: 'login.example.com/tenant',
      how: `the token's iss "https://login.example.com/tenant"`,
    });
    assert.deepEqual(signInOf({ iss: ISS, aud: CLIENT }, 'graph.facebook.com'), {
      provider: 'graph.facebook.com',
      mappingKey: 'graph.facebook.com',
      how: '--provider graph.facebook.com',
    });
    assert.deepEqual(signInOf({}, MAPPING_KEY), { provider: USER_POOL, clientId: CLIENT, mappingKey: MAPPING_KEY, how: `--provider ${MAPPING_KEY}` });
  });

  test('without an issuer, or a user pool token without its client, the provider cannot be told', () => {
    assert.deepEqual(signInOf({ sub: SUB }), { problem: 'the claims have no issuer ("iss"): name the provider they come from' });
    assert.deepEqual(signInOf({ iss: ISS }), {
      problem: 'the user pool token has neither "aud" nor "client_id": the app client it was issued to cannot be told',
    });
  });
});

describe('pools to simulate', () => {
  const guestToken = { kind: 'guest' } as const;
  const request = { action: 'polly:SynthesizeSpeech', resource: '*' };

  test('each pool resource of a template, with the attachments that name it', () => {
    const two = poolTemplate().text.replace(
      '  Attachment:',
      '  OtherPool:\n    Type: AWS::Cognito::IdentityPool\n    Properties: {AllowUnauthenticatedIdentities: true}\n  Attachment:',
    );
    assert.deepEqual(
      poolChoices(workspaceOf(two)).map((c) => [c.name, c.attachments.map((a) => a.id)]),
      [
        ['IdentityPool', ['Attachment']],
        ['OtherPool', []],
      ],
    );
  });

  test('guest access written with an intrinsic function is simulated as on, and said so', () => {
    const ws = workspaceOf(
      poolTemplate().text.replace(
        '    Properties:\n      CognitoIdentityProviders:',
        '    Properties:\n      AllowUnauthenticatedIdentities: !Ref Guests\n      CognitoIdentityProviders:',
      ),
    );
    const r = simulatePool({ workspace: ws, pool: poolChoices(ws)[0], identity: guestToken, request });
    assert.equal(r.decision, 'allowed');
    assert.equal(r.uncertain, undefined);
    assert.ok(
      r.resolution.reasons.includes(
        'Identity pool "IdentityPool" does not say literally whether it allows guests (AllowUnauthenticatedIdentities is not a literal boolean): simulated as if it did.',
      ),
    );
  });

  test('a managed policy the template does not hold (an AWS managed policy ARN): the decision is uncertain, unless the policies read deny', () => {
    const text = poolTemplate({ guests: true }).text.replace(
      '      Policies:\n        - PolicyName: GuestRolePolicy',
      '      ManagedPolicyArns: [arn:aws:iam::aws:policy/AmazonS3FullAccess]\n      Policies:\n        - PolicyName: GuestRolePolicy',
    );
    assert.notEqual(text, poolTemplate({ guests: true }).text);
    const ws = workspaceOf(text);
    const why = 'role "GuestRole" also has the managed policy arn:aws:iam::aws:policy/AmazonS3FullAccess, not read here: it may allow or deny the request.';
    const write = { action: 's3:PutObject', resource: 'arn:aws:s3:::photos/x' };
    // Within the scope-down and denied by the policies read: the managed policy may allow it.
    const translate = { action: 'translate:TranslateText', resource: '*' };
    const inScope = simulatePool({ workspace: ws, pool: poolChoices(ws)[0], identity: guestToken, request: translate });
    assert.deepEqual([inScope.decision, inScope.uncertain], ['implicit-deny', why]);
    assert.ok(inScope.reasons.includes(`The decision is uncertain: ${why}`));
    // Certain: outside the enhanced flow's scope-down no policy of the role can allow it.
    const enhanced = simulatePool({ workspace: ws, pool: poolChoices(ws)[0], identity: guestToken, request: write });
    assert.deepEqual([enhanced.decision, enhanced.uncertain], ['implicit-deny', undefined]);
    const speech = simulatePool({ workspace: ws, pool: poolChoices(ws)[0], identity: guestToken, request });
    assert.deepEqual([speech.decision, speech.uncertain], ['allowed', why]);
    // Silent: the same pool without it.
    const plain = workspaceOf(poolTemplate({ guests: true }).text);
    assert.equal(simulatePool({ workspace: plain, pool: poolChoices(plain)[0], identity: guestToken, request }).uncertain, undefined);
  });

  test("a trust policy's aud that the template leaves open (!ImportValue): a denial cannot be told", () => {
    const ws = workspaceOf(
      poolTemplate({ guests: true }).text.replaceAll(
        'cognito-identity.amazonaws.com:aud: !Ref IdentityPool',
        'cognito-identity.amazonaws.com:aud: !ImportValue PoolId',
      ),
    );
    const r = simulatePool({ workspace: ws, pool: poolChoices(ws)[0], identity: guestToken, request });
    assert.equal(r.trust?.decision, 'denied');
    assert.equal(
      r.uncertain,
      'the trust policy of role "GuestRole" has condition values written with intrinsic functions: what the template leaves open (a parameter, another resource\'s name): whether STS admits the identity cannot be told.',
    );
  });

  test('with --pool-id the pool has that ID: !Ref IdentityPool in the trust policy is it', () => {
    const ws = workspaceOf(poolTemplate({ guests: true }).text);
    const poolId = 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21';
    const r = simulatePool({ workspace: ws, pool: poolChoices(ws)[0], identity: guestToken, poolId, request });
    assert.equal(r.trust?.decision, 'allowed');
    const other = simulatePool({
      workspace: ws,
      pool: poolChoices(ws)[0],
      identity: guestToken,
      poolId,
      request: { ...request, context: { 'cognito-identity.amazonaws.com:aud': 'us-east-1:00000000-1111-2222-3333-444444444444' } },
    });
    assert.equal(other.trust?.decision, 'denied');
  });

  test("UseDefaults for the pool's developer provider is not simulated (its name looks like an OIDC issuer's)", () => {
    const text = poolTemplate({
      tagSession: true,
      principalTags: '      IdentityProviderName: login.photoapp\n      UseDefaults: true\n',
    }).text.replace('      SupportedLoginProviders:', '      DeveloperProviderName: login.photoapp\n      SupportedLoginProviders:');
    const ws = workspaceOf(text);
    const claims = { sub: SUB, aud: CLIENT };
    const signIn = signInOf(claims, 'login.photoapp');
    assert.ok(!('problem' in signIn));
    const r = simulatePool({
      workspace: ws,
      pool: poolChoices(ws)[0],
      identity: { kind: 'authenticated', claims, signIn },
      request: { action: 's3:GetObject', resource: 'arn:aws:s3:::photos/public/a' },
    });
    assert.equal(
      r.principalTags.uncertain,
      'The principal tag map "Tags" uses the default mappings for login.photoapp, whose tag names are not documented: not simulated.',
    );
    // The same map for an OIDC provider of that name is simulated.
    const oidc = workspaceOf(
      text.replace(
        '      DeveloperProviderName: login.photoapp\n',
        '      OpenIdConnectProviderARNs: [arn:aws:iam::123456789012:oidc-provider/login.photoapp]\n',
      ),
    );
    const o = simulatePool({
      workspace: oidc,
      pool: poolChoices(oidc)[0],
      identity: { kind: 'authenticated', claims, signIn },
      request: { action: 's3:GetObject', resource: 'arn:aws:s3:::photos/public/a' },
    });
    assert.deepEqual(o.principalTags.tags, { username: SUB, client: CLIENT });
  });

  test('cognitoPool.roles: a pool per identityPoolId, its roles attached as the setting says', () => {
    const examples = path.resolve(__dirname, '../../../examples');
    const read = (name: string) => ({ id: name, name, text: fs.readFileSync(path.join(examples, name), 'utf8') });
    const model = workspaceFromRoleSettings(
      [
        {
          setting: {
            name: 'PhotoAppGuestRole',
            trust: 'roles/guest-trust.json',
            permissions: [],
            attachedAs: 'unauthenticated',
            identityPoolId: 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21',
          },
          trust: read('roles/guest-trust.json'),
          permissions: fs.readdirSync(path.join(examples, 'roles/guest')).map((f) => read(`roles/guest/${f}`)),
        },
      ],
      { id: '.vscode/settings.json' },
    );
    const [pool] = poolChoices(model.workspace);
    assert.equal(pool.name, 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21');
    const r = simulatePool({
      workspace: model.workspace,
      pool,
      identity: guestToken,
      request: { action: 's3:GetObject', resource: 'arn:aws:s3:::photo-app-user-uploads/public/a.jpg' },
    });
    assert.deepEqual([r.resolution.role?.id, r.trust?.decision], ['PhotoAppGuestRole', 'allowed']);
    assert.equal(
      r.resolution.reasons[0],
      'The model does not say whether identity pool "us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21" allows guests: simulated as if it did.',
    );
  });
});

describe('robustness', () => {
  test('every prefix of a template with mappings and principal tags (as while typing) is simulated without an exception', () => {
    const text = poolTemplate({
      guests: true,
      tagSession: true,
      principalTags: `      IdentityProviderName: ${USER_POOL}\n      PrincipalTags: {department: 'custom:dept'}\n`,
      mappings: `        userpool:\n          IdentityProvider: ${MAPPING_KEY}\n          Type: Rules\n          AmbiguousRoleResolution: AuthenticatedRole\n          RulesConfiguration:\n            Rules:\n              - {Claim: 'custom:dept', MatchType: Equals, Value: sales, RoleARN: !GetAtt SalesRole.Arn}\n`,
    }).text;
    const claims = { iss: ISS, aud: CLIENT, sub: SUB, 'custom:dept': 'sales' };
    const signIn = signInOf(claims);
    assert.ok(!('problem' in signIn));
    let simulated = 0;
    for (let end = 0; end <= text.length; end += 7) {
      const read = readRoleModel({ text: text.slice(0, end), id: 'pool.yaml', fileName: 'pool.yaml' });
      for (const pool of read.roles ? poolChoices(read.roles) : []) {
        for (const identity of [{ kind: 'guest' } as const, { kind: 'authenticated', claims, signIn } as const]) {
          assert.doesNotThrow(
            () => simulatePool({ workspace: read.roles!, pool, identity, request: { action: 's3:GetObject', resource: 'arn:aws:s3:::photos/sales/a' } }),
            `up to ${end}`,
          );
          simulated++;
        }
      }
    }
    assert.ok(simulated > 100, `${simulated} simulations`);
  });
});
