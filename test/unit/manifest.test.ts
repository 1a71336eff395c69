/**
 * The marketplace checks `npm run package` runs before vsce (scripts/manifestChecks.mjs, offline): the real
 * manifest, icon and README pass; each mistake a marketplace would refuse is named.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';

const root = path.resolve(__dirname, '../../..');

interface Checks {
  manifestProblems(manifest: unknown, root?: string): string[];
  readmeImageProblems(root?: string): string[];
  pngSize(bytes: Buffer): { width: number; height: number } | undefined;
}
// An ES module; import() stays a real dynamic import in this CommonJS test.
const checks = (): Promise<Checks> => import(pathToFileURL(path.join(root, 'scripts', 'manifestChecks.mjs')).href);
const manifest = () => JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;

test('the manifest, its icon and the README images pass the marketplace checks', async () => {
  const { manifestProblems, readmeImageProblems, pngSize } = await checks();
  assert.deepEqual(manifestProblems(manifest(), root), []);
  assert.deepEqual(readmeImageProblems(root), []);
  assert.deepEqual(pngSize(fs.readFileSync(path.join(root, 'images', 'icon.png'))), { width: 128, height: 128 });
});

test('what a marketplace refuses is named: a placeholder repository, an SVG icon, an unknown category, no licence', async () => {
  const { manifestProblems } = await checks();
  const broken = {
    ...manifest(),
    repository: { type: 'git', url: 'https://example.invalid/x.git' },
    icon: 'scripts/icon/icon.svg',
    categories: ['Linters', 'Cloud'],
    license: '',
  };
  assert.deepEqual(manifestProblems(broken, root), [
    'package.json "license": an SPDX identifier (Open VSX refuses an extension without one)',
    'package.json "categories": from AI, Azure, Chat, Data Science, Debuggers, Education, Extension Packs, Formatters, Keymaps, Language Packs, Linters, Machine Learning, Notebooks, Other, Programming Languages, SCM Providers, Snippets, Testing, Themes, Visualization',
    'package.json "repository": a real URL, or no repository field at all',
    'package.json "icon": scripts/icon/icon.svg is not a PNG file (SVG icons are refused)',
  ]);
});
