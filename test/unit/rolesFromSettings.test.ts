/**
 * The `cognitoPool.roles` setting as the workspace role model (core/roles/fromSettings.ts): the setting's
 * validation (problems, never exceptions), the model built from the setting and standalone policy files, each
 * rule across documents firing across files with its related location in the other file (the settings file,
 * the trust policy file), and the guest rules on the permission policies of a role attached as unauthenticated.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import { analyzeRoles, identityPoolContextForRoles } from '../../server/src/core';
import { ATTACHED_ROLE_KEYS, IDENTITY_POOL_ID_PATTERN } from '../../server/src/core/cognito/knowledge';
import {
  readRoleSettings,
  ROLE_SETTING_KEYS,
  UNLOCATED_SETTING,
  workspaceFromRoleSettings,
  type PolicyFile,
  type ResolvedRole,
  type RoleSetting,
} from '../../server/src/core/sources/settings/fromSettings';
import { analyze, policy } from './helpers';

const POOL = 'us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21';
const OTHER_POOL = 'eu-west-1:11111111-2222-3333-4444-555555555555';
const SUB = '${cognito-identity.amazonaws.com:sub}';

const trustPolicy = (amr: string, aud = POOL, actions: string | string[] = 'sts:AssumeRoleWithWebIdentity') =>
  policy([
    {
      Effect: 'Allow',
      Principal: { Federated: 'cognito-identity.amazonaws.com' },
      Action: actions,
      Condition: { StringEquals: { 'cognito-identity.amazonaws.com:aud': aud }, 'ForAnyValue:StringLike': { 'cognito-identity.amazonaws.com:amr': amr } },
    },
  ]);
const OWN_FOLDER = policy([{ Effect: 'Allow', Action: ['s3:GetObject', 's3:PutObject'], Resource: `arn:aws:s3:::photos/private/${SUB}/*` }]);

/** The settings file the setting is written in, and its id in the model. */
const SETTINGS_ID = '/ws/.vscode/settings.json';

/** Files by id: the model's DocumentIds are the paths. */
function files(texts: Record<string, string>): Map<string, PolicyFile> {
  return new Map(Object.entries(texts).map(([name, text]) => [`/ws/${name}`, { id: `/ws/${name}`, name, text }]));
}

/** Resolves the setting's paths against the files as a host does (globs are the host's business: plain paths here). */
function resolve(settings: readonly RoleSetting[], available: Map<string, PolicyFile>): ResolvedRole[] {
  return settings.map((setting) => ({
    setting,
    trust: setting.trust === undefined ? undefined : available.get(`/ws/${setting.trust}`),
    permissions: setting.permissions.flatMap((p) => available.get(`/ws/${p}`) ?? []),
  }));
}

/** The setting written as a settings file (null: no settings file), and the model built from it over the files. */
function build(
  value: Record<string, unknown>,
  texts: Record<string, string>,
  settingsText: string | null = JSON.stringify({ 'cognitoPool.roles': value }, null, 2),
) {
  const read = readRoleSettings(value);
  assert.deepEqual(read.problems, []);
  const available = files(texts);
  const model = workspaceFromRoleSettings(resolve(read.roles, available), { id: SETTINGS_ID, text: settingsText ?? undefined });
  const textOf = (id: string) => (id === SETTINGS_ID ? settingsText! : available.get(id)!.text);
  return { model, textOf };
}

/** "document rule severity «covered text» -> document «covered text»" for each finding of the rules across documents. */
function crossFindings(value: Record<string, unknown>, texts: Record<string, string>, rules?: Parameters<typeof analyzeRoles>[1]): string[] {
  const { model, textOf } = build(value, texts);
  return analyzeRoles(model.workspace, rules).map(({ document, finding: f }) => {
    const covered = textOf(document).slice(f.range.start, f.range.end);
    const related = (f.related ?? []).map((r) => {
      const where = r.document ?? document;
      return ` -> ${where} «${textOf(where).slice(r.range.start, r.range.end).split('\n')[0]}»`;
    });
    return `${document} ${f.ruleId} ${f.severity} «${covered}»${related.join('')}`;
  });
}

