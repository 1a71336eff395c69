/**
 * `cognito-pool-lint simulate` (dist/cli.js) as CI runs it: every case of the evaluator's table
 * (test/unit/evaluateCases.ts) and of the identity pool's table (test/unit/poolCases.ts, `--template`) through
 * the command line with --expect, the JSON and text output, the exit status when --expect does not hold, and
 * each bad input (exit 2, one line on stderr).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CASES, ME, OTHER, POOL, identityArg, type EvaluateCase } from '../unit/evaluateCases';
import { CLIENT, IDENTITY_ID, ISS, POOL_CASES, SUB, jwtOf, poolTemplate, type PoolCase } from '../unit/poolCases';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const EXAMPLES = path.resolve(__dirname, '../../../examples');

function simulate(args: readonly string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, 'simulate', ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The command line of a case: files by name (written to `cwd`), the identity, the request, the context. */
function argsOf(c: EvaluateCase): string[] {
  const args: string[] = [];
  for (const p of c.policies) args.push('--policy', p.file);
  if (c.trust) args.push('--trust', c.trust.file);
  args.push('--identity', identityArg(c));
  if (c.identityId) args.push('--identity-id', c.identityId);
  if (c.poolId) args.push('--pool-id', c.poolId);
  if (c.flow) args.push('--flow', c.flow);
  args.push('--action', c.action, '--resource', c.resource);
  for (const [key, value] of Object.entries(c.context ?? {})) args.push('--context', `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`);
  return args;
}

interface JsonResult {
  trust: { decision: string; reasons: string[] } | null;
  decision: string;
  statements: { file: string; sid: string | null; range: { start: { line: number; character: number }; end: { line: number; character: number } } }[];
  reasons: string[];
}

describe('cognito-pool-lint simulate: the evaluator table', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-sim-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  CASES.forEach((c, i) => {
    test(c.name, () => {
      const cwd = path.join(dir, String(i));
      fs.mkdirSync(cwd);
      for (const p of [...c.policies, ...(c.trust ? [c.trust] : [])]) fs.writeFileSync(path.join(cwd, p.file), p.text);
      const expect = c.decision === 'allowed' ? 'allow' : 'deny';
      const r = simulate([...argsOf(c), '--expect', expect, '--format', 'json'], cwd);
      assert.equal(r.status, 0, r.stderr + r.stdout);
      const result = JSON.parse(r.stdout) as JsonResult;
      // The output's words are --expect's: allow, explicit-deny, implicit-deny.
      assert.equal(result.decision, c.decision === 'allowed' ? 'allow' : c.decision);
      assert.deepEqual(
        result.statements.map((s) => s.sid),
        c.sids,
      );
      assert.equal(result.trust?.decision ?? null, c.trustDecision ?? null);
      const reasons = [...(result.trust?.reasons ?? []), ...result.reasons];
      if (c.reason)
        assert.ok(
          reasons.some((x) => x.includes(c.reason!)),
          `no reason contains ${JSON.stringify(c.reason)}:\n${reasons.join('\n')}`,
        );
    });
  });
});

const OWN_OBJECT = `arn:aws:s3:::photo-app-user-uploads/private/${ME}/photo.jpg`;
const OTHERS_OBJECT = `arn:aws:s3:::photo-app-user-uploads/private/${OTHER}/photo.jpg`;
const SIGNED_IN = ['--identity', 'authenticated:accounts.google.com', '--identity-id', ME, '--pool-id', POOL];
/** A signed-in identity reading its own object, with the examples' permission and trust policies. */
const OWN_READ = [
  '--policy',
  's3-per-identity.json',
  '--trust',
  'trust-authenticated.json',
  ...SIGNED_IN,
  '--action',
  's3:GetObject',
  '--resource',
  OWN_OBJECT,
];

