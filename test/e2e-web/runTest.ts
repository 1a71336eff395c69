// The web suite: the extension's browser build in code-server's web worker extension host (as on vscode.dev).
// `node out/test/e2e-web/runTest.js` after `npm run build` and `npx tsc -p .`; scripts/test.mjs runs it as `web`.
//
// The user setting remote.extensionKind moves the extension (it has `main` and `browser`) into the web worker
// host; the tests are bundled for the browser (suite/index.ts) and report through the runner
// (`[[results:...]]`). Leaves the results at $COGNITO_POOL_TEST_RESULTS (default test-results/web.json).
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as esbuild from 'esbuild';
import { missingBuildOutputs, report, ROOT, runSuiteInVSCode } from '../e2e/runTest';

const EXTENSION_ID = 'cognito-pool-policies.cognito-pool-policies';

/** A role whose permission policy uses identity-pool variables while its trust policy trusts Lambda. */
function writeRoleSet(workspace: string): void {
  const write = (file: string, value: unknown) => {
    fs.mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
    fs.writeFileSync(path.join(workspace, file), JSON.stringify(value, null, 2) + '\n');
  };
  write('web-roles/worker-trust.json', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: { Service: 'lambda.amazonaws.com' }, Action: 'sts:AssumeRole' }],
  });
  write('web-roles/worker/read.json', {
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::photos/${cognito-identity.amazonaws.com:sub}/*' }],
  });
  const settingsFile = path.join(workspace, '.vscode', 'settings.json');
  // The examples' settings have comments: keep them, add the role next to the examples' roles.
  const examples = fs.readFileSync(settingsFile, 'utf8');
  const added = JSON.stringify({ trust: 'web-roles/worker-trust.json', permissions: ['web-roles/worker/*.json'] });
  const text = examples.replace('"cognitoPool.roles": {', `"cognitoPool.roles": {\n    "WebWorkerRole": ${added},`);
  if (text === examples) throw new Error(`${settingsFile} has no "cognitoPool.roles": {`);
  fs.writeFileSync(settingsFile, text);
}

async function main(): Promise<number> {
  const resultsFile = path.resolve(process.env.COGNITO_POOL_TEST_RESULTS || path.join(ROOT, 'test-results', 'web.json'));
  const missing = missingBuildOutputs(['dist/browser/client.js', 'dist/browser/server.js', 'dist/catalog.json']);
  if (missing) {
    fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
    fs.writeFileSync(
      resultsFile,
      JSON.stringify({ passed: 0, failed: 1, tests: [{ title: 'web: build outputs present', state: 'failed', error: missing }] }, null, 2) + '\n',
    );
    return 1;
  }
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pool-web-'));
  try {
    // The tests for the web worker host: one CommonJS module without Node built-ins (esbuild fails on any).
    // Inside the extension's folder: VS Code runs the tests in the host of the extension whose folder holds them.
    const bundle = path.join(ROOT, 'out', 'test', 'e2e-web', 'web-tests.js');
    await esbuild.build({
      entryPoints: [path.join(ROOT, 'test', 'e2e-web', 'suite', 'index.ts')],
      outfile: bundle,
      bundle: true,
      platform: 'browser',
      format: 'cjs',
      target: 'chrome120',
      external: ['vscode'],
      logLevel: 'warning',
    });
    const workspace = path.join(scratch, 'examples');
    fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    writeRoleSet(workspace);
    const results = await runSuiteInVSCode({
      name: 'web',
      extensionDevelopmentPath: ROOT,
      extensionTestsPath: bundle,
      workspace,
      resultsFile,
      scratch,
      env: { COGNITO_POOL_USER_SETTINGS: JSON.stringify({ 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } }) },
    });
    return report('web', results, resultsFile);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