describe('readRoleSettings: the setting validated', () => {
  test('a complete role is read as written', () => {
    const read = readRoleSettings({
      GuestRole: {
        trust: 'iam/guest-trust.json',
        permissions: ['iam/guest/*.json', 'iam/shared.json'],
        attachedAs: 'unauthenticated',
        identityPoolId: POOL,
        tagKeys: ['team'],
      },
      AuthRole: { permissions: ['iam/auth.json'] },
    });
    assert.deepEqual(read, {
      roles: [
        {
          name: 'GuestRole',
          trust: 'iam/guest-trust.json',
          permissions: ['iam/guest/*.json', 'iam/shared.json'],
          attachedAs: 'unauthenticated',
          identityPoolId: POOL,
          tagKeys: ['team'],
        },
        { name: 'AuthRole', trust: undefined, permissions: ['iam/auth.json'], attachedAs: undefined, identityPoolId: undefined, tagKeys: undefined },
      ],
      problems: [],
    });
  });

  test('no setting is no roles and no problems', () => {
    assert.deepEqual(readRoleSettings(undefined), { roles: [], problems: [] });
    assert.deepEqual(readRoleSettings(null), { roles: [], problems: [] });
    assert.deepEqual(readRoleSettings({}), { roles: [], problems: [] });
  });

  test('a value that is not an object of roles is one problem, not an exception', () => {
    assert.deepEqual(readRoleSettings(['iam/trust.json']), {
      roles: [],
      problems: ['cognitoPool.roles must be an object that maps role names to {"trust", "permissions", "attachedAs", "identityPoolId"}, not a list; ignored.'],
    });
    assert.deepEqual(readRoleSettings('iam').problems, [
      'cognitoPool.roles must be an object that maps role names to {"trust", "permissions", "attachedAs", "identityPoolId"}, not "iam"; ignored.',
    ]);
  });

  test('each wrong part is a problem that says what was ignored; the valid parts are kept', () => {
    const read = readRoleSettings({
      NotAnObject: 'iam/trust.json',
      Typos: { trust: 'iam/t.json', permission: ['iam/p.json'], attachedas: 'authenticated' },
      BadValues: {
        trust: 42,
        permissions: ['/etc/iam/p.json', '../../**/*.json', '${workspaceFolder}/iam/p.json', '', 'iam/ok.json', 'iam/ok.json', 7],
        attachedAs: 'guest',
        identityPoolId: 'us-east-1_AbC123',
        tagKeys: 'team',
      },
      PoolWithoutKind: { trust: 'iam/t.json', identityPoolId: POOL },
      PermissionsNotAList: { trust: 'C:\\iam\\t.json', permissions: 'iam/*.json' },
    });
    assert.deepEqual(read.problems, [
      'cognitoPool.roles: "NotAnObject" must be an object such as {"trust": "iam/trust.json", "permissions": ["iam/policies/*.json"]}, not "iam/trust.json"; ignored.',
      'cognitoPool.roles: "Typos": unknown key "permission" (did you mean "permissions"?); ignored. The keys are trust, permissions, attachedAs, identityPoolId, tagKeys.',
      'cognitoPool.roles: "Typos": unknown key "attachedas" (did you mean "attachedAs"?); ignored. The keys are trust, permissions, attachedAs, identityPoolId, tagKeys.',
      'cognitoPool.roles: "BadValues": "trust" must be a path relative to the workspace folder, not 42; ignored.',
      'cognitoPool.roles: "BadValues": "permissions" entry "/etc/iam/p.json" must be relative to the workspace folder; ignored.',
      'cognitoPool.roles: "BadValues": "permissions" entry "../../**/*.json" leaves the workspace folder (".."); ignored.',
      'cognitoPool.roles: "BadValues": "permissions" entry "${workspaceFolder}/iam/p.json" holds a variable, which is not expanded: write the path relative to the workspace folder; ignored.',
      'cognitoPool.roles: "BadValues": "permissions" entry is empty; ignored.',
      'cognitoPool.roles: "BadValues": "permissions" entry must be a path relative to the workspace folder, not 7; ignored.',
      'cognitoPool.roles: "BadValues": "attachedAs" must be "authenticated" or "unauthenticated", not "guest"; ignored.',
      'cognitoPool.roles: "BadValues": "identityPoolId" must be an identity pool ID such as "us-east-1:12345678-1234-1234-1234-123456789012", not "us-east-1_AbC123"; ignored.',
      'cognitoPool.roles: "BadValues": "tagKeys" must be a list of the role\'s tag keys, e.g. ["department"], not "team"; ignored.',
      'cognitoPool.roles: "PoolWithoutKind": "identityPoolId" needs "attachedAs" (whether the pool gives the role to signed-in identities or to guests); ignored.',
      'cognitoPool.roles: "PermissionsNotAList": "trust" "C:\\iam\\t.json" must be relative to the workspace folder; ignored.',
      'cognitoPool.roles: "PermissionsNotAList": "permissions" must be a list of paths or globs, e.g. ["iam/policies/*.json"], not "iam/*.json"; ignored.',
      'cognitoPool.roles: "PermissionsNotAList" names neither a "trust" policy file nor "permissions" policy files; ignored.',
    ]);
    assert.deepEqual(
      read.roles.map((r) => [r.name, r.trust, r.permissions, r.attachedAs, r.identityPoolId, r.tagKeys]),
      [
        ['Typos', 'iam/t.json', [], undefined, undefined, undefined],
        ['BadValues', undefined, ['iam/ok.json'], undefined, undefined, undefined],
        ['PoolWithoutKind', 'iam/t.json', [], undefined, undefined, undefined],
      ],
    );
  });
});

