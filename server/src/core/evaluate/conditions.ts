/**
 * The Condition element against a request context. Every operator of a Condition must hold, every key of an
 * operator must hold, and a key holds when the request value matches any of the policy's values (negated
 * operators: matches none of them). Keys are case-insensitive, values case-sensitive except the IgnoreCase
 * operators. A key missing from the request makes a condition false, a negated one true; `...IfExists` is
 * true on a missing key; `Null` tests presence. `ForAllValues:` holds when every request value matches (true
 * for an empty set), `ForAnyValue:` when one does (false for an empty set).
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-logic-multiple-context-keys-or-values.html
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_multi-value-conditions.html
 */
import { parseOperator, type ParsedOperator } from '../iam/operators';
import type { ConditionEntry, ConditionValue, Statement } from '../model/policy';
import { splitArn } from '../text/arn';
import { showValues, type ContextEntry, type RequestContext } from './context';
import { orList } from './statement';
import { literalText, matchesPattern, resolvePolicyString, type PatternPart } from './substitute';
import { pushAll } from '../text/lists';
import { quote } from '../text/quote';

export interface ConditionResult {
  readonly met: boolean;
  /** Why the Condition is not met: one sentence per condition that failed. */
  readonly failures: readonly string[];
  /** What a user should know although it did not decide: a missing key let IfExists or ForAllValues pass, ... */
  readonly notes: readonly string[];
}

/**
 * Evaluates a statement's Condition. `variables`: the policy's Version substitutes policy variables (they are
 * substituted only in the values of String and Arn operators).
 */
export function evaluateCondition(s: Statement, ctx: RequestContext, variables: boolean): ConditionResult {
  const element = s.byName.get('Condition');
  if (!element) return { met: true, failures: [], notes: [] };
  if (element.value?.type !== 'object') return { met: false, failures: ['its Condition is not an object (IAM rejects the policy)'], notes: [] };
  const failures: string[] = [];
  const notes: string[] = [];
  for (const block of s.conditions ?? []) {
    const written = block.operator.value;
    const op = parseOperator(written);
    if (!op) {
      failures.push(`condition operator ${quote(written)} is unknown (IAM rejects the policy), so it is not met`);
      continue;
    }
    if (block.element.value?.type !== 'object') {
      failures.push(`condition ${written} is not an object of keys and values (IAM rejects the policy), so it is not met`);
      continue;
    }
    for (const entry of block.entries) {
      const outcome = evaluateEntry(written, op, entry, ctx, variables);
      if (!outcome.holds) failures.push(outcome.text);
      else if (outcome.text) notes.push(outcome.text);
    }
  }
  return { met: failures.length === 0, failures, notes };
}

interface EntryOutcome {
  readonly holds: boolean;
  /** The failure when it does not hold; a note (or '') when it does. */
  readonly text: string;
}

