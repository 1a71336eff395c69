/**
 * The cognito-pool-lint package (packages/cli) as users get it: `npm pack`, then `npm install` of the tarball
 * into an empty folder with npm offline (the package must need nothing from a registry), then its command lints a
 * policy, lints a Terraform file (the HCL WebAssembly ships with it), fixes a policy and simulates a request.
 * Needs `npm run build` first (packages/cli/dist/).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const PACKAGE = path.join(root, 'packages', 'cli');

/** npm as this test's own npm runs it (npm test), else the one on PATH. */
function npm(args: string[], cwd: string, cache: string) {
  const execPath = process.env.npm_execpath;
  const [cmd, argv] = execPath && /npm-cli\.js$/.test(execPath) ? [process.execPath, [execPath, ...args]] : ['npm', args];
  // Offline and with a cache of its own: whatever would be fetched fails instead of coming from a cache.
  const r = spawnSync(cmd, [...argv, '--offline', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, npm_config_cache: cache },
  });
  assert.equal(r.status, 0, `npm ${args.join(' ')} failed:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

describe('the cognito-pool-lint package, packed and installed into an empty folder', () => {
  let dir: string;
  let bin: string;
  const version = (JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;
  const run = (args: string[]) => {
    const r = spawnSync(bin, args, { cwd: path.join(dir, 'project'), encoding: 'utf8' });
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  };

  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-pack-'));
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], PACKAGE, path.join(dir, 'npm-cache'))) as {
      filename: string;
      files: { path: string }[];
    }[];
    const tarball = path.join(dir, packed[0].filename);
    fs.mkdirSync(path.join(dir, 'project'));
    fs.writeFileSync(path.join(dir, 'project', 'package.json'), JSON.stringify({ name: 'project', version: '1.0.0', private: true }));
    npm(['install', '--save-dev', tarball], path.join(dir, 'project'), path.join(dir, 'npm-cache'));
    bin = path.join(dir, 'project', 'node_modules', '.bin', 'cognito-pool-lint');
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('the tarball holds the command, the bundle, the catalog, the HCL WebAssembly with its licences, the schema, README and LICENSE', () => {
    const packed = JSON.parse(npm(['pack', '--dry-run', '--json'], PACKAGE, path.join(dir, 'npm-cache'))) as { files: { path: string }[] }[];
    assert.deepEqual(packed[0].files.map((f) => f.path).sort(), [
      'LICENSE',
      'README.md',
      'bin/cognito-pool-lint.js',
      'dist/catalog.json',
      'dist/cli.js',
      'dist/cognito-pool-lint.schema.json',
      'dist/tree-sitter-terraform.LICENSE',
      'dist/tree-sitter-terraform.wasm',
      'dist/web-tree-sitter.LICENSE',
      'dist/web-tree-sitter.wasm',
      'package.json',
    ]);
  });

  test('the installed package has no dependencies: node_modules holds only it', () => {
    assert.deepEqual(
      fs.readdirSync(path.join(dir, 'project', 'node_modules')).filter((n) => n !== '.bin' && n !== '.package-lock.json'),
      ['cognito-pool-lint'],
    );
  });

  test('--version prints the package version', () => {
    const r = run(['--version']);
    assert.equal(r.stdout, `${version}\n`);
    assert.equal(r.status, 0);
  });

  test('it lints a policy file: its warning, exit 0', () => {
    fs.writeFileSync(
      path.join(dir, 'project', 'list.json'),
      '{\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }]\n}\n',
    );
    const r = run(['--format', 'json', 'list.json']);
    const out = JSON.parse(r.stdout) as { diagnostics: { code: string; severity: string }[] }[];
    assert.deepEqual(
      out[0].diagnostics.map((d) => `${d.code}/${d.severity}`),
      ['missing-version/warning'],
    );
    assert.equal(r.status, 0, r.stderr);
  });

  test('it lints a Terraform file with the HCL parser it ships', () => {
    fs.writeFileSync(
      path.join(dir, 'project', 'main.tf'),
      'resource "aws_iam_policy" "p" {\n  policy = jsonencode({\n    Version = "2012-10-17"\n    Statement = [{ Effect = "Allow", Action = "s3:GetObjects", Resource = "*" }]\n  })\n}\n',
    );
    const r = run(['--format', 'json', 'main.tf']);
    const out = JSON.parse(r.stdout) as { diagnostics: { code: string; range: { start: { line: number; character: number } } }[] }[];
    assert.deepEqual(
      out[0].diagnostics.map((d) => `${d.code}@${d.range.start.line}:${d.range.start.character}`),
      ['unknown-action@3:46'],
    );
  });

  test('--fix writes the fixed policy', () => {
    const file = path.join(dir, 'project', 'fix.json');
    fs.writeFileSync(file, '{\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }]\n}\n');
    const r = run(['--fix', 'fix.json']);
    assert.equal(
      fs.readFileSync(file, 'utf8'),
      '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }]\n}\n',
    );
    assert.equal(r.status, 0, r.stdout + r.stderr);
  });

  test('simulate answers a request', () => {
    fs.writeFileSync(
      path.join(dir, 'project', 'guest.json'),
      JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }] }),
    );
    const r = run([
      'simulate',
      '--policy',
      'guest.json',
      '--identity',
      'guest',
      '--action',
      's3:PutObject',
      '--resource',
      'arn:aws:s3:::b/a',
      '--format',
      'json',
    ]);
    assert.equal((JSON.parse(r.stdout) as { decision: string }).decision, 'implicit-deny');
    assert.equal(r.status, 0, r.stderr);
  });
});