test('the schema of cognitoPool.roles in package.json has the keys, attachedAs values and pool ID pattern the validator has', () => {
  const manifest = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../package.json'), 'utf8'));
  const role = manifest.contributes.configuration.properties['cognitoPool.roles'].additionalProperties;
  assert.deepEqual(Object.keys(role.properties), [...ROLE_SETTING_KEYS]);
  assert.equal(role.additionalProperties, false);
  assert.deepEqual(role.properties.attachedAs.enum, ATTACHED_ROLE_KEYS);
  assert.equal(role.properties.identityPoolId.pattern, IDENTITY_POOL_ID_PATTERN.source);
  assert.deepEqual(role.dependencies, { identityPoolId: ['attachedAs'] });
});

describe('workspaceFromRoleSettings: the model', () => {
  test('roles, their trust and permission files, the attachment and the pool, located in the settings file', () => {
    const settings = {
      GuestRole: { trust: 'guest-trust.json', permissions: ['guest.json', 'shared.json'], attachedAs: 'unauthenticated', identityPoolId: POOL },
      Reader: { permissions: ['shared.json'] },
    };
    const { model, textOf } = build(settings, { 'guest-trust.json': trustPolicy('unauthenticated'), 'guest.json': OWN_FOLDER, 'shared.json': OWN_FOLDER });
    const settingsText = textOf(SETTINGS_ID);
    const slice = (r: { document: string; range: { start: number; end: number } }) => `${r.document} «${textOf(r.document).slice(r.range.start, r.range.end)}»`;
    const [guest, reader] = model.workspace.roles;
    assert.deepEqual(
      model.workspace.roles.map((r) => ({
        id: r.id,
        at: slice(r),
        trust: r.trust && [r.trust.name, r.trust.document, r.trust.policy.kind],
        permissions: r.permissions.map((p) => [p.name, p.document]),
        tagKeys: r.tagKeys,
      })),
      [
        {
          id: 'GuestRole',
          at: `${SETTINGS_ID} «"GuestRole"»`,
          trust: ['the trust policy file "guest-trust.json"', '/ws/guest-trust.json', 'trust'],
          permissions: [
            ['the policy file "guest.json"', '/ws/guest.json'],
            ['the policy file "shared.json"', '/ws/shared.json'],
          ],
          tagKeys: undefined,
        },
        {
          id: 'Reader',
          at: `${SETTINGS_ID} «"Reader"»`,
          trust: undefined,
          permissions: [['the policy file "shared.json"', '/ws/shared.json']],
          tagKeys: undefined,
        },
      ],
    );
    // The trust policy source is the whole document.
    assert.deepEqual(guest.trust!.range, { start: 0, end: textOf('/ws/guest-trust.json').length });
    assert.equal(reader.trust, undefined);
    assert.deepEqual(model.workspace.pools, []);
    const [attachment] = model.workspace.attachments;
    assert.equal(model.workspace.attachments.length, 1);
    assert.equal(attachment.id, 'cognitoPool.roles');
    assert.equal(slice(attachment.pool), `${SETTINGS_ID} «"${POOL}"»`);
    assert.equal(attachment.pool.poolId, POOL);
    assert.deepEqual(
      attachment.roles.map((r) => [r.as, r.role.roleId, slice(r.role)]),
      [['unauthenticated', 'GuestRole', `${SETTINGS_ID} «"unauthenticated"»`]],
    );
    assert.ok(settingsText.includes('"attachedAs": "unauthenticated"'));
    assert.deepEqual(
      [...model.permissionRoles],
      [
        ['/ws/guest.json', ['GuestRole']],
        ['/ws/shared.json', ['GuestRole', 'Reader']],
      ],
    );
    assert.deepEqual(model.problems, []);
  });

  test('a trust file that is not a trust policy and permission files that are not identity policies are problems and left out', () => {
    const settings = { R: { trust: 'perm.json', permissions: ['trust.json', 'resource.json', 'notes.json', 'perm.json'] }, T: { trust: 'trust.json' } };
    const resource = policy([{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::123456789012:root' }, Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }]);
    const { model } = build(settings, {
      'perm.json': OWN_FOLDER,
      'trust.json': trustPolicy('authenticated'),
      'resource.json': resource,
      'notes.json': '{"title": "notes"}',
    });
    assert.deepEqual(model.problems, [
      'cognitoPool.roles: "R": the trust file "perm.json" is an identity (permission) policy, not a role trust policy (statements with a Principal and sts:AssumeRole* actions); ignored.',
      'cognitoPool.roles: "R": the permissions file "resource.json" is a resource policy, not an identity (permission) policy; skipped.',
      'cognitoPool.roles: "R": the permissions file "notes.json" is not an IAM policy; skipped.',
    ]);
    // trust.json is role T's trust policy: a glob over every file of a folder matches it, and it is skipped silently.
    const [r] = model.workspace.roles;
    assert.equal(r.trust, undefined);
    assert.deepEqual(
      r.permissions.map((p) => p.document),
      [],
    );
  });

  test("without the setting in the settings text, the setting's parts are in no file; a value is located only when it is the one in force", () => {
    const settings = { GuestRole: { trust: 'trust.json', attachedAs: 'unauthenticated', identityPoolId: POOL } };
    const texts = { 'trust.json': trustPolicy('unauthenticated') };
    const nowhere = build(settings, texts, '{ "editor.tabSize": 2 }').model.workspace.attachments[0];
    assert.deepEqual([nowhere.document, nowhere.pool.document, nowhere.roles[0].role.document], [UNLOCATED_SETTING, UNLOCATED_SETTING, UNLOCATED_SETTING]);
    assert.equal(build(settings, texts, null).model.workspace.attachments[0].document, UNLOCATED_SETTING);

    // The settings file says "authenticated" (another scope overrides it): the role's key, not that value.
    const written = `{\n  // comments are allowed in settings\n  "cognitoPool.roles": { "GuestRole": { "attachedAs": "authenticated", "identityPoolId": "${POOL}" } }\n}`;
    const { model, textOf } = build(settings, texts, written);
    const [attachment] = model.workspace.attachments;
    const covered = (r: { range: { start: number; end: number } }) => textOf(SETTINGS_ID).slice(r.range.start, r.range.end);
    assert.deepEqual([covered(attachment.roles[0].role), covered(attachment.pool)], ['"GuestRole"', `"${POOL}"`]);
  });
});

describe('the rules across documents over standalone files', () => {
  test('role-kind-mismatch: in the trust file at the amr value, related to attachedAs in the settings file', () => {
    assert.deepEqual(
      crossFindings({ GuestRole: { trust: 'guest-trust.json', attachedAs: 'unauthenticated' } }, { 'guest-trust.json': trustPolicy('authenticated') }),
      [`/ws/guest-trust.json role-kind-mismatch error «"authenticated"» -> ${SETTINGS_ID} «"unauthenticated"»`],
    );
    const { model } = build({ GuestRole: { trust: 'guest-trust.json', attachedAs: 'unauthenticated' } }, { 'guest-trust.json': trustPolicy('authenticated') });
    const [{ finding }] = analyzeRoles(model.workspace);
    assert.match(
      finding.message,
      /^Role "GuestRole" is attached as the "unauthenticated" role of an identity pool \(guests\), but this trust policy admits only signed-in identities/,
    );
    assert.deepEqual(
      finding.related?.map((r) => r.message),
      ['"GuestRole" is attached as the "unauthenticated" role here (cognitoPool.roles).'],
    );
  });

  test('role-kind-mismatch the other way, and silence when the kinds agree or attachedAs is not given', () => {
    assert.deepEqual(crossFindings({ AuthRole: { trust: 't.json', attachedAs: 'authenticated' } }, { 't.json': trustPolicy('unauthenticated') }), [
      `/ws/t.json role-kind-mismatch error «"unauthenticated"» -> ${SETTINGS_ID} «"authenticated"»`,
    ]);
    assert.deepEqual(crossFindings({ AuthRole: { trust: 't.json', attachedAs: 'authenticated' } }, { 't.json': trustPolicy('authenticated') }), []);
    assert.deepEqual(crossFindings({ SomeRole: { trust: 't.json' } }, { 't.json': trustPolicy('unauthenticated') }), []);
  });

  test('aud-pool-mismatch: in the trust file at the aud value, related to identityPoolId in the settings file', () => {
    const findings = crossFindings(
      { AuthRole: { trust: 't.json', attachedAs: 'authenticated', identityPoolId: POOL } },
      { 't.json': trustPolicy('authenticated', OTHER_POOL) },
    );
    assert.deepEqual(findings, [`/ws/t.json aud-pool-mismatch error «"${OTHER_POOL}"» -> ${SETTINGS_ID} «"${POOL}"»`]);
    const { model } = build(
      { AuthRole: { trust: 't.json', attachedAs: 'authenticated', identityPoolId: POOL } },
      { 't.json': trustPolicy('authenticated', OTHER_POOL) },
    );
    assert.match(
      analyzeRoles(model.workspace)[0].finding.message,
      new RegExp(`but role "AuthRole" is attached to the identity pool "${POOL}" \\(cognitoPool\\.roles\\)`),
    );
    // The same pool, or no identityPoolId to compare with: nothing.
    assert.deepEqual(
      crossFindings({ AuthRole: { trust: 't.json', attachedAs: 'authenticated', identityPoolId: POOL } }, { 't.json': trustPolicy('authenticated') }),
      [],
    );
    assert.deepEqual(crossFindings({ AuthRole: { trust: 't.json', attachedAs: 'authenticated' } }, { 't.json': trustPolicy('authenticated', OTHER_POOL) }), []);
  });

  test('cognito-variables-without-cognito-trust: in the permission file, related to the trust file', () => {
    const lambdaTrust = policy([{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }]);
    assert.deepEqual(
      crossFindings(
        { Worker: { trust: 'worker-trust.json', permissions: ['own-folder.json'] } },
        { 'worker-trust.json': lambdaTrust, 'own-folder.json': OWN_FOLDER },
      ),
      [`/ws/own-folder.json cognito-variables-without-cognito-trust warning «${SUB}» -> /ws/worker-trust.json «{»`],
    );
  });

  test("principal-tags-without-tag-session: with the role's tag keys given, in the permission file, related to the trust Action", () => {
    const tagged = policy([{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/${aws:PrincipalTag/department}/*' }]);
    const texts = { 't.json': trustPolicy('authenticated'), 'abac.json': tagged };
    assert.deepEqual(crossFindings({ AuthRole: { trust: 't.json', permissions: ['abac.json'], tagKeys: [] } }, texts), [
      '/ws/abac.json principal-tags-without-tag-session error «${aws:PrincipalTag/department}» -> /ws/t.json «"Action": "sts:AssumeRoleWithWebIdentity"»',
    ]);
    // The key is one of the role's own tags; the trust policy allows sts:TagSession; the tags are not given (unknown).
    assert.deepEqual(crossFindings({ AuthRole: { trust: 't.json', permissions: ['abac.json'], tagKeys: ['Department'] } }, texts), []);
    assert.deepEqual(
      crossFindings(
        { AuthRole: { trust: 't.json', permissions: ['abac.json'], tagKeys: [] } },
        { ...texts, 't.json': trustPolicy('authenticated', POOL, ['sts:AssumeRoleWithWebIdentity', 'sts:TagSession']) },
      ),
      [],
    );
    assert.deepEqual(crossFindings({ AuthRole: { trust: 't.json', permissions: ['abac.json'] } }, texts), []);
  });

  test("the user's severities apply", () => {
    const value = { GuestRole: { trust: 'guest-trust.json', attachedAs: 'unauthenticated' } };
    const texts = { 'guest-trust.json': trustPolicy('authenticated') };
    assert.deepEqual(crossFindings(value, texts, { 'role-kind-mismatch': 'off' }), []);
    assert.deepEqual(crossFindings(value, texts, { 'role-kind-mismatch': 'warning' }), [
      `/ws/guest-trust.json role-kind-mismatch warning «"authenticated"» -> ${SETTINGS_ID} «"unauthenticated"»`,
    ]);
  });
});

describe('the identity-pool role of a permission file (AnalyzeOptions.identityPool)', () => {
  const WRITE = policy([{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::public-uploads/*' }]);
  const guestRules = (identityPool: ReturnType<typeof identityPoolContextForRoles>) =>
    analyze(WRITE, { identityPool })
      .findings.filter((f) => f.ruleId.startsWith('guest-'))
      .map((f) => `${f.ruleId} «${WRITE.slice(f.range.start, f.range.end)}»`);

  test('a permission file of a role attached as unauthenticated gets the guest rules', () => {
    const { model } = build(
      { GuestRole: { trust: 't.json', permissions: ['uploads.json'], attachedAs: 'unauthenticated' } },
      { 't.json': trustPolicy('unauthenticated'), 'uploads.json': WRITE },
    );
    const context = identityPoolContextForRoles(model.workspace, model.permissionRoles.get('/ws/uploads.json')!);
    assert.deepEqual(context, { role: 'guest' });
    assert.deepEqual(guestRules(context), ['guest-broad-access «"s3:PutObject"»', 'guest-outside-scope-down «"s3:PutObject"»']);
  });

  test('attached as authenticated, or not attached with a trust policy that admits signed-in identities: no guest rules', () => {
    const auth = build(
      { R: { trust: 't.json', permissions: ['uploads.json'], attachedAs: 'authenticated' } },
      { 't.json': trustPolicy('authenticated'), 'uploads.json': WRITE },
    ).model;
    assert.deepEqual(identityPoolContextForRoles(auth.workspace, auth.permissionRoles.get('/ws/uploads.json')!), { role: 'authenticated' });
    // Without attachedAs the kind is unknown unless the trust policy admits guests only.
    for (const amr of ['authenticated', '*']) {
      const unknown = build({ R: { trust: 't.json', permissions: ['uploads.json'] } }, { 't.json': trustPolicy(amr), 'uploads.json': WRITE }).model;
      const context = identityPoolContextForRoles(unknown.workspace, unknown.permissionRoles.get('/ws/uploads.json')!);
      assert.deepEqual(context, {}, amr);
      assert.deepEqual(guestRules(context), []);
    }
  });

  test('not attached, with a trust policy that admits guests only: a guest role, the guest rules apply', () => {
    const { model } = build({ R: { trust: 't.json', permissions: ['uploads.json'] } }, { 't.json': trustPolicy('unauthenticated'), 'uploads.json': WRITE });
    const context = identityPoolContextForRoles(model.workspace, model.permissionRoles.get('/ws/uploads.json')!);
    assert.deepEqual(context, { role: 'guest' });
    assert.deepEqual(guestRules(context), ['guest-broad-access «"s3:PutObject"»', 'guest-outside-scope-down «"s3:PutObject"»']);
  });

  test("a file shared by a guest role and an authenticated role is analysed as the guest role's", () => {
    const { model } = build(
      { AuthRole: { permissions: ['shared.json'], attachedAs: 'authenticated' }, GuestRole: { permissions: ['shared.json'], attachedAs: 'unauthenticated' } },
      { 'shared.json': WRITE },
    );
    assert.deepEqual(identityPoolContextForRoles(model.workspace, model.permissionRoles.get('/ws/shared.json')!), { role: 'guest' });
  });
});
