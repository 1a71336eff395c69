// End-to-end tests in a real VS Code: `npm run test:e2e` (after `npm run build` and `npx tsc -p .`).
//
// By default VS Code is code-server 4.139.1 (VS Code 1.139.1) driven by headless chromium through
// scripts/vscode/code-server-cli (works with no desktop and no internet; see shared/docs/real-vscode-tests.md).
// COGNITO_POOL_VSCODE=desktop runs the same suite with @vscode/test-electron's own download of desktop VS Code.
//
// Leaves {"passed": N, "failed": N, "tests": [{"title", "state"}]} at $COGNITO_POOL_TEST_RESULTS
// (default test-results/e2e.json) and exits non-zero when a test failed or none ran.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runTests } from '@vscode/test-electron';

/** The project root, from out/test/e2e/ (compiled) or test/e2e/ (sources). */
export const ROOT = [path.resolve(__dirname, '..', '..', '..'), path.resolve(__dirname, '..', '..')].find((dir) =>
  fs.existsSync(path.join(dir, 'package.json')),
)!;
export const RUNNER = path.join(ROOT, 'scripts', 'vscode', 'code-server-cli');

interface Results {
  passed: number;
  failed: number;
  tests: { title: string; state: string; error?: string }[];
}

function readResults(file: string): Results | undefined {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8')) as Results;
  } catch {
    return undefined;
  }
}

function writeResults(file: string, results: Results): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, JSON.stringify(results, null, 2) + '\n');
}

export interface VSCodeRun {
  /** Name shown in messages and in the results when the run itself fails. */
  name: string;
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  /** Folder opened as the workspace. */
  workspace: string;
  resultsFile: string;
  /** Extensions dir (fresh by default). */
  extensionsDir?: string;
  /** Scratch folder of this run (user data, extensions), removed afterwards by the caller. */
  scratch: string;
  /** More environment for the tests (names starting with COGNITO_POOL_ reach the extension host). */
  env?: Record<string, string>;
}

/**
 * Runs one suite in VS Code and returns its results; never throws: a run that could not start or wrote
 * no results is recorded as one failed test, so a results file is always left behind.
 */
export async function runSuiteInVSCode(run: VSCodeRun): Promise<Results> {
  const desktop = process.env.COGNITO_POOL_VSCODE === 'desktop';
  fs.rmSync(run.resultsFile, { force: true });
  const extensionTestsEnv: Record<string, string> = { ...run.env, COGNITO_POOL_TEST_RESULTS: run.resultsFile };
  if (process.env.COGNITO_POOL_E2E_FILES) extensionTestsEnv.COGNITO_POOL_E2E_FILES = process.env.COGNITO_POOL_E2E_FILES;
  // Screenshots (test-results/screenshots/ by default) are taken by the code-server runner only.
  const screenshots = process.env.COGNITO_POOL_SCREENSHOT;
  extensionTestsEnv.COGNITO_POOL_SCREENSHOT =
    desktop || screenshots === 'off' ? 'off' : path.resolve(screenshots || path.join(ROOT, 'test-results', 'screenshots'));
  let exitError: string | undefined;
  const started = Date.now();
  try {
    if (!desktop) fs.chmodSync(RUNNER, 0o755); // in case a checkout lost the executable bit
    await runTests({
      ...(desktop ? {} : { vscodeExecutablePath: RUNNER }),
      extensionDevelopmentPath: run.extensionDevelopmentPath,
      extensionTestsPath: run.extensionTestsPath,
      launchArgs: [
        run.workspace,
        `--extensions-dir=${run.extensionsDir ?? path.join(run.scratch, 'extensions')}`,
        `--user-data-dir=${path.join(run.scratch, 'user-data')}`,
        ...(run.extensionsDir ? [] : ['--disable-extensions']),
      ],
      extensionTestsEnv,
    });
  } catch (error) {
    exitError = error instanceof Error ? error.message : String(error);
  }
  console.log(`${run.name}: VS Code run took ${((Date.now() - started) / 1000).toFixed(1)} s`);

  let results = readResults(run.resultsFile);
  if (!results) {
    results = {
      passed: 0,
      failed: 1,
      tests: [{ title: `${run.name}: run the suite in VS Code`, state: 'failed', error: exitError ?? 'no results were written' }],
    };
    writeResults(run.resultsFile, results);
  } else if (exitError && results.failed === 0) {
    results.failed++;
    results.tests.push({ title: `${run.name}: VS Code exited cleanly`, state: 'failed', error: exitError });
    writeResults(run.resultsFile, results);
  }
  return results;
}

/** Checks that what a run needs was built; returns a message when not. */
export function missingBuildOutputs(files: string[]): string | undefined {
  const missing = files.filter((file) => !fs.existsSync(path.join(ROOT, file)));
  return missing.length ? `missing ${missing.join(', ')}: run \`npm run build\` and \`npx tsc -p .\` first` : undefined;
}

export function report(name: string, results: Results, resultsFile: string): number {
  for (const test of results.tests.filter((t) => t.state === 'failed')) console.error(`  FAILED ${test.title}: ${test.error ?? ''}`);
  console.log(`${name}: ${results.passed} passed, ${results.failed} failed (${path.relative(process.cwd(), resultsFile) || resultsFile})`);
  return results.failed > 0 || results.passed === 0 ? 1 : 0;
}

async function main(): Promise<number> {
  const resultsFile = path.resolve(process.env.COGNITO_POOL_TEST_RESULTS || path.join(ROOT, 'test-results', 'e2e.json'));
  const missing = missingBuildOutputs(['dist/client.js', 'dist/server.js', 'out/test/e2e/suite/index.js']);
  if (missing) {
    const results = { passed: 0, failed: 1, tests: [{ title: 'e2e: build outputs present', state: 'failed', error: missing }] };
    writeResults(resultsFile, results);
    return report('e2e', results, resultsFile);
  }
  // The tests get a copy of examples/: whatever they do, the repository's files stay as they are.
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pool-e2e-'));
  try {
    const workspace = path.join(scratch, 'examples');
    fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    const results = await runSuiteInVSCode({
      name: 'e2e',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', 'suite', 'index.js'),
      workspace,
      resultsFile,
      scratch,
    });
    return report('e2e', results, resultsFile);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().then(
    (code) => process.exit(code),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