function evaluateEntry(written: string, op: ParsedOperator, entry: ConditionEntry, ctx: RequestContext, variables: boolean): EntryOutcome {
  const key = entry.key.value;
  const label = `condition ${written} ${key}`;
  let found = ctx.get(key);
  let absent = ctx.isEmptySet(key) ? `the request's ${key} is an empty set` : `the request has no ${key}`;
  // "If the key values in the request resolve to an empty data set (for example, an empty string), a condition
  // operator modified by ForAllValues returns true, and a condition operator modified by ForAnyValue returns false."
  if (op.set && found && found.values.every((v) => v === '')) {
    found = undefined;
    absent = `the request's ${key} is empty`;
  }
  if (op.family === 'Null') return evaluateNull(label, entry, found, absent);
  if (!found) {
    if (op.ifExists) return { holds: true, text: `${label} holds because ${absent} (IfExists is true for a missing key)` };
    if (op.set === 'ForAllValues') return { holds: true, text: `${label} holds because ${absent}: ForAllValues is true for an empty set` };
    if (op.set === 'ForAnyValue') return { holds: false, text: `${label} failed: ${absent} (ForAnyValue is false for an empty set)` };
    if (op.negated) return { holds: true, text: `${label} holds because ${absent} (a negated operator matches a missing key)` };
    return { holds: false, text: `${label} failed: ${absent}` };
  }
  if (!op.set && found.values.length > 1) {
    // AWS documents no result for a plain operator on several request values; they "require a condition set
    // operator". Treated as not met, and said so.
    return {
      holds: false,
      text: `${label} failed: the request has ${found.values.length} values for ${key} (${showValues(found)}) and AWS defines no result for a plain operator on several values: use ForAnyValue: or ForAllValues:`,
    };
  }
  const prepared = entry.values.map((v) => prepareValue(op, v, ctx, variables));
  const valueNotes = prepared.flatMap((p) => [...(p.nothing ? [`the policy value ${p.display} matches nothing: ${p.nothing}`] : []), ...(p.problems ?? [])]);
  const matchesAny = (requestValue: string) => prepared.some((p) => !p.nothing && p.test(requestValue));
  const holdsFor = (requestValue: string) => (op.negated ? !matchesAny(requestValue) : matchesAny(requestValue));
  const holds = op.set === 'ForAllValues' ? found.values.every(holdsFor) : found.values.some(holdsFor);
  const wanted = orList(prepared.map((p) => p.shown));
  const suffix = valueNotes.length ? `; ${valueNotes.join('; ')}` : '';
  if (holds) return { holds, text: valueNotes.length ? `${label} holds; ${valueNotes.join('; ')}` : '' };
  const shown = showValues(found);
  let why: string;
  if (op.set === 'ForAllValues')
    why = op.negated ? `a value of the request's ${shown} matches the excluded ${wanted}` : `not every value of the request's ${shown} matches ${wanted}`;
  else if (op.set === 'ForAnyValue')
    why = op.negated ? `every value of the request's ${shown} matches the excluded ${wanted}` : `no value of the request's ${shown} matches ${wanted}`;
  else why = op.negated ? `the request has ${shown}, which matches the excluded ${wanted}` : `the request has ${shown} and the policy wants ${wanted}`;
  return { holds, text: `${label} failed: ${why}${suffix}` };
}

/** `Null`: "true" wants the key absent, "false" wants it present. Policy variables are not substituted here. */
function evaluateNull(label: string, entry: ConditionEntry, found: ContextEntry | undefined, absent: string): EntryOutcome {
  const wants = entry.values.map((v) => parseBool(v.text));
  const holds = wants.some((w) => (w === true && !found) || (w === false && !!found));
  if (holds) return { holds, text: '' };
  const invalid = entry.values.filter((_, i) => wants[i] === undefined).map((v) => quote(v.text));
  const state = found ? `the request has ${showValues(found)}` : absent;
  const wanted = wants.includes(true) ? 'the key to be absent' : wants.includes(false) ? 'the key to be present' : 'nothing it can test';
  const extra = invalid.length ? ` (${invalid.join(', ')} is neither "true" nor "false")` : '';
  return { holds, text: `${label} failed: it wants ${wanted} and ${state}${extra}` };
}

interface PreparedValue {
  /** The policy value as written, for reasons. */
  readonly display: string;
  /** The value after substitution, as the reason shows what was compared. */
  readonly shown: string;
  /** Set when the value can match nothing (a variable without a value, a value that is not a number, ...). */
  readonly nothing?: string;
  /** Malformed policy variables read as literal text. */
  readonly problems?: readonly string[];
  readonly test: (requestValue: string) => boolean;
}

const NEVER = () => false;

/** The positive operator a negated one negates: StringNotLike is "not StringLike". */
const POSITIVE: Readonly<Record<string, string>> = {
  StringNotEquals: 'StringEquals',
  StringNotEqualsIgnoreCase: 'StringEqualsIgnoreCase',
  StringNotLike: 'StringLike',
  NumericNotEquals: 'NumericEquals',
  DateNotEquals: 'DateEquals',
  NotIpAddress: 'IpAddress',
  ArnNotEquals: 'ArnEquals',
  ArnNotLike: 'ArnLike',
};

