/** cognito-pool-lint (dist/cli.js) as CI runs it: formats, exit codes, directories, bad input. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');

function lint(args: string[], cwd: string) {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
const NO_VERSION = JSON.stringify({ Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);
const LIST_ON_OBJECT = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:ListBucket', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

describe('cognito-pool-lint', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-'));
    fs.mkdirSync(path.join(dir, 'policies', 'nested'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'node_modules', 'pkg'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.hidden'));
    fs.writeFileSync(path.join(dir, 'policies', 'good.json'), GOOD);
    fs.writeFileSync(path.join(dir, 'policies', 'nested', 'no-version.json'), NO_VERSION);
    fs.writeFileSync(path.join(dir, 'policies', 'package.json'), JSON.stringify({ name: 'x', version: '1.0.0' }));
    fs.writeFileSync(path.join(dir, 'policies', 'notes.txt'), 'not json');
    fs.writeFileSync(path.join(dir, 'node_modules', 'pkg', 'bad.json'), LIST_ON_OBJECT);
    fs.writeFileSync(path.join(dir, '.hidden', 'bad.json'), LIST_ON_OBJECT);
    fs.writeFileSync(path.join(dir, 'list.json'), LIST_ON_OBJECT);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('--format json: one entry per *.json file of a directory, recursively, skipping node_modules and dot folders', () => {
    const r = lint(['--format', 'json', 'policies'], dir);
    assert.equal(r.status, 0, r.stderr);
    const entries = JSON.parse(r.stdout) as { file: string; kind: string; diagnostics: { code: string; severity: string; range: unknown }[] }[];
    assert.deepEqual(
      entries.map((e) => [e.file, e.kind, e.diagnostics.map((d) => `${d.code}/${d.severity}`)]),
      [
        [path.join('policies', 'good.json'), 'identity', []],
        [path.join('policies', 'nested', 'no-version.json'), 'identity', ['missing-version/warning']],
        [path.join('policies', 'package.json'), 'not-a-policy', []],
      ],
    );
    assert.deepEqual(entries[1].diagnostics[0].range, { start: { line: 1, character: 2 }, end: { line: 1, character: 13 } });
  });

  test('exit 1 and ESLint-like text lines when a file has errors', () => {
    const r = lint(['list.json'], dir);
    assert.equal(r.status, 1);
    const [line, summary] = r.stdout.trim().split('\n');
    assert.match(line, /^list\.json:6:17 error "s3:ListBucket" matches none of this statement's resources: .* resource-mismatch$/);
    assert.equal(summary, '1 problem (1 error, 0 warnings, 0 info) in 1 policy of 1 file');
  });

  test('--rule turns a rule off or changes its severity', () => {
    assert.equal(lint(['--rule', 'resource-mismatch=off', 'list.json'], dir).status, 0);
    const r = lint(['--format=json', '--rule', 'missing-version=error', 'policies/nested/no-version.json'], dir);
    assert.equal(r.status, 1);
    assert.equal(JSON.parse(r.stdout)[0].diagnostics[0].severity, 'error');
  });

  test('--format sarif is SARIF 2.1.0 with the rules and a result per finding', () => {
    const r = lint(['--format', 'sarif', 'list.json', 'policies'], dir);
    assert.equal(r.status, 1);
    const sarif = JSON.parse(r.stdout);
    assert.equal(sarif.version, '2.1.0');
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.name, 'cognito-pool-lint');
    const results = run.results.map((x: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[]; ruleIndex: number }) => [
      x.ruleId,
      x.level,
      x.locations[0].physicalLocation.artifactLocation.uri,
      x.locations[0].physicalLocation.region.startLine,
      x.locations[0].physicalLocation.region.startColumn,
      run.tool.driver.rules[x.ruleIndex].id,
    ]);
    assert.deepEqual(results, [
      ["resource-mismatch", "error", "list.json", 6, 17, "resource-mismatch"],
      ['missing-version', 'warning', 'policies/nested/no-version.json', 2, 3, 'missing-version'],
    ]);
  });

  test('a missing file is reported and the others are still checked: exit 2', () => {
    const r = lint(['--format', 'json', 'nope.json', 'policies/good.json'], dir);
    assert.equal(r.status, 2);
    assert.match(r.stderr, /cannot read nope\.json: no such file or directory/);
    assert.deepEqual(JSON.parse(r.stdout).map((e: { file: string }) => e.file), [path.join('policies', 'good.json')]);
  });

  test('usage errors exit 2 with a clear message', () => {
    for (const [args, message] of [
      [[], /No PATH given/],
      [['--format', 'xml', 'x.json'], /--format must be text, json or sarif, not "xml"/],
      [['--rule', 'no-such-rule=off', 'x.json'], /Unknown rule "no-such-rule"/],
      [['--rule', 'missing-version=loud', 'x.json'], /Severity "loud" for missing-version/],
      [['--bogus', 'x.json'], /Unknown option "--bogus"/],
    ] as [string[], RegExp][]) {
      const r = lint(args, dir);
      assert.equal(r.status, 2, args.join(' '));
      assert.match(r.stderr, message);
    }
  });

  test('--list-rules prints every rule with its default severity', () => {
    const r = lint(['--list-rules'], dir);
    assert.equal(r.status, 0);
    assert.match(r.stdout, /^missing-version\s+warning\s+No `Version`/m);
  });
});
