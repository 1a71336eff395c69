/**
 * IAM Access Analyzer's suggestions that can be decided offline: nothing wrong with the access, only text that
 * says nothing or says it twice (an empty Sid or Condition, a wildcard in a service name, an action, resource or
 * statement another one already covers, several values of a Numeric operator where one decides). Information.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { parseNumericValue } from '../iam/conditionValueFormats';
import { parseOperator } from '../iam/operators';
import { actionServiceOf } from '../iam/actions';
import { intrinsicOf, isExact, rangeOf, type Statement, type StringValue } from '../model/policy';
import { splitArn, type ArnParts } from '../text/arn';
import { caseFolded, foldedEquals, foldedWildcardMatch, hasWildcard, wildcardMatch } from '../text/wildcard';
import type { Check, CheckContext } from './context';

export const checkSuggestions: Check = (ctx) => {
  const seen = new Map<string, Statement>();
  // After a syntax error the statements are the parser's recovery: two of them may look alike by accident.
  const compareStatements = ctx.doc.syntaxProblems.length === 0;
  // Only statements of the same outline can repeat each other: the full key is built for those alone.
  let outline: (number | undefined)[] = compareStatements && ctx.doc.statements.length > 1 ? ctx.doc.statements.map(outlineOf) : [];
  if (outline.includes(undefined)) outline = outline.map(() => 0);
  const outlines = new Map<number | undefined, number>();
  for (const o of outline) outlines.set(o, (outlines.get(o) ?? 0) + 1);
  for (const [i, s] of ctx.doc.statements.entries()) {
    checkEmptySid(ctx, s);
    checkEmptyCondition(ctx, s);
    for (const a of s.actions ?? []) checkServiceWildcard(ctx, a);
    for (const a of s.notActions ?? []) checkServiceWildcard(ctx, a);
    checkRedundant(ctx, s.actions ?? [], 'action', ACTIONS);
    checkRedundant(ctx, s.resources ?? [], 'resource', RESOURCES);
    checkNumericValues(ctx, s);
    const key = outline.length > 0 && (outlines.get(outline[i]) ?? 0) > 1 ? statementKey(s) : undefined;
    if (!key) continue;
    const earlier = seen.get(key);
    if (earlier) {
      ctx.report(
        'redundant-statement',
        s.sid?.range ?? { start: s.range.start, end: s.range.start + 1 },
        'This statement repeats an earlier one (the same effect, principal, actions, resources and conditions): remove it.',
        {
          related: [{ range: { start: earlier.range.start, end: earlier.range.start + 1 }, message: 'The earlier statement.' }],
        },
      );
    } else seen.set(key, s);
  }
};

/**
 * A statement's outline: a hash of what `statementKey` is made of (each element's name, Sid aside, and its
 * value's canonical JSON), built from sums so that, as in the key, the order of elements, of array items and of
 * object members does not count. Equal keys have equal outlines, so a statement whose outline no other has needs
 * no key; two outlines alike by accident only cost a key each. The key joins `name=value` parts with NUL, so an
 * element name holding `=` or NUL could make two different statements' keys equal: then every statement is
 * given the same outline
 * (undefined here: all are keyed, as the key alone decides).
 */
function outlineOf(s: Statement): number | undefined {
  let outline = 0;
  for (const e of s.elements) {
    if (e.key === 'Sid') continue;
    if (e.key.includes('=') || e.key.includes('\u0000')) return undefined;
    outline = (outline + mix(textHash(e.key, 0x2f1) ^ (e.value ? nodeHash(e.value) : 0x5bd1e995))) | 0;
  }
  return outline;
}

