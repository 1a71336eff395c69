/**
 * cognito-pool-lint's output (dist/cli.js): `--format text` grouped by file as ESLint's default formatter, colour
 * only when asked for off a terminal (FORCE_COLOR); `--format unix` one line per finding; SARIF's rule help,
 * invocation and tool version.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, describe, test } from 'node:test';
import { useColour } from '../../server/src/cli/textFormat';

const CLI = path.resolve(__dirname, '../../../dist/cli.js');
const VERSION = (JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../../packages/cli/package.json'), 'utf8')) as { version: string }).version;

const NO_VERSION = '{\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }]\n}\n';
const TWO = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "allow", "Action": "s3:GetObjects", "Resource": "arn:aws:s3:::b/*" }]\n}\n';

describe('cognito-pool-lint output formats', () => {
  let dir: string;
  const lint = (args: string[], env: NodeJS.ProcessEnv = {}) => {
    const clean = { ...process.env };
    delete clean.FORCE_COLOR;
    delete clean.NO_COLOR;
    const r = spawnSync(process.execPath, [CLI, ...args], { cwd: dir, encoding: 'utf8', env: { ...clean, ...env } });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-out-'));
    fs.writeFileSync(path.join(dir, 'a.json'), NO_VERSION);
    fs.writeFileSync(path.join(dir, 'b.json'), TWO);
    fs.writeFileSync(path.join(dir, 'clean.json'), '{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "*"}]}');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('text (the default) groups by file, aligns the columns, skips clean files and ends with the summary; no colour in a pipe', () => {
    const r = lint(['a.json', 'b.json', 'clean.json']);
    assert.equal(
      r.stdout,
      [
        'a.json',
        '  2:3  warning  The policy has no "Version": add "Version": "2012-10-17" (without it IAM uses 2008-10-17, where policy variables do not work).  missing-version',
        '',
        'b.json',
        '  3:29  error    Effect is case-sensitive: write "Allow".  invalid-value',
        '  3:48  warning  Amazon S3 has no action "GetObjects" (IAM catalog 2026-09-26). Did you mean "s3:GetObject"?  unknown-action',
        '',
        '✖ 3 problems (1 error, 2 warnings, 0 info) in 3 policies of 3 files',
        '',
      ].join('\n'),
    );
    assert.equal(r.status, 1);
  });

  test('no findings: the summary alone', () => {
    assert.equal(lint(['clean.json']).stdout, '0 problems (0 errors, 0 warnings, 0 info) in 1 policy of 1 file\n');
  });

  test('FORCE_COLOR colours the file, the severity, the rule id and the summary', () => {
    const r = lint(['a.json'], { FORCE_COLOR: '1' });
    assert.equal(
      r.stdout,
      '\x1b[4ma.json\x1b[0m\n  \x1b[2m2:3\x1b[0m  \x1b[33mwarning\x1b[0m  The policy has no "Version": add "Version": "2012-10-17" (without it IAM uses 2008-10-17, where policy variables do not work).  \x1b[2mmissing-version\x1b[0m\n\n\x1b[1m\x1b[33m✖ 1 problem (0 errors, 1 warning, 0 info) in 1 policy of 1 file\x1b[0m\n',
    );
  });

  test('colour: a terminal unless NO_COLOR; FORCE_COLOR wins either way', () => {
    assert.deepEqual(
      [
        useColour(true, {}),
        useColour(false, {}),
        useColour(true, { NO_COLOR: '1' }),
        useColour(true, { NO_COLOR: '' }),
        useColour(false, { FORCE_COLOR: '1' }),
        useColour(true, { FORCE_COLOR: '0' }),
        useColour(true, { FORCE_COLOR: 'false' }),
        useColour(false, { FORCE_COLOR: '', NO_COLOR: '1' }),
      ],
      [true, false, false, true, true, false, false, true],
    );
  });

  test('unix: one file:line:col severity message rule-id line per finding, then the summary', () => {
    assert.equal(
      lint(['--format', 'unix', 'b.json']).stdout,
      [
        'b.json:3:29 error Effect is case-sensitive: write "Allow". invalid-value',
        'b.json:3:48 warning Amazon S3 has no action "GetObjects" (IAM catalog 2026-09-26). Did you mean "s3:GetObject"? unknown-action',
        '2 problems (1 error, 1 warning, 0 info) in 1 policy of 1 file',
        '',
      ].join('\n'),
    );
  });

  test("SARIF: the tool's version, each rule's help, and the invocation", () => {
    const sarif = JSON.parse(lint(['--format', 'sarif', 'a.json']).stdout) as {
      runs: {
        tool: { driver: { version: string; rules: { id: string; help: { text: string; markdown: string }; helpUri?: string }[] } };
        invocations: unknown[];
      }[];
    };
    const run = sarif.runs[0];
    assert.equal(run.tool.driver.version, VERSION);
    const rule = run.tool.driver.rules.find((r) => r.id === 'missing-version')!;
    assert.deepEqual(rule.help, {
      text: 'No `Version`: IAM assumes 2008-10-17, where policy variables are literal text.\nDefault severity: warning.\nExample that fires: a policy without "Version": "2012-10-17"',
      markdown:
        '**missing-version** (default: warning)\n\nNo `Version`: IAM assumes 2008-10-17, where policy variables are literal text.\n\nExample that fires: a policy without `"Version": "2012-10-17"`',
    });
    // No helpUri while packages/cli/package.json names no homepage: there is no public page to point at.
    assert.equal(rule.helpUri, undefined);
    assert.ok(run.tool.driver.rules.every((r) => r.help.markdown.startsWith(`**${r.id}**`)));
    assert.deepEqual(run.invocations, [
      {
        executionSuccessful: true,
        arguments: ['--format', 'sarif', 'a.json'],
        workingDirectory: { uri: `${pathToFileURL(fs.realpathSync(dir)).href}/` },
        toolExecutionNotifications: [],
      },
    ]);
  });

  test('SARIF: a file that cannot be read makes the invocation unsuccessful, with a notification', () => {
    const r = lint(['--format', 'sarif', 'a.json', 'missing.json']);
    const invocation = (JSON.parse(r.stdout) as { runs: { invocations: { executionSuccessful: boolean; toolExecutionNotifications: unknown[] }[] }[] }).runs[0]
      .invocations[0];
    assert.equal(invocation.executionSuccessful, false);
    assert.deepEqual(invocation.toolExecutionNotifications, [{ level: 'error', message: { text: 'cannot read missing.json: no such file or directory' } }]);
    assert.equal(r.status, 2);
  });
});
