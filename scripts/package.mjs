// npm run package: production build, then dist/cognito-pool-policies.vsix holding only what the extension
// needs at run time (see .vscodeignore).
//   node scripts/package.mjs
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const VSIX = join(root, 'dist', 'cognito-pool-policies.vsix');

function run(cmd, args) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: ['ignore', 'inherit', 'inherit'] });
  if (result.status !== 0) {
    const shown = [cmd === process.execPath ? 'node' : cmd, ...args.map((a) => (a.startsWith(root) ? relative(root, a) : a))];
    console.error(`package: \`${shown.join(' ')}\` failed (exit ${result.status ?? result.signal})`);
    process.exit(1);
  }
}

// vsce asks "continue? [y/N]" when these are missing: fail clearly instead (stdin is closed here).
const missing = ['README.md', 'LICENSE'].filter((file) => !existsSync(join(root, file)));
if (missing.length) {
  console.error(`package: missing ${missing.join(' and ')} at the project root; vsce needs them.`);
  process.exit(1);
}

const started = Date.now();
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
// vsce itself runs the "vscode:prepublish" script (the production build) before packing; build here
// only if that script is gone, so that the bundles are never packed stale.
if (!manifest.scripts?.['vscode:prepublish']) run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production']);

const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
// README.md's relative links and images (images/...) stay relative: VS Code shows them from the installed folder.
run(process.execPath, [vsce, 'package', '--no-dependencies', '--no-rewrite-relative-links', '--out', VSIX]);

const size = (statSync(VSIX).size / 1024).toFixed(0);
console.log(`package: ${relative(root, VSIX)} (${size} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
