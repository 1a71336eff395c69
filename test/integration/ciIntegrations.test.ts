/**
 * The CI integrations as their runners use them, offline: action.yml's lint step (its `run` and `env`, the
 * inputs substituted as GitHub does, GITHUB_ACTION_PATH and GITHUB_OUTPUT set) installing the packed CLI
 * tarball, and the pre-commit hook of .pre-commit-hooks.yaml (its `entry` with the staged files its `files`
 * pattern matches, in a repository that has the package installed). Needs `npm run build` (packages/cli/dist/).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { stripVTControlCharacters } from 'node:util';
import { parse } from 'yaml';

const root = path.resolve(__dirname, '../../..');
const PACKAGE = path.join(root, 'packages', 'cli');
const VERSION = (JSON.parse(fs.readFileSync(path.join(PACKAGE, 'package.json'), 'utf8')) as { version: string }).version;

interface Step {
  id?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, string>;
}
interface Action {
  inputs: Record<string, { default?: string }>;
  runs: { using: string; steps: Step[] };
}
interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
}

const BAD = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }]\n}\n';
const GOOD = '{\n  "Version": "2012-10-17",\n  "Statement": [{ "Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::b/*" }]\n}\n';

/** npm offline, with a cache of its own: nothing may come from a registry. */
const offline = (dir: string) => ({ ...process.env, npm_config_offline: 'true', npm_config_cache: path.join(dir, 'npm-cache'), npm_config_audit: 'false' });

describe('CI integrations, run as their runners run them', () => {
  let dir: string;
  let tarball: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cpl-ci-'));
    const r = spawnSync('npm', ['pack', '--json', '--loglevel=error', '--pack-destination', dir], { cwd: PACKAGE, encoding: 'utf8', env: offline(dir) });
    assert.equal(r.status, 0, r.stderr);
    tarball = path.join(dir, (JSON.parse(r.stdout) as { filename: string }[])[0].filename);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("action.yml: a composite action whose default package is this version's, uploading SARIF, failing last", () => {
    const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action;
    assert.equal(action.runs.using, 'composite');
    assert.equal(action.inputs.package.default, `cognito-pool-lint@${VERSION}`);
    const steps = action.runs.steps;
    assert.deepEqual(
      steps.map((s) => s.uses ?? s.id ?? s.run),
      ['actions/setup-node@v4', 'lint', 'github/codeql-action/upload-sarif@v3', 'exit "${{ steps.lint.outputs.exit-code }}"'],
    );
    assert.equal(steps[2].with?.sarif_file, '${{ steps.lint.outputs.sarif-file }}');
    assert.match(steps[2].if ?? '', /always\(\)/);
  });

  test("action.yml's lint step installs the packed CLI, writes SARIF, logs the findings and sets its outputs", () => {
    const action = parse(fs.readFileSync(path.join(root, 'action.yml'), 'utf8')) as Action;
    const step = action.runs.steps.find((s) => s.id === 'lint')!;
    const workspace = path.join(dir, 'workspace');
    fs.mkdirSync(path.join(workspace, 'iam'), { recursive: true });
    fs.writeFileSync(path.join(workspace, 'iam', 'bad.json'), BAD);
    fs.writeFileSync(path.join(workspace, 'iam', 'good.json'), GOOD);
    const output = path.join(dir, 'github-output');
    fs.writeFileSync(output, '');
    // The inputs as a workflow gives them (the others keep their defaults), substituted into the step's env.
    const given: Record<string, string> = { paths: 'iam', package: tarball };
    const input = (name: string) => given[name] ?? action.inputs[name].default ?? '';
    const env = Object.fromEntries(
      Object.entries(step.env ?? {}).map(([k, v]) => [k, v.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_m, name: string) => input(name))]),
    );
    const runnerTemp = path.join(dir, 'runner-temp');
    fs.mkdirSync(runnerTemp);
    const r = spawnSync('bash', ['-e', '-c', step.run!], {
      cwd: workspace,
      encoding: 'utf8',
      env: { ...offline(dir), ...env, GITHUB_ACTION_PATH: root, GITHUB_OUTPUT: output, RUNNER_TEMP: runnerTemp },
    });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(fs.readFileSync(output, 'utf8').split('\n'), ['exit-code=1', 'sarif-file=cognito-pool-lint.sarif', '']);
    const sarif = JSON.parse(fs.readFileSync(path.join(workspace, 'cognito-pool-lint.sarif'), 'utf8')) as {
      runs: {
        tool: { driver: { version: string } };
        results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[];
      }[];
    };
    assert.equal(sarif.runs[0].tool.driver.version, VERSION);
    assert.deepEqual(
      sarif.runs[0].results.map((x) => `${x.ruleId} ${x.locations[0].physicalLocation.artifactLocation.uri}`),
      ['invalid-value iam/bad.json'],
    );
    // The log: the version, then the findings grouped by file (in colour: GitHub's log shows it).
    assert.equal(
      stripVTControlCharacters(r.stdout),
      `${VERSION}\niam/bad.json\n  3:29  error  Effect is case-sensitive: write "Allow".  invalid-value\n\n✖ 1 problem (1 error, 0 warnings, 0 info) in 2 policies of 2 files\n`,
    );
  });

  test('the pre-commit hook lints the staged files its pattern matches, with the package installed in the repository', () => {
    const hooks = parse(fs.readFileSync(path.join(root, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
    assert.equal(hooks.length, 1);
    const hook = hooks[0];
    assert.equal(hook.id, 'cognito-pool-lint');
    const repo = path.join(dir, 'repo');
    fs.mkdirSync(path.join(repo, 'iam'), { recursive: true });
    fs.writeFileSync(path.join(repo, 'package.json'), JSON.stringify({ name: 'repo', version: '1.0.0', private: true }));
    const installed = spawnSync('npm', ['install', '--save-dev', '--loglevel=error', tarball], { cwd: repo, encoding: 'utf8', env: offline(dir) });
    assert.equal(installed.status, 0, installed.stderr);
    fs.writeFileSync(path.join(repo, 'iam', 'bad.json'), BAD);
    fs.writeFileSync(path.join(repo, 'README.md'), '# repo\n');
    // pre-commit passes the staged files that match `files`, after the entry.
    const staged = ['README.md', 'iam/bad.json', 'package.json'].filter((f) => new RegExp(hook.files).test(f));
    assert.deepEqual(staged, ['iam/bad.json', 'package.json']);
    const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
    const r = spawnSync('bash', ['-c', `${hook.entry} ${staged.map(quote).join(' ')}`], { cwd: repo, encoding: 'utf8', env: offline(dir) });
    assert.equal(
      r.stdout,
      'iam/bad.json\n  3:29  error  Effect is case-sensitive: write "Allow".  invalid-value\n\n✖ 1 problem (1 error, 0 warnings, 0 info) in 1 policy of 2 files\n',
    );
    assert.equal(r.status, 1);
    // Fixed, the commit goes through.
    fs.writeFileSync(path.join(repo, 'iam', 'bad.json'), GOOD);
    assert.equal(spawnSync('bash', ['-c', `${hook.entry} iam/bad.json`], { cwd: repo, encoding: 'utf8', env: offline(dir) }).status, 0);
  });
});
