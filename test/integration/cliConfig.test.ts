/**
 * cognito-pool-lint's config file (dist/cli.js): `.cognito-pool-lint.json` or package.json's `cognitoPool`, the
 * nearest above each checked file: rule severities, ignore globs, per-path overrides, `--rule` over the file,
 * `roles` (the rules across documents and the guest rules over standalone files), and a broken file (exit 2).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterEach, beforeEach, describe, test } from 'node:test';
import { authenticatedTrust } from '../fixtures/trustPolicies';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

const NO_VERSION = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] });
const GUEST_TRUST_AUTHENTICATED = authenticatedTrust();
const PUT_ANYWHERE = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::b/*' }] });

interface Entry {
  file: string;
  diagnostics: { code: string; severity: string }[];
}

describe('cognito-pool-lint config files', () => {
  let dir: string;
  const write = (file: string, text: string) => {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    fs.writeFileSync(path.join(dir, file), text);
  };
  const lint = (args: string[]) => {
    const r = spawnSync(process.execPath, [CLI, '--format', 'json', ...args], { cwd: dir, encoding: 'utf8' });
    const entries = r.stdout ? (JSON.parse(r.stdout) as Entry[]) : [];
    return {
      status: r.status,
      stderr: r.stderr,
      found: entries.map((e) => `${e.file.split(path.sep).join('/')}: ${e.diagnostics.map((d) => `${d.code}/${d.severity}`).join(' ')}`),
    };
  };
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-config-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('rules, ignore and overrides of .cognito-pool-lint.json apply by path relative to it; comments are allowed', () => {
    write(
      '.cognito-pool-lint.json',
      `{
        // missing-version is an error here, but not in legacy/
        "rules": { "missing-version": "error" },
        "ignore": ["generated/**"],
        "overrides": [{ "files": ["legacy/**"], "rules": { "missing-version": "off" } }]
      }`,
    );
    write('top.json', NO_VERSION);
    write('legacy/old.json', NO_VERSION);
    write('generated/out.json', NO_VERSION);
    const r = lint(['.']);
    assert.deepEqual(r.found, ['legacy/old.json: ', 'top.json: missing-version/error']);
    assert.equal(r.status, 1);
    assert.equal(r.stderr, '');
  });

  test('the nearest config wins: a folder’s package.json "cognitoPool" over the root .cognito-pool-lint.json', () => {
    write('.cognito-pool-lint.json', JSON.stringify({ rules: { 'missing-version': 'error' } }));
    write('app/package.json', JSON.stringify({ name: 'app', cognitoPool: { rules: { 'missing-version': 'information' } } }));
    write('app/iam/p.json', NO_VERSION);
    write('other/p.json', NO_VERSION);
    assert.deepEqual(lint(['app', 'other']).found, [
      'app/iam/p.json: missing-version/information',
      'app/package.json: ',
      'other/p.json: missing-version/error',
    ]);
  });

  test('a package.json without "cognitoPool" does not stop the walk up', () => {
    write('.cognito-pool-lint.json', JSON.stringify({ rules: { 'missing-version': 'off' } }));
    write('app/package.json', JSON.stringify({ name: 'app' }));
    write('app/p.json', NO_VERSION);
    assert.deepEqual(lint(['app']).found, ['app/p.json: ', 'app/package.json: ']);
  });

  test('--rule wins over the config file', () => {
    write('.cognito-pool-lint.json', JSON.stringify({ rules: { 'missing-version': 'off' } }));
    write('p.json', NO_VERSION);
    assert.deepEqual(lint(['--rule', 'missing-version=hint', 'p.json']).found, ['p.json: missing-version/hint']);
  });

  test('roles: a guest role made of standalone files gets the rules across documents and the guest rules', () => {
    write(
      '.cognito-pool-lint.json',
      JSON.stringify({ roles: { Guest: { trust: 'iam/trust.json', permissions: ['iam/guest/*.json'], attachedAs: 'unauthenticated' } } }),
    );
    write('iam/trust.json', GUEST_TRUST_AUTHENTICATED);
    write('iam/guest/put.json', PUT_ANYWHERE);
    const r = lint(['iam']);
    assert.deepEqual(r.found, [
      'iam/guest/put.json: shared-identity-data/information guest-broad-access/warning guest-outside-scope-down/information',
      'iam/trust.json: role-kind-mismatch/error',
    ]);
    assert.equal(r.status, 1);
  });

  test('without the config file the same files are checked one by one', () => {
    write('iam/trust.json', GUEST_TRUST_AUTHENTICATED);
    write('iam/guest/put.json', PUT_ANYWHERE);
    assert.deepEqual(lint(['iam']).found, ['iam/guest/put.json: ', 'iam/trust.json: ']);
  });

  test('a role file that does not exist is a warning on stderr; the files are still checked', () => {
    write('.cognito-pool-lint.json', JSON.stringify({ roles: { Guest: { trust: 'iam/missing.json', attachedAs: 'unauthenticated' } } }));
    write('p.json', PUT_ANYWHERE);
    const r = lint(['p.json']);
    assert.deepEqual(r.found, ['p.json: ']);
    assert.match(r.stderr, /^cognito-pool-lint: warning: .*\.cognito-pool-lint\.json: .*iam\/missing\.json.*\n$/);
    assert.equal(r.status, 0);
  });

  test('an unknown rule, a bad severity and an unknown key are errors (exit 2), once each; the valid parts still apply', () => {
    write('.cognito-pool-lint.json', JSON.stringify({ rules: { 'no-such-rule': 'off', 'missing-version': 'loud', 'invalid-value': 'off' }, extends: 'x' }));
    write('a.json', NO_VERSION);
    write('b.json', JSON.stringify({ Version: '2012-10-17', Statement: [] }));
    const r = lint(['a.json', 'b.json']);
    const file = path.join(dir, '.cognito-pool-lint.json');
    assert.equal(
      r.stderr,
      [
        `cognito-pool-lint: ${file}: unknown key "extends" (use "rules", "ignore", "overrides" or "roles"); ignored.`,
        `cognito-pool-lint: ${file}: "rules": unknown rule "no-such-rule"; ignored.`,
        `cognito-pool-lint: ${file}: "rules": "missing-version": "loud" is not one of off, hint, information, warning, error; ignored.`,
        '',
      ].join('\n'),
    );
    assert.deepEqual(r.found, ['a.json: missing-version/warning', 'b.json: ']);
    assert.equal(r.status, 2);
  });

  test('a config file that is not JSON is an error (exit 2)', () => {
    write('.cognito-pool-lint.json', '{ "rules": ');
    write('a.json', NO_VERSION);
    const r = lint(['a.json']);
    assert.match(r.stderr, /\.cognito-pool-lint\.json: not valid JSON \(ValueExpected at offset 11\); ignored\.\n$/);
    assert.equal(r.status, 2);
  });

  test('inline suppressions in a YAML template: the finding is dropped, an unused one is reported with its rule id', () => {
    write(
      'template.yaml',
      [
        "AWSTemplateFormatVersion: '2010-09-09'",
        'Resources:',
        '  Policy:',
        '    Type: AWS::IAM::ManagedPolicy',
        '    Properties:',
        '      PolicyDocument:',
        "        Version: '2012-10-17'",
        '        Statement:',
        '          - Effect: Allow',
        '            # cognito-pool-lint-disable-next-line unknown-action -- our own service',
        '            Action: s3:GetObjects',
        '            # cognito-pool-lint-disable-next-line invalid-arn -- left over',
        "            Resource: '*'",
        '',
      ].join('\n'),
    );
    const r = spawnSync(process.execPath, [CLI, '--format', 'unix', 'template.yaml'], { cwd: dir, encoding: 'utf8' });
    assert.equal(
      r.stdout,
      'template.yaml:12:51 warning No "invalid-arn" finding on the next line: this suppression is unused. Remove it. unused-suppression\n1 problem (0 errors, 1 warning, 0 info) in 1 policy of 1 file\n',
    );
    assert.equal(r.status, 0);
  });
});