/** A node's hash, equal for nodes with equal `canonicalJson`. */
function nodeHash(node: JsonNode): number {
  switch (node.type) {
    case 'object': {
      let h = 0x3c6ef372;
      for (const p of node.children ?? []) {
        const key: unknown = p.children?.[0]?.value;
        const value = p.children?.[1];
        h = (h + mix((typeof key === 'string' ? textHash(key, 0x4b1) : 0x71) ^ (value ? nodeHash(value) : 0x1b873593))) | 0;
      }
      return mix(h);
    }
    case 'array': {
      let h = 0x6a09e667;
      for (const c of node.children ?? []) h = (h + mix(nodeHash(c))) | 0;
      return mix(h);
    }
    default: {
      // canonicalJson writes JSON.stringify(value): a number as String() does, unless it is not finite ("null").
      const v: unknown = node.value;
      if (typeof v === 'string') return textHash(v, 0x51);
      // Equal finite numbers are written alike (0 and -0 both "0") and hash alike.
      if (typeof v === 'number' && Number.isFinite(v)) return mix((v * 0x9e3779b1) | 0);
      if (typeof v === 'boolean') return v ? 0x7f4a7c15 : 0x2545f491;
      return 0x9e3779b9 | 0;
    }
  }
}

function textHash(text: string, seed: number): number {
  let h = seed;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}

function mix(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) | 0;
}

/** "Empty Sid value": `"Sid": ""` says nothing; remove it. */
function checkEmptySid(ctx: CheckContext, s: Statement): void {
  if (s.sid && isExact(s.sid) && s.sid.value === '') ctx.report('empty-sid', s.sid.range, 'The Sid is empty: remove it, or name the statement.');
}

/** "Empty object condition": `"Condition": {}` tests nothing; remove it. */
function checkEmptyCondition(ctx: CheckContext, s: Statement): void {
  const element = s.byName.get('Condition');
  if (element?.value?.type === 'object' && !element.value.children?.length) {
    ctx.report('empty-condition', rangeOf(element.value), 'The Condition is empty, so it tests nothing: remove it.');
  }
}

/** "Wildcard in service name": `s*:GetObject` takes in the actions of every service whose prefix matches, today's and tomorrow's. */
function checkServiceWildcard(ctx: CheckContext, a: StringValue): void {
  if (!isExact(a)) return;
  const service = actionServiceOf(a.value);
  if (service === undefined || !hasWildcard(service)) return;
  ctx.report(
    'service-name-wildcard',
    a.range,
    `"${service}" is a wildcard in the service name: it takes in every service whose prefix matches, including services AWS adds later. Name the service.`,
  );
}

/**
 * How redundancy is decided for one element: each value's text prepared once (hot path: AWS's own policies list
 * thousands of actions in one statement, each compared with the wildcard patterns of its group), its group, and
 * whether a prepared pattern covers a prepared value.
 */
interface Redundancy<P> {
  prepare(text: string): P;
  /** The value's group: a pattern of a literal group covers only values of that group; undefined for no group. */
  group(prepared: P, text: string): string | undefined;
  /** Whether the pattern covers the value (the caller compares only wildcard patterns with values). */
  covers(pattern: Prepared<P>, value: Prepared<P>): boolean;
}

interface Prepared<P> {
  readonly value: StringValue;
  readonly prepared: P;
  readonly group: string | undefined;
  readonly wildcard: boolean;
}

/** "Redundant action" / "Redundant resource": a value another value of the element already covers (or the same value twice). */
function checkRedundant<P>(ctx: CheckContext, values: readonly StringValue[], what: 'action' | 'resource', how: Redundancy<P>): void {
  if (values.length < 2) return;
  const exact: StringValue[] = [];
  let wildcards = false;
  for (const v of values) {
    if (!isExact(v) || v.value.includes('${')) continue;
    exact.push(v);
    if (!wildcards && hasWildcard(v.value)) wildcards = true;
  }
  if (exact.length < 2) return;
  const firstOf = firstOccurrences(exact);
  // Without a wildcard pattern only a repeat is redundant.
  const covering = wildcards ? earliestCovers(exact, firstOf, how) : undefined;
  for (let i = 0; i < exact.length; i++) {
    const first = firstOf[i];
    const at = covering ? covering[i] : first < i ? first : -1;
    if (at < 0) continue;
    const v = exact[i];
    const by = exact[at];
    const same = by.value === v.value;
    ctx.report(`redundant-${what}`, v.range, same ? `"${v.value}" is listed twice: remove one.` : `"${by.value}" already covers "${v.value}": remove it.`, {
      related: [{ range: by.range, message: same ? 'The other one.' : `"${by.value}" is here.` }],
    });
  }
}

