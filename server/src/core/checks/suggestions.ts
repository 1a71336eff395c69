/**
 * IAM Access Analyzer's suggestions that can be decided offline: nothing wrong with the access, only text that
 * says nothing or says it twice (an empty Sid or Condition, a wildcard in a service name, an action, resource or
 * statement another one already covers, several values of a Numeric operator where one decides). Information.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import type { Node as JsonNode } from 'jsonc-parser';
import { parseNumericValue } from '../iam/conditionValueFormats';
import { parseOperator } from '../iam/operators';
import { parseAction } from '../iam/actions';
import { intrinsicOf, isExact, rangeOf, type Statement, type StringValue } from '../model/policy';
import { splitArn } from '../text/arn';
import { actionPatternCovers, hasWildcard, wildcardMatch } from '../text/wildcard';
import type { Check, CheckContext } from './context';

export const checkSuggestions: Check = (ctx) => {
  const seen = new Map<string, Statement>();
  // After a syntax error the statements are the parser's recovery: two of them may look alike by accident.
  const compareStatements = ctx.doc.syntaxProblems.length === 0;
  // Only statements of the same outline can repeat each other: the full key is built for those alone.
  const outline = compareStatements ? ctx.doc.statements.map(outlineOf) : [];
  const outlines = new Map<string, number>();
  for (const o of outline) outlines.set(o, (outlines.get(o) ?? 0) + 1);
  for (const [i, s] of ctx.doc.statements.entries()) {
    checkEmptySid(ctx, s);
    checkEmptyCondition(ctx, s);
    for (const a of [...(s.actions ?? []), ...(s.notActions ?? [])]) checkServiceWildcard(ctx, a);
    checkRedundant(ctx, s.actions ?? [], 'action', (pattern, value) => actionPatternCovers(pattern, value), actionGroup);
    checkRedundant(ctx, s.resources ?? [], 'resource', resourceCovers, resourceGroup);
    checkNumericValues(ctx, s);
    const key = compareStatements && (outlines.get(outline[i]) ?? 0) > 1 ? statementKey(s) : undefined;
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
 * A statement's outline: its element names (Sid aside) with each value's JSON type and size. Two statements with
 * the same `statementKey` have the same outline, so statements whose outline is unique need no key.
 */
function outlineOf(s: Statement): string {
  return s.elements
    .filter((e) => e.key !== 'Sid')
    .map((e) => `${e.key}:${e.value?.type ?? ''}:${e.value?.children?.length ?? 0}`)
    .sort()
    .join(',');
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
  const parsed = parseAction(a.value);
  if (parsed.kind !== 'action' || !hasWildcard(parsed.service)) return;
  ctx.report(
    'service-name-wildcard',
    a.range,
    `"${parsed.service}" is a wildcard in the service name: it takes in every service whose prefix matches, including services AWS adds later. Name the service.`,
  );
}

/** "Redundant action" / "Redundant resource": a value another value of the element already covers (or the same value twice). */
function checkRedundant(
  ctx: CheckContext,
  values: readonly StringValue[],
  what: 'action' | 'resource',
  covers: (pattern: string, value: string) => boolean,
  groupOf: (text: string) => string | undefined,
): void {
  const exact = values.filter((v) => isExact(v) && !v.value.includes('${'));
  // Matching a pattern against a value's text is sound for the value's own "*" only when the pattern has no "?".
  const coversAll = (pattern: string, value: string) => !(hasWildcard(value) && pattern.includes('?')) && covers(pattern, value);
  // Only a wildcard pattern covers another value (a literal one covers only its own text, or a value that covers
  // it back, which is no redundancy); a pattern whose group (service) is literal covers only values of that group.
  // So each value is compared with the wildcard patterns of its group and those of no group, not with every value:
  // AWS's own policies list thousands of actions in one statement.
  const firstOf = new Map<string, number>();
  const wildByGroup = new Map<string, number[]>();
  const wildAnyGroup: number[] = [];
  for (const [i, v] of exact.entries()) {
    if (!firstOf.has(v.value)) firstOf.set(v.value, i);
    if (!hasWildcard(v.value)) continue;
    const group = groupOf(v.value);
    if (group === undefined) wildAnyGroup.push(i);
    else {
      const list = wildByGroup.get(group);
      if (list) list.push(i);
      else wildByGroup.set(group, [i]);
    }
  }
  for (const [i, v] of exact.entries()) {
    const first = firstOf.get(v.value)!;
    let by: StringValue | undefined = first < i ? exact[first] : undefined;
    const group = groupOf(v.value);
    const candidates = group === undefined ? [...wildAnyGroup, ...[...wildByGroup.values()].flat()] : [...(wildByGroup.get(group) ?? []), ...wildAnyGroup];
    let at = by ? first : Infinity;
    for (const j of candidates) {
      if (j >= at || j === i) continue;
      const other = exact[j];
      if (other.value !== v.value && coversAll(other.value, v.value) && !coversAll(v.value, other.value)) {
        by = other;
        at = j;
      }
    }
    if (!by) continue;
    const same = by.value === v.value;
    ctx.report(`redundant-${what}`, v.range, same ? `"${v.value}" is listed twice: remove one.` : `"${by.value}" already covers "${v.value}": remove it.`, {
      related: [{ range: by.range, message: same ? 'The other one.' : `"${by.value}" is here.` }],
    });
  }
}

/** An action's group for redundancy: its service, lower-cased (IAM's are case-insensitive), unless the service has a wildcard. */
function actionGroup(text: string): string | undefined {
  const parsed = parseAction(text);
  return parsed.kind === 'action' && !hasWildcard(parsed.service) ? parsed.service.toLowerCase() : undefined;
}

/** A resource's group for redundancy: its ARN's service, unless that has a wildcard or the text is no ARN (`*`). */
function resourceGroup(text: string): string | undefined {
  const arn = splitArn(text);
  return arn && !hasWildcard(arn.service) ? arn.service : undefined;
}

/** Whether a Resource pattern covers another, part by part of the ARN (a wildcard never spans a colon here). */
function resourceCovers(pattern: string, value: string): boolean {
  if (pattern === '*') return true;
  const p = splitArn(pattern);
  const v = splitArn(value);
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
