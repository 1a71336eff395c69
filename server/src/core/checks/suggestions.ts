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
  const seen: { statement: Statement; key: string }[] = [];
  // After a syntax error the statements are the parser's recovery: two of them may look alike by accident.
  const compareStatements = ctx.doc.syntaxProblems.length === 0;
  for (const s of ctx.doc.statements) {
    checkEmptySid(ctx, s);
    checkEmptyCondition(ctx, s);
    for (const a of [...(s.actions ?? []), ...(s.notActions ?? [])]) checkServiceWildcard(ctx, a);
    checkRedundant(ctx, s.actions ?? [], 'action', (pattern, value) => actionPatternCovers(pattern, value));
    checkRedundant(ctx, s.resources ?? [], 'resource', resourceCovers);
    checkNumericValues(ctx, s);
    const key = compareStatements ? statementKey(s) : undefined;
    const earlier = key && seen.find((x) => x.key === key);
    if (earlier) {
      ctx.report(
        'redundant-statement',
        s.sid?.range ?? { start: s.range.start, end: s.range.start + 1 },
        'This statement repeats an earlier one (the same effect, principal, actions, resources and conditions): remove it.',
        {
          related: [{ range: { start: earlier.statement.range.start, end: earlier.statement.range.start + 1 }, message: 'The earlier statement.' }],
        },
      );
    } else if (key) seen.push({ statement: s, key });
  }
};

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
): void {
  const exact = values.filter((v) => isExact(v) && !v.value.includes('${'));
  // Matching a pattern against a value's text is sound for the value's own "*" only when the pattern has no "?".
  const coversAll = (pattern: string, value: string) => !(hasWildcard(value) && pattern.includes('?')) && covers(pattern, value);
  for (const [i, v] of exact.entries()) {
    const by = exact.find((other, j) => j !== i && (other.value === v.value ? j < i : coversAll(other.value, v.value) && !coversAll(v.value, other.value)));
    if (!by) continue;
    const same = by.value === v.value;
    ctx.report(`redundant-${what}`, v.range, same ? `"${v.value}" is listed twice: remove one.` : `"${by.value}" already covers "${v.value}": remove it.`, {
      related: [{ range: by.range, message: same ? 'The other one.' : `"${by.value}" is here.` }],
    });
  }
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