function prepareValue(op: ParsedOperator, v: ConditionValue, ctx: RequestContext, variables: boolean): PreparedValue {
  const display = v.kind === 'other' ? '(an object, array or null)' : quote(v.text);
  if (v.kind === 'other') return { display, shown: display, nothing: 'condition values are strings, numbers or booleans', test: NEVER };
  const base = POSITIVE[op.base] ?? op.base;
  // Variables are substituted only in the values of String and Arn operators, and only in strings.
  const substitute = variables && v.kind === 'string' && (op.family === 'String' || op.family === 'Arn');
  if (op.family === 'Arn') return prepareArn(v.text, display, ctx, substitute);
  if (op.family === 'String') {
    const like = base === 'StringLike';
    const r = resolvePolicyString(v.text, ctx, { variables: substitute, wildcards: like });
    if (!r.ok) return { display, shown: display, nothing: r.why, test: NEVER };
    const shown = quote(r.text);
    const problems = r.problems;
    if (like) return { display, shown, problems, test: (rv) => matchesPattern(r.parts, rv) };
    const expected = literalText(r.parts);
    if (base === 'StringEqualsIgnoreCase') return { display, shown, problems, test: (rv) => rv.toLowerCase() === expected.toLowerCase() };
    return { display, shown, problems, test: (rv) => rv === expected };
  }
  const text = v.text;
  switch (op.family) {
    case 'Numeric': {
      const n = parseNumber(text);
      if (n === undefined) return { display, shown: display, nothing: 'it is not a number', test: NEVER };
      return { display, shown: display, test: (rv) => compareWith(base, parseNumber(rv), n) };
    }
    case 'Date': {
      const d = parseDate(text);
      if (d === undefined) return { display, shown: display, nothing: 'it is not a date (ISO 8601 or epoch seconds)', test: NEVER };
      return { display, shown: display, test: (rv) => compareWith(base, parseDate(rv), d) };
    }
    case 'Bool': {
      const b = parseBool(text);
      if (b === undefined) return { display, shown: display, nothing: 'it is neither "true" nor "false"', test: NEVER };
      return { display, shown: display, test: (rv) => parseBool(rv) === b };
    }
    case 'IpAddress': {
      const range = parseCidr(text);
      if (!range) return { display, shown: display, nothing: 'it is not an IP address or CIDR range', test: NEVER };
      return { display, shown: display, test: (rv) => cidrContains(range, rv) };
    }
    case 'Binary':
      return { display, shown: display, test: (rv) => rv === text };
    default:
      return { display, shown: display, nothing: `${op.family} values are not compared`, test: NEVER };
  }
}

/**
 * ArnEquals and ArnLike "behave identically": case-sensitive, "each of the six colon-delimited components
 * of the ARN is checked separately and each can include multi-character match wildcards (*) or
 * single-character match wildcards (?)". A policy value that is not six components (such as `*`) is
 * compared as one pattern.
 */
function prepareArn(text: string, display: string, ctx: RequestContext, substitute: boolean): PreparedValue {
  const split = splitArn(text);
  const pieces = split ? [split.partition, split.service, split.region, split.account, split.resource] : [text];
  const resolved: (readonly PatternPart[])[] = [];
  const shownParts: string[] = [];
  const problems: string[] = [];
  for (const piece of pieces) {
    const r = resolvePolicyString(piece, ctx, { variables: substitute, wildcards: true });
    if (!r.ok) return { display, shown: display, nothing: r.why, test: NEVER };
    resolved.push(r.parts);
    shownParts.push(r.text);
    pushAll(problems, r.problems);
  }
  const shown = quote(split ? `arn:${shownParts.join(':')}` : shownParts[0]);
  if (!split) return { display, shown, problems, test: (rv) => matchesPattern(resolved[0], rv) };
  return {
    display,
    shown,
    problems,
    test: (rv) => {
      const parts = splitArn(rv);
      if (!parts) return false;
      const actual = [parts.partition, parts.service, parts.region, parts.account, parts.resource];
      return resolved.every((pattern, i) => matchesPattern(pattern, actual[i]));
    },
  };
}

