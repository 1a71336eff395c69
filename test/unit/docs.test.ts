/**
 * Every setting of the manifest is documented in the README settings table. (The rules table and the
 * `cognitoPool.rules` settings are generated from the registry: generatedDocs.test.ts.)
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';

const root = path.resolve(__dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('every setting in package.json is documented in the README settings table', () => {
  for (const name of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`| \`${name}\` |`), name);
});
