// npm run docs: writes what the rule registry (server/src/core/rules/registry.ts) documents elsewhere:
// the README rules table (between its rules:start and rules:end markers) and the per-rule settings of
// `cognitoPool.rules` in package.json, and the JSON schema of the config file `.cognito-pool-lint.json`
// (schemas/cognito-pool-lint.schema.json: its rules from the registry, its roles from package.json's
// `cognitoPool.roles`, so the editor setting and the file describe roles once), and one page per rule,
// docs/rules/<id>.md, with the examples of test/unit/rules.test.ts (each fires, and its correction does not: the
// unit suite asserts both). The registry is bundled from its TypeScript source, so this works
// on a fresh clone before anything is compiled.
//   node scripts/generate-docs.mjs [--check]   (--check: writes nothing; exit 1 naming each stale file)
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const projectRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

export const FIX_COMMAND = 'npm run docs';
export const TABLE_START = '<!-- rules:start: generated from server/src/core/rules/registry.ts by `npm run docs` -->';
export const TABLE_END = '<!-- rules:end -->';

/** The registry module's exports (RULES, FAMILY_TITLES, SEVERITY_SETTINGS), bundled in memory and imported. */
export async function loadRegistry(root = projectRoot) {
  const result = await esbuild.build({
    entryPoints: [join(root, 'server', 'src', 'core', 'rules', 'registry.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'neutral',
    logLevel: 'silent',
  });
  const code = result.outputFiles[0].text;
  return import(`data:text/javascript;base64,${Buffer.from(code).toString('base64')}`);
}

// A `|` inside a cell would end it.
const cell = (text) => text.replace(/\|/g, '\\|');

/**
 * The cases of test/unit/rules.test.ts (its exported CASES), bundled in memory with its test runner and the
 * helpers that read the catalog replaced by stubs: the cases are plain text, so this needs no build either.
 */
export async function loadRuleCases(root = projectRoot) {
  const stubs = {
    'node:test': 'export const describe = () => {}; export const test = () => {}; export const before = () => {}; export const after = () => {};',
    helpers: `export const catalog = undefined; export const analyze = () => undefined; export const hits = () => []; export const summary = () => [];
      export const hclParser = async () => undefined;
      export function policy(statements, top = { Version: '2012-10-17' }) { return JSON.stringify({ ...top, Statement: statements }, null, 2); }`,
  };
  const result = await esbuild.build({
    entryPoints: [join(root, 'test', 'unit', 'rules.test.ts')],
    bundle: true,
    write: false,
    format: 'cjs',
    platform: 'node',
    // jsonc-parser's ES module build: its UMD build requires its modules at run time, out of esbuild's sight.
    mainFields: ['module', 'main'],
    logLevel: 'silent',
    plugins: [
      {
        name: 'stubs',
        setup(build) {
          build.onResolve({ filter: /^node:test$|^\.\/helpers$/ }, (args) => ({ path: args.path, namespace: 'stub' }));
          build.onLoad({ filter: /.*/, namespace: 'stub' }, (args) => ({ contents: stubs[args.path === 'node:test' ? 'node:test' : 'helpers'], loader: 'js' }));
        },
      },
    ],
  });
  // CommonJS in a temporary file: the bundled libraries (jsonc-parser's UMD build) require their own modules.
  const dir = mkdtempSync(join(tmpdir(), 'rule-cases-'));
  try {
    writeFileSync(join(dir, 'cases.cjs'), result.outputFiles[0].text);
    return createRequire(import.meta.url)(join(dir, 'cases.cjs')).CASES;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FENCE = (c) => (c.terraform ? (c.terraform.endsWith('.tf') ? 'hcl' : 'json') : c.template === 'yaml' ? 'yaml' : 'json');
const code = (language, text) => {
  const ticks = text.includes('```') ? '````' : '```';
  return `${ticks}${language}\n${text.replace(/\n$/, '')}\n${ticks}`;
};

/** docs/rules/<id>.md: the rule's summary, default, how to configure and suppress it, and its examples. */
export function rulePage(rule, { FAMILY_TITLES }, cases) {
  const examples = cases.flatMap((c, i) => [
    `## ${cases.length > 1 ? `Example ${i + 1}: ` : ''}${c.name[0].toUpperCase()}${c.name.slice(1)}`,
    '',
    `Fires${c.options?.identityPool?.role === 'guest' ? ' (in a permission policy of the guest role)' : ''}, at ${c.at.map((a) => `\`${a.replace(/`/g, "'")}\``).join(', ')}${c.firesShown !== undefined ? ' (the document abridged)' : ''}:`,
    '',
    code(FENCE(c), c.firesShown ?? c.fires),
    '',
    'Does not fire:',
    '',
    code(FENCE(c), c.silent),
    '',
  ]);
  return [
    `<!-- Generated from server/src/core/rules/registry.ts and test/unit/rules.test.ts by \`${FIX_COMMAND}\`. -->`,
    '',
    `# \`${rule.id}\``,
    '',
    rule.summary,
    '',
    `- Family: ${FAMILY_TITLES[rule.family]}`,
    `- Default severity: ${rule.defaultSeverity}`,
    `- Example: ${rule.example}`,
    `- Configure: \`"rules": {"${rule.id}": "off"}\` in \`.cognito-pool-lint.json\`, the \`cognitoPool.rules\` setting, or \`--rule ${rule.id}=off\` (severities: off, hint, information, warning, error).`,
    ...(rule.id === 'unused-suppression'
      ? []
      : [`- Suppress one finding (YAML, Terraform): \`# cognito-pool-lint-disable-next-line ${rule.id} -- reason\` on the line above it.`]),
    '',
    ...examples,
    '[All rules](README.md)',
    '',
  ].join('\n');
}

/** docs/rules/README.md: every rule by family, linking its page. */
export function rulesIndex({ RULES, FAMILY_TITLES }) {
  const lines = [`<!-- Generated from server/src/core/rules/registry.ts by \`${FIX_COMMAND}\`. -->`, '', '# Rules', ''];
  for (const [family, title] of Object.entries(FAMILY_TITLES)) {
    const rules = RULES.filter((r) => r.family === family);
    if (rules.length === 0) continue;
    lines.push(`## ${title}`, '', ...rules.map((r) => `- [\`${r.id}\`](${r.id}.md) (${r.defaultSeverity}): ${r.summary}`), '');
  }
  return lines.join('\n');
}

/** Every generated page of docs/rules/ by file name. */
export async function rulePages(registry, root = projectRoot) {
  const cases = await loadRuleCases(root);
  const pages = new Map([['README.md', rulesIndex(registry)]]);
  for (const rule of registry.RULES)
    pages.set(
      `${rule.id}.md`,
      rulePage(
        rule,
        registry,
        cases.filter((c) => c.rule === rule.id),
      ),
    );
  return pages;
}

/** The README rules table, one row per rule; the `rule-<id>` anchors are what server/src/node/ruleDocs.ts links to. */
export function rulesTable({ RULES, FAMILY_TITLES }) {
  const rows = RULES.map(
    (r) => `| <a id="rule-${r.id}"></a>\`${r.id}\` | ${FAMILY_TITLES[r.family]} | ${r.defaultSeverity} | ${cell(r.summary)} | ${cell(r.example)} |`,
  );
  return ['| rule | family | default | what it finds | example |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/** README text with the region between the markers replaced by the generated table. */
export function updateReadme(text, registry) {
  const start = text.indexOf(TABLE_START);
  const end = text.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`README.md: the rules table must sit between "${TABLE_START}" and "${TABLE_END}"`);
  return `${text.slice(0, start + TABLE_START.length)}\n\n${rulesTable(registry)}\n\n${text.slice(end)}`;
}

/** package.json text with `cognitoPool.rules`'s per-rule properties generated (2-space JSON, final newline, as npm writes it). */
export function updateManifest(text, { RULES, SEVERITY_SETTINGS }) {
  const manifest = JSON.parse(text);
  const setting = manifest.contributes?.configuration?.properties?.['cognitoPool.rules'];
  if (!setting) throw new Error('package.json: no contributes.configuration.properties["cognitoPool.rules"]');
  setting.properties = Object.fromEntries(
    RULES.map((r) => [r.id, { type: 'string', enum: [...SEVERITY_SETTINGS], description: `${r.summary} Default: ${r.defaultSeverity}.` }]),
  );
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

export const CONFIG_SCHEMA = 'schemas/cognito-pool-lint.schema.json';

/**
 * The config file's schema: `rules` (the registry's ids and severities), `ignore` and `overrides` (globs relative
 * to the file's folder), `roles` (package.json's `cognitoPool.roles` schema, its paths relative to the file's
 * folder instead of the workspace folder). The same object is the `cognitoPool` key of a package.json.
 */
export function configSchema({ RULES, SEVERITY_SETTINGS }, manifestText) {
  const manifest = JSON.parse(manifestText);
  const roles = structuredClone(manifest.contributes.configuration.properties['cognitoPool.roles']);
  delete roles.scope;
  delete roles.default;
  const relative = (value) =>
    typeof value === 'string'
      ? value.replaceAll('relative to the workspace folder', "relative to this file's folder")
      : Array.isArray(value)
        ? value.map(relative)
        : value && typeof value === 'object'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, relative(v)]))
          : value;
  const rules = {
    type: 'object',
    markdownDescription: 'Severity per rule: `off`, `hint`, `information`, `warning` or `error`. Rules not listed keep their default.',
    properties: Object.fromEntries(
      RULES.map((r) => [r.id, { type: 'string', enum: [...SEVERITY_SETTINGS], markdownDescription: `${r.summary} Default: \`${r.defaultSeverity}\`.` }]),
    ),
    additionalProperties: false,
  };
  const globs = (what) => ({ type: 'array', items: { type: 'string', minLength: 1 }, markdownDescription: what });
  return `${JSON.stringify(
    {
      $schema: 'http://json-schema.org/draft-07/schema#',
      title: 'cognito-pool-lint configuration',
      markdownDescription:
        "Configuration of cognito-pool-lint and the Cognito Identity Pool Policies extension: `.cognito-pool-lint.json`, or the `cognitoPool` key of a `package.json`. The nearest one above a checked file applies; the editor's settings win over it.",
      type: 'object',
      properties: {
        $schema: { type: 'string' },
        rules,
        ignore: globs('Files not checked: globs relative to this file\'s folder, with `/` (picomatch), e.g. `["generated/**"]`.'),
        overrides: {
          type: 'array',
          markdownDescription: "Rule severities for some files: each entry's `rules` apply to the files its `files` globs match (later entries win).",
          items: {
            type: 'object',
            properties: { files: globs("The files: globs relative to this file's folder, with `/`."), rules },
            required: ['files', 'rules'],
            additionalProperties: false,
          },
        },
        roles: relative(roles),
      },
      additionalProperties: false,
    },
    null,
    2,
  )}\n`;
}