/** For each value, the index of the first value with its text (its own when it is the first). */
function firstOccurrences(values: readonly StringValue[]): number[] {
  const out: number[] = [];
  if (values.length <= 8) {
    // A few values (nearly every statement): comparing them costs less than a table.
    for (let i = 0; i < values.length; i++) {
      let first = i;
      for (let j = 0; j < i; j++) {
        if (values[j].value === values[i].value) {
          first = j;
          break;
        }
      }
      out.push(first);
    }
    return out;
  }
  const firstOf = new Map<string, number>();
  for (let i = 0; i < values.length; i++) {
    const first = firstOf.get(values[i].value);
    if (first === undefined) firstOf.set(values[i].value, i);
    out.push(first ?? i);
  }
  return out;
}

/**
 * For each value, the index of the earliest other value that covers it (or repeats it earlier), or -1.
 * Only a wildcard pattern covers another value (a literal one covers only its own text, or a value that covers it
 * back, which is no redundancy); a pattern whose group (service) is literal covers only values of that group. So
 * each value is compared with the wildcard patterns of its group and those of no group, not with every value; the
 * lists are in document order, so each is walked only up to its first cover.
 */
function earliestCovers<P>(exact: readonly StringValue[], firstOf: readonly number[], how: Redundancy<P>): number[] {
  const prepared: Prepared<P>[] = [];
  for (const v of exact) {
    const p = how.prepare(v.value);
    prepared.push({ value: v, prepared: p, group: how.group(p, v.value), wildcard: hasWildcard(v.value) });
  }
  const wildByGroup = new Map<string, number[]>();
  const wildAnyGroup: number[] = [];
  for (let i = 0; i < prepared.length; i++) {
    const v = prepared[i];
    if (!v.wildcard) continue;
    if (v.group === undefined) wildAnyGroup.push(i);
    else {
      const list = wildByGroup.get(v.group);
      if (list) list.push(i);
      else wildByGroup.set(v.group, [i]);
    }
  }
  const out: number[] = [];
  for (let i = 0; i < prepared.length; i++) {
    const v = prepared[i];
    const first = firstOf[i];
    let at = first < i ? first : Infinity;
    at = earliestIn(prepared, wildAnyGroup, i, at, how);
    if (v.group !== undefined) {
      const list = wildByGroup.get(v.group);
      if (list) at = earliestIn(prepared, list, i, at, how);
    } else for (const list of wildByGroup.values()) at = earliestIn(prepared, list, i, at, how);
    out.push(at === Infinity ? -1 : at);
  }
  return out;
}

/** The first index in `list` (before `at`) of a value that covers value `i` and is not covered back by it, else `at`. */
function earliestIn<P>(prepared: readonly Prepared<P>[], list: readonly number[], i: number, at: number, how: Redundancy<P>): number {
  const v = prepared[i];
  for (let k = 0; k < list.length; k++) {
    const j = list[k];
    if (j >= at) break;
    if (j === i) continue;
    const other = prepared[j];
    if (other.value.value !== v.value.value && coversAll(how, other, v) && !coversAll(how, v, other)) return j;
  }
  return at;
}

/** Matching a pattern against a value's text is sound for the value's own "*" only when the pattern has no "?". */
function coversAll<P>(how: Redundancy<P>, p: Prepared<P>, v: Prepared<P>): boolean {
  return !(v.wildcard && p.value.value.includes('?')) && how.covers(p, v);
}

