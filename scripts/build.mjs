// Builds the extension: the IAM catalog (when missing or stale), three esbuild bundles for Node, the web build
// (dist/browser/: client and server for the browser) and the flow panel's webview (browser code and its
// stylesheets) in dist/webview/; and the CLI package packages/cli/dist/ (its bundle, the catalog, the HCL
// WebAssembly, the config file's schema: everything it runs with, so it has no dependencies).
//   node scripts/build.mjs [--production] [--watch]
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, statSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');

function ensureCatalog() {
  const catalog = join(root, 'dist', 'catalog.json');
  const source = join(root, 'node_modules', '@cloud-copilot', 'iam-data', 'package.json');
  if (existsSync(catalog)) {
    const built = /"dataVersion":"([^"]+)"/.exec(readFileSync(catalog, 'utf8').slice(0, 500))?.[1];
    const wanted = JSON.parse(readFileSync(source, 'utf8')).version;
    const generator = join(root, 'scripts', 'generate-catalog.mjs');
    if (built === wanted && statSync(catalog).mtimeMs >= statSync(generator).mtimeMs) return;
  }
  const r = spawnSync(process.execPath, [join(root, 'scripts', 'generate-catalog.mjs')], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node18',
  mainFields: ['module', 'main'],
  sourcemap: !production,
  minify: production,
  logLevel: 'warning',
  absWorkingDir: root,
};

/** Bundles for a browser or a web worker: Node's built-in modules do not resolve. */
const browser = {
  ...common,
  platform: 'browser',
  target: 'chrome120',
  mainFields: ['browser', 'module', 'main'],
  conditions: ['browser'],
};

/**
 * Node bundles take web-tree-sitter's CommonJS build: its ES module build finds Node's `require` through
 * `import.meta.url`, which a CommonJS bundle does not have. (The browser build takes the ES module build, which
 * needs neither, since the host hands it the WebAssembly bytes.)
 */
const nodeTreeSitter = { alias: { 'web-tree-sitter': './node_modules/web-tree-sitter/web-tree-sitter.cjs' } };

/** The CLI says the version of its package (packages/cli/package.json), whichever copy of it runs. */
const cliPackage = join(root, 'packages', 'cli');
const cliManifest = JSON.parse(readFileSync(join(cliPackage, 'package.json'), 'utf8'));
const cli = {
  ...common,
  ...nodeTreeSitter,
  entryPoints: ['server/src/cli/cli.ts'],
  banner: { js: '#!/usr/bin/env node' },
  // Its homepage, when it declares one, is where SARIF's helpUri points (docs/rules/<id>.md under it).
  define: { COGNITO_POOL_LINT_VERSION: JSON.stringify(cliManifest.version), COGNITO_POOL_LINT_HOMEPAGE: JSON.stringify(cliManifest.homepage ?? '') },
};

const builds = [
  { ...common, entryPoints: ['client/src/node/main.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, ...nodeTreeSitter, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' },
  // The web build (package.json `browser`, for vscode.dev and github.dev): the client in the web worker
  // extension host and the server in a Worker it starts. No Node built-ins: a bundle that needs one fails here.
  { ...browser, format: 'cjs', entryPoints: ['client/src/browser/main.ts'], outfile: 'dist/browser/client.js', external: ['vscode'] },
  { ...browser, format: 'iife', entryPoints: ['server/src/browser/main.ts'], outfile: 'dist/browser/server.js' },
  // The repository's copy of the CLI (the integration tests, `node dist/cli.js`) and the package's, which npm
  // publishes (no source map: the tarball stays small).
  { ...cli, outfile: 'dist/cli.js' },
  { ...cli, outfile: 'packages/cli/dist/cli.js', sourcemap: false },
  // The flow panel's webview runs in the browser: one script (with @vscode-elements/elements and lit) and two
  // stylesheets, the only files its localResourceRoots allow.
  {
    ...common,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    mainFields: ['browser', 'module', 'main'],
    entryPoints: ['client/src/webview/main.ts'],
    outfile: 'dist/webview/webview.js',
  },
  {
    ...common,
    platform: 'browser',
    format: undefined,
    target: 'chrome120',
    entryPoints: { webview: 'client/src/webview/flow.css', diagram: 'client/src/webview/diagram.css' },
    outdir: 'dist/webview',
  },
];

/**
 * The HCL parser's WebAssembly (web-tree-sitter's runtime, the Terraform grammar) next to the bundles in dist/:
 * the Node server and the CLI read it from there, the browser client hands it to its server's Worker. Each with
 * its licence (MIT, Apache-2.0), which the .vsix carries along.
 */
function copyHclWasm() {
  mkdirSync(join(root, 'dist'), { recursive: true });
  for (const [from, name] of [
    ['node_modules/web-tree-sitter/web-tree-sitter.wasm', 'web-tree-sitter.wasm'],
    ['node_modules/web-tree-sitter/LICENSE', 'web-tree-sitter.LICENSE'],
    ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/tree-sitter-terraform.wasm', 'tree-sitter-terraform.wasm'],
    ['node_modules/@tree-sitter-grammars/tree-sitter-hcl/LICENSE', 'tree-sitter-terraform.LICENSE'],
  ]) {
    copyFileSync(join(root, from), join(root, 'dist', name));
  }
}

/**
 * What the CLI package runs with besides its bundle, next to it in packages/cli/dist/: the catalog, the HCL
 * parser's WebAssembly with its licences, and the config file's JSON schema (generated by `npm run docs`).
 */
function copyCliPackageFiles() {
  mkdirSync(join(cliPackage, 'dist'), { recursive: true });
  for (const name of ['catalog.json', 'web-tree-sitter.wasm', 'web-tree-sitter.LICENSE', 'tree-sitter-terraform.wasm', 'tree-sitter-terraform.LICENSE'])
    copyFileSync(join(root, 'dist', name), join(cliPackage, 'dist', name));
  copyFileSync(join(root, 'schemas', 'cognito-pool-lint.schema.json'), join(cliPackage, 'dist', 'cognito-pool-lint.schema.json'));
}

ensureCatalog();
copyHclWasm();
copyCliPackageFiles();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching client/, server/ ...');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync(join(root, 'dist', 'cli.js'), 0o755);
  chmodSync(join(cliPackage, 'dist', 'cli.js'), 0o755);
  console.log(
    `build: dist/client.js, dist/server.js, dist/cli.js, dist/*.wasm, dist/browser/, dist/webview/, packages/cli/dist/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`,
  );
}
