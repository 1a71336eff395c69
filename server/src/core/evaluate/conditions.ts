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
import { ipRangeContains, parseBoolValue, parseDateValue, parseIpRange, parseNumericValue, readDateValue } from '../iam/conditionValueFormats';
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
  const wants = entry.values.map((v) => parseBoolValue(v.text));
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
      const n = parseNumericValue(text);
      if (n === undefined) return { display, shown: display, nothing: 'it is not a number', test: NEVER };
      return { display, shown: display, test: (rv) => compareWith(base, parseNumericValue(rv), n) };
    }
    case 'Date': {
      const d = readDateValue(text);
      if ('problem' in d) return { display, shown: display, nothing: `it is not a date: ${d.problem}`, test: NEVER };
      return { display, shown: display, test: (rv) => compareWith(base, parseDateValue(rv), d.millis) };
    }
    case 'Bool': {
      const b = parseBoolValue(text);
      if (b === undefined) return { display, shown: display, nothing: 'it is neither "true" nor "false"', test: NEVER };
      return { display, shown: display, test: (rv) => parseBoolValue(rv) === b };
    }
    case 'IpAddress': {
      const range = parseIpRange(text);
      if (!range) return { display, shown: display, nothing: 'it is not an IP address or CIDR range', test: NEVER };
      return { display, shown: display, test: (rv) => ipRangeContains(range, rv) };
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
