/**
 * The in-memory IAM catalog, built from the compact JSON written by scripts/generate-catalog.mjs
 * (see the format description there). Pure: no file system, no editor APIs.
 *
 * createCatalog() only checks the top-level shape and indexes the services by prefix; a service's
 * actions and resource types are decoded the first time they are asked for, and the condition key
 * index is built on the first condition key lookup. Overrides (./overrides) are applied to
 * condition keys when that index is built.
 */
import { TextMemo } from '../text/memo';
import { hasWildcard, wildcardMatch } from '../text/wildcard';
import { CONDITION_KEY_OVERRIDES, type ConditionKeyOverride } from './overrides';
import type { AccessLevel, Catalog, CatalogAction, CatalogActionResourceType, CatalogConditionKey, CatalogResourceType, CatalogService } from './types';
import { pushAll } from '../text/lists';

export const CATALOG_FORMAT = 1;

const ACCESS_LEVELS: Readonly<Record<string, AccessLevel>> = {
  L: 'List',
  R: 'Read',
  W: 'Write',
  P: 'Permissions management',
  T: 'Tagging',
};

const EMPTY: readonly never[] = Object.freeze([]);

// Raw (compact) shapes, see scripts/generate-catalog.mjs.
type RawKeyRef = number | string;
type RawResourceType = [name: string, arns: string[], keys?: RawKeyRef[]];
type RawConditionKey = [name: string, type: string, description: string];
type RawRtRef = number | [name: string, required: number];
type RawAction = [name: string, description: string, level: string, rts?: RawRtRef[], keys?: RawKeyRef[], dependents?: string[]];
type RawService = [prefix: string, name: string, resourceTypes: RawResourceType[], conditionKeys: RawConditionKey[], actions: RawAction[]];
type RawGlobalKey = [name: string, type: string, category?: string];

interface Decoded {
  readonly actions: readonly CatalogAction[];
  readonly actionByName: ReadonlyMap<string, CatalogAction>;
  readonly resourceTypes: readonly CatalogResourceType[];
  readonly resourceTypeByName: ReadonlyMap<string, CatalogResourceType>;
}

interface ServiceEntry {
  readonly info: CatalogService;
  readonly lowerPrefix: string;
  /** The service's own condition keys (raw[3]), read by the key index and the service's key list. */
  readonly rawKeys: readonly RawConditionKey[];
  /**
   * Its resource types and actions as the file has them (raw[2], raw[4]) until they are decoded: then dropped,
   * so that a decoded service holds each action once (issue 15: the raw arrays of 22,000 actions stayed next to
   * their decoded objects, about 4 MB).
   */
  undecoded?: { readonly resourceTypes: RawResourceType[]; readonly actions: RawAction[] };
  readonly actionCount: number;
  /** Lower-case action names, parallel to the actions: matching does not need decoded actions; the decoded Map's keys. */
  lowerNames?: readonly string[];
  decoded?: Decoded;
  keys?: readonly CatalogConditionKey[];
}

interface Template {
  /** Lower-case literal text before the first placeholder: a cheap pre-filter. */
  readonly prefix: string;
  /** Lower-case wildcard pattern: each placeholder becomes `?*` (one or more characters). */
  readonly pattern: string;
  /** Literal characters; the most specific template wins. */
  readonly literalLength: number;
  readonly key: CatalogConditionKey;
}

interface KeyIndex {
  readonly byName: Map<string, CatalogConditionKey>;
  readonly templates: readonly Template[];
  readonly globals: readonly CatalogConditionKey[];
  /** Keys added by overrides (`ensure`) per service table, lower-case prefix. */
  readonly ensuredFor: ReadonlyMap<string, CatalogConditionKey[]>;
}

/** `${TagKey}`, `<key>`: placeholders in condition key names (fixed catalog text, not policy text). */
const PLACEHOLDER = /\$\{[^}]*\}|<[^>]*>/g;

const MATCH_CACHE_LIMIT = 512;

function invalid(what: string): never {
  throw new Error(`Invalid IAM catalog: ${what}. Regenerate it with "npm run build".`);
}

function isArray(v: unknown): v is unknown[] {
  return Array.isArray(v);
}

function keyPrefix(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(0, i);
}

