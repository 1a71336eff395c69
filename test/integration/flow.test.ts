/**
 * The flow panel's requests through the bundled server over stdio: which open documents the panel applies to
 * (`cognitoPool/documentKind`), and the flow model of a role made of open documents (`cognitoPool/flow`), with
 * line/character positions, the documents that can be added, live changes, the setting's pool ID, and refused
 * parameters.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { DocumentKindResult, FlowResult } from '../../server/src/protocol';
import { LspTestClient } from './lspClient';

/** Compiled to out/test/integration/: ../../.. is the project root. */
const ROOT = path.resolve(__dirname, '../../..');
const POOL = 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21';
const ME = 'us-east-1:11111111-2222-3333-4444-555555555555';
const SETTING_POOL = 'eu-west-1:0b1c2d3e-0000-4000-8000-000000000001';

const json = (value: unknown) => JSON.stringify(value, null, 2);
const trustText = (aud: string) =>
  json({
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'PoolUsers',
        Effect: 'Allow',
        Principal: { Federated: 'cognito-identity.amazonaws.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: { 'cognito-identity.amazonaws.com:aud': aud },
          'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': 'authenticated' },
        },
      },
    ],
  });
const PERMISSIONS = json({
  Version: '2012-10-17',
  Statement: [{ Sid: 'OwnObjects', Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*' }],
});
const EC2_TRUST = json({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }] });
const BUCKET_POLICY = json({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/*' }],
});

const TRUST_URI = 'file:///work/role/trust.json';
const PERMISSIONS_URI = 'file:///work/role/photos.json';
const EC2_URI = 'file:///work/other/ec2-trust.json';
const BUCKET_URI = 'file:///work/other/bucket-policy.json';
const PACKAGE_URI = 'file:///work/app/package.json';

describe('flow panel requests over stdio', () => {
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    client.configuration = { identityPoolId: SETTING_POOL };
    await client.initialize();
    await client.open(TRUST_URI, trustText(POOL));
    await client.open(PERMISSIONS_URI, PERMISSIONS);
    await client.open(EC2_URI, EC2_TRUST);
    await client.open(BUCKET_URI, BUCKET_POLICY);
    await client.open(PACKAGE_URI, json({ name: 'app', version: '1.0.0' }));
  });
  after(async () => {
    await client.shutdown();
  });

  test('documentKind: the panel applies to identity-pool trust policies and permission policies only', async () => {
    const kind = async (uri: string) => {
      const { kind, flow } = await client.request<DocumentKindResult>('cognitoPool/documentKind', { uri });
      return { kind, flow };
    };
    assert.deepEqual(await kind(TRUST_URI), { kind: 'trust', flow: true });
    assert.deepEqual(await kind(PERMISSIONS_URI), { kind: 'identity', flow: true });
    assert.deepEqual(await kind(EC2_URI), { kind: 'trust', flow: false });
    assert.deepEqual(await kind(BUCKET_URI), { kind: 'resource', flow: false });
    assert.deepEqual(await kind(PACKAGE_URI), { kind: 'not-a-policy', flow: false });
    assert.deepEqual(await kind('file:///never/opened.json'), { kind: 'closed', flow: false });
  });

  test("documentKind's summary (the language status item): each policy file's kind, a template's policies and its pool's roles", async () => {
    const summary = async (uri: string) => (await client.request<DocumentKindResult>('cognitoPool/documentKind', { uri })).summary;
    const one = (kind: 'identity' | 'trust' | 'resource') => ({ identity: 0, trust: 0, resource: 0, [kind]: 1 });
    assert.deepEqual(await summary(TRUST_URI), { kind: 'trust', policies: one('trust'), identityPoolRoles: [] });
    assert.deepEqual(await summary(PERMISSIONS_URI), { kind: 'identity', policies: one('identity'), identityPoolRoles: [] });
    assert.deepEqual(await summary(BUCKET_URI), { kind: 'resource', policies: one('resource'), identityPoolRoles: [] });
    assert.deepEqual(await summary(PACKAGE_URI), { kind: 'not-a-policy', policies: { identity: 0, trust: 0, resource: 0 }, identityPoolRoles: [] });
    assert.equal(await summary('file:///never/opened.json'), undefined);
    // The Amplify example: two roles (a trust and a permission policy each) attached to the pool; guest access is
    // off (AllowUnauthenticatedIdentities: false), so only the authenticated role hands out credentials.
    const templateUri = 'file:///work/stack/amplify-template.yaml';
    await client.open(templateUri, fs.readFileSync(path.join(ROOT, 'examples', 'amplify-template.yaml'), 'utf8'), 'yaml');
    assert.deepEqual(await summary(templateUri), {
      kind: 'template',
      templateFormat: 'cloudformation',
      policies: { identity: 2, trust: 2, resource: 0 },
      identityPoolRoles: ['authenticated'],
    });
  });

  test("documentKind's summary of a Terraform file: a Terraform template, its policies counted, not a policy document read only while a name is typed in it", async () => {
    const summary = async (uri: string) => (await client.request<DocumentKindResult>('cognitoPool/documentKind', { uri })).summary;
    const uri = 'file:///work/tf/status/main.tf';
    const text = [
      'resource "aws_iam_policy" "read" {',
      '  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })',
      '}',
      'data "aws_iam_policy_document" "typing" {',
      '  statement {',
      '    eff',
      '  }',
      '}',
      '',
    ].join('\n');
    await client.open(uri, text, 'terraform');
    assert.deepEqual(await summary(uri), {
      kind: 'template',
      templateFormat: 'terraform',
      policies: { identity: 1, trust: 0, resource: 0 },
      identityPoolRoles: [],
    });
  });

  test('flow: a permission policy with the trust policy added; the verdict, positions and the documents that can be added', async () => {
    const result = await client.request<FlowResult>('cognitoPool/flow', {
      uri: PERMISSIONS_URI,
      with: [TRUST_URI],
      inputs: { identityId: ME, action: 's3:GetObject', resource: `arn:aws:s3:::photos/${ME}/cat.jpg` },
    });
    assert.deepEqual([result.kind, result.version, result.notes], ['identity', 1, []]);
    assert.deepEqual(result.documents, [{ uri: TRUST_URI, name: 'trust.json', kind: 'trust' }]);
    const model = result.model!;
    assert.deepEqual(model.sources, { trust: 'trust.json', permissions: ['photos.json'] });
    assert.deepEqual([model.trust.status, model.request.decision, model.inputs.poolId], ['allowed', 'allowed', POOL]);
    const deciding = model.locations[model.request.statements[0]];
    assert.deepEqual(deciding, {
      document: PERMISSIONS_URI,
      name: 'photos.json',
      label: 'Statement "OwnObjects"',
      range: { start: PERMISSIONS.indexOf('{\n      "Sid"'), end: PERMISSIONS.indexOf('\n  ]') },
      start: { line: 3, character: 4 },
      end: { line: 8, character: 5 },
    });
    const aud = model.locations[model.trust.statements[0].conditions[0].location];
    assert.deepEqual([aud.document, aud.label, aud.start.line], [TRUST_URI, 'cognito-identity.amazonaws.com:aud', 12]);
    assert.ok(result.mermaid!.startsWith('sequenceDiagram\n  participant App as Your app\n'));
  });

  test('flow follows the documents: a changed aud makes the trust policy refuse the identity', async () => {
    await client.change(TRUST_URI, 2, trustText('us-east-1:aaaaaaaa-0000-0000-0000-000000000000'));
    const result = await client.request<FlowResult>('cognitoPool/flow', { uri: TRUST_URI, with: [PERMISSIONS_URI], inputs: { identityId: ME, poolId: POOL } });
    assert.equal(result.version, 2);
    assert.equal(result.model!.trust.status, 'denied');
    assert.equal(result.model!.trust.statements[0].conditions[0].passed, false);
    await client.change(TRUST_URI, 3, trustText(POOL));
  });

  test('without an aud in the role, the pool ID comes from cognitoPool.identityPoolId', async () => {
    const result = await client.request<FlowResult>('cognitoPool/flow', { uri: PERMISSIONS_URI });
    assert.equal(result.model!.inputs.poolId, SETTING_POOL);
    assert.equal(result.model!.origins.poolId, 'from the cognitoPool.identityPoolId setting');
  });

  test('documents that are not identity-pool policies get notes, no model', async () => {
    const bucket = await client.request<FlowResult>('cognitoPool/flow', { uri: BUCKET_URI });
    assert.deepEqual(
      [bucket.kind, bucket.model, bucket.notes],
      ['resource', undefined, ['This is a resource-based policy: the flow panel shows the trust and permission policies of identity-pool roles.']],
    );
    const ec2 = await client.request<FlowResult>('cognitoPool/flow', { uri: EC2_URI });
    assert.deepEqual(ec2.notes, ['This trust policy does not let identity pools (cognito-identity.amazonaws.com) assume the role.']);
  });

  test('a second trust policy is not used, and says so', async () => {
    const second = 'file:///work/role/second-trust.json';
    await client.open(second, trustText(POOL));
    const result = await client.request<FlowResult>('cognitoPool/flow', { uri: TRUST_URI, with: [second] });
    assert.deepEqual(result.notes, ['second-trust.json is not used: a role has one trust policy, and trust.json is it.']);
    assert.equal(result.model!.sources.trust, 'trust.json');
  });

  test('malformed inputs and unknown documents are refused without a model', async () => {
    const bad = await client.request<FlowResult>('cognitoPool/flow', { uri: PERMISSIONS_URI, inputs: { identity: 'root' } });
    assert.deepEqual([bad.model, bad.notes], [undefined, ['The inputs are malformed.']]);
    const closed = await client.request<FlowResult>('cognitoPool/flow', { uri: 'file:///never/opened.json' });
    assert.deepEqual([closed.kind, closed.notes], ['closed', ['The document is not open.']]);
  });
});

/** A JWT of these claims, as a user pool would issue it (the signature is not checked, so any third part does). */
const jwtOf = (claims: Record<string, unknown>) =>
  [{ alg: 'RS256', kid: 'test' }, claims].map((part) => Buffer.from(JSON.stringify(part)).toString('base64url')).join('.') + '.c2lnbmF0dXJl';

describe('flow panel requests over stdio: a template of a whole identity pool', () => {
  const RULES_URI = 'file:///work/stack/role-mapping-template.yaml';
  const AMPLIFY_URI = 'file:///work/stack/amplify-template.yaml';
  const RULES_TEXT = fs.readFileSync(path.join(ROOT, 'examples', 'role-mapping-template.yaml'), 'utf8');
  const USER_POOL = 'cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Team123';
  const claims = (more: Record<string, unknown>) => ({ iss: `https://${USER_POOL}`, aud: '7abc123client', sub: 'u1', token_use: 'id', ...more });
  const EDIT = { action: 's3:PutObject', resource: 'arn:aws:s3:::notes/departments/finance/a.txt' };
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    await client.initialize();
    await client.open(RULES_URI, RULES_TEXT, 'yaml');
    await client.open(AMPLIFY_URI, fs.readFileSync(path.join(ROOT, 'examples', 'amplify-template.yaml'), 'utf8'), 'yaml');
  });
  after(async () => {
    await client.shutdown();
  });
  const flow = (uri: string, inputs: Record<string, string>) => client.request<FlowResult>('cognitoPool/flow', { uri, inputs });

  test('documentKind: a YAML template with an identity pool is a document of the panel (a whole pool)', async () => {
    const r = await client.request<DocumentKindResult>('cognitoPool/documentKind', { uri: RULES_URI });
    assert.deepEqual([r.kind, r.flow, r.pool], ['not-a-policy', true, true]);
  });

  test('a pasted token: rule 1 of the Rules mapping picks EditorRole, the department claim becomes a principal tag, the request is allowed', async () => {
    const result = await flow(RULES_URI, { signIn: 'token', token: jwtOf(claims({ 'custom:team': 'editors', 'custom:department': 'finance' })), ...EDIT });
    assert.deepEqual([result.kind, result.pool, result.notes], ['not-a-policy', true, []]);
    const model = result.model!;
    const pool = model.pool!;
    assert.deepEqual(
      [pool.pools, pool.pool, pool.signIn?.provider, pool.signIn?.mappingKey],
      [['IdentityPool'], 'IdentityPool', USER_POOL, `${USER_POOL}:7abc123client`],
    );
    assert.deepEqual(pool.role && { id: pool.role.id, by: pool.role.by, rule: pool.role.rule }, { id: 'EditorRole', by: 'rules', rule: 1 });
    assert.deepEqual(
      pool.rules.map((r) => [r.number, r.text, r.role, r.outcome]),
      [
        [1, 'custom:team Equals "editors"', 'EditorRole', 'matched'],
        [2, 'custom:team StartsWith "admin"', 'AdminRole', 'not-reached'],
      ],
    );
    assert.deepEqual(
      pool.tags.map((t) => [t.key, t.claim, t.value]),
      [['department', 'custom:department', 'finance']],
    );
    assert.deepEqual([model.trust.status, model.request.decision, pool.decision], ['allowed', 'allowed', 'allowed']);
    assert.equal(pool.uncertain, undefined);
    assert.equal(
      model.summary,
      `Allowed: s3:PutObject on ${EDIT.resource} for an identity signed in through ${USER_POOL} with role EditorRole (rule 1 of the role mapping).`,
    );
    // Every step links to its place: the rule, the mapping, the tag and the deciding statement are in the template.
    const lines = RULES_TEXT.split('\n');
    const at = (i: number | undefined) => {
      const l = model.locations[i!];
      return [l.document, l.label, lines[l.start.line].trim()];
    };
    assert.deepEqual(at(pool.rules[0].location), [RULES_URI, 'Rule 1', '- Claim: custom:team']);
    assert.deepEqual(at(pool.tags[0].location), [RULES_URI, 'Principal tag "department"', 'department: custom:department']);
    assert.deepEqual(at(pool.mapping?.location), [RULES_URI, "Role mapping for !Join [':', [!GetAtt UserPool.ProviderName, !Ref WebClient]]", 'web:']);
    assert.deepEqual(at(model.request.statements[0]), [RULES_URI, 'Statement "EditOwnDepartment"', '- Sid: EditOwnDepartment']);
    // The sequence: Cognito resolves the role after GetId; STS gets the role and the session tags.
    const note = model.steps.find((s) => s.kind === 'note' && s.over === 'cognito');
    assert.deepEqual(note && note.kind === 'note' && [note.label, note.lines.map((l) => `${l.status} ${l.text}`)], [
      'Role: EditorRole (rule 1 of the role mapping)',
      [
        "neutral role mapping for !Join [':', [!GetAtt UserPool.ProviderName, !Ref WebClient]]: Type Rules",
        'ok rule 1: custom:team Equals "editors" → EditorRole: matched',
        'skipped rule 2: custom:team StartsWith "admin" → AdminRole: not reached',
        'ok principal tag department = custom:department "finance"',
      ],
    ]);
    const sts = model.steps.find((s) => s.kind === 'call' && s.to === 'sts');
    assert.equal(sts?.kind === 'call' && sts.detail, 'role EditorRole; session tags department=finance');
  });

  test('claims instead of a token: no rule matches, AmbiguousRoleResolution AuthenticatedRole gives the default role, which may not write', async () => {
    const result = await flow(RULES_URI, {
      signIn: 'claims',
      claims: JSON.stringify(claims({ 'custom:team': 'sales', 'custom:department': 'sales' })),
      ...EDIT,
    });
    const pool = result.model!.pool!;
    assert.deepEqual(pool.role && [pool.role.id, pool.role.by], ['ReaderRole', 'default']);
    assert.deepEqual(
      pool.rules.map((r) => r.outcome),
      ['not-matched', 'not-matched'],
    );
    assert.equal(result.model!.request.decision, 'implicit-deny');
    assert.equal(
      result.model!.summary,
      `Denied implicitly: s3:PutObject on ${EDIT.resource} for an identity signed in through ${USER_POOL} with role ReaderRole (default role).`,
    );
  });

  test('the Amplify template: a guest gets no credentials (guest access off); a token gets the authenticated role', async () => {
    const guest = await flow(AMPLIFY_URI, { signIn: 'guest' });
    const model = guest.model!;
    assert.equal(model.pool!.role, null);
    assert.deepEqual([model.trust.status, model.request.status, model.credentials.issued], ['not-checked', 'no-credentials', false]);
    assert.equal(model.summary, 'A guest gets no credentials: guest access is off for identity pool "IdentityPool".');
    const last = model.steps[model.steps.length - 1];
    assert.deepEqual(last.kind === 'return' && [last.label, last.detail, last.status], [
      'No credentials',
      'Guest access is off for identity pool "IdentityPool"',
      'fail',
    ]);

    const token = jwtOf({ iss: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Photo1', aud: 'webclient1', sub: 'u2', token_use: 'id' });
    const signedIn = (await flow(AMPLIFY_URI, { token })).model!;
    assert.equal(signedIn.inputs.signIn, 'token', 'a token by default: the pool turns guest access off');
    assert.deepEqual(signedIn.pool!.role && [signedIn.pool!.role.id, signedIn.pool!.role.by], ['AuthRole', 'default']);
    assert.equal(signedIn.trust.status, 'allowed');
    assert.equal(signedIn.inputs.poolId, 'us-east-1:00000000-0000-0000-0000-000000000000');
    assert.equal(signedIn.origins.poolId, 'an example: the stack gives identity pool IdentityPool its ID');
    assert.equal(signedIn.inputs.action, 's3:ListBucket', "the request defaults to the role's first Allow statement");
  });

  test('the basic flow: off in this pool (AllowClassicFlow not set), so no credentials whatever role the app names', async () => {
    const token = jwtOf(claims({ 'custom:team': 'editors', 'custom:department': 'finance' }));
    const model = (await flow(RULES_URI, { signIn: 'token', token, flow: 'basic', ...EDIT })).model!;
    assert.equal(model.pool!.role, null);
    // The role the app would name: the pool's authenticated role unless the user names another.
    assert.deepEqual([model.inputs.role, model.origins.role], ['ReaderRole', "the pool's authenticated role (the app may name another)"]);
    assert.deepEqual([model.pool!.rules, model.pool!.tags, model.request.status], [[], [], 'no-credentials']);
    assert.equal(
      model.summary,
      `An identity signed in through ${USER_POOL} gets no credentials: the basic (classic) flow is off for identity pool "IdentityPool".`,
    );
  });

  test('a token that is not a JWT is a problem of the token field, and nothing is resolved', async () => {
    const model = (await flow(RULES_URI, { signIn: 'token', token: 'not a token' })).model!;
    assert.deepEqual(model.problems, [{ input: 'token', message: 'The token is not a JWT (three base64url parts separated by ".").' }]);
    assert.equal(model.pool!.role, undefined);
    assert.equal(model.summary, 'Enter the identity: The token is not a JWT (three base64url parts separated by ".").');
  });
});

describe('flow panel requests over stdio: a Terraform module of a whole identity pool', () => {
  const TF_URI = 'file:///work/infra/main.tf';
  const TF_TEXT = fs.readFileSync(path.join(ROOT, 'examples', 'terraform', 'identity-pool', 'main.tf'), 'utf8');
  const USER_POOL = 'cognito-idp.us-east-1.amazonaws.com/us-east-1_Photo1';
  let client: LspTestClient;
  before(async () => {
    client = new LspTestClient();
    await client.initialize();
    await client.open(TF_URI, TF_TEXT, 'terraform'); // resolves once the HCL parser has loaded and the file is analysed
  });
  after(async () => {
    await client.shutdown();
  });

  test("a guest gets the module's unauthenticated role; a token's provider is the mapping's, written with the pool's own references", async () => {
    const kind = await client.request<DocumentKindResult>('cognitoPool/documentKind', { uri: TF_URI });
    assert.deepEqual([kind.flow, kind.pool], [true, true]);
    const guest = (await client.request<FlowResult>('cognitoPool/flow', { uri: TF_URI, inputs: {} })).model!;
    assert.deepEqual(
      [guest.inputs.signIn, guest.pool!.pools, guest.pool!.role?.id, guest.pool!.role?.by],
      ['guest', ['aws_cognito_identity_pool.main'], 'aws_iam_role.guest', 'default'],
    );
    assert.equal(guest.trust.status, 'allowed');
    const role = guest.locations[guest.pool!.role!.location!];
    assert.deepEqual([role.document, TF_TEXT.split('\n')[role.start.line]], [TF_URI, 'resource "aws_iam_role" "guest" {']);

    // The mapping's identity_provider interpolates the addresses the pool's only provider is written with (as a template's
    // !Sub of the same references): it is this login's mapping. No cognito:groups claim: rule 1 does not match, and
    // AmbiguousRoleResolution AuthenticatedRole gives the default role.
    const token = jwtOf({ iss: `https://${USER_POOL}`, aud: 'web1', sub: 'u3', 'custom:team': 'blue' });
    const signedIn = (await client.request<FlowResult>('cognitoPool/flow', { uri: TF_URI, inputs: { signIn: 'token', token } })).model!;
    assert.deepEqual(signedIn.pool!.role && [signedIn.pool!.role.id, signedIn.pool!.role.by], ['aws_iam_role.authenticated', 'default']);
    assert.deepEqual(
      signedIn.pool!.rules.map((r) => r.outcome),
      ['not-matched'],
    );
    assert.equal(signedIn.trust.status, 'allowed');
  });
});
