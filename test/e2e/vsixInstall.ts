// The packaged extension as a user gets it: `npm run package`, install the .vsix into a fresh code-server
// extensions folder with --install-extension, list it, look at what was installed, then run
// test/e2e/vsix-suite in a VS Code whose only copy of the extension is the installed one.
//
//   node out/test/e2e/vsixInstall.js     (COGNITO_POOL_VSIX=file.vsix skips packaging and tests that file)
//
// Leaves {"passed": N, "failed": N, "tests": [{"title", "state"}]} at $COGNITO_POOL_TEST_RESULTS
// (default test-results/vsix.json) and exits non-zero when a check failed or none ran.
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { missingBuildOutputs, report, ROOT, runSuiteInVSCode } from './runTest';

interface Results {
  passed: number;
  failed: number;
  tests: { title: string; state: string; error?: string }[];
}

interface VSCodePaths {
  node: string;
  codeServerEntry: string;
}

/** Files an installed copy may hold (code-server adds .vsixmanifest); anything else is a packaging leak. */
const ALLOWED_FILES = [
  /^package\.json$/,
  /^\.vsixmanifest$/,
  /^(readme|README)\.md$/,
  /^LICENSE(\.txt|\.md)?$/,
  /^(changelog|CHANGELOG)\.md$/,
  /^dist\/(client|server|cli)\.js$/,
  /^dist\/browser\/(client|server)\.js$/,
  /^dist\/catalog\.json$/,
  // The HCL parser's WebAssembly and its licences.
  /^dist\/(web-tree-sitter|tree-sitter-terraform)\.(wasm|LICENSE)$/,
  /^dist\/webview\/(webview\.js|webview\.css|diagram\.css)$/,
  /^syntaxes\/[^/]+\.json$/,
  /^snippets\/[^/]+\.code-snippets$/,
  /^languages\/[^/]+\.json$/,
  // The config file's schema (contributes.jsonValidation).
  /^schemas\/cognito-pool-lint\.schema\.json$/,
  /^images\/[^/]+\.(png|svg|gif|jpg)$/,
];
const REQUIRED_FILES = [
  'package.json',
  'dist/client.js',
  'dist/server.js',
  'dist/browser/client.js',
  'dist/web-tree-sitter.wasm',
  'dist/tree-sitter-terraform.wasm',
  'dist/browser/server.js',
  'dist/catalog.json',
  'dist/webview/webview.js',
  'syntaxes/policy-variables.injection.tmLanguage.json',
  'syntaxes/iam-policy-json.tmLanguage.json',
  'languages/iam-policy-json.language-configuration.json',
  'snippets/policies.code-snippets',
  'schemas/cognito-pool-lint.schema.json',
];

const results: Results = { passed: 0, failed: 0, tests: [] };

