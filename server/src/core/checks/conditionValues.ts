/**
 * Condition values judged by what they mean to IAM, the checks IAM Access Analyzer makes on them offline: a
 * wildcard under an operator that compares it literally.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access-analyzer-reference-policy-checks.html
 */
import { isExact, type ConditionBlock, type ConditionValue } from '../model/policy';
import { parseOperator, type ParsedOperator } from '../iam/operators';
import { scanVariables } from '../text/variables';
import type { Check, CheckContext } from './context';

export const checkConditionValues: Check = (ctx) => {
  for (const s of ctx.doc.statements) {
    for (const block of s.conditions ?? []) {
      const op = parseOperator(block.operator.value);
      if (op) checkWildcardWithoutLike(ctx, block, op);
    }
  }
};

/**
 * The Like operator of an Equals operator, as written with its prefix and suffix (`ForAnyValue:StringEquals` ->
 * `ForAnyValue:StringLike`); undefined for StringEqualsIgnoreCase, which has none.
 */
function likeOperatorOf(op: ParsedOperator): string | undefined {
  const like = op.base === 'StringEquals' ? 'StringLike' : op.base === 'StringNotEquals' ? 'StringNotLike' : undefined;
  return like && `${op.set ? `${op.set}:` : ''}${like}${op.ifExists ? 'IfExists' : ''}`;
}

/**
 * Access Analyzer's "Wildcard without like operator" (a general warning): `*` and `?` are wildcards only for the
 * Like operators, so `"StringEquals": {"s3:prefix": "home/*"}` matches the text `home/*` and nothing else. Reported
 * on the operator (the fix is there), once per block, naming the values. `${*}` and `${?}` are IAM's way to write
 * those characters literally, and characters inside a policy variable are not wildcards.
 */
function checkWildcardWithoutLike(ctx: CheckContext, block: ConditionBlock, op: ParsedOperator): void {
  if (op.base !== 'StringEquals' && op.base !== 'StringNotEquals' && op.base !== 'StringEqualsIgnoreCase' && op.base !== 'StringNotEqualsIgnoreCase') return;
  const withWildcards = block.entries.flatMap((e) => e.values.filter(hasLiteralWildcard));
  if (withWildcards.length === 0) return;
  const like = likeOperatorOf(op);
  const values = withWildcards.map((v) => `"${v.text}"`).join(', ');
  const instead = like
    ? `use "${like}" if they are wildcards`
    : `"${block.operator.value}" has no Like form: use "${op.base.includes('Not') ? 'StringNotLike' : 'StringLike'}" (case-sensitive) if they are wildcards`;
  ctx.report(
    'condition-wildcard-without-like',
    block.operator.range,
    `"${block.operator.value}" compares ${values} literally: "*" and "?" are wildcards only under a Like operator, so this matches only values that contain those characters. ${instead[0].toUpperCase()}${instead.slice(1)}.`,
    like ? { data: { replacement: like } } : undefined,
  );
}

/** A `*` or `?` in a string value outside policy variables and their `${*}`/`${?}` escapes. */
function hasLiteralWildcard(v: ConditionValue): boolean {
  if (v.kind !== 'string' || !isExact(v)) return false;
  const text = v.text;
  if (!text.includes('*') && !text.includes('?')) return false;
  let from = 0;
  for (const token of text.includes('${') ? scanVariables(text) : []) {
    if (token.kind === 'error') return false; // a malformed variable: its own finding; where it ends is a guess
    if (hasWildcardIn(text, from, token.start)) return true;
    from = token.end;
  }
  return hasWildcardIn(text, from, text.length);
}

function hasWildcardIn(text: string, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 42 || c === 63) return true;
  }
  return false;
}