function isMultiValuedType(type: string): boolean {
  return type.startsWith('ArrayOf');
}

function applyOverride(key: CatalogConditionKey, o: ConditionKeyOverride | undefined): CatalogConditionKey {
  if (!o) return key;
  const type = o.type ?? key.type;
  const out: {
    -readonly [K in keyof CatalogConditionKey]: CatalogConditionKey[K];
  } = {
    name: key.name,
    service: key.service,
    description: o.description ?? key.description,
    type,
    multiValued: o.multiValued ?? (o.type !== undefined ? isMultiValuedType(type) : key.multiValued),
    global: o.global ?? key.global,
  };
  const additional = o.additionalTypes ?? key.additionalTypes;
  if (additional && additional.length > 0) out.additionalTypes = additional;
  return out;
}

function makeKey(name: string, type: string, description: string, global: boolean): CatalogConditionKey {
  return {
    name,
    service: keyPrefix(name),
    description,
    type,
    multiValued: isMultiValuedType(type),
    global,
  };
}

function validate(data: unknown): {
  dataVersion: string;
  dataDate: string;
  services: RawService[];
  globalKeys: RawGlobalKey[];
} {
  if (data === null || typeof data !== 'object' || isArray(data)) {
    invalid(`expected an object, got ${data === null ? 'null' : isArray(data) ? 'an array' : typeof data}`);
  }
  const d = data as Record<string, unknown>;
  if (d.format === undefined) invalid('missing "format"');
  if (d.format !== CATALOG_FORMAT) invalid(`unsupported format ${JSON.stringify(d.format)} (expected ${CATALOG_FORMAT})`);
  if (typeof d.dataVersion !== 'string' || d.dataVersion === '') invalid('"dataVersion" must be a non-empty string');
  if (typeof d.dataDate !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(d.dataDate)) {
    invalid('"dataDate" must be a YYYY-MM-DD string');
  }
  if (!isArray(d.services)) invalid('"services" must be an array');
  if (d.services.length === 0) invalid('"services" is empty');
  if (!isArray(d.globalKeys)) invalid('"globalKeys" must be an array');
  d.services.forEach((s, i) => {
    if (!isArray(s) || typeof s[0] !== 'string' || typeof s[1] !== 'string' || !isArray(s[2]) || !isArray(s[3]) || !isArray(s[4])) {
      invalid(`services[${i}] is not [prefix, name, resourceTypes[], conditionKeys[], actions[]]`);
    }
  });
  d.globalKeys.forEach((k, i) => {
    if (!isArray(k) || typeof k[0] !== 'string' || typeof k[1] !== 'string') {
      invalid(`globalKeys[${i}] is not [name, type, category]`);
    }
  });
  return {
    dataVersion: d.dataVersion,
    dataDate: d.dataDate,
    services: d.services as RawService[],
    globalKeys: d.globalKeys as RawGlobalKey[],
  };
}

/**
 * Builds the catalog from the parsed contents of dist/catalog.json. Throws an Error naming the
 * problem when `data` is not a catalog of the supported format.
 */
