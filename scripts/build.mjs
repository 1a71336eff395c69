// Builds the extension: the IAM catalog (when missing or stale), three esbuild bundles for Node, the web build
// (dist/browser/: client and server for the browser) and the flow panel's webview (browser code and its
// stylesheets) in dist/webview/.
//   node scripts/build.mjs [--production] [--watch]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, chmodSync } from 'node:fs';
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

const builds = [
  { ...common, entryPoints: ['client/src/node/main.ts'], outfile: 'dist/client.js', external: ['vscode'] },
  { ...common, entryPoints: ['server/src/node/main.ts'], outfile: 'dist/server.js' },
  // The web build (package.json `browser`, for vscode.dev and github.dev): the client in the web worker
  // extension host and the server in a Worker it starts. No Node built-ins: a bundle that needs one fails here.
  { ...browser, format: 'cjs', entryPoints: ['client/src/browser/main.ts'], outfile: 'dist/browser/client.js', external: ['vscode'] },
  { ...browser, format: 'iife', entryPoints: ['server/src/browser/main.ts'], outfile: 'dist/browser/server.js' },
  { ...common, entryPoints: ['server/src/cli/cli.ts'], outfile: 'dist/cli.js', banner: { js: '#!/usr/bin/env node' } },
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

ensureCatalog();
if (watch) {
  for (const options of builds) await (await esbuild.context(options)).watch();
  console.log('watching client/, server/ ...');
} else {
  const started = Date.now();
  await Promise.all(builds.map((options) => esbuild.build(options)));
  chmodSync(join(root, 'dist', 'cli.js'), 0o755);
  console.log(
    `build: dist/client.js, dist/server.js, dist/cli.js, dist/browser/, dist/webview/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`,
  );
}