describe('cognito-pool-lint simulate: output and exit status', () => {
  test('--format json is one object {trust, decision, statements: [{file, sid, range}], reasons} with 0-based LSP positions', () => {
    const r = simulate([...OWN_READ, '--format', 'json'], EXAMPLES);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, '');
    const result = JSON.parse(r.stdout) as JsonResult;
    assert.deepEqual(Object.keys(result), ['trust', 'decision', 'statements', 'reasons']);
    assert.deepEqual(Object.keys(result.trust!), ['decision', 'reasons']);
    assert.deepEqual(result.statements, [
      { file: 's3-per-identity.json', sid: 'ReadWriteOwnObjects', range: { start: { line: 14, character: 4 }, end: { line: 19, character: 5 } } },
    ]);
    assert.deepEqual(result.trust, {
      decision: 'allowed',
      reasons: [
        'Statement "SignedInUsersOfPhotoPool" in trust-authenticated.json lets cognito-identity.amazonaws.com call sts:AssumeRoleWithWebIdentity for this identity.',
      ],
    });
  });

  test('trust is null without --trust', () => {
    const r = simulate(['--policy', 's3-per-identity.json', ...SIGNED_IN, '--action', 's3:GetObject', '--resource', OWN_OBJECT, '--format=json'], EXAMPLES);
    assert.equal(r.status, 0, r.stderr);
    assert.equal((JSON.parse(r.stdout) as JsonResult).trust, null);
  });

  test('text output: the request, the trust result, the decision, each deciding statement as file:line:col Sid, the reasons', () => {
    const r = simulate([...OWN_READ, '--expect', 'allow'], EXAMPLES);
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(r.stdout.trimEnd().split('\n'), [
      `Request: authenticated (accounts.google.com), enhanced flow: s3:GetObject on ${OWN_OBJECT}`,
      'Trust: allowed (trust-authenticated.json)',
      '  - Statement "SignedInUsersOfPhotoPool" in trust-authenticated.json lets cognito-identity.amazonaws.com call sts:AssumeRoleWithWebIdentity for this identity.',
      'Decision: allow',
      '  s3-per-identity.json:15:5 ReadWriteOwnObjects',
      `  - Statement "ReadWriteOwnObjects" in s3-per-identity.json allows s3:GetObject on ${OWN_OBJECT} (Resource "arn:aws:s3:::photo-app-user-uploads/private/\${cognito-identity.amazonaws.com:sub}/*" is "arn:aws:s3:::photo-app-user-uploads/private/${ME}/*" for this identity).`,
      'Expected allow: holds',
    ]);
  });

  test("exit 1 with a message on stderr when --expect does not hold: one identity must not read another's data", () => {
    const r = simulate(
      ['--policy', 's3-per-identity.json', ...SIGNED_IN, '--action', 's3:GetObject', '--resource', OTHERS_OBJECT, '--expect', 'allow', '--format', 'json'],
      EXAMPLES,
    );
    assert.equal(r.status, 1);
    assert.equal((JSON.parse(r.stdout) as JsonResult).decision, 'implicit-deny');
    assert.equal(r.stderr, 'cognito-pool-lint simulate: expected allow, but the decision is implicit-deny.\n');
  });

  test('exit 1 when a guest could write although the test expects deny (basic flow, no scope-down)', () => {
    const r = simulate(
      [
        '--policy',
        's3-per-identity.json',
        '--identity',
        'guest',
        '--identity-id',
        ME,
        '--flow',
        'basic',
        '--action',
        's3:PutObject',
        '--resource',
        OWN_OBJECT,
        '--expect',
        'deny',
      ],
      EXAMPLES,
    );
    assert.equal(r.status, 1);
    assert.ok(r.stdout.includes('Decision: allow\n'), r.stdout);
    assert.ok(r.stdout.trimEnd().endsWith('Expected deny: does NOT hold'), r.stdout);
  });

  test("--help prints the usage and exits 0; the linter's usage points to it", () => {
    const r = simulate(['--help'], EXAMPLES);
    assert.equal(r.status, 0);
    assert.ok(r.stdout.startsWith('Usage: cognito-pool-lint simulate --policy FILE'), r.stdout);
    const top = spawnSync(process.execPath, [CLI, '--help'], { encoding: 'utf8' });
    assert.ok(top.stdout.includes('cognito-pool-lint simulate --help'), top.stdout);
  });
});