export function createCatalog(data: unknown): Catalog {
  const { dataVersion, dataDate, services: rawServices, globalKeys: rawGlobals } = validate(data);

  const overrides = new Map<string, [string, ConditionKeyOverride]>();
  for (const [name, o] of Object.entries(CONDITION_KEY_OVERRIDES)) overrides.set(name.toLowerCase(), [name, o]);

  const byPrefix = new Map<string, ServiceEntry>();
  const serviceList: ServiceEntry[] = [];
  for (const raw of rawServices) {
    const lowerPrefix = raw[0].toLowerCase();
    const entry: ServiceEntry = {
      info: { prefix: raw[0], name: raw[1] },
      lowerPrefix,
      rawKeys: raw[3],
      undecoded: { resourceTypes: raw[2], actions: raw[4] },
      actionCount: raw[4].length,
    };
    if (byPrefix.has(lowerPrefix)) invalid(`duplicate service "${raw[0]}"`);
    byPrefix.set(lowerPrefix, entry);
    serviceList.push(entry);
  }
  const serviceInfos: readonly CatalogService[] = Object.freeze(serviceList.map((s) => s.info));

  // ------------------------------------------------------------------ per-service decoding
  function decode(entry: ServiceEntry): Decoded {
    if (entry.decoded) return entry.decoded;
    const prefix = entry.info.prefix;
    const rawKeys = entry.rawKeys;
    const { resourceTypes: rawRts, actions: rawActions } = entry.undecoded!;
    const lower = lowerNames(entry);
    const where = `service "${prefix}"`;
    const keyName = (ref: RawKeyRef): string => {
      if (typeof ref === 'string') return ref;
      const k = rawKeys[ref];
      if (!k) invalid(`${where}: condition key index ${ref} out of range`);
      return k[0];
    };
    const keyNames = (refs: RawKeyRef[] | undefined): readonly string[] => (refs && refs.length > 0 ? refs.map(keyName) : EMPTY);

    const resourceTypes: CatalogResourceType[] = rawRts.map((rt) => ({
      service: prefix,
      name: rt[0],
      arnFormats: rt[1] ?? EMPTY,
      conditionKeys: keyNames(rt[2]),
    }));
    const resourceTypeByName = new Map<string, CatalogResourceType>();
    for (const rt of resourceTypes) resourceTypeByName.set(rt.name.toLowerCase(), rt);

    // One shared object per (resource type, required) pair.
    const rtRefs: CatalogActionResourceType[] = [];
    const rtRef = (ref: RawRtRef): CatalogActionResourceType => {
      if (typeof ref === 'number') {
        const cached = rtRefs[ref];
        if (cached) return cached;
        const rt = resourceTypes[ref >> 1];
        if (!rt) invalid(`${where}: resource type index ${ref >> 1} out of range`);
        return (rtRefs[ref] = { name: rt.name, required: (ref & 1) === 1 });
      }
      return { name: ref[0], required: ref[1] === 1 };
    };

    const actions: CatalogAction[] = [];
    const actionByName = new Map<string, CatalogAction>();
    for (let i = 0; i < rawActions.length; i++) {
      const a = rawActions[i];
      const accessLevel = ACCESS_LEVELS[a[2]];
      if (!accessLevel) invalid(`${where}: action ${a[0]} has unknown access level code ${JSON.stringify(a[2])}`);
      const action: CatalogAction = {
        service: prefix,
        name: a[0],
        description: a[1],
        accessLevel,
        resourceTypes: a[3] && a[3].length > 0 ? a[3].map(rtRef) : EMPTY,
        conditionKeys: keyNames(a[4]),
        dependentActions: a[5] && a[5].length > 0 ? a[5] : EMPTY,
      };
      actions.push(action);
      actionByName.set(lower[i], action);
    }
    entry.decoded = { actions, actionByName, resourceTypes, resourceTypeByName };
    entry.undecoded = undefined;
    return entry.decoded;
  }

  const serviceEntry = (prefix: string) => byPrefix.get(prefix.toLowerCase());

  // ------------------------------------------------------------------- condition key index
  let keyIndex: KeyIndex | undefined;

  function buildKeyIndex(): KeyIndex {
    const byName = new Map<string, CatalogConditionKey>();
    /** Lower-case names whose entry comes from the service that owns the key's prefix. */
    const owned = new Set<string>();

    for (const [name, type] of rawGlobals) {
      byName.set(name.toLowerCase(), makeKey(name, type, '', true));
    }
    for (const s of serviceList) {
      const svcPrefix = s.lowerPrefix;
      for (const [name, type, description] of s.rawKeys) {
        const lower = name.toLowerCase();
        const existing = byName.get(lower);
        const isOwner = keyPrefix(lower) === svcPrefix;
        if (existing?.global) {
          // The global list has no descriptions: take the service table's (the owning service's
          // for cross-service keys such as ec2:SourceInstanceARN, with its spelling). The
          // overrides then replace those of the aws: keys. The global list's type stands.
          if (existing.description === '' || (isOwner && !owned.has(lower))) {
            byName.set(lower, {
              ...makeKey(name, type, description, true),
              type: existing.type,
              multiValued: existing.multiValued,
            });
            if (isOwner) owned.add(lower);
          }
          continue;
        }
        if (!existing || (isOwner && !owned.has(lower))) {
          byName.set(lower, makeKey(name, type, description, lower.startsWith('aws:')));
          if (isOwner) owned.add(lower);
        }
      }
    }

    const ensuredFor = new Map<string, CatalogConditionKey[]>();
    for (const [lower, [name, o]] of overrides) {
      const existing = byName.get(lower);
      if (existing) {
        byName.set(lower, applyOverride(existing, o));
      } else if (o.ensure) {
        if (!o.type || o.description === undefined) continue; // not enough to add it
        const added = applyOverride(makeKey(name, o.type, o.description, o.global ?? false), o);
        byName.set(lower, added);
        if (o.ensure.service) {
          const svc = o.ensure.service.toLowerCase();
          const list = ensuredFor.get(svc) ?? [];
          list.push(added);
          ensuredFor.set(svc, list);
        }
      }
    }

    // A placeholder spelt as a literal name is the template it stands for (overrides.ts `sameAs`).
    for (const [lower, [, o]] of overrides) {
      const target = o.sameAs === undefined ? undefined : byName.get(o.sameAs.toLowerCase());
      if (target) byName.set(lower, target);
    }

    const templates: Template[] = [];
    const globals: CatalogConditionKey[] = [];
    for (const key of new Set(byName.values())) {
      if (key.global) globals.push(key);
      const lowerName = key.name.toLowerCase();
      PLACEHOLDER.lastIndex = 0;
      const first = PLACEHOLDER.exec(lowerName);
      if (!first) continue;
      const literal = lowerName.replace(PLACEHOLDER, '');
      templates.push({
        prefix: lowerName.slice(0, first.index),
        pattern: lowerName.replace(PLACEHOLDER, '?*'),
        literalLength: literal.length,
        key,
      });
    }
    globals.sort((a, b) => compareNames(a.name, b.name));
    return { byName, templates, globals, ensuredFor };
  }

  const keys = (): KeyIndex => (keyIndex ??= buildKeyIndex());

  // A key no name matches is matched against every template: the result is kept (the checks ask about each
  // condition key of every statement several times, and policies repeat their tag keys).
  const templateMatches = new TextMemo<CatalogConditionKey | null>(MATCH_CACHE_LIMIT);

  function resolveKey(key: string): CatalogConditionKey | undefined {
    const index = keys();
    const lower = key.toLowerCase();
    const exact = index.byName.get(lower);
    if (exact) return exact;
    return templateMatches.get(lower, (l) => bestTemplate(index, l) ?? null) ?? undefined;
  }

  function bestTemplate(index: KeyIndex, lower: string): CatalogConditionKey | undefined {
    let best: Template | undefined;
    for (const t of index.templates) {
      if (!lower.startsWith(t.prefix)) continue;
      if (best && best.literalLength >= t.literalLength) continue;
      // Policy text is only ever the *text* here; the pattern is the catalog's own template.
      if (wildcardMatch(t.pattern, lower, false)) best = t;
    }
    return best?.key;
  }

  function serviceKeys(entry: ServiceEntry): readonly CatalogConditionKey[] {
    if (entry.keys) return entry.keys;
    const index = keys();
    const seen = new Set<string>();
    const out: CatalogConditionKey[] = [];
    for (const [name, type, description] of entry.rawKeys) {
      const lower = name.toLowerCase();
      seen.add(lower);
      if (overrides.get(lower)?.[1].sameAs !== undefined) continue; // listed under the key it stands for
      const shared = index.byName.get(lower);
      if (shared?.global) {
        out.push(shared);
        continue;
      }
      const own = applyOverride(makeKey(name, type, description, lower.startsWith('aws:')), overrides.get(lower)?.[1]);
      // Share the index entry unless another service documents the key differently; then keep
      // this service's wording.
      out.push(shared && shared.description === own.description && shared.type === own.type ? shared : own);
    }
    for (const added of index.ensuredFor.get(entry.lowerPrefix) ?? []) {
      if (!seen.has(added.name.toLowerCase())) out.push(added);
    }
    entry.keys = out.length > 0 ? out : EMPTY;
    return entry.keys;
  }

  // --------------------------------------------------------------------------- actions
  let allActions: readonly CatalogAction[] | undefined;
  let totalActions: number | undefined;
  const matchCache = new TextMemo<readonly CatalogAction[]>(MATCH_CACHE_LIMIT);

  function everyAction(): readonly CatalogAction[] {
    if (!allActions) {
      const out: CatalogAction[] = [];
      for (const s of serviceList) for (const a of decode(s).actions) out.push(a);
      allActions = out;
    }
    return allActions;
  }

  // Computed before decoding (from the raw actions), and the decoded actions' Map uses the same strings.
  const lowerNames = (entry: ServiceEntry): readonly string[] => (entry.lowerNames ??= entry.undecoded!.actions.map((a) => a[0].toLowerCase()));

  /** The actions of `entry` whose lower-case name matches `test`; decodes only on a match. */
  function matchIn(entry: ServiceEntry, test: (lowerName: string) => boolean, out: CatalogAction[]): void {
    const names = lowerNames(entry);
    let actions: readonly CatalogAction[] | undefined;
    for (let i = 0; i < names.length; i++) {
      if (test(names[i])) out.push((actions ??= decode(entry).actions)[i]);
    }
  }

  function computeMatch(lower: string): readonly CatalogAction[] {
    if (lower === '*') return everyAction();
    const colon = lower.indexOf(':');
    if (colon < 0) {
      // Not IAM syntax (only "*" may omit the colon), but match `service:action` as text anyway.
      if (!hasWildcard(lower)) return EMPTY;
      const out: CatalogAction[] = [];
      for (const s of serviceList) matchIn(s, (n) => wildcardMatch(lower, `${s.lowerPrefix}:${n}`, false), out);
      return out;
    }
    // Service prefixes and action names contain no colon, so a `service:action` text has exactly
    // one: the pattern's (literal) colon must be that one, and each side matches on its own.
    if (lower.indexOf(':', colon + 1) >= 0) return EMPTY;
    const servicePart = lower.slice(0, colon);
    const actionPart = lower.slice(colon + 1);
    const candidates = hasWildcard(servicePart)
      ? serviceList.filter((s) => wildcardMatch(servicePart, s.lowerPrefix, false))
      : [byPrefix.get(servicePart)].filter((s): s is ServiceEntry => s !== undefined);
    const out: CatalogAction[] = [];
    for (const s of candidates) {
      if (actionPart === '*') {
        pushAll(out, decode(s).actions);
      } else if (!hasWildcard(actionPart)) {
        const a = decode(s).actionByName.get(actionPart);
        if (a) out.push(a);
      } else {
        matchIn(s, (n) => wildcardMatch(actionPart, n, false), out);
      }
    }
    return out.length > 0 ? out : EMPTY;
  }

  const catalog: Catalog = {
    dataVersion,
    dataDate,
    services: () => serviceInfos,
    service: (prefix) => serviceEntry(prefix)?.info,
    actionsOf(service) {
      const e = serviceEntry(service);
      return e ? decode(e).actions : EMPTY;
    },
    action(service, name) {
      const e = serviceEntry(service);
      return e ? decode(e).actionByName.get(name.toLowerCase()) : undefined;
    },
    actionCount(service) {
      if (service === undefined) return (totalActions ??= serviceList.reduce((n, s) => n + s.actionCount, 0));
      return serviceEntry(service)?.actionCount ?? 0;
    },
    matchActions(pattern) {
      return matchCache.get(pattern.toLowerCase(), computeMatch);
    },
    resourceTypesOf(service) {
      const e = serviceEntry(service);
      return e ? decode(e).resourceTypes : EMPTY;
    },
    resourceType(service, name) {
      const e = serviceEntry(service);
      return e ? decode(e).resourceTypeByName.get(name.toLowerCase()) : undefined;
    },
    conditionKey: (key) => resolveKey(key),
    globalConditionKeys: () => keys().globals,
    conditionKeysOf(service) {
      const e = serviceEntry(service);
      return e ? serviceKeys(e) : EMPTY;
    },
  };
  return catalog;
}

/** Case-insensitive order with a case-sensitive tie-break (same as the generator). */
function compareNames(a: string, b: string): number {
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la !== lb) return la < lb ? -1 : 1;
  return a < b ? -1 : a > b ? 1 : 0;
}