/** Actions: case-insensitive as IAM compares them, grouped by service (lower-cased) unless it has a wildcard. */
const ACTIONS: Redundancy<string> = {
  prepare: caseFolded,
  group(_folded, text) {
    const service = actionServiceOf(text);
    return service !== undefined && !hasWildcard(service) ? service.toLowerCase() : undefined;
  },
  covers: (p, v) => (p.wildcard ? foldedWildcardMatch(p.prepared, v.prepared) : foldedEquals(p.prepared, v.prepared)),
};

/** Resources: grouped by their ARN's service, unless that has a wildcard or the text is no ARN (`*`). */
const RESOURCES: Redundancy<ArnParts | undefined> = {
  prepare: splitArn,
  group: (arn) => (arn && !hasWildcard(arn.service) ? arn.service : undefined),
  covers: (p, v) => resourceCovers(p.value.value, p.prepared, v.prepared),
};

/** Whether a Resource pattern covers another, part by part of the ARN (a wildcard never spans a colon here). */
function resourceCovers(pattern: string, p: ArnParts | undefined, v: ArnParts | undefined): boolean {
  if (pattern === '*') return true;
  if (!p || !v) return false;
  const part = (a: string, b: string) => (hasWildcard(a) ? wildcardMatch(a, b) : a === b);
  return part(p.partition, v.partition) && part(p.service, v.service) && part(p.region, v.region) && part(p.account, v.account) && part(p.resource, v.resource);
}

/**
 * "Redundant condition value num": the values of one key are alternatives (any may match), so for LessThan and
 * GreaterThan operators only the loosest one decides.
 */
function checkNumericValues(ctx: CheckContext, s: Statement): void {
  for (const block of s.conditions ?? []) {
    const op = parseOperator(block.operator.value);
    if (!op || op.family !== 'Numeric' || op.set || !/(Less|Greater)Than/.test(op.base)) continue;
    const greater = op.base.includes('Greater');
    for (const entry of block.entries) {
      const numbers = entry.values.flatMap((v) => {
        const n = isExact(v) && (v.kind === 'number' || v.kind === 'string') ? parseNumericValue(v.text) : undefined;
        return n === undefined ? [] : [n];
      });
      if (numbers.length < 2 || numbers.length !== entry.values.length || !entry.element.value) continue;
      const loosest = numbers.reduce((a, b) => (greater ? Math.min(a, b) : Math.max(a, b)));
      ctx.report(
        'redundant-numeric-values',
        rangeOf(entry.element.value),
        `Any one value of "${entry.key.value}" may match, so "${block.operator.value}" with these values is the same as with ${loosest} alone: write only that.`,
      );
    }
  }
}

/** The statement's meaning as text, Sid aside, for finding a repeat; undefined when it has template values or parse trouble. */
function statementKey(s: Statement): string | undefined {
  const parts: string[] = [];
  for (const e of s.elements) {
    if (e.key === 'Sid') continue;
    if (!e.value) return undefined;
    try {
      parts.push(`${e.key}=${canonicalJson(e.value)}`);
    } catch (error) {
      if (error === OPEN) return undefined;
      throw error;
    }
  }
  return parts.sort().join('\u0000');
}

/** Thrown (and caught in statementKey) when a value is one the template leaves open: two of them may differ. */
const OPEN = new Error('open template value');

function canonicalJson(node: JsonNode): string {
  const intrinsic = intrinsicOf(node);
  if (intrinsic && !intrinsic.exact) throw OPEN;
  switch (node.type) {
    case 'object':
      return `{${(node.children ?? [])
        .map((p) => `${JSON.stringify(p.children?.[0]?.value)}:${p.children?.[1] ? canonicalJson(p.children[1]) : ''}`)
        .sort()
        .join(',')}}`;
    case 'array':
      return `[${(node.children ?? []).map(canonicalJson).sort().join(',')}]`;
    default:
      return JSON.stringify(node.value);
  }
}