describe('cognito-pool-lint simulate: a trust it cannot judge', () => {
  test('{"AWS": "*"} in the trust policy: denied "as far as can be told", and --expect exits 2 (neither allow nor deny holds)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-sim-unsure-'));
    try {
      fs.writeFileSync(
        path.join(dir, 'trust.json'),
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRoleWithWebIdentity' }] }),
      );
      fs.writeFileSync(
        path.join(dir, 'perm.json'),
        JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: '*' }] }),
      );
      const base = ['--policy', 'perm.json', '--trust', 'trust.json', '--identity', 'guest', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b/k'];
      const ignored = 'Statement 1 in trust.json is ignored: whether {"AWS": "*"} admits web identities is not documented.';
      for (const expect of ['deny', 'allow']) {
        const r = simulate([...base, '--expect', expect], dir);
        assert.equal(r.status, 2, r.stdout + r.stderr);
        assert.equal(r.stderr, `cognito-pool-lint simulate: expected ${expect}, but the trust decision cannot be told: ${ignored}\n`);
        assert.match(r.stdout, /^Trust: denied as far as can be told \(trust\.json\)$/m);
      }
      const json = simulate([...base, '--format', 'json'], dir);
      assert.equal(json.status, 0, json.stderr);
      assert.equal((JSON.parse(json.stdout) as { trust: { uncertain?: string } }).trust.uncertain, ignored);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('cognito-pool-lint simulate: bad input exits 2 with one line on stderr', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-sim-bad-'));
    fs.writeFileSync(path.join(dir, 'broken.json'), '{\n  "Version": "2012-10-17",\n  "Statement": [,]\n}\n');
    for (const name of ['s3-per-identity.json', 'trust-guest.json', 'app-settings.json']) fs.copyFileSync(path.join(EXAMPLES, name), path.join(dir, name));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  const REQUEST = ['--action', 's3:GetObject', '--resource', OWN_OBJECT];
  const cases: [string, string[], string][] = [
    ['a missing file', ['--policy', 'missing.json', '--identity', 'guest', ...REQUEST], 'cannot read missing.json: no such file.'],
    [
      'invalid JSON, with its position',
      ['--policy', 'broken.json', '--identity', 'guest', ...REQUEST],
      'broken.json:3:17: invalid JSON: A value is expected here.',
    ],
    [
      'a file that is not a policy',
      ['--policy', 'app-settings.json', '--identity', 'guest', ...REQUEST],
      'app-settings.json is not an IAM policy (it needs a "Statement").',
    ],
    [
      'a trust policy given as --policy',
      ['--policy', 'trust-guest.json', '--identity', 'guest', ...REQUEST],
      'trust-guest.json is a trust policy: pass it with --trust.',
    ],
    [
      'a permission policy given as --trust',
      ['--policy', 's3-per-identity.json', '--trust', 's3-per-identity.json', '--identity', 'guest', ...REQUEST],
      's3-per-identity.json is not a role trust policy (a Principal with sts:AssumeRoleWithWebIdentity): pass permission policies with --policy.',
    ],
    [
      'an unknown --identity kind',
      ['--policy', 's3-per-identity.json', '--identity', 'admin', ...REQUEST],
      '--identity must be guest, authenticated or authenticated:PROVIDER, not "admin".',
    ],
    [
      'a guest with a provider',
      ['--policy', 's3-per-identity.json', '--identity', 'guest:accounts.google.com', ...REQUEST],
      '--identity "guest:accounts.google.com": a guest has no login provider; use --identity guest.',
    ],
    ['no --identity', ['--policy', 's3-per-identity.json', ...REQUEST], 'No --identity given: use guest, authenticated or authenticated:PROVIDER.'],
    ['no --action', ['--policy', 's3-per-identity.json', '--identity', 'guest', '--resource', OWN_OBJECT], 'No --action given, e.g. --action s3:GetObject.'],
    [
      'no --resource',
      ['--policy', 's3-per-identity.json', '--identity', 'guest', '--action', 's3:GetObject'],
      'No --resource given: an ARN, or * for actions without resource-level permissions.',
    ],
    ['no --policy', ['--identity', 'guest', ...REQUEST], 'No --policy FILE given: name at least one permission policy of the role.'],
    [
      'an action with a wildcard',
      ['--policy', 's3-per-identity.json', '--identity', 'guest', '--action', 's3:Get*', '--resource', OWN_OBJECT],
      'Cannot evaluate: the action "s3:Get*" has a wildcard: a request names one action.',
    ],
    [
      'a resource that is not an ARN',
      ['--policy', 's3-per-identity.json', '--identity', 'guest', '--action', 's3:GetObject', '--resource', 'bucket/key'],
      'Cannot evaluate: the resource "bucket/key" is neither an ARN (arn:partition:service:region:account:resource) nor "*".',
    ],
    [
      'a pool ID that is not <region>:<guid>',
      ['--policy', 's3-per-identity.json', '--identity', 'guest', '--pool-id', 'us-east-1_AbC123', ...REQUEST],
      '--pool-id "us-east-1_AbC123" is not an identity pool ID: <region>:<guid>, e.g. us-east-1:12345678-1234-1234-1234-123456789012.',
    ],
    [
      'a --context without KEY=VALUE',
      ['--policy', 's3-per-identity.json', '--identity', 'guest', '--context', 'prefix', ...REQUEST],
      '--context takes KEY=VALUE with a condition key such as s3:prefix (got "prefix").',
    ],
    [
      'a --context JSON value that is not an array of strings',
      ['--policy', 's3-per-identity.json', '--identity', 'guest', '--context', 'aws:TagKeys=[1,2]', ...REQUEST],
      '--context aws:TagKeys: "[1,2]" is not a JSON array of strings.',
    ],
    [
      'an unknown --expect',
      ['--policy', 's3-per-identity.json', '--identity', 'guest', '--expect', 'allowed', ...REQUEST],
      '--expect must be allow or deny, not "allowed".',
    ],
    ['an unknown option', ['--policy', 's3-per-identity.json', '--identity', 'guest', '--verbose', ...REQUEST], 'Unknown option "--verbose".'],
  ];
  for (const [what, args, message] of cases) {
    test(what, () => {
      const r = simulate(args, dir);
      assert.equal(r.status, 2);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `cognito-pool-lint simulate: ${message}\n`);
    });
  }
});

