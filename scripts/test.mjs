// npm test: builds, then runs every suite and ends with one line "N passed, N failed".
//   node scripts/test.mjs [lint] [unit] [integration] [e2e] [vsix] [web]   (default: all suites)
// Exit status 1 when any test failed or any suite could not run.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const resultsDir = join(root, 'test-results');
mkdirSync(resultsDir, { recursive: true });

function run(cmd, args, env = {}) {
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return r.status ?? 1;
}

/** node:test suites: spec output on the console, TAP into a file whose summary we count. */
function nodeTestSuite(name, dir) {
  const tap = join(resultsDir, `${name}.tap`);
  rmSync(tap, { force: true });
  const files = listTests(join(root, 'out', 'test', dir));
  if (files.length === 0) return { name, passed: 0, failed: 1, note: 'no test files found' };
  const status = run(process.execPath, [
    '--test',
    '--test-concurrency=1',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    '--test-reporter=tap',
    `--test-reporter-destination=${tap}`,
    ...files,
  ]);
  if (!existsSync(tap)) return { name, passed: 0, failed: 1, note: 'the runner wrote no results' };
  const text = readFileSync(tap, 'utf8');
  const count = (label) => Number(new RegExp(`^# ${label} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
  const passed = count('pass');
  const failed = count('fail') + count('cancelled');
  if (status !== 0 && failed === 0) return { name, passed, failed: 1, note: `runner exited ${status}` };
  return { name, passed, failed };
}

function listTests(dir) {
  if (!existsSync(dir)) return [];
  const out = spawnSync('find', [dir, '-name', '*.test.js', '-type', 'f'], { encoding: 'utf8' }).stdout.trim();
  return out ? out.split('\n').sort() : [];
}

/** Suites that run inside VS Code write {passed, failed} to a results file. */
function resultsFileSuite(name, script) {
  const file = join(resultsDir, `${name}.json`);
  rmSync(file, { force: true });
  const status = run(process.execPath, [join(root, script)], { COGNITO_POOL_TEST_RESULTS: file });
  if (!existsSync(file)) return { name, passed: 0, failed: 1, note: `the suite could not run (exit ${status}, no results)` };
  const { passed = 0, failed = 0 } = JSON.parse(readFileSync(file, 'utf8'));
  if (passed + failed === 0) return { name, passed, failed: 1, note: 'no test ran' };
  if (status !== 0 && failed === 0) return { name, passed, failed: 1, note: `exited ${status}` };
  return { name, passed, failed };
}

/** npm run lint (ESLint, then Prettier's check) as one test: its output is the report. */
function lintSuite() {
  const npm = process.env.npm_execpath;
  const status = npm ? run(process.execPath, [npm, 'run', '--silent', 'lint']) : run('npm', ['run', '--silent', 'lint']);
  return status === 0
    ? { name: 'lint', passed: 1, failed: 0 }
    : { name: 'lint', passed: 0, failed: 1, note: 'see its output above; npm run format fixes formatting' };
}

const SUITES = {
  lint: lintSuite,
  unit: () => nodeTestSuite('unit', 'unit'),
  integration: () => nodeTestSuite('integration', 'integration'),
  e2e: () => resultsFileSuite('e2e', 'out/test/e2e/runTest.js'),
  vsix: () => resultsFileSuite('vsix', 'out/test/e2e/vsixInstall.js'),
  web: () => resultsFileSuite('web', 'out/test/e2e-web/runTest.js'),
};

const wanted = process.argv.slice(2);
for (const w of wanted)
  if (!SUITES[w]) {
    console.error(`Unknown suite "${w}": choose from ${Object.keys(SUITES).join(', ')}.`);
    process.exit(2);
  }
const chosen = wanted.length ? wanted : Object.keys(SUITES);

const results = [];
if (
  run(process.execPath, [join(root, 'scripts', 'build.mjs')]) !== 0 ||
  run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', '.']) !== 0
) {
  results.push({ name: 'build', passed: 0, failed: 1, note: 'build or type check failed' });
} else {
  for (const name of chosen) {
    console.log(`\n=== ${name} ===`);
    results.push(SUITES[name]());
  }
}

console.log('\nSuites:');
for (const r of results) console.log(`  ${r.name.padEnd(12)} ${r.passed} passed, ${r.failed} failed${r.note ? ` (${r.note})` : ''}`);
if (wanted.length) console.log(`  (only ${chosen.join(', ')}; npm test runs every suite)`);
const passed = results.reduce((n, r) => n + r.passed, 0);
const failed = results.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
