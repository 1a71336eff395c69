// Checks of the extension's manifest and files that Open VSX's publisher (ovsx) and the VS Code Marketplace make
// when an extension is published, done here without a network, so `npm run package` fails before a publish would:
//   node scripts/manifestChecks.mjs [VSIX]   (scripts/package.mjs runs them on the .vsix it wrote)
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

/** Open VSX refuses larger files; the Marketplace's limit is higher. */
export const MAX_VSIX_BYTES = 256 * 1024 * 1024;
/** What a .vsix of this extension should stay under: a bigger one means something slipped past .vscodeignore. */
export const EXPECTED_VSIX_BYTES = 20 * 1024 * 1024;
const NAME = /^[a-z0-9][a-z0-9-]*$/;
const SEMVER = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?$/;
const CATEGORIES = new Set([
  'AI',
  'Azure',
  'Chat',
  'Data Science',
  'Debuggers',
  'Education',
  'Extension Packs',
  'Formatters',
  'Keymaps',
  'Language Packs',
  'Linters',
  'Machine Learning',
  'Notebooks',
  'Other',
  'Programming Languages',
  'SCM Providers',
  'Snippets',
  'Testing',
  'Themes',
  'Visualization',
]);
/** Licences whose files a reader can check (the manifest says which, a LICENSE file has its text). */
const LICENCE_FILES = ['LICENSE', 'LICENSE.md', 'LICENSE.txt'];

/** The width and height of a PNG (its IHDR chunk), or undefined when the bytes are no PNG. */
export function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || !signature.every((b, i) => bytes[i] === b) || bytes.toString('latin1', 12, 16) !== 'IHDR') return undefined;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The problems of a manifest (package.json's object) and the files it names under `root`; [] when none. */
export function manifestProblems(manifest, root = projectRoot) {
  const problems = [];
  const need = (field, ok, why) => {
    if (!ok) problems.push(`package.json "${field}": ${why}`);
  };
  need('name', typeof manifest.name === 'string' && NAME.test(manifest.name), 'lowercase letters, digits and dashes');
  need('publisher', typeof manifest.publisher === 'string' && NAME.test(manifest.publisher), 'lowercase letters, digits and dashes');
  need('version', typeof manifest.version === 'string' && SEMVER.test(manifest.version), 'a semantic version such as 1.2.3');
  need('engines.vscode', typeof manifest.engines?.vscode === 'string' && /^\^?\d+\.\d+\.\d+$/.test(manifest.engines.vscode), 'a version range such as ^1.91.0');
  need('displayName', typeof manifest.displayName === 'string' && manifest.displayName.trim() !== '', 'the name shown in the marketplace');
  need('description', typeof manifest.description === 'string' && manifest.description.trim() !== '', 'one sentence for the marketplace');
  need('license', typeof manifest.license === 'string' && manifest.license.trim() !== '', 'an SPDX identifier (Open VSX refuses an extension without one)');
  need(
    'license',
    LICENCE_FILES.some((f) => existsSync(join(root, f))),
    `no ${LICENCE_FILES.join(', ')} file beside the manifest`,
  );
  need(
    'categories',
    Array.isArray(manifest.categories) && manifest.categories.length > 0 && manifest.categories.every((c) => CATEGORIES.has(c)),
    `from ${[...CATEGORIES].join(', ')}`,
  );
  need('keywords', Array.isArray(manifest.keywords) && manifest.keywords.length <= 30, 'at most 30');
  if (manifest.repository !== undefined) {
    const url = typeof manifest.repository === 'string' ? manifest.repository : manifest.repository?.url;
    need(
      'repository',
      typeof url === 'string' && /^(https:\/\/|git\+https:\/\/|git@)/.test(url) && !/\.invalid([/:]|$)/.test(url),
      'a real URL, or no repository field at all',
    );
  }
  need(
    'galleryBanner',
    manifest.galleryBanner === undefined ||
      (/^#[0-9a-fA-F]{6}$/.test(manifest.galleryBanner.color ?? '') && ['dark', 'light'].includes(manifest.galleryBanner.theme)),
    '{"color": "#rrggbb", "theme": "dark" | "light"}',
  );
  need(
    'qna',
    manifest.qna === undefined || manifest.qna === false || manifest.qna === 'marketplace' || /^https:\/\//.test(manifest.qna),
    '"marketplace", false or an https URL',
  );
  if (typeof manifest.icon !== 'string')
    problems.push('package.json "icon": a PNG of at least 128x128 pixels (the marketplaces show a placeholder without it)');
  else {
    const file = resolve(root, manifest.icon);
    const size = existsSync(file) ? pngSize(readFileSync(file)) : undefined;
    need('icon', size !== undefined, `${manifest.icon} is not a PNG file (SVG icons are refused)`);
    if (size)
      need(
        'icon',
        size.width >= 128 && size.height >= 128 && size.width === size.height,
        `${manifest.icon} is ${size.width}x${size.height}: a square of at least 128x128`,
      );
  }
  return problems;
}

/** The problems of README.md's images for the marketplaces: each must exist, be no SVG, and ship in the .vsix. */
export function readmeImageProblems(root = projectRoot) {
  const text = readFileSync(join(root, 'README.md'), 'utf8');
  const problems = [];
  for (const m of text.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
    const target = m[1];
    if (/^https?:/.test(target)) {
      if (!target.startsWith('https:')) problems.push(`README.md image ${target}: the marketplaces show https images only`);
      continue;
    }
    if (/\.svg$/i.test(target)) problems.push(`README.md image ${target}: SVG images are refused`);
    if (!existsSync(join(root, target))) problems.push(`README.md image ${target}: no such file`);
    else if (!target.startsWith('images/')) problems.push(`README.md image ${target}: outside images/, the only folder of images the .vsix takes`);
  }
  return problems;
}

/** The problems of a written .vsix: its size. */
export function vsixProblems(vsix) {
  const size = statSync(vsix).size;
  if (size > MAX_VSIX_BYTES) return [`${vsix}: ${size} bytes, more than Open VSX accepts (${MAX_VSIX_BYTES})`];
  if (size > EXPECTED_VSIX_BYTES) return [`${vsix}: ${size} bytes, more than this extension needs (${EXPECTED_VSIX_BYTES}): check .vscodeignore`];
  return [];
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const manifest = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8'));
  const problems = [...manifestProblems(manifest), ...readmeImageProblems(), ...(process.argv[2] ? vsixProblems(process.argv[2]) : [])];
  for (const p of problems) console.error(`manifest: ${p}`);
  if (problems.length) process.exit(1);
  console.log('manifest: the marketplace checks pass');
}