interface PoolJson extends JsonResult {
  role: { id: string; by: string; rule: number | null } | null;
  principalTags: Record<string, string>;
  rules: { number: number; outcome: string; reason: string }[];
  uncertain?: string;
}

/** The command line of a pool case: the template and claims files by name (written to `cwd`), the identity, the request. */
function poolArgsOf(c: PoolCase): string[] {
  const args = ['--template', c.template.file];
  if (c.identity === 'guest') args.push('--identity', 'guest');
  else if (c.identity.as === 'token') args.push('--token', jwtOf(c.identity.claims));
  else args.push('--claims', 'claims.json');
  if (c.provider) args.push('--provider', c.provider);
  if (c.flow) args.push('--flow', c.flow);
  if (c.role) args.push('--role', c.role);
  args.push('--identity-id', IDENTITY_ID, '--action', c.action, '--resource', c.resource);
  return args;
}

describe('cognito-pool-lint simulate --template: the identity pool table', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-sim-pool-'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  POOL_CASES.forEach((c, i) => {
    test(c.name, () => {
      const cwd = path.join(dir, String(i));
      fs.mkdirSync(cwd);
      fs.writeFileSync(path.join(cwd, c.template.file), c.template.text);
      if (c.identity !== 'guest' && c.identity.as === 'claims') fs.writeFileSync(path.join(cwd, 'claims.json'), JSON.stringify(c.identity.claims));
      const expect = c.decision === 'allowed' ? 'allow' : 'deny';
      const r = simulate([...poolArgsOf(c), '--expect', expect, '--format', 'json'], cwd);
      // An answer that depends on what the template leaves open holds neither expectation: exit 2.
      assert.equal(r.status, c.uncertain ? 2 : 0, r.stderr + r.stdout);
      const result = JSON.parse(r.stdout) as PoolJson;
      assert.deepEqual(result.role, c.expectRole && { rule: null, ...c.expectRole });
      assert.deepEqual(result.principalTags, c.principalTags ?? {});
      assert.deepEqual(
        result.rules.map((x) => x.outcome),
        c.rules ?? [],
      );
      assert.equal(result.trust?.decision ?? null, c.trust);
      assert.equal(result.decision, c.decision === 'allowed' ? 'allow' : c.decision);
      assert.deepEqual(
        result.statements.map((s) => [s.file, s.sid]),
        c.sids.map((sid) => [c.template.file, sid]),
      );
      assert.equal(result.uncertain !== undefined, c.uncertain ?? false);
      if (c.uncertain) assert.equal(r.stderr, `cognito-pool-lint simulate: expected ${expect}, but the decision cannot be told: ${result.uncertain}\n`);
      const reasons = [...(result.trust?.reasons ?? []), ...result.reasons];
      assert.ok(
        reasons.some((x) => x.includes(c.reason)),
        `no reason contains ${JSON.stringify(c.reason)}:\n${reasons.join('\n')}`,
      );
    });
  });
});