/** Regenerates both files (or, with check, only compares). Returns the names of the files that were stale. */
export async function generateDocs({ root = projectRoot, check = false } = {}) {
  const registry = await loadRegistry(root);
  const targets = [
    ['README.md', updateReadme],
    ['package.json', updateManifest],
  ];
  const stale = [];
  for (const [name, update] of targets) {
    const file = join(root, name);
    const current = readFileSync(file, 'utf8');
    const wanted = update(current, registry);
    if (wanted === current) continue;
    stale.push(name);
    if (!check) writeFileSync(file, wanted);
  }
  const schemaFile = join(root, CONFIG_SCHEMA);
  const schema = configSchema(registry, readFileSync(join(root, 'package.json'), 'utf8'));
  if (!existsSync(schemaFile) || readFileSync(schemaFile, 'utf8') !== schema) {
    stale.push(CONFIG_SCHEMA);
    if (!check) {
      mkdirSync(dirname(schemaFile), { recursive: true });
      writeFileSync(schemaFile, schema);
    }
  }
  const pagesDir = join(root, 'docs', 'rules');
  const pages = await rulePages(registry, root);
  const present = existsSync(pagesDir) ? readdirSync(pagesDir) : [];
  const pagesStale =
    present.some((f) => !pages.has(f)) || [...pages].some(([f, text]) => !existsSync(join(pagesDir, f)) || readFileSync(join(pagesDir, f), 'utf8') !== text);
  if (pagesStale) {
    stale.push('docs/rules/');
    if (!check) {
      mkdirSync(pagesDir, { recursive: true });
      for (const f of present) if (!pages.has(f)) rmSync(join(pagesDir, f));
      for (const [f, text] of pages) writeFileSync(join(pagesDir, f), text);
    }
  }
  return stale;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const check = process.argv.includes('--check');
  const stale = await generateDocs({ check });
  if (check && stale.length > 0) {
    for (const name of stale) console.error(`${name} is stale: it does not match server/src/core/rules/registry.ts. Run "${FIX_COMMAND}".`);
    process.exit(1);
  }
  console.log(stale.length === 0 ? `README.md, package.json, ${CONFIG_SCHEMA} and docs/rules/ are up to date.` : `Wrote ${stale.join(', ')}.`);
}
