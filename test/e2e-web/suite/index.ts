// The web suite's entry (`extensionTestsPath`), loaded by the web worker extension host: mocha's browser build,
// bundled with the tests by test/e2e-web/runTest.ts (esbuild, platform browser: no Node built-ins). A suite here
// cannot write files, so it reports its results as `[[results:BASE64]]`, which scripts/vscode/code-server-cli.mjs
// writes to COGNITO_POOL_TEST_RESULTS (same contract as test/e2e/suite/index.ts's results file).
import 'mocha/mocha.js';

declare const mocha: {
  setup(options: { ui: string; reporter: string; timeout: number; color: boolean }): void;
  run(done: (failures: number) => void): {
    on(event: 'pass' | 'pending', listener: (test: { fullTitle(): string }) => void): void;
    on(event: 'fail', listener: (test: { fullTitle(): string }, error: unknown) => void): void;
  };
};

interface TestResults {
  passed: number;
  failed: number;
  tests: { title: string; state: 'passed' | 'failed' | 'pending'; error?: string }[];
}

/** Base64 of the UTF-8 text (btoa takes Latin-1 only). */
function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

export function run(): Promise<void> {
  mocha.setup({ ui: 'tdd', reporter: 'spec', timeout: 60_000, color: false });
  // The test files register their suites when they load: after setup, which defines `suite` and `test`.
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the suites must register after mocha.setup, which an import would precede
  require('./web.test');
  const results: TestResults = { passed: 0, failed: 0, tests: [] };
  return new Promise<void>((resolve, reject) => {
    const runner = mocha.run((failures) => {
      console.log(`[[results:${base64(JSON.stringify(results))}]]`);
      if (failures > 0) reject(new Error(`${failures} test(s) failed`));
      else if (results.passed === 0) reject(new Error('no test ran'));
      else resolve();
    });
    runner.on('pass', (test) => {
      results.passed++;
      results.tests.push({ title: test.fullTitle(), state: 'passed' });
    });
    runner.on('fail', (test, error) => {
      results.failed++;
      results.tests.push({ title: test.fullTitle(), state: 'failed', error: String((error as Error)?.message ?? error) });
    });
    runner.on('pending', (test) => results.tests.push({ title: test.fullTitle(), state: 'pending' }));
  });
}
