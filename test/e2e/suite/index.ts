// Entry point loaded by VS Code's extension host (`extensionTestsPath`): runs every *.test.js beside it
// with mocha and writes the results file that scripts/test.mjs counts.
import * as fs from 'fs';
import * as path from 'path';
import Mocha from 'mocha';

/** The results file contract: `{ "passed": N, "failed": N, "tests": [{ "title", "state", "error"? }] }`. */
export interface TestResults {
  passed: number;
  failed: number;
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; error?: string }[];
}

/**
 * Runs the mocha files of `dir`, writes `COGNITO_POOL_TEST_RESULTS` if set; rejects when a test failed or none ran.
 * `COGNITO_POOL_E2E_FILES` (comma-separated names without `.test.js`, e.g. `typing,presence`) runs only those.
 */
export async function runMochaSuite(dir: string): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', timeout: 60_000, color: false, reporter: 'spec' });
  const only = process.env.COGNITO_POOL_E2E_FILES?.split(',').map((name) => `${name.trim()}.test.js`);
  const files = fs
    .readdirSync(dir)
    .filter((name) => name.endsWith('.test.js') && (!only || only.includes(name)))
    .sort();
  for (const file of files) mocha.addFile(path.join(dir, file));

  const results: TestResults = { passed: 0, failed: 0, tests: [] };
  const resultsFile = process.env.COGNITO_POOL_TEST_RESULTS;
  const write = () => {
    if (!resultsFile) return;
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  };

  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        write();
        if (failures > 0) reject(new Error(`${failures} test(s) failed`));
        else if (results.passed === 0) reject(new Error(`no test ran (files: ${files.join(', ') || 'none'})`));
        else resolve();
      });
      runner.on('pass', (test) => {
        results.passed++;
        results.tests.push({ title: test.fullTitle(), state: 'passed' });
      });
      // also fires for failing hooks (then the title names the hook)
      runner.on('fail', (test, error) => {
        results.failed++;
        results.tests.push({ title: test.fullTitle(), state: 'failed', error: String(error?.message ?? error) });
      });
      runner.on('pending', (test) => {
        results.tests.push({ title: test.fullTitle(), state: 'pending' });
      });
    } catch (error) {
      // a test file that does not load: count it as a failure rather than as "nothing ran"
      results.failed++;
      results.tests.push({ title: 'loading the test files', state: 'failed', error: String((error as Error)?.stack ?? error) });
      write();
      reject(error);
    }
  });
}

/** Whether a runner that takes screenshots is there (set by scripts/vscode/code-server-cli.mjs). */
export function screenshotsEnabled(): boolean {
  const setting = process.env.COGNITO_POOL_SCREENSHOT;
  return Boolean(setting) && setting !== 'off' && setting !== '0';
}

/**
 * Asks the runner (scripts/vscode/code-server-cli.mjs) for a screenshot of the workbench as it is now.
 * Contract: when COGNITO_POOL_SCREENSHOT (a folder) is set, logging `[[screenshot:NAME]]` makes the runner save
 * `<folder>/NAME.png` (written under a temporary name, then renamed); this waits for that file.
 * Returns the file, or undefined when screenshots are off (a desktop VS Code run has no runner to take them).
 */
export async function requestScreenshot(name: string, timeoutMs = 15_000): Promise<string | undefined> {
  if (!screenshotsEnabled()) return undefined;
  const setting = process.env.COGNITO_POOL_SCREENSHOT!;
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw new Error(`bad screenshot name ${JSON.stringify(name)}`);
  const dir = setting.endsWith('.png') ? path.dirname(setting) : setting;
  const file = path.join(dir, `${name}.png`);
  fs.rmSync(file, { force: true });
  console.log(`[[screenshot:${name}]]`);
  const deadline = Date.now() + timeoutMs;
  while (!fs.existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the runner did not save ${file} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return file;
}

export function run(): Promise<void> {
  return runMochaSuite(__dirname);
}