function compareWith(base: string, actual: number | undefined, expected: number): boolean {
  if (actual === undefined) return false;
  if (base.endsWith('LessThanEquals')) return actual <= expected;
  if (base.endsWith('LessThan')) return actual < expected;
  if (base.endsWith('GreaterThanEquals')) return actual >= expected;
  if (base.endsWith('GreaterThan')) return actual > expected;
  return actual === expected;
}

// ---------------------------------------------------------------------------------------------
// Value formats (static patterns only: policy text is never compiled into a RegExp)

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

export function parseNumber(text: string): number | undefined {
  return NUMBER.test(text) ? Number(text) : undefined;
}

export function parseBool(text: string): boolean | undefined {
  const lower = text.toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

const EPOCH_SECONDS = /^\d{1,12}$/;
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)?(Z|[+-]\d{2}:?\d{2})?$/;

/**
 * A Date operator value as epoch milliseconds: ISO 8601 (UTC when no offset is written) or epoch seconds.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_Date
 */
export function parseDate(text: string): number | undefined {
  if (EPOCH_SECONDS.test(text)) return Number(text) * 1000;
  const m = ISO_8601.exec(text);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4] ?? '0', m[5] ?? '0', m[6] ?? '0'].map(Number);
  if (month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 60) return undefined;
  const millis = m[7] ? Math.floor(Number(`0.${m[7]}`) * 1000) : 0;
  let offsetMinutes = 0;
  const zone = m[8];
  if (zone && zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2)));
  }
  return Date.UTC(year, month - 1, day, hour, minute, second, millis) - offsetMinutes * 60_000;
}

interface Cidr {
  readonly bytes: readonly number[];
  readonly prefix: number;
}

/** An IPv4 or IPv6 address or CIDR range (`203.0.113.0/24`, `2001:db8::/32`). */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const bytes = parseIp(slash >= 0 ? text.slice(0, slash) : text);
  if (!bytes) return undefined;
  if (slash < 0) return { bytes, prefix: bytes.length * 8 };
  const prefixText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(prefixText) || Number(prefixText) > bytes.length * 8) return undefined;
  return { bytes, prefix: Number(prefixText) };
}

function cidrContains(range: Cidr, address: string): boolean {
  const bytes = parseIp(address);
  if (!bytes || bytes.length !== range.bytes.length) return false;
  for (let bit = 0; bit < range.prefix; bit++) {
    const mask = 0x80 >> (bit % 8);
    if ((bytes[bit >> 3] & mask) !== (range.bytes[bit >> 3] & mask)) return false;
  }
  return true;
}

/** 4 bytes for IPv4, 16 for IPv6 (with `::` and an embedded dotted quad). */
export function parseIp(text: string): number[] | undefined {
  return text.includes(':') ? parseIPv6(text) : parseIPv4(text);
}

function parseIPv4(text: string): number[] | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

function parseIPv6(text: string): number[] | undefined {
  let body = text;
  let tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    tail = v4;
    body = text.slice(0, lastColon + 1);
    if (!body.endsWith('::')) body = body.slice(0, -1);
  }
  const halves = body.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (s: string) => (s === '' ? [] : s.split(':'));
  const head = groupsOf(halves[0]);
  const rest = halves.length === 2 ? groupsOf(halves[1]) : [];
  const needed = 8 - tail.length / 2;
  if (![...head, ...rest].every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  const missing = needed - head.length - rest.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...rest].map((g) => parseInt(g, 16));
  return [...groups.flatMap((g) => [g >> 8, g & 0xff]), ...tail];
}
