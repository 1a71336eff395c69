/** The README rules table and the manifest's settings agree with the rule registry (one source of truth). */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { RULES } from '../../server/src/core';

const root = path.resolve(__dirname, '../../..');
const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the README rules table has one row per registry rule, with its anchor, default severity and example', () => {
  const rows = readme.split('\n').filter((l) => l.startsWith('| <a id="rule-'));
  const ids = rows.map((r) => /<a id="rule-([a-z0-9-]+)">/.exec(r)![1]);
  assert.deepEqual(ids, RULES.map((r) => r.id));
  for (const [i, rule] of RULES.entries()) {
    const cells = rows[i].split(' | ');
    assert.equal(cells[2], rule.defaultSeverity, rule.id);
    assert.ok(rows[i].includes(rule.example.replace(/\|/g, '\\|')), `${rule.id}: example missing`);
  }
});

test('cognitoPool.rules in package.json lists exactly the registry rules with the five severities', () => {
  const properties = manifest.contributes.configuration.properties['cognitoPool.rules'].properties;
  assert.deepEqual(Object.keys(properties), RULES.map((r) => r.id));
  for (const p of Object.values(properties) as { enum: string[] }[]) assert.deepEqual(p.enum, ['off', 'hint', 'information', 'warning', 'error']);
});

test('every setting in package.json is documented in the README settings table', () => {
  for (const name of Object.keys(manifest.contributes.configuration.properties)) assert.ok(readme.includes(`| \`${name}\` |`), name);
});
