// npm run package: the marketplace checks (scripts/manifestChecks.mjs, offline), production build, then
// dist/cognito-pool-policies.vsix holding only what the extension needs at run time (see .vscodeignore), checked
// again for its size.
//   node scripts/package.mjs [--base-images-url URL]
// README images: VS Code's page of an extension (Extensions view, marketplaces) keeps only https: images and drops
// relative and data: ones. Without a public repository they stay relative (shown as their alt text there); to
// publish, pass --base-images-url with the raw URL of the repository's tag (e.g.
// https://raw.githubusercontent.com/OWNER/REPO/v0.1.0/), which vsce writes before each relative image.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { manifestProblems, readmeImageProblems, vsixProblems } from './manifestChecks.mjs';
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
const fail = (problems) => {
  if (problems.length === 0) return;
  for (const p of problems) console.error(`package: ${p}`);
  process.exit(1);
};
fail([...manifestProblems(manifest, root), ...readmeImageProblems(root)]);
const baseImagesAt = process.argv.indexOf('--base-images-url');
const baseImagesUrl = baseImagesAt >= 0 ? process.argv[baseImagesAt + 1] : undefined;
if (baseImagesAt >= 0 && !/^https:\/\//.test(baseImagesUrl ?? '')) fail(['--base-images-url takes an https URL']);
// vsce itself runs the "vscode:prepublish" script (the production build) before packing; build here
// only if that script is gone, so that the bundles are never packed stale.
if (!manifest.scripts?.['vscode:prepublish']) run(process.execPath, [join(root, 'scripts', 'build.mjs'), '--production']);

const vsce = join(dirname(createRequire(import.meta.url).resolve('@vscode/vsce/package.json')), 'vsce');
// No repository field (the project names none yet): vsce would ask whether to go on. Relative links and images stay
// relative unless --base-images-url is given.
const links = baseImagesUrl ? ['--baseImagesUrl', baseImagesUrl, '--baseContentUrl', baseImagesUrl] : ['--no-rewrite-relative-links'];
run(process.execPath, [vsce, 'package', '--no-dependencies', '--allow-missing-repository', ...links, '--out', VSIX]);
fail(vsixProblems(VSIX));

const size = (statSync(VSIX).size / 1024).toFixed(0);
console.log(`package: ${relative(root, VSIX)} (${size} KiB) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
