/**
 * cognito-pool-lint under hostile input (issue 15): `--` as the end of options, special files (a FIFO, /dev/zero)
 * named on the command line or as `--policy`, oversized files, symbolic links in a directory walk, a UTF-8 byte
 * order mark, SARIF URIs and GitHub's 25,000-results limit, a closed stdout in every format, and an internal
 * error, which is exit 2, never 1 ("errors found").
 */
import assert from 'node:assert/strict';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const GOOD = JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }, null, 2);

describe('cognito-pool-lint on hostile input', () => {
  let dir: string;
  const lint = (args: string[], execArgv: string[] = []) => {
    // A timeout: a FIFO used to block the CLI forever.
    const r = spawnSync(process.execPath, [...execArgv, CLI, ...args], { cwd: dir, encoding: 'utf8', timeout: 60_000, maxBuffer: 1 << 30 });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-robust-'));
    fs.writeFileSync(path.join(dir, '-dash.json'), GOOD);
    fs.writeFileSync(path.join(dir, 'good.json'), GOOD);
    execFileSync('mkfifo', [path.join(dir, 'fifo.json')]);
    fs.mkdirSync(path.join(dir, 'walk'));
    fs.writeFileSync(path.join(dir, 'walk', 'real.json'), GOOD);
    fs.symlinkSync(path.join(dir, 'good.json'), path.join(dir, 'walk', 'link.json'));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('"--" ends the options: a file named "-dash.json" after it is checked', () => {
    assert.equal(lint(['-dash.json']).status, 2);
    const r = lint(['--', '-dash.json']);
    assert.equal(r.stderr, '');
    assert.equal(r.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 1 policy of 1 file\n');
    assert.equal(r.status, 0);
  });

  test('a FIFO or /dev/zero named on the command line is refused with a message (exit 2); the other files are still checked', () => {
    const r = lint(['fifo.json', '/dev/zero', 'good.json']);
    assert.equal(r.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 1 policy of 1 file\n');
    assert.equal(
      r.stderr,
      'cognito-pool-lint: cannot read fifo.json: not a regular file (a FIFO, a socket or a device)\ncognito-pool-lint: cannot read /dev/zero: not a regular file (a FIFO, a socket or a device)\n',
    );
    assert.equal(r.status, 2);
  });

  test('simulate --policy with a FIFO is refused with a message, exit 2', () => {
    const r = lint(['simulate', '--policy', 'fifo.json', '--identity', 'guest', '--action', 's3:GetObject', '--resource', 'arn:aws:s3:::b/x']);
    assert.match(r.stderr, /cannot read fifo\.json: not a regular file: a FIFO, a socket or a device/);
    assert.equal(r.status, 2);
  });

  test('a file over 4,000,000 bytes is not read, and said so before reading (exit 2)', () => {
    fs.writeFileSync(path.join(dir, 'huge.json'), Buffer.alloc(4_000_001, 32));
    const r = lint(['huge.json']);
    assert.equal(r.stderr, 'cognito-pool-lint: cannot read huge.json: larger than 4,000,000 bytes\n');
    assert.equal(r.status, 2);
  });

  test('a symbolic link in a directory walk is skipped and said so (not an error)', () => {
    const r = lint(['walk']);
    assert.equal(
      r.stderr,
      `cognito-pool-lint: skipped ${path.join('walk', 'link.json')}: a symbolic link (links inside a folder are not followed; name the file to check it)\n`,
    );
    assert.equal(r.stdout, '0 problems (0 errors, 0 warnings, 0 info) in 1 policy of 1 file\n');
    assert.equal(r.status, 0);
  });

  test('a UTF-8 byte order mark is one json-syntax error (IAM rejects U+FEFF), and the policy after it is checked as usual', () => {
    fs.writeFileSync(path.join(dir, 'bom.json'), '\ufeff' + GOOD.replace('"Version": "2012-10-17",', ''));
    const r = lint(['--format', 'unix', 'bom.json']);
    assert.equal(
      r.stdout,
      'bom.json:1:1 error The file starts with a byte order mark (U+FEFF), which IAM rejects: a policy document may hold only tab, line feed, carriage return and U+0020 to U+00FF. Save it as UTF-8 without a BOM. json-syntax\n' +
        'bom.json:3:3 warning The policy has no "Version": add "Version": "2012-10-17" (without it IAM uses 2008-10-17, where policy variables do not work). missing-version\n' +
        '2 problems (1 error, 1 warning, 0 info) in 1 policy of 1 file\n',
    );
  });

  test('SARIF: artifactLocation.uri is percent-encoded (space, "#", non-ASCII)', () => {
    fs.mkdirSync(path.join(dir, 'odd dir'));
    fs.writeFileSync(path.join(dir, 'odd dir', 'a b#é%.json'), GOOD.replace('"Version": "2012-10-17",', ''));
    const r = lint(['--format', 'sarif', 'odd dir']);
    const sarif = JSON.parse(r.stdout) as { runs: { results: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] };
    assert.deepEqual(
      sarif.runs[0].results.map((x) => x.locations[0].physicalLocation.artifactLocation.uri),
      ['odd%20dir/a%20b%23%C3%A9%25.json'],
    );
  });

  test('SARIF: one run lists at most 25,000 results, and a notification (and stderr) counts the rest', () => {
    const many = path.join(dir, 'many');
    fs.mkdirSync(many);
    // 26 files of 1,200 empty statements: 1,001 findings each (the per-document cap), 26,026 in all.
    const text = `{"Version":"2012-10-17","Statement":[${Array(1_200).fill('{}').join(',')}]}`;
    for (let i = 0; i < 26; i++) fs.writeFileSync(path.join(many, `p${String(i).padStart(2, '0')}.json`), text);
    const r = lint(['--format', 'sarif', 'many']);
    const run = (
      JSON.parse(r.stdout) as { runs: { results: unknown[]; invocations?: { toolExecutionNotifications: { level: string; message: { text: string } }[] }[] }[] }
    ).runs[0];
    assert.equal(run.results.length, 25_000);
    const note = "1,026 more results are not listed: one SARIF run holds at most 25,000 (GitHub code scanning's limit).";
    assert.deepEqual(run.invocations?.[0].toolExecutionNotifications, [{ level: 'warning', message: { text: note } }]);
    assert.equal(r.stderr, `cognito-pool-lint: ${note}\n`);
    assert.equal(r.status, 1);
  });

  /** Runs the CLI with its stdout closed before it writes (as `| head -1` closes it). */
  function withStdoutClosed(args: string[]): Promise<{ code: number | null; stderr: string }> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [CLI, ...args], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let stderr = '';
      child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
      child.on('close', (code) => resolve({ code, stderr }));
    });
  }

  test('a closed stdout (EPIPE) with --format sarif and --list-rules: no stack trace, the usual exit status', async () => {
    assert.deepEqual(await withStdoutClosed(['--format', 'sarif', 'good.json']), { code: 0, stderr: '' });
    assert.deepEqual(await withStdoutClosed(['--list-rules']), { code: 0, stderr: '' });
  });

  test('an internal error is one message and exit 2, not a stack trace and exit 1', () => {
    const preload = path.join(dir, 'break.js');
    // A fault injected into the run: any bug of ours reaches the same handler.
    fs.writeFileSync(preload, "String.prototype.padEnd = () => { throw new TypeError('injected fault'); };\n");
    const r = lint(['--list-rules'], ['--require', preload]);
    assert.equal(r.stderr, 'cognito-pool-lint: internal error: injected fault\n');
    assert.equal(r.status, 2);
  });
});