describe('cognito-pool-lint simulate --template: output and inputs', () => {
  let dir: string;
  const TOKEN = jwtOf({ iss: ISS, aud: CLIENT, sub: SUB });
  const REQUEST = ['--action', 's3:GetObject', '--resource', 'arn:aws:s3:::photos/public/a.jpg'];
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-sim-tpl-'));
    fs.writeFileSync(
      path.join(dir, 'pool.yaml'),
      poolTemplate({
        guests: false,
        mappings: `        google:\n          IdentityProvider: accounts.google.com\n          Type: Rules\n          AmbiguousRoleResolution: Deny\n          RulesConfiguration:\n            Rules:\n              - {Claim: hd, MatchType: Equals, Value: example.com, RoleARN: !GetAtt SalesRole.Arn}\n`,
      }).text,
    );
    fs.writeFileSync(
      path.join(dir, 'two-pools.yaml'),
      poolTemplate().text.replace(
        '  Attachment:',
        '  OtherPool:\n    Type: AWS::Cognito::IdentityPool\n    Properties: {AllowUnauthenticatedIdentities: false}\n  Attachment:',
      ),
    );
    fs.writeFileSync(path.join(dir, 'claims.json'), JSON.stringify({ iss: ISS, aud: CLIENT, sub: SUB }));
    fs.writeFileSync(path.join(dir, 'no-iss.json'), JSON.stringify({ sub: SUB }));
    fs.writeFileSync(path.join(dir, 'list.json'), '["sub"]');
    fs.writeFileSync(path.join(dir, 'broken.yaml'), 'Resources:\n  Pool: [\n');
    for (const name of ['s3-per-identity.json', 'trust-guest.json']) fs.copyFileSync(path.join(EXAMPLES, name), path.join(dir, name));
    fs.writeFileSync(
      path.join(dir, 'guest.json'),
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Sid: 'Speech', Effect: 'Allow', Action: 'polly:SynthesizeSpeech', Resource: '*' }] }),
    );
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--format json: {role, principalTags, trust, decision, statements, reasons, rules} with 0-based positions in the template', () => {
    const r = simulate(['--template', 'pool.yaml', '--token', TOKEN, ...REQUEST, '--format', 'json'], dir);
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as PoolJson;
    assert.deepEqual(Object.keys(result), ['role', 'principalTags', 'trust', 'decision', 'statements', 'reasons', 'rules']);
    assert.deepEqual(result.role, { id: 'AuthRole', by: 'default', rule: null });
    const text = fs.readFileSync(path.join(dir, 'pool.yaml'), 'utf8').split('\n');
    const [s] = result.statements;
    assert.deepEqual([s.file, s.sid], ['pool.yaml', 'ReadPublic']);
    assert.ok(text[s.range.start.line].slice(s.range.start.character).startsWith('{Sid: ReadPublic'), text[s.range.start.line]);
  });

  test('text output: the request, the role and why, the principal tags, the trust, the decision with file:line:col Sid', () => {
    const r = simulate(['--template', 'pool.yaml', '--claims', 'claims.json', ...REQUEST, '--expect', 'allow'], dir);
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout.trimEnd().split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'Request: signed in, identity pool IdentityPool (pool.yaml), enhanced flow: s3:GetObject on arn:aws:s3:::photos/public/a.jpg',
      'Role: AuthRole (default)',
      `  - Signed in through cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123 (the token's iss "${ISS}" and app client "${CLIENT}").`,
      `  - No role mapping for cognito-idp.us-east-1.amazonaws.com/us-east-1_Abc123:${CLIENT}: the pool's authenticated role "AuthRole".`,
    ]);
    assert.ok(lines.includes('Principal tags: none'), r.stdout);
    assert.ok(lines.includes('Trust: allowed'), r.stdout);
    assert.ok(lines.includes('Decision: allow'), r.stdout);
    assert.ok(/^ {2}pool\.yaml:\d+:\d+ ReadPublic$/m.test(r.stdout), r.stdout);
    assert.equal(lines[lines.length - 1], 'Expected allow: holds');
  });

  test('a Rules mapping in the text output: each rule with its outcome', () => {
    const google = jwtOf({ iss: 'https://accounts.google.com', aud: '620493171733-example.apps.googleusercontent.com', sub: '1', hd: 'example.com' });
    const r = simulate(['--template', 'pool.yaml', '--token', google, '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::photos/sales/a.pdf'], dir);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stdout.includes('Role: SalesRole (rule 1 of the role mapping)\n  rule 1: matched\n'), r.stdout);
  });

  test('exit 1 when --expect does not hold', () => {
    const r = simulate(['--template', 'pool.yaml', '--identity', 'guest', '--action', 'polly:SynthesizeSpeech', '--resource', '*', '--expect', 'allow'], dir);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, 'cognito-pool-lint simulate: expected allow, but the decision is implicit-deny.\n');
  });

  test('a settings file with cognitoPool.roles: its roles, files and globs relative to the workspace folder', () => {
    const r = simulate(
      [
        '--template',
        '.vscode/settings.json',
        '--identity',
        'guest',
        '--action',
        's3:GetObject',
        '--resource',
        'arn:aws:s3:::photo-app-user-uploads/public/a.jpg',
        '--format',
        'json',
      ],
      EXAMPLES,
    );
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as PoolJson;
    assert.deepEqual(result.role, { id: 'PhotoAppGuestRole', by: 'default', rule: null });
    assert.equal(result.trust?.decision, 'allowed');
    // s3 is outside the enhanced flow's guest scope-down: the role's Allow does not reach the guest.
    assert.equal(result.decision, 'implicit-deny');
    assert.equal(
      result.reasons[0],
      'The model does not say whether identity pool "us-east-1:7d3b2f90-1c4e-4a8b-9f11-2e6c5d4a3b21" allows guests: simulated as if it did.',
    );
  });

  test('examples/amplify-template.yaml: a signed-in user reads their own folder; guests get nothing (guest access off)', () => {
    const own = `arn:aws:s3:::photoapp-uploads-dev-1/private/${IDENTITY_ID}/a.jpg`;
    const signedIn = simulate(
      [
        '--template',
        'amplify-template.yaml',
        '--token',
        TOKEN,
        '--identity-id',
        IDENTITY_ID,
        '--action',
        's3:GetObject',
        '--resource',
        own,
        '--expect',
        'allow',
      ],
      EXAMPLES,
    );
    assert.equal(signedIn.status, 0, signedIn.stderr + signedIn.stdout);
    const guest = simulate(
      ['--template', 'amplify-template.yaml', '--identity', 'guest', '--action', 's3:GetObject', '--resource', own, '--expect', 'deny', '--format', 'json'],
      EXAMPLES,
    );
    assert.equal(guest.status, 0, guest.stderr);
    assert.equal((JSON.parse(guest.stdout) as PoolJson).role, null);
  });

  test('examples/terraform/identity-pool, a Terraform module: the team folder by the principal tag map, the guest role by the pool', () => {
    const claims = path.join(dir, 'team-claims.json');
    fs.writeFileSync(claims, JSON.stringify({ iss: ISS, aud: CLIENT, sub: SUB, 'custom:team': 'blue' }));
    const team = (folder: string, expect: string) =>
      simulate(
        [
          '--template',
          'terraform/identity-pool',
          '--claims',
          claims,
          '--action',
          's3:GetObject',
          '--resource',
          `arn:aws:s3:::photoapp-uploads-dev/teams/${folder}/a.jpg`,
          '--expect',
          expect,
          '--format',
          'json',
        ],
        EXAMPLES,
      );
    const own = team('blue', 'allow');
    assert.equal(own.status, 0, own.stderr + own.stdout);
    const result = JSON.parse(own.stdout) as PoolJson;
    assert.equal(result.role?.id, 'aws_iam_role.authenticated');
    assert.deepEqual(result.principalTags, { team: 'blue' });
    assert.equal(team('red', 'deny').status, 0);
    // One of the module's .tf files names the module too; a guest gets the guest role, whose trust names the pool by reference.
    const guest = simulate(
      [
        '--template',
        'terraform/identity-pool/main.tf',
        '--identity',
        'guest',
        '--action',
        'rum:PutRumEvents',
        '--resource',
        'arn:aws:rum:us-east-1:123456789012:appmonitor/photoapp-dev',
        '--expect',
        'allow',
      ],
      EXAMPLES,
    );
    assert.equal(guest.status, 0, guest.stderr + guest.stdout);
    assert.match(guest.stdout, /^Role: aws_iam_role\.guest \(default\)$/m);
  });

  test('a Terraform module whose guest role reads its policies with file() from JSON files: the statement is in the JSON file', () => {
    const module = path.join(dir, 'tf-json');
    fs.mkdirSync(path.join(module, 'policies'), { recursive: true });
    fs.writeFileSync(
      path.join(module, 'main.tf'),
      `resource "aws_cognito_identity_pool" "main" {
  identity_pool_name               = "main"
  allow_unauthenticated_identities = true
}

resource "aws_iam_role" "guest" {
  name               = "guest"
  assume_role_policy = file("\${path.module}/policies/trust.json")
}

resource "aws_iam_role_policy" "guest" {
  role   = aws_iam_role.guest.id
  policy = file("policies/guest.json")
}

resource "aws_cognito_identity_pool_roles_attachment" "main" {
  identity_pool_id = aws_cognito_identity_pool.main.id
  roles            = { unauthenticated = aws_iam_role.guest.arn }
}
`,
    );
    fs.copyFileSync(path.join(dir, 'trust-guest.json'), path.join(module, 'policies', 'trust.json'));
    fs.copyFileSync(path.join(dir, 'guest.json'), path.join(module, 'policies', 'guest.json'));
    const pool: string[] = [];
    const run = (action: string, expect: string) =>
      simulate(['--template', 'tf-json', ...pool, '--identity', 'guest', '--action', action, '--resource', '*', '--expect', expect, '--format', 'json'], dir);
    // The trust read from policies/trust.json names its pool by ID; the module's pool ID is computed.
    const denied = run('polly:SynthesizeSpeech', 'deny');
    assert.equal(denied.status, 0, denied.stderr + denied.stdout);
    assert.match((JSON.parse(denied.stdout) as PoolJson).trust?.reasons.join('\n') ?? '', /the policy file "policies\/trust\.json"/);
    pool.push('--pool-id', POOL);
    const allowed = run('polly:SynthesizeSpeech', 'allow');
    assert.equal(allowed.status, 0, allowed.stderr + allowed.stdout);
    const result = JSON.parse(allowed.stdout) as PoolJson;
    assert.equal(result.role?.id, 'aws_iam_role.guest');
    assert.deepEqual(
      result.statements.map((st) => [st.file, st.sid]),
      [[path.join('tf-json', 'policies', 'guest.json'), 'Speech']],
    );
    // Control: what the JSON file does not grant is denied.
    assert.equal(run('s3:GetObject', 'deny').status, 0);
  });

  test("--trust without --pool-id: the pool ID is the trust policy's aud, and the reasons say so", () => {
    const r = simulate(
      [
        '--policy',
        'guest.json',
        '--trust',
        'trust-guest.json',
        '--identity',
        'guest',
        '--identity-id',
        ME,
        '--action',
        'polly:SynthesizeSpeech',
        '--resource',
        '*',
        '--format',
        'json',
      ],
      dir,
    );
    assert.equal(r.status, 0, r.stderr);
    const result = JSON.parse(r.stdout) as JsonResult;
    assert.equal(result.trust?.decision, 'allowed');
    assert.equal(result.decision, 'allow');
    assert.equal(result.reasons[result.reasons.length - 1], `The pool ID is the trust policy's aud, "${POOL}" (no --pool-id).`);
  });

  const bad: [string, string[], string][] = [
    [
      '--template with --policy',
      ['--template', 'pool.yaml', '--policy', 's3-per-identity.json', '--identity', 'guest', ...REQUEST],
      '--template reads the roles and policies from PATH: it does not take --policy or --trust (use one form or the other).',
    ],
    ['no identity', ['--template', 'pool.yaml', ...REQUEST], 'No identity given: use --identity guest, --claims FILE or --token JWT.'],
    [
      'two identities',
      ['--template', 'pool.yaml', '--identity', 'guest', '--token', TOKEN, ...REQUEST],
      '--identity and --token are given: simulate one identity (--identity guest, --claims FILE or --token JWT).',
    ],
    [
      '--identity authenticated with --template',
      ['--template', 'pool.yaml', '--identity', 'authenticated', ...REQUEST],
      'With --template a signed-in identity is given by its claims: use --claims FILE or --token JWT (--identity takes only guest).',
    ],
    [
      '--provider for a guest',
      ['--template', 'pool.yaml', '--identity', 'guest', '--provider', 'accounts.google.com', ...REQUEST],
      '--provider names where a signed-in identity comes from: a guest has none.',
    ],
    [
      '--role in the enhanced flow',
      ['--template', 'pool.yaml', '--token', TOKEN, '--role', 'AuthRole', ...REQUEST],
      '--role is for the basic flow (--flow basic), where the app names the role; in the enhanced flow the pool chooses it.',
    ],
    [
      'an unknown --role',
      ['--template', 'pool.yaml', '--token', TOKEN, '--flow', 'basic', '--role', 'Nope', ...REQUEST],
      '--role "Nope" is not a role of pool.yaml: AuthRole, SalesRole, AdminRole, GuestRole.',
    ],
    [
      '--claims without --template',
      ['--policy', 's3-per-identity.json', '--claims', 'claims.json', ...REQUEST],
      '--claims needs --template (the identity pool it belongs to).',
    ],
    ['a missing template', ['--template', 'missing.yaml', '--identity', 'guest', ...REQUEST], 'cannot read missing.yaml: no such file.'],
    [
      'a directory',
      ['--template', '.', '--identity', 'guest', ...REQUEST],
      '. is a directory with no .tf file: --template takes a Terraform module (a folder of .tf files), a CloudFormation template or a settings file with cognitoPool.roles.',
    ],
    [
      'a policy file',
      ['--template', 's3-per-identity.json', '--identity', 'guest', ...REQUEST],
      's3-per-identity.json is neither a CloudFormation template nor a settings file with cognitoPool.roles.',
    ],
    [
      'a template that does not parse',
      ['--template', 'broken.yaml', '--identity', 'guest', ...REQUEST],
      'broken.yaml is neither a CloudFormation template nor a settings file with cognitoPool.roles.',
    ],
    [
      'several pools without --pool',
      ['--template', 'two-pools.yaml', '--identity', 'guest', ...REQUEST],
      'two-pools.yaml has 2 identity pools: choose one with --pool (IdentityPool, OtherPool).',
    ],
    [
      'an unknown --pool',
      ['--template', 'pool.yaml', '--pool', 'Nope', '--identity', 'guest', ...REQUEST],
      '--pool "Nope" is not an identity pool of pool.yaml: IdentityPool.',
    ],
    [
      'a token that is not a JWT',
      ['--template', 'pool.yaml', '--token', 'abc', ...REQUEST],
      '--token: the token is not a JWT (three base64url parts separated by ".").',
    ],
    [
      'claims that are not an object',
      ['--template', 'pool.yaml', '--claims', 'list.json', ...REQUEST],
      '--claims list.json: the claims must be a JSON object of claim names to values.',
    ],
    [
      'claims without an issuer or --provider',
      ['--template', 'pool.yaml', '--claims', 'no-iss.json', ...REQUEST],
      'the claims have no issuer ("iss"): name the provider they come from (--provider NAME).',
    ],
  ];
  for (const [what, args, message] of bad) {
    test(`bad input: ${what} (exit 2, one line)`, () => {
      const r = simulate(args, dir);
      assert.equal(r.status, 2, r.stdout);
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `cognito-pool-lint simulate: ${message}\n`);
    });
  }
});
