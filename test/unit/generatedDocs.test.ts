/**
 * The README rules table, the `cognitoPool.rules` settings of package.json, the config schema and docs/rules/ are generated from the rule
 * registry by scripts/generate-docs.mjs (`npm run docs`): these tests fail when either file is stale.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { pathToFileURL } from 'node:url';
import { RULES, SEVERITY_SETTINGS } from '../../server/src/core';
import { loadRuleDocLinks } from '../../server/src/node/ruleDocs';

// Compiled to out/test/unit/: ../../.. is the project root.
const root = path.resolve(__dirname, '../../..');
const readmePath = path.join(root, 'README.md');

interface Registry {
  RULES: typeof RULES;
}
interface Generator {
  FIX_COMMAND: string;
  TABLE_START: string;
  TABLE_END: string;
  loadRegistry(root?: string): Promise<Registry>;
  updateReadme(text: string, registry: Registry): string;
  updateManifest(text: string, registry: Registry): string;
  generateDocs(options: { root?: string; check?: boolean }): Promise<string[]>;
}

// The generator is an ES module; import() stays a real dynamic import in this CommonJS test.
const generator = (): Promise<Generator> => import(pathToFileURL(path.join(root, 'scripts', 'generate-docs.mjs')).href);

test('README.md and package.json are what npm run docs generates from the registry', async () => {
  const { generateDocs, FIX_COMMAND } = await generator();
  const stale = await generateDocs({ root, check: true });
  assert.deepEqual(stale, [], `${stale.join(' and ')} out of date with server/src/core/rules/registry.ts: run "${FIX_COMMAND}"`);
});

test('the generator bundles the registry the core uses', async () => {
  const { loadRegistry } = await generator();
  const registry = await loadRegistry(root);
  assert.deepEqual(registry.RULES, RULES);
});

test('regenerating restores a changed README row and a rule missing from package.json', async () => {
  const { loadRegistry, updateReadme, updateManifest } = await generator();
  const registry = await loadRegistry(root);
  const readme = fs.readFileSync(readmePath, 'utf8');
  const row = readme.split('\n').find((l) => l.startsWith('| <a id="rule-missing-version"></a>'))!;
  const edited = readme.replace(row, row.replace('| warning |', '| error |'));
  assert.notEqual(edited, readme);
  assert.equal(updateReadme(edited, registry), updateReadme(readme, registry));

  const manifestText = fs.readFileSync(path.join(root, 'package.json'), 'utf8');
  const manifest = JSON.parse(manifestText);
  const rules = manifest.contributes.configuration.properties['cognitoPool.rules'].properties;
  delete rules['missing-version'];
  assert.equal(updateManifest(`${JSON.stringify(manifest, null, 2)}\n`, registry), updateManifest(manifestText, registry));
});

test('the generator refuses a README without the table markers', async () => {
  const { loadRegistry, updateReadme, TABLE_START, TABLE_END } = await generator();
  const registry = await loadRegistry(root);
  const readme = fs.readFileSync(readmePath, 'utf8');
  assert.ok(readme.includes(TABLE_START) && readme.includes(TABLE_END));
  assert.throws(() => updateReadme(readme.replace(TABLE_START, ''), registry), /README\.md: the rules table must sit between/);
});

test('each rule setting in package.json offers the five severities and states the default', () => {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const properties = manifest.contributes.configuration.properties['cognitoPool.rules'].properties;
  assert.deepEqual(
    Object.keys(properties),
    RULES.map((r) => r.id),
  );
  for (const rule of RULES) {
    assert.deepEqual(properties[rule.id].enum, [...SEVERITY_SETTINGS], rule.id);
    assert.ok(properties[rule.id].description.endsWith(` Default: ${rule.defaultSeverity}.`), rule.id);
  }
});

test('every rule links to its own documentation: a document of ours made of its README row', () => {
  const docs = loadRuleDocLinks(readmePath);
  for (const rule of RULES) {
    assert.equal(docs.href(rule.id), `cognito-pool-docs:/rules/${rule.id}.md`, rule.id);
    const markdown = docs.markdown(rule.id) ?? '';
    assert.ok(markdown.startsWith(`# \`${rule.id}\`\n\n${rule.summary}\n\n`), `${rule.id}: ${markdown.slice(0, 200)}`);
    assert.ok(markdown.includes(`**Default severity:** ${rule.defaultSeverity}`), rule.id);
    assert.ok(markdown.includes(`**Example that fires it:** ${rule.example}`), rule.id);
    assert.ok(markdown.includes(`"cognitoPool.rules": { "${rule.id}": "warning" }`), rule.id);
  }
});

test('a rule the README does not document has no link and no documentation', () => {
  const docs = loadRuleDocLinks(readmePath);
  assert.equal(docs.href('no-such-rule'), undefined);
  assert.equal(docs.markdown('no-such-rule'), undefined);
  assert.equal(loadRuleDocLinks(path.join(root, 'no-such-README.md')).href('missing-version'), undefined);
});
