/**
 * `cognito-pool-lint simulate` (dist/cli.js) as CI runs it: every case of the evaluator's table
 * (test/unit/evaluateCases.ts) through the command line with --expect, the JSON and text output, the
 * exit status when --expect does not hold, and each bad input (exit 2, one line on stderr).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CASES, ME, OTHER, POOL, identityArg, type EvaluateCase } from '../unit/evaluateCases';

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
      assert.equal(result.decision, c.decision);
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
      'Decision: allowed',
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
    assert.ok(r.stdout.includes('Decision: allowed\n'), r.stdout);
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