async function check(title: string, body: () => void | Promise<void>): Promise<boolean> {
  try {
    await body();
    results.passed++;
    results.tests.push({ title, state: 'passed' });
    console.log(`  ✔ ${title}`);
    return true;
  } catch (error) {
    results.failed++;
    results.tests.push({ title, state: 'failed', error: error instanceof Error ? error.message : String(error) });
    console.log(`  ✘ ${title}\n      ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

function listFiles(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? listFiles(path.join(dir, entry.name), relative) : [relative];
  });
}

async function main(): Promise<number> {
  const resultsFile = path.resolve(process.env.COGNITO_POOL_TEST_RESULTS || path.join(ROOT, 'test-results', 'vsix.json'));
  fs.rmSync(resultsFile, { force: true });
  const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
  const extensionId = `${manifest.publisher}.${manifest.name}`;
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'cognito-pool-vsix-'));
  const extensionsDir = path.join(scratch, 'extensions');
  const vsix = process.env.COGNITO_POOL_VSIX ? path.resolve(process.env.COGNITO_POOL_VSIX) : path.join(ROOT, 'dist', 'cognito-pool-policies.vsix');
  console.log(`vsix: checking ${extensionId}@${manifest.version} as installed from a .vsix`);

  try {
    const packaged = await check('npm run package makes dist/cognito-pool-policies.vsix', () => {
      if (process.env.COGNITO_POOL_VSIX) {
        assert(fs.existsSync(vsix), `${vsix} exists`);
        return;
      }
      fs.rmSync(vsix, { force: true });
      const status = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'package.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit'] }).status;
      assert(status === 0, `scripts/package.mjs exited ${status}`);
      assert(fs.existsSync(vsix), `${vsix} was written`);
    });
    if (!packaged) return finish(resultsFile);

    const setup = spawnSync(process.execPath, [path.join(ROOT, 'scripts', 'vscode', 'setup.mjs'), '--json'], {
      cwd: ROOT,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let paths: VSCodePaths | undefined;
    const ready = await check('code-server is set up (scripts/vscode/setup.mjs)', () => {
      assert(setup.status === 0, `setup.mjs exited ${setup.status}`);
      paths = JSON.parse(setup.stdout.trim().split('\n').pop()!) as VSCodePaths;
    });
    if (!ready || !paths) return finish(resultsFile);

    // code-server's CLI, kept inside the scratch folder (its config, user data, XDG dirs).
    fs.mkdirSync(path.join(scratch, 'cli'), { recursive: true });
    fs.writeFileSync(path.join(scratch, 'cli', 'config.yaml'), 'auth: none\ncert: false\n');
    const codeServer = (...args: string[]) => {
      const cli = path.join(scratch, 'cli');
      const result = spawnSync(
        paths!.node,
        [
          paths!.codeServerEntry,
          '--config',
          path.join(cli, 'config.yaml'),
          '--user-data-dir',
          path.join(cli, 'user-data'),
          '--extensions-dir',
          extensionsDir,
          ...args,
        ],
        {
          encoding: 'utf8',
          timeout: 120_000,
          env: {
            ...process.env,
            TMPDIR: os.tmpdir(),
            XDG_CONFIG_HOME: path.join(cli, 'xdg'),
            XDG_DATA_HOME: path.join(cli, 'xdg'),
            XDG_CACHE_HOME: path.join(cli, 'xdg'),
          },
        },
      );
      return { status: result.status, output: `${result.stdout ?? ''}${result.stderr ?? ''}` };
    };

    const installed = await check('code-server --install-extension installs the .vsix', () => {
      const { status, output } = codeServer('--install-extension', vsix);
      assert(status === 0 && /successfully installed/i.test(output), `exit ${status}: ${output.trim()}`);
    });
    if (!installed) return finish(resultsFile);

    await check(`--list-extensions --show-versions lists ${extensionId}@${manifest.version}`, () => {
      const { status, output } = codeServer('--list-extensions', '--show-versions');
      const lines = output.split('\n').map((line) => line.trim());
      assert(status === 0 && lines.includes(`${extensionId}@${manifest.version}`), `exit ${status}: ${output.trim()}`);
    });

    await check('the installed folder holds only what the extension needs (.vscodeignore)', () => {
      const folder = fs.readdirSync(extensionsDir).find((name) => name.toLowerCase().startsWith(`${extensionId}-`.toLowerCase()));
      assert(folder, `an ${extensionId}-* folder in ${extensionsDir}`);
      const files = listFiles(path.join(extensionsDir, folder));
      const missing = REQUIRED_FILES.filter((file) => !files.includes(file));
      const unexpected = files.filter((file) => !ALLOWED_FILES.some((pattern) => pattern.test(file)));
      assert(missing.length === 0, `missing ${missing.join(', ')}`);
      assert(unexpected.length === 0, `unexpected ${unexpected.slice(0, 20).join(', ')}${unexpected.length > 20 ? ', ...' : ''}`);
    });

    // VS Code loads tests only through a development extension: an empty stand-in, so that the one
    // extension with our id is the installed copy.
    const host = path.join(scratch, 'test-host-extension');
    fs.mkdirSync(host, { recursive: true });
    fs.writeFileSync(
      path.join(host, 'package.json'),
      JSON.stringify({ name: 'vsix-test-host', publisher: 'cognito-pool-policies-tests', version: '0.0.0', engines: { vscode: '*' } }, null, 2),
    );
    const workspace = path.join(scratch, 'examples');
    fs.cpSync(path.join(ROOT, 'examples'), workspace, { recursive: true });
    const missingOutputs = missingBuildOutputs(['out/test/e2e/vsix-suite/index.js']);
    if (missingOutputs) {
      await check('the vsix suite is compiled', () => assert(false, missingOutputs));
      return finish(resultsFile);
    }
    const suiteResults = await runSuiteInVSCode({
      name: 'vsix',
      extensionDevelopmentPath: host,
      extensionTestsPath: path.join(ROOT, 'out', 'test', 'e2e', 'vsix-suite', 'index.js'),
      workspace,
      resultsFile: path.join(scratch, 'vsix-suite.json'),
      extensionsDir,
      scratch,
      env: { COGNITO_POOL_EXPECTED_EXTENSIONS_DIR: extensionsDir },
    });
    results.passed += suiteResults.passed;
    results.failed += suiteResults.failed;
    results.tests.push(...suiteResults.tests.map((test) => ({ ...test, title: `in VS Code: ${test.title}` })));
    return finish(resultsFile);
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function assert(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

function finish(resultsFile: string): number {
  fs.mkdirSync(path.dirname(resultsFile), { recursive: true });
  fs.writeFileSync(resultsFile, JSON.stringify(results, null, 2) + '\n');
  return report('vsix', results, resultsFile);
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    results.failed++;
    results.tests.push({ title: 'vsix: the check itself ran', state: 'failed', error: String(error?.stack ?? error) });
    finish(path.resolve(process.env.COGNITO_POOL_TEST_RESULTS || path.join(ROOT, 'test-results', 'vsix.json')));
    process.exit(1);
  },
);
